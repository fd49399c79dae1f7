"""An undo refused because another program changed the project file meanwhile says exactly what is in
the way: a row that now uses what the undo would remove, a row it would restore that refers to something
deleted since, a name taken since. Two real connections to one SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from framework_qa import Project, new_project, open_project
from framework_qa.core.errors import EditConflict

TEXT = "Interviewer: Why?\nP01: Because it helped.\n"


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Project, Project]]:
    with new_project(tmp_path / "study.fqa", ["alliance"]) as mine:
        mine.add_document("P01", TEXT)
        mine.undo_stack.clear()
        with open_project(mine.path) as theirs:
            yield mine, theirs


def _refused(project: Project) -> str:
    project.poll()
    with pytest.raises(EditConflict) as refused:
        project.undo()
    return str(refused.value)


def test_removing_a_code_another_program_has_used_since_is_refused(pair: tuple[Project, Project]) -> None:
    mine, theirs = pair
    mine.add_code("Worry")
    theirs.add_coding("P01", 0, 11, "Worry", "ben")
    assert "code 'Worry' is now used by 1 coding added since" in _refused(mine)
    assert mine.find_code("Worry") is not None


def test_restoring_a_coding_of_a_code_deleted_since_is_refused(pair: tuple[Project, Project]) -> None:
    mine, theirs = pair
    mine.add_coding("P01", 0, 11, "Working alliance/Bond", "amira")
    mine.undo_stack.clear()
    mine.remove_coding(mine.codings()[0].id)
    theirs.delete_code("Working alliance/Bond")
    assert "the coding of (deleted code) in 'P01' (0-11) refers to a code that was deleted since" in _refused(mine)


def test_restoring_a_code_whose_name_was_taken_since_is_refused(pair: tuple[Project, Project]) -> None:
    mine, theirs = pair
    mine.add_code("Worry")
    mine.undo_stack.clear()
    mine.delete_code("Worry")
    theirs.add_code("Worry")
    assert ("code 'Worry' cannot come back: a code of this name already exists at that place in the codebook"
            in _refused(mine))


def test_undoing_a_rename_to_a_name_taken_since_is_refused(pair: tuple[Project, Project]) -> None:
    mine, theirs = pair
    mine.add_code("Worry")
    mine.undo_stack.clear()
    mine.update_code("Worry", name="Fear")
    theirs.add_code("Worry")
    assert _refused(mine) == ("code 'Worry' cannot come back: a code of this name already exists at that place in "
                              "the codebook (another program may have just added it); undo of “Rename code 'Worry'” skipped")
    assert [c.name for c in mine.codes() if c.name in ("Worry", "Fear")] == ["Fear", "Worry"]


def test_redoing_a_summary_written_since_by_another_program_is_refused(pair: tuple[Project, Project]) -> None:
    mine, theirs = pair
    bond = mine.code("Working alliance/Bond").id
    mine.set_summary("P01", bond, "the reminders felt like care")
    mine.undo()
    theirs.set_summary("P01", bond, "ben's reading")
    mine.poll()
    with pytest.raises(EditConflict) as refused:
        mine.redo()
    message = str(refused.value)
    assert message == ("the summary of 'P01' × 'Bond' cannot come back: this case and code already have a summary "
                       "(another program may have just added it); redo of “Edit summary P01 × Bond” skipped")
    assert [s.text for s in mine.summaries()] == ["ben's reading"]

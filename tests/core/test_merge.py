"""Merging a coder's codings from a real copy of the project file back into the project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from framework_qa import Project, new_project, open_project
from framework_qa.core.errors import FqaError
from framework_qa.core.merge import merge_coder

TEXT_1 = "Interviewer: How was it?\nP01: Calm, mostly. The reminders helped 😅 a lot.\n"
TEXT_2 = "Interviewer: And the guide?\nP02: Robin felt like someone was there.\n"


@pytest.fixture
def original(tmp_path: Path) -> Path:
    path = tmp_path / "study.fqa"
    with new_project(path, ["alliance"]) as project:
        project.add_document("P01", TEXT_1)
        project.add_document("P02", TEXT_2)
        project.add_coding("P01", 0, 10, "Working alliance/Bond", "amira")
        project.undo_stack.clear()
    return path


def _copy(original: Path, name: str = "copy.fqa") -> Path:
    target = original.with_name(name)
    shutil.copy(original, target)
    return target


def _codings(project: Project, coder: str) -> set[tuple[str, str, int, int]]:
    found = project.find_coder(coder)
    if found is None:
        return set()
    return {(project.document(c.document_id).name, project.code_path(c.code_id), c.start, c.end)
            for c in project.codings(coders=[found.id])}


def test_codings_made_in_a_copy_come_back_as_one_undoable_command(original: Path) -> None:
    copy = _copy(original)
    with open_project(copy) as other:
        other.add_coding("P01", 30, 45, "Working alliance/Goal", "ben", memo="calm")
        other.add_coding("P02", 5, 20, "Working alliance/Bond", "ben")
        other.add_coding("P02", 0, 4, "Working alliance/Task", "amira")  # another coder: not brought in
        expected = _codings(other, "ben")
    with open_project(original) as project:
        report = merge_coder(project, copy, "ben")
        assert report.copied == 2 and not report.not_copied
        assert {m.by for m in report.documents} == {"content"} and {m.by for m in report.codes} == {"guid"}
        assert _codings(project, "ben") == expected
        assert _codings(project, "amira") == {("P01", "Working alliance/Bond", 0, 10)}
        assert any(c.memo == "calm" for c in project.codings(coders=["ben"]))
        project.undo()
        assert _codings(project, "ben") == set()


def test_merging_twice_does_not_duplicate(original: Path) -> None:
    copy = _copy(original)
    with open_project(copy) as other:
        other.add_coding("P01", 30, 45, "Working alliance/Goal", "ben")
    with open_project(original) as project:
        merge_coder(project, copy, "ben")
        again = merge_coder(project, copy, "ben")
        assert (again.copied, again.already_present) == (0, 1)
        assert again.change is None
        assert len(project.codings(coders=["ben"])) == 1


def test_documents_match_by_content_even_when_renamed(original: Path) -> None:
    copy = _copy(original)
    with open_project(copy) as other:
        other.add_coding("P02", 5, 20, "Working alliance/Bond", "ben")
    with open_project(original) as project:
        project.rename_document("P02", "Participant 2")
        report = merge_coder(project, copy, "ben")
        assert [(m.source, m.target, m.by) for m in report.documents] == [("P02", "Participant 2", "content")]
        assert _codings(project, "ben") == {("Participant 2", "Working alliance/Bond", 5, 20)}


def test_codes_match_by_path_when_the_id_differs_and_unknown_codes_are_listed(tmp_path: Path, original: Path) -> None:
    other_path = tmp_path / "separate.fqa"  # built separately: same texts, codes with other GUIDs
    with new_project(other_path) as other:
        other.add_document("P01", TEXT_1)
        other.add_code("Working alliance")
        other.add_code("Bond", parent="Working alliance")
        other.add_code("Brand new theme")
        other.add_coding("P01", 13, 24, "Working alliance/Bond", "ben")
        other.add_coding("P01", 30, 40, "Brand new theme", "ben")
    with open_project(original) as project:
        report = merge_coder(project, other_path, "ben")
        assert [(m.source, m.by) for m in report.codes] == [("Working alliance/Bond", "path")]
        assert report.unmatched_codes == ["Brand new theme"]
        assert [(s.code, s.start, s.end) for s in report.not_copied] == [("Brand new theme", 30, 40)]
        assert report.copied == 1


def test_a_document_matched_by_name_with_other_text_keeps_codings_only_where_the_text_is_found(
    tmp_path: Path, original: Path
) -> None:
    other_path = tmp_path / "edited.fqa"
    with new_project(other_path, ["alliance"]) as other:
        other.add_document("P01", "[intro] " + TEXT_1)  # shifted by 8 code points
        other.add_document("P09", "A transcript the project does not have.")
        other.add_coding("P01", 8 + 13, 8 + 24, "Working alliance/Bond", "ben")  # "How was it?" moves
        other.add_coding("P01", 0, 7, "Working alliance/Goal", "ben")  # "[intro]" is not in the project
        other.add_coding("P09", 0, 12, "Working alliance/Goal", "ben")
    with open_project(original) as project:
        report = merge_coder(project, other_path, "ben")
        assert [(m.source, m.by) for m in report.documents] == [("P01", "name")]
        assert report.unmatched_documents == ["P09"]
        assert (report.copied, report.moved) == (1, 1)
        assert _codings(project, "ben") == {("P01", "Working alliance/Bond", 13, 24)}
        reasons = sorted(s.reason.split(" (")[0] for s in report.not_copied)
        assert reasons == ["document not found in this project",
                           "the document's text differs here and the coded text is not found exactly once"]


def test_an_unknown_coder_and_the_project_itself_are_refused(original: Path) -> None:
    copy = _copy(original)
    with open_project(original) as project:
        with pytest.raises(FqaError, match="no coder named 'zoe'"):
            merge_coder(project, copy, "zoe")
        with pytest.raises(FqaError, match="not from the project itself"):
            merge_coder(project, original, "amira")

"""Every project command is undoable and redoable, and reports what it changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from framework_qa import CodingRequest, Project, open_project
from framework_qa.core.commands import Change


def snapshot(p: Project) -> tuple:
    """Everything a user can see, as plain data, for before/after comparisons."""
    return (
        [(d.name, d.case_id, d.length) for d in p.documents()],
        [c.name for c in p.cases()],
        [(p.code_path(c.id), c.colour, c.definition, c.origin) for c in p.codes()],
        [(c.document_id, c.code_id, c.coder_id, c.start, c.end, c.memo) for c in p.codings()],
        [(m.target_kind, m.target_id, m.text) for m in p.memos()],
        sorted((k, sorted(v.items())) for k, v in p.case_values().items()),
        [(s.case_id, s.code_id, s.text) for s in p.summaries()],
        [c.name for c in p.coders()],
        [(a.name, a.type) for a in p.attributes()],
        sorted(p.views("matrix")),
    )


@pytest.fixture
def coded(project: Project) -> Project:
    project.add_document("P01", "Interviewer: Why?\nP01: I trusted it. Robin felt real.\n")
    project.add_document("P02", "Interviewer: Why?\nP02: Reminders nagged me.\n")
    project.add_coding("P01", 23, 37, "Working alliance/Bond", "amira")
    project.add_coding("P02", 23, 40, "Persuasive Systems Design/Dialogue support/Reminders", "ben")
    project.define_attribute("age", "number")
    project.set_case_value("P01", "age", 34)
    project.set_summary("P01", "Working alliance/Bond", "Trust in the app")
    project.set_memo("code", project.code("Working alliance/Bond").id, "Watch referents")
    return project


def _bond(p: Project) -> int:
    return p.code("Working alliance/Bond").id


COMMANDS: dict[str, Callable[[Project], Change]] = {
    "add document": lambda p: p.add_document("P03", "P03: Hello there.\nP03: Again."),
    "rename document": lambda p: p.rename_document("P01", "P01-interview"),
    "assign case": lambda p: p.set_document_case("P02", "P01"),
    "delete document": lambda p: p.delete_document("P01"),
    "add case": lambda p: p.add_case("P99"),
    "rename case": lambda p: p.rename_case("P01", "Participant 1"),
    "delete case": lambda p: p.delete_case("P01"),
    "define attribute": lambda p: p.define_attribute("gender", "text"),
    "set value": lambda p: p.set_case_value("P02", "age", "51"),
    "add framework": lambda p: p.add_framework("dta"),
    "add theme": lambda p: p.add_code("Feeling judged"),
    "edit code": lambda p: p.update_code(_bond(p), definition="new", colour="#123456"),
    "move code": lambda p: p.move_code(_bond(p), None, 0),
    "merge codes": lambda p: p.merge_codes(_bond(p), "Working alliance/Goal"),
    "delete code": lambda p: p.delete_code("Working alliance"),
    "add coding": lambda p: p.add_coding("P01", 0, 11, "Working alliance/Goal", "amira"),
    "add emergent coding": lambda p: p.add_coding("P01", 0, 11, "Odd feelings", "amira", emergent=True),
    "add codings": lambda p: p.add_codings([CodingRequest("P02", 0, 5, "Working alliance/Task", "cleo")]),
    "remove coding": lambda p: p.remove_coding(p.codings()[0].id),
    "update coding": lambda p: p.update_coding(p.codings()[0].id, start=18, end=40, memo="wider"),
    "change coding code": lambda p: p.update_coding(p.codings()[0].id, code="Working alliance/Task"),
    "set coverage": lambda p: p.set_coverage("P01", "Working alliance/Bond", "consensus", 20, 40, [(25, 30)],
                                              label="Consensus"),
    "memo": lambda p: p.set_memo("document", p.document("P02").id, "Short interview"),
    "clear memo": lambda p: p.set_memo("code", _bond(p), ""),
    "summary": lambda p: p.set_summary("P02", "Working alliance/Bond", "No bond"),
    "save view": lambda p: p.save_view("matrix", "All", {"codes": ["Working alliance"]}),
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_undo_restores_and_redo_reapplies(coded: Project, name: str) -> None:
    before = snapshot(coded)
    change = COMMANDS[name](coded)
    after = snapshot(coded)
    assert change.tables, "a command reports the rows it touched"
    assert after != before
    assert coded.undo_stack.undo_label == change.label
    undone = coded.undo()
    assert undone is not None and undone.action == "undo" and undone.tables == change.tables
    assert snapshot(coded) == before
    coded.redo()
    assert snapshot(coded) == after


def test_undo_survives_reopening_as_data_not_history(coded: Project, tmp_path: Path) -> None:
    coded.add_coding("P01", 0, 11, "Working alliance/Goal", "amira")
    state = snapshot(coded)
    coded.close()
    with open_project(coded.location) as again:
        assert snapshot(again) == state
        assert not again.undo_stack.can_undo


def test_listeners_hear_do_undo_and_redo_with_coded_documents(coded: Project) -> None:
    heard: list[Change] = []
    coded.subscribe(heard.append)
    change = coded.add_coding("P02", 0, 5, "Working alliance/Goal", "amira")
    coded.undo()
    coded.redo()
    assert [c.action for c in heard] == ["do", "undo", "redo"]
    assert all(c.coded_documents == {coded.document("P02").id} for c in heard)
    assert change.created_id("codings") in heard[1].ids("codings")


def test_deleting_a_code_removes_its_subtree_codings_and_undo_brings_them_back(coded: Project) -> None:
    assert coded.affected_codings("Working alliance") == 1
    coded.delete_code("Working alliance")
    assert coded.find_code("Working alliance/Bond") is None
    assert len(coded.codings()) == 1
    coded.undo()
    assert coded.codings(code="Working alliance/Bond")[0].start == 23


def test_merging_moves_codings_summaries_and_memo_to_the_target(coded: Project) -> None:
    goal = coded.code("Working alliance/Goal").id
    coded.merge_codes("Working alliance/Bond", goal)
    assert [c.code_id for c in coded.codings(document="P01")] == [goal]
    assert coded.summary(coded.case("P01").id, goal) == "Trust in the app"
    assert coded.memo("code", goal) == "Watch referents"


def test_a_code_cannot_move_inside_itself(coded: Project) -> None:
    from framework_qa.core.errors import FqaError

    with pytest.raises(FqaError, match="inside itself"):
        coded.move_code("Working alliance", "Working alliance/Bond")


def test_invalid_ranges_and_names_are_refused_without_writing(coded: Project) -> None:
    from framework_qa.core.errors import FqaError

    before = snapshot(coded)
    for bad in (lambda: coded.add_coding("P01", 5, 5, "Working alliance/Bond", "a"),
                lambda: coded.add_coding("P01", -1, 5, "Working alliance/Bond", "a"),
                lambda: coded.add_coding("P01", 0, 10_000, "Working alliance/Bond", "a"),
                lambda: coded.add_coding("P01", 0, 5, "No such/Code", "a"),
                lambda: coded.add_code("a/b"),
                lambda: coded.add_code("Bond", parent="Working alliance"),
                lambda: coded.add_codings([CodingRequest("P01", 0, 5, "Working alliance/Bond", "a"),
                                           CodingRequest("P01", 0, 99, "Working alliance/Bond", "a")])):
        with pytest.raises(FqaError):
            bad()
    assert snapshot(coded) == before


def test_adding_a_framework_twice_adds_nothing_new(coded: Project) -> None:
    n = len(coded.codes())
    coded.add_framework("alliance")
    assert len(coded.codes()) == n


def test_set_coverage_replaces_only_inside_the_stretch_and_keeps_outside_parts(coded: Project) -> None:
    coded.update_coding(coded.codings(document="P01")[0].id, memo="keep me")  # amira's Bond 23-37
    coded.set_coverage("P01", "Working alliance/Bond", "amira", 26, 30, [(27, 28)], label="Consensus")
    ranges = [(c.start, c.end, c.memo) for c in coded.codings(document="P01", coders=["amira"])]
    assert ranges == [(23, 26, "keep me"), (27, 28, ""), (30, 37, "keep me")]
    assert coded.undo_stack.undo_label == "Consensus"

"""A REFI-QDA import writes only through the project's own write steps, as one exactly undoable command.

So the rules for a row (a taken document or code name, a document's own case, a memo that is kept and
added to) exist once: an import that collides ends up with the rows the project's commands would make.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from framework_qa import Project, new_project
from framework_qa.core.interop.adapter import import_refi_project
from framework_qa.core.interop.refi import (
    ImportReport,
    RefiCase,
    RefiCode,
    RefiNote,
    RefiProject,
    RefiSelection,
    RefiSource,
    RefiUser,
    RefiVariable,
)
from framework_qa.core.storage.schema import TABLES

G = "00000000-0000-4000-8000-0000000001{:02d}".format
TEXT = "Alpha beta gamma.\nDelta epsilon."
PROJECT_STEPS = str(Path("framework_qa", "core", "project"))


def _rows(project: Project) -> dict[str, list[dict[str, Any]]]:
    """Every row of every project table, ids included."""
    return {table: [dict(r) for r in project.store.select(table)] for table in sorted(TABLES)}


def _made(project: Project) -> dict[str, list[tuple[object, ...]]]:
    """Documents, cases and codes as their commands make them, without ids, GUIDs and times."""
    cases = {c.id: c.name for c in project.cases()}
    return {
        "documents": sorted((d.name, d.original_name, d.format, d.case_id and cases[d.case_id], d.length,
                             d.content_hash, project.text(d), tuple(project.spans(d))) for d in project.documents()),
        "cases": sorted(cases.values()),
        "codes": sorted((project.code_path(c), c.colour, c.definition, c.inclusion, c.exclusion, c.origin,
                         c.position) for c in project.codes()),
    }


def _seeded(path: Path) -> Project:
    project = new_project(path)
    project.add_document("doc", "Already here.")
    project.add_code("Dup", origin="deductive")
    project.add_code("Dup (2)", origin="deductive")
    return project


def test_a_colliding_import_makes_the_rows_the_projects_commands_make(tmp_path: Path) -> None:
    refi = RefiProject(name="x", origin="Some Tool", codes=(RefiCode(G(1), "Dup"),),
                       sources=(RefiSource(G(2), "doc", TEXT),))
    with _seeded(tmp_path / "imported.fqa") as imported, _seeded(tmp_path / "commands.fqa") as commands:
        report = ImportReport()
        import_refi_project(imported, refi, report, "x.qdpx")
        commands.add_document("doc (2)", TEXT, original_name="doc")
        commands.add_code("Dup (3)", origin="deductive")
        assert _made(imported) == _made(commands)
        assert imported.document("doc (2)").guid == G(2) and imported.code("Dup (3)").guid == G(1)
    assert any("imported as 'doc (2)'" in line for line in report.adjusted)
    assert any("named 'Dup (3)'" in line for line in report.adjusted)


def _exchange() -> RefiProject:
    """Touches what the project already holds: a case, an attribute, memos, a coder, names and GUIDs."""
    return RefiProject(
        name="x", origin="Some Tool",
        users=(RefiUser(G(10), "Zoë"), RefiUser(G(11), "New coder")),
        codes=(RefiCode(G(12), "Bond"), RefiCode(G(13), "A/B", children=(RefiCode(G(14), "Child"),))),
        variables=(RefiVariable(G(15), "age", "Integer"), RefiVariable(G(16), "flag", "Boolean")),
        cases=(RefiCase(G(17), "Case one", (G(18),), {G(15): 41, G(16): True}),
               RefiCase(G(19), "Case two", (), {G(15): 7})),
        sources=(
            RefiSource(G(18), "doc", TEXT, (
                RefiSelection(G(20), 0, 5, (G(12), G(14)), G(10), datetime(2024, 1, 2, tzinfo=UTC), "sel memo"),
                RefiSelection(G(21), 6, 10, (), None, note="a comment"),
                RefiSelection(G(22), 11, 16, (G(13),), None),
            ), description="about the doc"),
            RefiSource(G(23), "", "Second."),
        ),
        notes=(RefiNote(G(24), "Project note", "for the project"),
               RefiNote(G(25), "Case note", "for the case", frozenset({G(17)})),
               RefiNote(G(26), "Code note", "for the code", frozenset({G(12)})),
               RefiNote(G(27), "Passage", "for the passage", frozenset({G(20)}))),
    )


@pytest.fixture
def used(project: Project) -> Project:
    """The shared fixture project (two frameworks) with documents, a case, values, memos and a coder."""
    project.add_document("doc", "Already here.", case="Case one")
    project.add_coder("Zoë")
    project.define_attribute("age", "number")
    project.set_case_value("Case one", "age", 30)
    project.set_memo("project", 0, "Our project memo")
    project.set_memo("case", project.case("Case one").id, "Our case memo")
    project.add_code("Bond")
    return project


def test_every_write_of_an_import_is_made_by_a_project_step(used: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    callers: list[str] = []
    store = used.store

    def spy(write: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            callers.append(sys._getframe(1).f_code.co_filename)
            return write(*args, **kwargs)
        return wrapper

    for name in ("insert", "update", "delete"):
        monkeypatch.setattr(store, name, spy(getattr(store, name)))
    import_refi_project(used, _exchange(), ImportReport(), "x.qdpx")
    assert len(callers) > 20
    assert {c for c in callers if PROJECT_STEPS not in c} == set()


def test_an_import_into_a_used_project_is_one_command_whose_undo_restores_every_row(used: Project) -> None:
    before, label = _rows(used), used.undo_stack.undo_label
    report = ImportReport()
    outcome = import_refi_project(used, _exchange(), report, "x.qdpx")
    after = _rows(used)
    assert outcome.change is not None and outcome.documents == 2 and outcome.codings == 3
    assert used.case_values()[used.case("Case one").id] == {"age": "41", "flag": "true"}
    assert used.memo("project", 0).startswith("Our project memo\n\n")
    assert used.memo("case", used.case("Case one").id) == "Our case memo\n\nCase note\n\nfor the case"
    assert used.coder("Zoë").guid != G(10) and used.coder("New coder").guid == G(11)
    memos = [c.memo for c in used.codings(document="doc (2)") if c.start == 0]
    assert memos == ["sel memo\n\nPassage\n\nfor the passage"] * 2
    assert used.undo_stack.undo_label == "Import x.qdpx"
    used.undo()
    assert _rows(used) == before
    assert used.undo_stack.undo_label == label
    used.redo()
    assert _rows(used) == after

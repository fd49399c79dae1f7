"""The cases table's model as the cases table shows it: names, typed values, headers with hints, flags,
each kind of change re-read, and edits through the model run the project's commands."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QModelIndex, Qt

from framework_qa import Project
from framework_qa.gui.cases.table import CasesTable
from framework_qa.gui.cases.table_model import CASE_ID_ROLE, CasesTableModel
from framework_qa.gui.session import Session
from tests.gui.coding_widgets_support import reopen
from tests.gui.models.reading import ALIGN, EDIT, EDITABLE, RIGHT, TIP, VERTICAL, cells, flags, headers


def _table(qtbot, session: Session) -> CasesTable:  # type: ignore[no-untyped-def]
    table = CasesTable(session)
    qtbot.addWidget(table)
    return table


def test_cases_down_typed_attributes_across(qtbot, session: Session, study: Project) -> None:  # type: ignore[no-untyped-def]
    table = _table(qtbot, session)
    model = table.model
    p01, p02 = study.case("P01").id, study.case("P02").id
    assert cells(model) == [["P01", "34", "Leeds"], ["P02", "", "York"]]
    assert cells(model, EDIT) == cells(model)
    assert cells(model, CASE_ID_ROLE) == [[p01] * 3, [p02] * 3]
    assert cells(model, ALIGN) == [[None, RIGHT, None]] * 2  # numbers line up on the right
    assert cells(model, TIP) == [[None] * 3] * 2
    assert headers(model) == [None, "Case", "age (number)", "site", None]
    assert headers(model, TIP) == [None, None, "age: a number, e.g. 34 or 2.5", "site: any text", None]
    assert headers(model, ALIGN) == [None] * 5
    assert headers(model, orientation=VERTICAL) == [None] * 4  # no row numbers
    assert flags(model) == [[EDITABLE] * 3] * 2
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
    assert model.data(QModelIndex()) is None and model.data(QModelIndex(), CASE_ID_ROLE) is None
    first = model.index(0, 0)
    assert model.rowCount(first) == 0 and model.columnCount(first) == 0  # a table: no children
    assert [model.case_id(r) for r in (-1, 0, 1, 2)] == [None, p01, p02, None]
    assert [model.row_of(c) for c in (p02, p01, -5)] == [1, 0, -1]
    assert [a.name if a else None for a in map(model.attribute, (0, 1, 2, 3))] == [None, "age", "site", None]


def test_each_kind_of_change_is_shown(qtbot, session: Session, study: Project) -> None:  # type: ignore[no-untyped-def]
    table = _table(qtbot, session)
    model = table.model
    study.add_case("P04")  # cases only
    assert cells(model) == [["P01", "34", "Leeds"], ["P02", "", "York"], ["P04", "", ""]]
    study.define_attribute("joined", "date")  # attributes only
    assert headers(model)[1:-1] == ["Case", "age (number)", "site", "joined (date)"]
    assert headers(model, TIP)[-2] == "joined: a date, YYYY-MM-DD"
    assert cells(model)[2] == ["P04", "", "", ""]
    study.set_case_value("P04", "joined", "2024-05-01")  # case values only
    assert cells(model)[2] == ["P04", "", "", "2024-05-01"]
    study.undo()
    study.undo()
    assert cells(model) == [["P01", "34", "Leeds"], ["P02", "", "York"], ["P04", "", ""]]


def test_editing_cells_runs_the_commands_and_a_rejected_value_is_reported(qtbot, session: Session,
                                                                         study: Project) -> None:  # type: ignore[no-untyped-def]
    table = _table(qtbot, session)
    model = table.model
    errors: list[str] = []
    model.error.connect(errors.append)
    commands: list[object] = []
    session.changed.connect(commands.append)
    assert not model.setData(model.index(1, 1), "  ")  # P02 has no age: nothing to clear
    assert commands == []
    assert model.setData(model.index(1, 1), " 41 ")  # as the view's editor hands it over
    assert model.setData(model.index(0, 2), None)  # cleared
    assert model.setData(model.index(0, 0), "Participant 1")  # now sorts after P02
    with reopen(study.path) as check:
        assert sorted(c.name for c in check.cases()) == ["P02", "Participant 1"]
        values = check.case_values()
        assert values[check.case("P02").id]["age"] == "41"
        assert "site" not in values[check.case("Participant 1").id]
    assert cells(model) == [["P02", "41", "York"], ["Participant 1", "34", ""]]
    commands.clear()
    assert not model.setData(model.index(0, 1), "41")  # unchanged: no command
    assert not model.setData(model.index(0, 1), "42", Qt.ItemDataRole.DisplayRole)  # only edits edit
    assert not model.setData(QModelIndex(), "42")
    assert commands == [] and errors == []
    assert not model.setData(model.index(0, 1), "forty")
    assert len(errors) == 1 and "age" in errors[0] and table.error_label.text() == f"⚠ {errors[0]}"
    assert not model.setData(model.index(1, 0), "P02")  # a taken name
    assert len(errors) == 2
    assert cells(model) == [["P02", "41", "York"], ["Participant 1", "34", ""]]


def test_the_table_owns_its_model(qtbot, session: Session, study: Project) -> None:  # type: ignore[no-untyped-def]
    """Deleting the table deletes the model with it, which then no longer re-reads at every change."""
    table = CasesTable(session)
    model = table.model
    assert isinstance(model, CasesTableModel) and model.parent() is table
    shiboken6.delete(table)
    assert not shiboken6.isValid(model)
    study.add_case("P05")  # no model left listening

"""The documents tree and the cases table: renames, case assignment, typed values, imports, deletes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from framework_qa import Project
from framework_qa.gui.cases.model import NO_CASE, DocumentTreeModel
from framework_qa.gui.cases.table import CasesTable
from framework_qa.gui.cases.table_model import CASE_ID_ROLE, CasesTableModel
from framework_qa.gui.documents.panel import DocumentsPanel
from framework_qa.gui.session import Session
from tests.gui.coding_widgets_support import reopen
from tests.support.demo import demo_project


@pytest.fixture
def panel(session: Session, qtbot) -> DocumentsPanel:
    widget = DocumentsPanel(session)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def table(session: Session, qtbot) -> CasesTable:
    widget = CasesTable(session)
    qtbot.addWidget(widget)
    return widget


def answer_yes(monkeypatch) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes)
    return asked


def tree_rows(model) -> list[tuple[str, list[str]]]:
    out = []
    for r in range(model.rowCount()):
        case = model.index(r, 0)
        out.append((case.data(), [model.index(i, 0, case).data() for i in range(model.rowCount(case))]))
    return out


def test_models_pass_the_model_tester_on_the_demo_project(qtmodeltester, tmp_path: Path) -> None:
    with demo_project(tmp_path / "demo.fqa") as project:
        session = Session(project, "amira")
        qtmodeltester.check(DocumentTreeModel(session))
        qtmodeltester.check(CasesTableModel(session))


def test_models_pass_the_model_tester_after_edits(qtmodeltester, session: Session, study: Project) -> None:
    tree, table = DocumentTreeModel(session), CasesTableModel(session)
    study.set_document_case("P02", None)
    study.define_attribute("joined", "date")
    qtmodeltester.check(tree)
    qtmodeltester.check(table)


def test_cases_hold_their_documents_and_loose_documents_sit_under_no_case(panel: DocumentsPanel,
                                                                         study: Project) -> None:
    # a case whose only document has its name is one row ("P01", not "P01 > P01")
    assert tree_rows(panel.model) == [("P01", []), ("P02", []), (NO_CASE, ["Notes"])]
    study.add_document("P02 follow-up", "Interviewer: Again?\n\nP02: Yes.", case="P02")
    study.set_document_case("Notes", "P01")
    assert tree_rows(panel.model) == [("P01", ["Notes", "P01"]), ("P02", ["P02", "P02 follow-up"])]


def test_a_case_shown_as_one_row_is_its_document(panel: DocumentsPanel, study: Project, qtbot) -> None:
    p01 = study.document("P01").id
    row = panel.model.index_of_document(p01)
    assert row == panel.model.index(0, 0) and panel.model.document_id(row) == p01
    assert panel.model.case_id(row) == study.case("P01").id
    assert "characters" in row.data(Qt.ItemDataRole.ToolTipRole) and "Leeds" in row.data(Qt.ItemDataRole.ToolTipRole)
    assert panel.model.setData(row, "P01 pilot")  # renaming the row renames the document, one command
    assert study.document(p01).name == "P01 pilot" and study.find_case("P01") is not None
    assert tree_rows(panel.model)[0] == ("P01", ["P01 pilot"])
    panel.rename_case(study.case("P01").id, "P01 pilot")  # the context menu's Rename case…
    assert tree_rows(panel.model)[0] == ("P01 pilot", [])


def test_one_click_on_a_row_opens_its_document(panel: DocumentsPanel, study: Project, qtbot) -> None:
    panel.show()
    panel.filter.setText("p02")
    index = panel.proxy.index(0, 0)
    with qtbot.waitSignal(panel.document_activated) as signal:
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton,
                         pos=panel.tree.visualRect(index).center())
    assert signal.args == [study.document("P02").id]


def test_attribute_values_show_in_the_case_tooltip_and_as_optional_columns(panel: DocumentsPanel) -> None:
    case = panel.model.index(0, 0)
    tip = case.data(Qt.ItemDataRole.ToolTipRole)
    assert "age" in tip and "34" in tip and "Leeds" in tip
    assert panel.model.headerData(2, Qt.Orientation.Horizontal) == "site"
    assert panel.tree.isColumnHidden(2)
    panel.set_attribute_columns({"site"})
    assert not panel.tree.isColumnHidden(2) and panel.tree.isColumnHidden(1)
    assert panel.model.index(0, 2).data() == "Leeds"


def test_the_filter_matches_names_and_attribute_values(panel: DocumentsPanel) -> None:
    panel.filter.setText("york")
    assert tree_rows(panel.proxy) == [("P02", [])]
    panel.filter.setText("notes")
    assert tree_rows(panel.proxy) == [(NO_CASE, ["Notes"])]
    panel.filter.clear()
    assert len(tree_rows(panel.proxy)) == 3


def test_activating_a_document_emits_its_id(panel: DocumentsPanel, study: Project, qtbot) -> None:
    doc_id = study.document("P02").id
    panel.select_document(doc_id)
    with qtbot.waitSignal(panel.document_activated) as signal:
        panel.tree.activated.emit(panel.tree.currentIndex())
    assert signal.args == [doc_id]


def test_assigning_a_document_to_a_new_case_and_undo(panel: DocumentsPanel, study: Project) -> None:
    notes = study.document("Notes").id
    panel.assign_case(notes, "Site visits")
    with reopen(study.path) as check:
        assert check.case(check.document(notes).case_id).name == "Site visits"
    assert ("Site visits", ["Notes"]) in tree_rows(panel.model)
    study.undo()
    with reopen(study.path) as check:
        assert check.document(notes).case_id is None


def test_assigning_to_no_case_through_the_chooser(panel: DocumentsPanel, study: Project, monkeypatch) -> None:
    from framework_qa.gui.documents import panel as module
    monkeypatch.setattr(module.QInputDialog, "getItem", lambda *a, **k: (NO_CASE, True))
    panel.assign_case(study.document("P01").id)
    with reopen(study.path) as check:
        assert check.document("P01").case_id is None


def test_renaming_a_document_inline_and_undo(panel: DocumentsPanel, study: Project) -> None:
    doc_id = study.document("P02").id
    assert panel.model.setData(panel.model.index_of_document(doc_id), "P02 interview")
    with reopen(study.path) as check:
        assert check.document(doc_id).name == "P02 interview"
    assert panel.selected_document_id() in (None, doc_id)
    study.undo()
    with reopen(study.path) as check:
        assert check.document(doc_id).name == "P02"


def test_renaming_to_a_taken_name_reports_an_error(panel: DocumentsPanel, study: Project, monkeypatch) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    assert not panel.model.setData(panel.model.index_of_document(study.document("P02").id), "P01")
    assert warnings and "already in the project" in warnings[0]


def test_deleting_a_document_confirms_with_its_codings_and_undoes(panel: DocumentsPanel, study: Project,
                                                                  monkeypatch) -> None:
    asked = answer_yes(monkeypatch)
    doc_id = study.document("P01").id
    assert panel.delete_document(doc_id)
    assert "3 codings" in asked[0]
    with reopen(study.path) as check:
        assert sorted(d.name for d in check.documents()) == ["Notes", "P02"]
        assert len(check.codings()) == 1
    study.undo()
    with reopen(study.path) as check:
        assert len(check.codings(document="P01")) == 3


def test_editing_a_number_cell_stores_it_and_undoes(table: CasesTable, study: Project) -> None:
    row = table.model.row_of(study.case("P02").id)
    assert table.model.setData(table.model.index(row, 1), "41")
    with reopen(study.path) as check:
        assert check.case_values()[check.case("P02").id]["age"] == "41"
    study.undo()
    with reopen(study.path) as check:
        assert "age" not in check.case_values().get(check.case("P02").id, {})


def test_a_value_of_the_wrong_type_is_shown_as_an_error_and_not_stored(table: CasesTable, study: Project) -> None:
    row = table.model.row_of(study.case("P01").id)
    assert not table.model.setData(table.model.index(row, 1), "thirty")
    assert table.error_label.isVisibleTo(table) and "age" in table.error_label.text()
    with reopen(study.path) as check:
        assert check.case_values()[check.case("P01").id]["age"] == "34"


def test_typed_headers_and_clearing_a_value(table: CasesTable, study: Project) -> None:
    assert table.model.headerData(1, Qt.Orientation.Horizontal) == "age (number)"
    row = table.model.row_of(study.case("P01").id)
    assert table.model.setData(table.model.index(row, 2), "")
    with reopen(study.path) as check:
        assert "site" not in check.case_values()[check.case("P01").id]


def test_renaming_adding_and_deleting_cases(table: CasesTable, study: Project, monkeypatch) -> None:
    row = table.model.row_of(study.case("P01").id)
    assert table.model.setData(table.model.index(row, 0), "Participant 1")
    table.add_case("P03")
    new_id = table.selected_case_id()
    assert new_id is not None and table.model.index(table.model.row_of(new_id), 0).data(CASE_ID_ROLE) == new_id
    asked = answer_yes(monkeypatch)
    assert table.delete_case(study.case("P02").id)
    assert "1 document stay" in asked[0]
    with reopen(study.path) as check:
        assert sorted(c.name for c in check.cases()) == ["P03", "Participant 1"]
        assert check.document("P02").case_id is None
    for _ in range(3):
        study.undo()
    with reopen(study.path) as check:
        assert sorted(c.name for c in check.cases()) == ["P01", "P02"]


def test_adding_a_typed_attribute_adds_a_column(table: CasesTable, study: Project) -> None:
    table.add_attribute("joined", "date")
    assert table.model.headerData(3, Qt.Orientation.Horizontal) == "joined (date)"
    row = table.model.row_of(study.case("P01").id)
    assert not table.model.setData(table.model.index(row, 3), "last spring")
    assert table.model.setData(table.model.index(row, 3), "2024-03-01")
    with reopen(study.path) as check:
        assert check.case_values()[check.case("P01").id]["joined"] == "2024-03-01"


def test_importing_attributes_from_csv_and_undo(table: CasesTable, study: Project, tmp_path: Path) -> None:
    csv = tmp_path / "participants.csv"
    csv.write_text("case,age,gender\nP01,35,woman\nP02,52,man\n", encoding="utf-8")
    table.import_attributes(str(csv))
    with reopen(study.path) as check:
        values = check.case_values()
        assert values[check.case("P02").id]["gender"] == "man"
        assert values[check.case("P01").id]["age"] == "35"
    assert table.model.columnCount() == 4
    study.undo()
    with reopen(study.path) as check:
        assert [a.name for a in check.attributes()] == ["age", "site"]


def test_a_bad_attribute_file_is_reported_in_a_dialog(table: CasesTable, study: Project, tmp_path: Path,
                                                      monkeypatch) -> None:
    csv = tmp_path / "bad.csv"
    csv.write_text("case,age\nP01,very old\n", encoding="utf-8")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    table.import_attributes(str(csv))
    assert warnings and "bad.csv" in warnings[0]
    with reopen(study.path) as check:
        assert check.case_values()[check.case("P01").id]["age"] == "34"

"""The codings table: per document and per code, coder filtering, navigation, uncode, recode, memo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from framework_qa import Project
from framework_qa.gui.codings import panel as panel_module
from framework_qa.gui.codings.model import CODE, CODER, DOCUMENT, MEMO, PARAGRAPH, TEXT, CodingsTableModel
from framework_qa.gui.codings.panel import CodingsPanel
from framework_qa.gui.session import Session
from tests.gui.coding_widgets_support import reopen
from tests.support.demo import demo_project


@pytest.fixture
def panel(session: Session, qtbot) -> CodingsPanel:
    widget = CodingsPanel(session)
    qtbot.addWidget(widget)
    return widget


def column(panel: CodingsPanel, col: int) -> list[str]:
    return [panel.proxy.index(r, col).data() for r in range(panel.proxy.rowCount())]


def test_model_passes_the_model_tester_for_a_document_and_a_code(qtmodeltester, tmp_path: Path) -> None:
    with demo_project(tmp_path / "demo.fqa") as project:
        model = CodingsTableModel(Session(project, "amira"))
        model.show_document(project.documents()[0].id)
        qtmodeltester.check(model)
        model.show_code(project.code("Working alliance").id, with_descendants=True)
        qtmodeltester.check(model)


def test_a_document_lists_its_codings_with_paragraph_code_coder_and_excerpt(panel: CodingsPanel,
                                                                            study: Project) -> None:
    panel.show_document(study.document("P01").id)
    assert column(panel, PARAGRAPH) == ["2", "2", "4"]
    assert column(panel, CODE) == ["Goal", "Goal", "Bond"]
    assert sorted(column(panel, CODER)) == ["amira", "amira", "ben"]
    assert "I wanted the panic to stop" in column(panel, TEXT)
    assert column(panel, MEMO)[2] == "warmth towards the guide"
    assert panel.view.isColumnHidden(DOCUMENT)
    assert "3" in panel.title.text() and "P01" in panel.title.text()


def test_an_excerpt_after_an_emoji_is_cut_at_code_points(panel: CodingsPanel, study: Project) -> None:
    text = study.text("P01")
    start = text.index("before meetings")
    study.add_coding("P01", start, start + len("before meetings"), "Working alliance/Task", "amira")
    panel.show_document(study.document("P01").id)
    assert "before meetings" in column(panel, TEXT)


def test_only_the_visible_coders_are_listed(panel: CodingsPanel, session: Session, study: Project) -> None:
    panel.show_document(study.document("P01").id)
    session.set_visible_coders(frozenset({"ben"}))
    assert column(panel, CODER) == ["ben"]
    session.set_visible_coders(frozenset({"nobody"}))
    assert column(panel, CODER) == []
    session.set_visible_coders(None)
    assert len(column(panel, CODER)) == 3


def test_a_code_lists_its_codings_across_documents_with_or_without_sub_codes(panel: CodingsPanel,
                                                                             study: Project) -> None:
    panel.show_code(study.code("Working alliance").id)
    assert len(column(panel, CODE)) == 4 and not panel.view.isColumnHidden(DOCUMENT)
    assert sorted(set(column(panel, DOCUMENT))) == ["P01", "P02"]
    panel.descendants.setChecked(False)
    assert column(panel, CODE) == []
    panel.show_code(study.code("Working alliance/Task").id)
    assert column(panel, DOCUMENT) == ["P02"]


def test_codings_are_inserted_removed_and_updated_in_place_without_a_reset(panel: CodingsPanel,
                                                                           study: Project) -> None:
    panel.show_document(study.document("P01").id)
    resets: list[int] = []
    inserted: list[int] = []
    panel.model.modelReset.connect(lambda: resets.append(1))
    panel.model.rowsInserted.connect(lambda parent, first, last: inserted.append(first))
    study.add_coding("P02", 0, 5, "Working alliance/Bond", "amira")
    assert panel.model.rowCount() == 3
    study.add_coding("P01", 0, 5, "Working alliance/Bond", "amira")
    assert inserted == [0] and column(panel, PARAGRAPH)[0] == "1" and panel.model.rowCount() == 4
    coding = panel.model.coding(0)
    assert coding is not None
    study.update_coding(coding.id, code="Working alliance/Task")
    assert column(panel, CODE)[0] == "Task"
    robin = study.text("P01").index("Robin felt")
    study.update_coding(coding.id, start=robin, end=robin + 5)  # moves down, among the Robin codings
    rows = [panel.model.coding(r) for r in range(4)]
    assert rows[2] is not None and rows[2].id == coding.id
    assert [(c.start, c.end) for c in rows if c] == sorted((c.start, c.end) for c in study.codings(document="P01"))
    study.undo()
    study.undo()
    study.undo()
    assert panel.model.rowCount() == 3 and resets == []
    assert "3" in panel.title.text()


def test_selecting_a_row_asks_to_show_that_range(panel: CodingsPanel, session: Session, study: Project,
                                                 qtbot) -> None:
    panel.show_document(study.document("P01").id)
    with qtbot.waitSignal(session.navigate) as signal:
        panel.view.setCurrentIndex(panel.proxy.index(2, TEXT))
    coding = panel.selected_codings()[0]
    assert signal.args == [coding.document_id, coding.start, coding.end]
    with qtbot.waitSignal(session.navigate):
        panel.view.clicked.emit(panel.proxy.index(2, TEXT))


def test_sorting_by_coder_and_back_to_text_order(panel: CodingsPanel, study: Project) -> None:
    panel.show_document(study.document("P01").id)
    panel.view.sortByColumn(CODER, Qt.SortOrder.DescendingOrder)
    assert column(panel, CODER)[0] == "ben"
    panel.view.sortByColumn(PARAGRAPH, Qt.SortOrder.AscendingOrder)
    assert column(panel, PARAGRAPH) == ["2", "2", "4"]


def test_uncoding_from_the_table_and_undo(panel: CodingsPanel, study: Project) -> None:
    panel.show_document(study.document("P01").id)
    panel.view.selectRow(0)
    panel.uncode(panel.selected_codings())
    with reopen(study.path) as check:
        assert len(check.codings(document="P01")) == 2
    study.undo()
    with reopen(study.path) as check:
        assert len(check.codings(document="P01")) == 3


def test_uncoding_several_rows_is_one_command(panel: CodingsPanel, study: Project) -> None:
    panel.show_document(study.document("P01").id)
    panel.view.selectAll()
    panel.uncode(panel.selected_codings())
    assert study.undo_stack.undo_label == "Uncode 3 codings"
    study.undo()
    assert len(study.codings(document="P01")) == 3


def test_changing_the_code_through_the_chooser_and_undo(panel: CodingsPanel, study: Project, monkeypatch) -> None:
    panel.show_document(study.document("P01").id)
    coding = panel.model.coding(0)
    assert coding is not None
    task = study.code("Working alliance/Task").id
    monkeypatch.setattr(panel_module, "choose_code", lambda *a, **k: task)
    panel.change_code(coding.id)
    with reopen(study.path) as check:
        assert check.coding(coding.id).code_id == task
    study.undo()
    with reopen(study.path) as check:
        assert check.coding(coding.id).code_id == coding.code_id


def test_editing_the_memo_cell_updates_the_coding_and_undoes(panel: CodingsPanel, study: Project) -> None:
    panel.show_document(study.document("P01").id)
    coding = panel.model.coding(0)
    assert coding is not None
    assert panel.model.setData(panel.model.index(0, MEMO), "hopes, not symptoms")
    with reopen(study.path) as check:
        assert check.coding(coding.id).memo == "hopes, not symptoms"
    study.undo()
    with reopen(study.path) as check:
        assert check.coding(coding.id).memo == ""


def test_a_deleted_document_empties_the_table(panel: CodingsPanel, study: Project) -> None:
    panel.show_document(study.document("P02").id)
    study.delete_document("P02")
    assert panel.model.rowCount() == 0 and panel.model.shown == ("none", None)

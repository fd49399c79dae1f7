"""MatrixPanel: summaries saved as one undoable command per editing burst, drafts only into empty
summaries, excerpts navigate, saved matrices reopen, filters and coders apply, chart and exports save."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from framework_qa.core.project import Project
from framework_qa.gui.matrix import MatrixPanel
from framework_qa.gui.matrix.chart import frequency_data, save_chart
from framework_qa.gui.session import Session
from tests.core.analysis.matrix.conftest import build_small


@pytest.fixture
def panel(qtbot, tmp_path: Path) -> Iterator[MatrixPanel]:
    project: Project = build_small(tmp_path / "p.fqa")
    project.undo_stack.clear()
    session = Session(project, "amira")
    widget = MatrixPanel(session)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    yield widget
    widget.editor.commit()
    session.close()


def cell_of(panel: MatrixPanel, case: str, path: str) -> tuple[int, int]:
    m = panel.model.matrix
    assert m is not None
    r = panel.model.model_row(m.row_index(panel.project.case(case).id))
    c = [col.path for col in m.columns].index(path)
    return r, c


def test_a_burst_of_typing_is_one_undoable_summary_command(panel: MatrixPanel, qtbot) -> None:
    panel.select_cell(*cell_of(panel, "alpha", "Alliance/Task"))
    panel.editor.setFocus()
    qtbot.keyClicks(panel.editor, "Helped with")
    qtbot.keyClicks(panel.editor, " reminders.")
    qtbot.waitUntil(lambda: not panel.editor.dirty, timeout=3000)
    p = panel.project
    assert p.summary(p.case("alpha").id, p.code("Alliance/Task").id) == "Helped with reminders."
    assert p.undo_stack.undo_label.startswith("Edit summary")
    assert "Helped with reminders." in panel.model.data(panel.model.index(*cell_of(panel, "alpha", "Alliance/Task")))
    p.undo()
    assert p.summary(p.case("alpha").id, p.code("Alliance/Task").id) == ""
    assert not p.undo_stack.can_undo
    assert panel.editor.toPlainText() == ""


def test_choosing_another_cell_saves_pending_text(panel: MatrixPanel, qtbot) -> None:
    panel.select_cell(*cell_of(panel, "alpha", "Alliance/Goal"))
    qtbot.keyClicks(panel.editor, "Goals clear.")
    panel.select_cell(*cell_of(panel, "beta", "Guilt"))
    p = panel.project
    assert p.summary(p.case("alpha").id, p.code("Alliance/Goal").id) == "Goals clear."


def test_excerpts_show_references_and_clicking_navigates(panel: MatrixPanel, qtbot) -> None:
    panel.select_cell(*cell_of(panel, "alpha", "Alliance/Task"))
    assert panel.excerpts.count() == 2
    item = panel.excerpts.item(0)
    assert item.text().startswith("A1 ¶2 (amira): The reminders helped")
    with qtbot.waitSignal(panel.session.navigate) as signal:
        panel._on_excerpt(item)
    doc = panel.project.document("A1")
    start = panel.project.text(doc).index("The reminders")
    assert signal.args == [doc.id, start, start + len("The reminders helped")]


def test_draft_fills_only_an_empty_summary(panel: MatrixPanel) -> None:
    p = panel.project
    panel.select_cell(*cell_of(panel, "alpha", "Alliance/Task"))
    assert panel.draft_btn.isEnabled()
    assert panel.draft()
    assert p.summary(p.case("alpha").id, p.code("Alliance/Task").id).startswith("A1 ¶2: \u201cThe reminders")
    assert panel.editor.toPlainText().startswith("A1 ¶2")
    assert not panel.draft()  # now it has text


def test_filter_group_and_coders_change_the_rows_and_counts(panel: MatrixPanel) -> None:
    panel.filter_edit.setText("weeks>4")
    panel.refresh()
    assert [r.name for r in panel.model.matrix.rows] == ["alpha", "gamma"]
    panel.filter_edit.setText("nonsense>4")
    panel.refresh()
    assert "no case attribute" in panel.status.text()
    panel.filter_edit.setText("")
    panel.set_coders({"ben"})
    r, c = cell_of(panel, "alpha", "Alliance/Task")
    assert panel.model.data(panel.model.index(r, c), panel.model.CellRole)[0] == 1
    assert panel.coders_btn.text() == "Coders: ben"


def test_saved_matrix_reopens_with_its_settings(panel: MatrixPanel) -> None:
    panel.columns_combo.setCurrentIndex(panel.columns_combo.findText("Alliance"))
    panel.group_combo.setCurrentIndex(panel.group_combo.findText("gender"))
    panel.filter_edit.setText("weeks>=3")
    panel.set_coders({"amira"})
    panel.save_current("By gender")
    panel.columns_combo.setCurrentIndex(0)
    panel.group_combo.setCurrentIndex(0)
    panel.filter_edit.setText("")
    panel.set_coders(None)
    panel.open_saved("By gender")
    m = panel.model.matrix
    assert [c.path for c in m.columns] == ["Alliance/Goal", "Alliance/Task", "Alliance/Bond"]
    assert m.spec.group_by == "gender" and m.spec.coders == ("amira",)
    assert panel.filter_edit.text() == "weeks>=3"
    panel.delete_saved("By gender")
    assert panel.saved_combo.count() == 0


def test_hand_picked_columns(panel: MatrixPanel) -> None:
    panel.columns_combo.setCurrentIndex(panel.columns_combo.findText("Hand-picked codes"))
    assert panel.picker.isVisible()
    for i in range(panel.picker.count()):
        if panel.picker.item(i).text() in ("Guilt", "Alliance/Bond"):
            panel.picker.item(i).setCheckState(Qt.CheckState.Checked)
    assert [c.path for c in panel.model.matrix.columns] == ["Alliance/Bond", "Guilt"]


def test_chart_saves_png_and_svg_and_exports_write(panel: MatrixPanel, tmp_path: Path) -> None:
    panel.group_combo.setCurrentIndex(panel.group_combo.findText("gender"))
    data = frequency_data(panel.model.matrix)
    assert data.series == ["female", "male"]
    save_chart(data, tmp_path / "c.png")
    save_chart(frequency_data(panel.model.matrix, "case"), tmp_path / "c.svg")
    assert (tmp_path / "c.png").read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in (tmp_path / "c.svg").read_text(encoding="utf-8")
    dialog = panel.show_chart()
    assert dialog is not None
    dialog.close()
    panel.export("xlsx", tmp_path / "m.xlsx")
    assert openpyxl.load_workbook(tmp_path / "m.xlsx")["Matrix"]["B3"].value == "gender"  # below the title and category rows


def test_panel_follows_project_changes_and_undo(panel: MatrixPanel) -> None:
    p = panel.project
    p.set_summary("beta", "Guilt", "Typed elsewhere.")
    r, c = cell_of(panel, "beta", "Guilt")
    assert panel.model.data(panel.model.index(r, c)).startswith("Typed elsewhere.")
    p.add_code("Privacy")
    assert "Privacy" in [col.path for col in panel.model.matrix.columns]


def test_charts_title_both_axes_and_label_every_bar_with_its_value(panel: MatrixPanel, tmp_path: Path) -> None:
    from framework_qa.gui.matrix.chart import axis_ticks

    assert axis_ticks(72) == [0, 20, 40, 60, 80] and axis_ticks(3) == [0, 1, 2, 3] and axis_ticks(0) == [0, 1]
    panel.group_combo.setCurrentIndex(panel.group_combo.findText("gender"))
    data = frequency_data(panel.model.matrix)
    assert (data.label_axis, data.value_axis) == ("Code", "Number of codings (one bar per gender)")
    by_case = frequency_data(panel.model.matrix, "case")
    assert by_case.label_axis == "Case"
    for chart, name in ((data, "g.svg"), (by_case, "c.svg")):
        save_chart(chart, tmp_path / name)
        svg = (tmp_path / name).read_text(encoding="utf-8")
        assert f">{chart.label_axis}<" in svg and f">{chart.value_axis}<" in svg
        for row in chart.values:  # each bar's value is written beside it
            for value in row:
                assert f">{value}<" in svg

"""The matrix table model through qtmodeltester, plus its display, heat and sorting behaviour."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from framework_qa.core.analysis.matrix import MatrixSpec, build_matrix
from framework_qa.gui.matrix.table_model import MatrixTableModel
from tests.core.analysis.matrix.conftest import build_small


def test_model_passes_qtmodeltester(qtmodeltester, tmp_path: Path) -> None:
    p = build_small(tmp_path / "g.fqa")
    model = MatrixTableModel()
    qtmodeltester.check(model)  # empty
    model.set_matrix(build_matrix(p, MatrixSpec(group_by="gender")))
    model.set_heat(True)
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    p.close()


def test_cells_show_summary_and_figures_and_shade_by_coverage(tmp_path: Path) -> None:
    p = build_small(tmp_path / "g.fqa")
    p.set_summary("alpha", "Alliance/Task", "Reminders mattered.")
    model = MatrixTableModel()
    model.set_matrix(build_matrix(p, MatrixSpec(columns=("Alliance/Task", "Guilt"))))
    assert model.data(model.index(0, 0)) == "Reminders mattered.\n2 codings · 30 chars"
    assert model.data(model.index(0, 1)) == ""
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    model.set_heat(True)
    assert model.data(model.index(0, 1), Qt.ItemDataRole.BackgroundRole) == QColor("white")
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) != QColor("white")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Task"
    assert "Task definition" in model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    p.close()


def test_sorting_by_a_column_orders_cases_by_codings(tmp_path: Path) -> None:
    p = build_small(tmp_path / "g.fqa")
    model = MatrixTableModel()
    model.set_matrix(build_matrix(p, MatrixSpec(columns=("Guilt",))))
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(3)] == ["beta", "alpha", "gamma"]
    model.sort(-1)
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(3)] == ["alpha", "beta", "gamma"]
    p.close()

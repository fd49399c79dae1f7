"""The matrix's model as the matrix panel shows it: each cell's summary preview and figures, tooltips,
the heat shading relative to the densest cell, case and code headers, sorting by a header click, and
the signals a coding or a summary announces (only the cells that changed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QColor

from framework_qa import Project, new_project
from framework_qa.core.analysis.matrix import MatrixSpec, build_matrix
from framework_qa.gui.matrix import MatrixPanel
from framework_qa.gui.matrix.table_model import MatrixTableModel
from framework_qa.gui.session import Session
from tests.core.analysis.matrix.conftest import build_small
from tests.gui.models.reading import SELECTABLE, TIP, VERTICAL, cells, flags, headers

BACKGROUND = Qt.ItemDataRole.BackgroundRole
WHITE = QColor(255, 255, 255)
HEAT = QColor(244, 162, 89)
CASES = ["alpha", "beta", "gamma"]


@pytest.fixture
def small(tmp_path: Path) -> Project:
    return build_small(tmp_path / "p.fqa")


def _panel(qtbot, project: Project) -> MatrixPanel:  # type: ignore[no-untyped-def]
    panel = MatrixPanel(Session(project, "amira"))
    qtbot.addWidget(panel)
    panel.show()  # the matrix follows changes while it can be seen
    return panel


def _cases(model: MatrixTableModel) -> list[object]:
    return headers(model, orientation=VERTICAL)[1:-1]


def test_cells_headers_and_roles(qtbot, small: Project) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, small)
    model = panel.model
    assert QObject.parent(model) is panel  # deleted with the panel
    assert headers(model) == [None, "Goal", "Task", "Sub", "Guilt", None]
    assert headers(model, TIP) == [None, "Alliance/Goal\n\nGoal definition", "Alliance/Task\n\nTask definition",
                                   "Alliance/Bond/Sub", "Guilt", None]
    assert headers(model, orientation=VERTICAL) == [None, *CASES, None]
    assert headers(model, TIP, VERTICAL) == [None, "alpha\nweeks: 6\ngender: female\nstarted: 2024-01-05",
                                             "beta\nweeks: 3\ngender: male\nstarted: 2024-03-01",
                                             "gamma\nweeks: 10\ngender: female", None]
    assert headers(model, Qt.ItemDataRole.EditRole) == [None] * 6
    assert cells(model) == [["2 codings · 60 chars", "2 codings · 30 chars", "1 coding · 9 chars", ""],
                            ["", "", "1 coding · 28 chars", "1 coding · 24 chars"], ["", "", "", ""]]
    assert cells(model, TIP)[0][2] == "alpha × Alliance/Bond/Sub\n(no summary yet)\n1 coding · 9 chars, 5.3% of the case's text"
    assert cells(model, TIP)[2][3] == "gamma × Guilt\n(no summary yet)\n0 codings · 0 chars, 0.0% of the case's text"
    assert cells(model, model.CellRole)[1] == [(0, 0, 0.0), (0, 0, 0.0), (1, 28, pytest.approx(28 / 59)),
                                               (1, 24, pytest.approx(24 / 59))]
    assert cells(model, model.CoverageRole)[0] == pytest.approx([60 / 170, 30 / 170, 9 / 170, 0.0])
    assert cells(model, model.SummaryRole) == [[""] * 4] * 3
    assert cells(model, Qt.ItemDataRole.TextAlignmentRole) == [[int(Qt.AlignmentFlag.AlignLeft
                                                                     | Qt.AlignmentFlag.AlignTop)] * 4] * 3
    assert cells(model, BACKGROUND) == [[None] * 4] * 3  # no heat view yet
    assert cells(model, Qt.ItemDataRole.DecorationRole) == [[None] * 4] * 3
    assert flags(model) == [[SELECTABLE] * 4] * 3
    assert model.data(QModelIndex()) is None and model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
    first = model.index(0, 0)
    assert model.rowCount(first) == 0 and model.columnCount(first) == 0


def test_summaries_are_previewed_on_one_line_and_shown_whole_in_the_tooltip(qtbot, small: Project) -> None:  # type: ignore[no-untyped-def]
    model = _panel(qtbot, small).model
    exact = "x" * 139 + "y"  # 140 characters: shown whole
    small.set_summary("alpha", "Alliance/Goal", "Goal\n  set   early.")
    small.set_summary("beta", "Guilt", exact)
    small.set_summary("gamma", "Guilt", exact + "z")  # 141: cut with an ellipsis
    shown = cells(model)
    assert shown[0][0] == "Goal set early.\n2 codings · 60 chars"
    assert shown[1][3] == f"{exact}\n1 coding · 24 chars"
    assert shown[2][3] == "x" * 139 + "…"
    assert cells(model, model.SummaryRole)[0][0] == "Goal\n  set   early."
    assert cells(model, TIP)[0][0] == "alpha × Alliance/Goal\nGoal\n  set   early.\n2 codings · 60 chars, 35.3% of the case's text"


def test_the_heat_view_shades_each_cell_relative_to_the_densest(qtbot, small: Project) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, small)
    model = panel.model
    panel.heat_box.setChecked(True)
    assert model.heat
    shades = cells(model, BACKGROUND)
    assert shades[1][2] == HEAT  # beta × Sub: 28 of 59 characters, the densest
    assert shades[0][0] == QColor(247, 186, 132)  # alpha × Goal: 60 of 170, 74 % of the densest
    assert shades[2] == [WHITE] * 4 and shades[0][3] == WHITE
    panel.heat_box.setChecked(False)
    assert cells(model, BACKGROUND) == [[None] * 4] * 3


def test_the_densest_cell_is_found_in_its_own_row(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A short case above a long, densely coded one: each row's coverage is its own characters over its
    own length (beta's 28 of 59 must not be read with gamma's coded characters)."""
    project = build_small(tmp_path / "p.fqa")
    long = "G: " + "word " * 100
    project.add_document("C2", long, case="gamma")
    project.add_coding("C2", 3, 403, "Guilt", "amira")
    panel = _panel(qtbot, project)
    panel.heat_box.setChecked(True)
    model = panel.model
    gamma = _cases(model).index("gamma")
    assert model.data(model.index(gamma, 3), BACKGROUND) == HEAT  # 400 of 539 characters: the densest
    share = (28 / 59) / (400 / 539)
    expected = QColor(*(round(255 - (255 - v) * share) for v in HEAT.getRgb()[:3]))
    assert model.data(model.index(_cases(model).index("beta"), 2), BACKGROUND) == expected


def test_empty_matrices_shade_white_and_announce_nothing_out_of_range(qtbot, qtmodeltester, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = new_project(tmp_path / "empty.fqa")
    project.add_case("solo")  # a case without a document, and no codes: one row, no columns
    panel = _panel(qtbot, project)
    model = panel.model
    qtmodeltester.check(model)
    assert model.rowCount() == 1 and model.columnCount() == 0
    assert headers(model, TIP, VERTICAL) == [None, "solo", None]  # no attribute values
    changes: list[object] = []
    model.dataChanged.connect(lambda *args: changes.append(args))
    panel.heat_box.setChecked(True)
    assert changes == []  # no cells to repaint
    project.add_code("Guilt")  # a column, nothing coded: coverage 0 everywhere
    assert model.columnCount() == 1 and cells(model, BACKGROUND) == [[WHITE]]
    assert cells(model) == [[""]]


def test_a_header_click_sorts_cases_by_that_code_s_codings(qtbot, small: Project) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, small)
    model = panel.model
    assert _cases(model) == CASES  # the matrix's own order until a header is clicked
    panel.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # Guilt: alpha 0, beta 1, gamma 0
    assert _cases(model) == ["alpha", "gamma", "beta"]
    assert [model.matrix_row(r) for r in range(3)] == [0, 2, 1] and model.model_row(1) == 2
    assert cells(model)[2] == ["", "", "1 coding · 28 chars", "1 coding · 24 chars"]  # the cells follow their case
    panel.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert _cases(model) == ["beta", "alpha", "gamma"]
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # Goal: alpha 2
    assert _cases(model) == ["beta", "gamma", "alpha"]
    small.add_code("Privacy")  # a new column: the matrix is rebuilt and sorted the same way again
    assert _cases(model) == ["beta", "gamma", "alpha"] and model.columnCount() == 5
    model.sort(-1)
    assert _cases(model) == CASES


def test_sorting_stays_inside_each_group(qtbot, small: Project) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, small)
    model = panel.model
    panel.apply_spec(MatrixSpec(group_by="gender"))
    assert _cases(model) == ["female · alpha", "female · gamma", "male · beta"]
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _cases(model) == ["female · gamma", "female · alpha", "male · beta"]


def test_deleting_the_sorted_column_falls_back_to_the_matrix_order(qtbot, small: Project) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, small)
    model = panel.model
    panel.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert _cases(model) == ["beta", "alpha", "gamma"]
    small.delete_code("Guilt")  # the sorted column is gone: there is no fourth column to sort by
    assert model.columnCount() == 3 and _cases(model) == CASES


def test_a_coding_announces_only_its_cells(qtbot, small: Project) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, small)
    model = panel.model
    changed: list[tuple[int, int, int, int, list[int]]] = []
    model.dataChanged.connect(lambda a, b, roles=(): changed.append((a.row(), a.column(), b.row(), b.column(),
                                                                     list(roles))))
    layouts: list[int] = []
    model.layoutChanged.connect(lambda *_: layouts.append(1))
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    small.add_coding("C1", 3, 10, "Guilt", "amira")  # gamma × Guilt; the densest stays beta × Sub
    assert changed == [(2, 3, 2, 3, [])] and layouts == [] and resets == []
    assert cells(model)[2][3] == "1 coding · 7 chars"
    changed.clear()
    panel.heat_box.setChecked(True)
    assert changed == [(0, 0, 2, 3, [Qt.ItemDataRole.BackgroundRole])]  # every shade at once
    changed.clear()
    small.add_coding("C1", 3, 35, "Alliance/Goal", "amira")  # 32 of 36: the new densest moves every shade
    assert changed == [(2, 0, 2, 0, []), (0, 0, 2, 3, [Qt.ItemDataRole.BackgroundRole])]
    assert model.data(model.index(2, 0), BACKGROUND) == HEAT and model.data(model.index(1, 2), BACKGROUND) != HEAT
    changed.clear()
    panel.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # Guilt: beta 1, gamma 1, alpha 0
    assert _cases(model) == ["beta", "gamma", "alpha"]
    layouts.clear()
    small.add_coding("A1", 0, 5, "Guilt", "ben")  # alpha's Guilt changes: sorted again
    assert layouts == [1] and _cases(model) == ["alpha", "beta", "gamma"]  # 2, 1, 1 (stable)
    layouts.clear()
    small.add_coding("A1", 0, 5, "Alliance/Task", "ben")  # another column: no new order
    assert layouts == [] and resets == []


def test_a_summary_announces_its_cell_without_resorting_by_another_column(qtbot, small: Project) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, small)
    model = panel.model
    panel.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # Goal: alpha first
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, _b, _roles=(): changed.append((a.row(), a.column())))
    layouts: list[int] = []
    model.layoutChanged.connect(lambda *_: layouts.append(1))
    small.set_summary("gamma", "Guilt", "Nothing said.")
    assert changed == [(_cases(model).index("gamma"), 3)] and layouts == []
    small.add_coding("C1", 3, 35, "Alliance/Goal", "ben")  # Goal changes: gamma 1, so sorted again
    assert layouts == [1] and _cases(model) == ["alpha", "gamma", "beta"]


def test_an_update_without_a_matrix_shows_it_whole(small: Project) -> None:
    model = MatrixTableModel()
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    matrix = build_matrix(small, MatrixSpec())
    model.update_matrix(matrix, [])
    assert resets == [1] and model.matrix is matrix and model.rowCount() == 3
    assert _cases(model) == CASES  # a new model sorts by no column
    model.set_matrix(None)
    assert model.rowCount() == 0 and model.columnCount() == 0 and model.data(model.index(0, 0)) is None
    assert headers(model) == [None, None] and model.headerData(0, VERTICAL) is None

"""The agreement tree as the agreement panel shows it (through its sorting proxy): every cell of every
code and document row, the column titles and their tooltips, undefined values, shading, alignment, and
the first column sorting in codebook order."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QObject, Qt

from framework_qa import Project
from framework_qa.core.analysis.agreement_report import agreement_report
from framework_qa.gui.agreement import AgreementPanel
from framework_qa.gui.agreement.model import AMBER, RED, ROW_ROLE, SORT_ROLE, AgreementTreeModel, shade
from framework_qa.gui.session import Session
from tests.core.analysis.matrix.conftest import build_small
from tests.gui.models.reading import ALIGN, RIGHT, SELECTABLE, TIP, VERTICAL, cells, flags, headers, tree

BACKGROUND = Qt.ItemDataRole.BackgroundRole
INF = float("-inf")
CODEBOOK = ["Alliance/Goal", "Alliance/Task", "Alliance/Bond", "Alliance/Bond/Sub", "Guilt"]
DOCUMENTS = ["A1", "A2", "B1", "C1"]
NOT_CODED = "Undefined: no variation: neither coder coded this text"
SAME = "Undefined: no variation: every pairable value is the same"


@pytest.fixture
def small(tmp_path: Path) -> Project:
    return build_small(tmp_path / "p.fqa")


def _panel(qtbot, project: Project, coders: list[str]) -> AgreementPanel:  # type: ignore[no-untyped-def]
    panel = AgreementPanel(Session(project, "amira"))
    qtbot.addWidget(panel)
    panel.select(coders)
    assert panel.compute()
    return panel


def test_every_cell_of_a_two_coder_report(qtbot, small: Project) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, small, ["amira", "ben"])
    model = panel.model
    assert QObject.parent(model) is panel  # deleted with the panel
    assert headers(model) == [None, "Code / document", "Agreement", "Cohen's κ", "Kripp. α", "Jaccard", "Units",
                              "Both", "Only amira", "Only ben", "Neither", None]
    assert headers(model, TIP) == [None, "Code path (document under it); sorts in codebook order", "Agreement",
                                   "Cohen's κ", "Krippendorff's α", "Jaccard", "Units", "Both", "Only amira",
                                   "Only ben", "Neither", None]
    assert headers(model, ALIGN)[1:-1] == [None] * 10
    assert headers(model, orientation=VERTICAL) == [None] * 7
    assert cells(model) == [
        ["Alliance/Goal", "0.774", "-0.126", "-0.126", "0.000", "265", "0", "27", "33", "205"],
        ["Alliance/Task", "0.947", "0.667", "0.667", "0.533", "265", "16", "4", "10", "235"],
        ["Alliance/Bond", "0.951", "0.000", "-0.023", "0.000", "265", "0", "13", "0", "252"],
        ["Alliance/Bond/Sub", "0.860", "-0.054", "-0.073", "0.000", "265", "0", "28", "9", "228"],
        ["Guilt", "0.909", "0.000", "-0.045", "0.000", "265", "0", "24", "0", "241"]]
    sort = cells(model, SORT_ROLE)
    assert [row[0] for row in sort] == [1, 2, 3, 4, 5]  # places in the codebook ("Alliance" is 0)
    assert sort[1][1:] == pytest.approx([0.94717, 0.66726, 0.66736, 0.53333, 265, 16, 4, 10, 235], abs=1e-4)
    assert cells(model, TIP)[0] == ["Alliance/Goal: pooled over 4 documents; expand for each document"] + [None] * 9
    assert cells(model, ALIGN) == [[None] + [RIGHT] * 9] * 5
    assert [row[1:] for row in cells(model, BACKGROUND)] == [[None, RED, RED, None, None, None, None, None, None],
                                                            [None] * 9, *[[None, RED, RED] + [None] * 6] * 3]
    report = model.report
    assert report is not None and cells(model, ROW_ROLE) == [[r] * 10 for r in report.per_code]
    assert flags(model) == [[SELECTABLE] * 10] * 5
    task = model.index(1, 0)
    assert model.rowCount(task) == 4 and model.rowCount(model.index(1, 1)) == 0
    assert cells(model, parent=task) == [
        ["A1", "0.864", "0.610", "0.610", "0.533", "103", "16", "4", "10", "73"],
        ["A2", "1.000", "—", "—", "—", "67", "0", "0", "0", "67"],
        ["B1", "1.000", "—", "—", "—", "59", "0", "0", "0", "59"],
        ["C1", "1.000", "—", "—", "—", "36", "0", "0", "0", "36"]]
    assert [row[:2] for row in cells(model, SORT_ROLE, task)] == [[0, 0.8640776699029126], [1, 1.0], [2, 1.0],
                                                                  [3, 1.0]]
    assert cells(model, SORT_ROLE, task)[1][2:5] == [INF] * 3  # undefined sorts first
    assert cells(model, TIP, task)[1] == [None, None, NOT_CODED, SAME, NOT_CODED] + [None] * 5
    assert cells(model, TIP, task)[0] == [None] * 10  # a document row: no pooled note
    assert cells(model, ROW_ROLE, task)[2][0] == report.per_document[[
        (r.code_id, r.document) for r in report.per_document].index((small.code("Alliance/Task").id, "B1"))]
    assert flags(model, task) == [[SELECTABLE] * 10] * 4
    sub = model.index(3, 0)
    assert cells(model, parent=sub)[2] == ["B1", "0.525", "0.000", "-0.300", "0.000", "59", "0", "28", "0", "31"]


def test_the_first_column_sorts_in_codebook_and_project_order(qtbot, small: Project) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, small, ["amira", "ben"])
    proxy = panel.proxy
    panel.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert tree(proxy) == [(code, DOCUMENTS) for code in CODEBOOK]
    panel.tree.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert tree(proxy) == [(code, DOCUMENTS[::-1]) for code in CODEBOOK[::-1]]
    panel.tree.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # agreement, lowest first
    assert [proxy.index(r, 1).data() for r in range(5)] == ["0.774", "0.860", "0.909", "0.947", "0.951"]
    panel.tree.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # undefined kappa before every number
    goal = proxy.index([proxy.index(r, 0).data() for r in range(5)].index("Alliance/Task"), 0)
    assert [proxy.index(r, 2, goal).data() for r in range(4)] == ["—", "—", "—", "0.610"]


def test_without_orders_the_first_column_sorts_by_name(small: Project) -> None:
    model = AgreementTreeModel()
    model.set_report(agreement_report(small, ["amira", "ben"]))
    assert [row[0] for row in cells(model, SORT_ROLE)] == [c.lower() for c in CODEBOOK]
    assert cells(model, SORT_ROLE, model.index(0, 0))[0][0] == "a1"
    model.set_report(agreement_report(small, ["amira", "ben"]), {small.code("Guilt").id: 0}, {})
    assert [row[0] for row in cells(model, SORT_ROLE)] == [1, 1, 1, 1, 0]  # codes not in the order go last
    assert cells(model, SORT_ROLE, model.index(0, 0))[0][0] == "a1"


def test_three_coders_and_an_empty_model(qtbot, small: Project) -> None:  # type: ignore[no-untyped-def]
    small.add_coding("A1", 0, 11, "Guilt", "cleo")
    panel = _panel(qtbot, small, ["amira", "ben", "cleo"])
    model = panel.model
    titles = headers(model)[1:-1]
    assert titles[0] == "Code / document" and titles[-6:] == ["Units", "All coders", "Only amira", "Only ben",
                                                              "Only cleo", "Neither"]
    assert "B-P κ" in titles or "Kripp. α" in titles
    keys = model.report.settings.coders if model.report else ()
    assert list(keys) == ["amira", "ben", "cleo"]
    model.set_report(None)
    assert model.rowCount() == 0 and model.columnCount() == 0 and model.report is None
    assert not model.index(0, 0).isValid() and not model.index(0, -1).isValid()
    assert model.row_at(model.index(0, 0)) is None
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Code / document"


def test_segments_add_the_brennan_prediger_kappa_with_its_short_title(qtbot, small: Project) -> None:  # type: ignore[no-untyped-def]
    panel = AgreementPanel(Session(small, "amira"))
    qtbot.addWidget(panel)
    panel.select(["amira", "ben"])
    panel.unit.setCurrentText("segment")
    assert panel.compute()
    model = panel.model
    assert headers(model)[:7] == [None, "Code / document", "Agreement", "Cohen's κ", "Kripp. α", "Jaccard", "B-P κ"]
    assert headers(model, TIP)[6] == "Brennan-Prediger κ"


def test_a_new_model_answers_before_any_report() -> None:
    model = AgreementTreeModel()
    assert model.rowCount() == 0 and model.columnCount() == 0 and model.report is None
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Code / document"  # the first title, already
    assert model.headerData(9, Qt.Orientation.Horizontal) is None


def test_indexes_outside_the_tree_are_invalid(qtbot, small: Project) -> None:  # type: ignore[no-untyped-def]
    model = _panel(qtbot, small, ["amira", "ben"]).model
    columns, codes = model.columnCount(), model.rowCount()
    assert columns == 10 and codes == 5
    first = model.index(0, 0)
    for row, column, parent in ((0, columns, QModelIndex()), (0, -1, QModelIndex()), (codes, 0, QModelIndex()),
                                (-1, 0, QModelIndex()), (4, 0, first), (-1, 0, first), (0, columns, first),
                                (0, 0, model.index(0, 0, first))):
        assert not model.index(row, column, parent).isValid(), (row, column)
    assert model.row_at(QModelIndex()) is None and model.data(QModelIndex()) is None
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
    assert model.parent(first) == QModelIndex() and model.parent(model.index(2, 3, first)) == first


def test_shading_starts_below_each_threshold() -> None:
    assert shade(0.6) is None and shade(0.5999) == AMBER
    assert shade(0.4) == AMBER and shade(0.3999) == RED

"""The agreement tree model: Qt's model contract, shading of low values, undefined shown as — with why."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from framework_qa import Project
from framework_qa.core.analysis.agreement_report import agreement_report
from framework_qa.gui.agreement.model import AMBER, RED, SORT_ROLE, AgreementTreeModel, shade
from tests.support.demo import demo_project


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    project = demo_project(Path(tmp_path_factory.mktemp("demo")) / "demo.fqa")
    yield project
    project.close()


def test_model_passes_qt_model_tester(qtmodeltester, demo: Project) -> None:  # type: ignore[no-untyped-def]
    model = AgreementTreeModel()
    model.set_report(agreement_report(demo, ["amira", "ben"]))
    qtmodeltester.check(model)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(2)
    qtmodeltester.check(proxy)


def test_codes_are_rows_and_documents_their_children(demo: Project) -> None:
    model = AgreementTreeModel()
    report = agreement_report(demo, ["amira", "ben"], codes=["Working alliance/Bond", "Working alliance/Goal"])
    model.set_report(report)
    assert model.rowCount() == 2
    first = model.index(0, 0)
    assert model.data(first) == "Working alliance/Goal"
    assert model.rowCount(first) == 10
    assert model.data(model.index(0, 0, first)) == "P01"
    assert model.headers()[:5] == ["Code / document", "Agreement", "Cohen's κ", "Krippendorff's α", "Jaccard"]


def test_undefined_values_show_a_dash_and_the_reason_as_tooltip(demo: Project) -> None:
    model = AgreementTreeModel()
    model.set_report(agreement_report(demo, ["amira", "ben"], codes=["Working alliance"]))
    cell = model.index(0, 2)  # Cohen's kappa of a code nobody applied itself
    assert model.data(cell) == "—"
    assert "neither coder coded" in model.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert model.data(cell, SORT_ROLE) == float("-inf")


def test_low_kappa_and_alpha_are_shaded_amber_then_red() -> None:
    assert shade(0.75) is None and shade(None) is None
    assert shade(0.5) == AMBER and shade(0.39) == RED
    assert AMBER.alpha() < 255 and RED.alpha() < 255  # translucent: readable on light and dark palettes

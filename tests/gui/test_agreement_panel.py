"""The agreement panel on the demo project: compute, compare side by side, reconcile with undo, export."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtGui import QGuiApplication

from framework_qa import Project
from framework_qa.core.analysis.agreement_report import CONSENSUS, coder_coverage
from framework_qa.gui.agreement import AgreementPanel
from framework_qa.gui.session import Session
from tests.support.demo import demo_project


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Project]:
    project = demo_project(tmp_path / "demo.fqa")
    yield project
    project.close()


@pytest.fixture
def panel(qtbot, demo: Project) -> AgreementPanel:  # type: ignore[no-untyped-def]
    widget = AgreementPanel(Session(demo, "amira"))
    qtbot.addWidget(widget)
    widget.resize(1600, 900)
    widget.show()  # the report follows changes only while it can be seen
    return widget


def coder_names(panel: AgreementPanel) -> list[str]:
    return [panel.coders.item(i).text() for i in range(panel.coders.count())]


def test_compute_fills_the_table_overall_and_methods(panel: AgreementPanel) -> None:
    panel.select(["amira", "ben"])
    assert panel.compute()
    assert panel.model.rowCount() == len(panel.report.per_code) > 10  # type: ignore[union-attr]
    assert "Cohen's κ 0.5" in panel.overall.text()
    assert panel.methods.toPlainText().startswith("Agreement was computed at the character level")
    panel.copy_methods()
    assert QGuiApplication.clipboard().text() == panel.methods.toPlainText()


def test_a_bad_choice_shows_the_reason_and_keeps_the_table(panel: AgreementPanel) -> None:
    panel.select(["amira"])
    assert not panel.compute()
    assert "two different coders" in panel.status.text()


def test_selecting_a_row_compares_the_coders_side_by_side(panel: AgreementPanel) -> None:
    panel.select(["amira", "ben"])
    panel.compute()
    panel.select_row("Working alliance/Bond", "P01")
    view = panel.comparison
    assert [t.text() for t in view.pane_titles] == ["amira", "ben"]
    text = panel.session.project.text("P01")
    assert all(p.toPlainText() == text for p in view.panes)
    assert view.items and view.list.count() == len(view.items)
    assert all(p.extraSelections() for p in view.panes)


def test_reconciling_goes_to_consensus_and_undo_takes_it_back(qtbot, panel: AgreementPanel) -> None:  # type: ignore[no-untyped-def]
    project = panel.session.project
    panel.select(["amira", "ben"])
    panel.compute()
    panel.select_row("Working alliance/Bond", "P01")
    view = panel.comparison
    d = view.items[0]
    doc, code = project.document("P01").id, project.code("Working alliance/Bond").id
    amira = [(max(s, d.start), min(e, d.end)) for s, e in coder_coverage(project, doc, code, "amira")
             if s < d.end and e > d.start]
    view.buttons[0].click()  # accept amira's
    assert coder_coverage(project, doc, code, CONSENSUS) == amira
    assert project.undo_stack.undo_label.startswith("Consensus: accept amira's")
    qtbot.waitUntil(lambda: CONSENSUS in coder_names(panel))  # the view re-read the project
    assert "[consensus: coded]" in view.list.item(0).text()
    view.buttons[3].click()  # neither
    assert coder_coverage(project, doc, code, CONSENSUS) == []
    project.undo()
    assert coder_coverage(project, doc, code, CONSENSUS) == amira
    project.undo()
    assert coder_coverage(project, doc, code, CONSENSUS) == []
    qtbot.waitUntil(lambda: CONSENSUS not in coder_names(panel))  # undoing the first decision removed it


def test_segment_unit_enables_the_overlap_setting(panel: AgreementPanel) -> None:
    panel.select(["amira", "ben"], unit="segment", overlap=80)
    assert panel.overlap.isEnabled() and not panel.uncoded.isEnabled()
    assert panel.compute()
    assert panel.report.settings.overlap == pytest.approx(0.8)  # type: ignore[union-attr]


def test_export_writes_the_workbook(panel: AgreementPanel, tmp_path: Path) -> None:
    panel.select(["amira", "ben"])
    panel.compute()
    target = tmp_path / "a.xlsx"
    panel.export(str(target))
    assert "Per code" in openpyxl.load_workbook(target).sheetnames


def test_panel_grabs_to_png(panel: AgreementPanel, tmp_path: Path) -> None:
    panel.select(["amira", "ben"])
    panel.compute()
    panel.select_row("Working alliance/Goal", "P02")
    panel.show()
    path = tmp_path / "agreement.png"
    assert panel.grab().save(str(path))
    assert path.stat().st_size > 10_000


def test_rows_follow_the_codebook_paths_elide_in_the_middle_and_jaccard_stays_in_sight(
        panel: AgreementPanel, demo: Project, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    panel.resize(1100, 750)
    panel.show()
    panel.select(["amira", "ben"])
    assert panel.compute()
    shown = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
    codebook = [p for p in (demo.code_path(c.id) for c in demo.codes()) if p in shown]
    assert shown == codebook  # codebook order, not alphabetical
    assert panel.tree.textElideMode() == Qt.TextElideMode.ElideMiddle
    jaccard = panel.model.headers().index("Jaccard")
    assert panel.model.headerData(3, Qt.Orientation.Horizontal) == "Kripp. α"  # short title, full as tooltip
    assert panel.model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Krippendorff's α"

    def jaccard_visible() -> bool:
        header = panel.tree.header()
        return header.sectionViewportPosition(jaccard) + header.sectionSize(jaccard) <= panel.tree.viewport().width()
    qtbot.waitUntil(jaccard_visible)
    assert panel.tree.header().sectionSize(0) >= 12 * panel.tree.fontMetrics().horizontalAdvance("M")
    panel.resize(1500, 900)  # a wider window gives the path the room
    qtbot.waitUntil(lambda: panel.tree.header().sectionSize(0) > 20 * panel.tree.fontMetrics().horizontalAdvance("M"))
    assert jaccard_visible()

"""Views updated from the `Change` show exactly what views built afresh show: after each of a sequence of
real gestures (code, memo, uncode, summary, rename a code, delete a code, another program's coding,
undo), the framework matrix, the codebook counts and status line, the codings table and the memo list
are compared with new models over the same project, with Qt's model tester attached throughout. The
matrix follows the changes while shown and catches up when shown again; so does the agreement tab."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from framework_qa.core.analysis.agreement_report import agreement_report
from framework_qa.core.analysis.matrix import build_matrix
from framework_qa.gui.codings.model import MEMO, CodingsTableModel
from framework_qa.gui.main_window import MainWindow
from framework_qa.gui.matrix.table_model import MatrixTableModel
from framework_qa.gui.memos.model import MemoListModel
from framework_qa.gui.session import Session
from tests.gui.live_support import run_script
from tests.gui.workbench_support import isolate_settings
from tests.support.demo import demo_project

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, MatrixTableModel.CellRole,
         MatrixTableModel.SummaryRole)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    isolate_settings(tmp_path / "settings")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    session = Session(demo_project(tmp_path / "demo.fqa"), "amira")
    win = MainWindow(session, restore=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.open_document(session.project.documents()[0].id)
    yield win
    session.close()


def table(model: QAbstractItemModel, roles: tuple[int, ...] = (Qt.ItemDataRole.DisplayRole,)) -> list[Any]:
    rows, cols = model.rowCount(), model.columnCount()
    out: list[Any] = [[model.headerData(c, Qt.Orientation.Horizontal) for c in range(cols)]]
    for r in range(rows):
        out.append([model.headerData(r, Qt.Orientation.Vertical)]
                   + [model.index(r, c).data(role) for c in range(cols) for role in roles])
    return out


def check_views(win: MainWindow, qtbot: QtBot) -> None:
    session, project = win.session, win.session.project
    matrix = win.analysis.matrix
    assert matrix is not None  # created before the first check
    if matrix.isVisible():
        fresh = MatrixTableModel()
        fresh.set_matrix(build_matrix(project, matrix.current_spec()))
        assert table(matrix.model, ROLES) == table(fresh, ROLES)
        shown, full = matrix.model.matrix, fresh.matrix
        assert shown is not None and full is not None
        for r in range(len(full.rows)):
            for c in range(len(full.columns)):
                assert sorted(shown.cell_codings(r, c)) == sorted(full.cell_codings(r, c))
    counts = project.coding_counts()
    book = win.panels.codebook.model
    assert {c.id: book.count(c.id) for c in project.codes()} == {c.id: counts.get(c.id, 0) for c in project.codes()}
    assert f"{sum(counts.values())} codings · " in win._status_counts.text()
    codings = win.panels.codings.model
    again = CodingsTableModel(session)
    kind, target = codings.shown
    if kind == "document":
        again.show_document(target)
    elif kind == "code":
        again.show_code(target)
    assert table(codings) == table(again)
    memos = win.panels.memos.model
    qtbot.waitUntil(lambda: not memos._pending.isActive(), timeout=3000)
    assert sorted(map(tuple, table(memos)[1:])) == sorted(map(tuple, table(MemoListModel(session))[1:]))
    again.deleteLater()


def test_incremental_views_equal_views_built_afresh(window: MainWindow, qtbot: QtBot, qtmodeltester,  # type: ignore[no-untyped-def]
                                                    qtlog) -> None:
    project = window.session.project
    matrix = window.show_matrix()
    qtmodeltester.check(matrix.model, force_py=True)  # the Python tester: one model
    testers = [QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
               for model in (window.panels.codebook.model, window.panels.codings.model,
                             window.panels.memos.model)]  # Qt's: "FAIL!" in the log
    check_views(window, qtbot)
    doc = window.viewer.document_id
    assert doc is not None
    bond = project.code("Working alliance/Bond").id

    # code (through the window's gesture path), then a memo typed into the codings table
    resets: list[int] = []
    matrix.model.modelReset.connect(lambda: resets.append(1))
    changed: list[tuple[int, int]] = []
    matrix.model.dataChanged.connect(lambda a, b, _r=(): changed.append((a.row(), a.column())))
    window.viewer.select_range(10, 60)
    assert window.coding.code_selection(bond)
    assert resets == [] and 0 < len(changed) <= 2  # the cell, updated in place (a parent column too, if shown)
    check_views(window, qtbot)
    codings = window.panels.codings
    row = codings.model.row_of(project.codings(document=doc, code=bond)[0].id)
    assert codings.model.setData(codings.model.index(row, MEMO), "a memo")
    check_views(window, qtbot)

    # uncode a coding that was there before the window opened
    first = project.codings(document=doc)[0]
    codings.uncode([first])
    check_views(window, qtbot)

    # a summary, a rename and a delete through the codebook
    case = project.document(doc).case_id
    assert case is not None
    project.set_summary(case, bond, "Trusts the app")
    check_views(window, qtbot)
    book = window.panels.codebook
    assert book.model.setData(book.model.index_of(bond), "Bond (renamed)")
    check_views(window, qtbot)
    task = project.code("Working alliance/Task").id
    assert book.delete(task)
    check_views(window, qtbot)

    # while hidden: gestures pile up, the matrix catches up when shown
    window.show_tab("transcript")
    window.viewer.select_range(100, 140)
    assert window.coding.code_selection(bond)
    window.undo()  # the delete of the code stays; the coding goes
    window.viewer.select_range(200, 230)
    assert window.coding.code_selection(bond)
    check_views(window, qtbot)
    window.show_tab("matrix")
    check_views(window, qtbot)

    # another program codes: the poll announces it
    other = project.documents()[1]
    run_script(project.path, f"project.add_coding({other.id}, 5, 25, {bond}, 'ben')")
    qtbot.waitUntil(lambda: sum(project.coding_counts().values()) ==
                    sum(window.session.counts.counts().values()), timeout=3000)
    qtbot.wait(300)  # the matrix takes in a burst once it is over
    check_views(window, qtbot)

    # undo our last gestures
    window.undo()
    check_views(window, qtbot)
    window.undo()
    check_views(window, qtbot)
    assert [r.message for r in qtlog.records if "FAIL!" in r.message] == []
    del testers


def test_the_agreement_tab_recomputes_only_when_shown(window: MainWindow, qtbot: QtBot) -> None:
    project = window.session.project
    agreement = window.show_agreement()
    first = agreement.report
    assert first is not None
    window.show_tab("transcript")
    window.viewer.select_range(10, 60)
    assert window.coding.code_selection(project.code("Working alliance/Bond").id)
    qtbot.wait(500)  # longer than its pause: hidden, it does not recompute
    assert agreement.report is first
    window.show_tab("agreement")
    qtbot.waitUntil(lambda: agreement.report is not first, timeout=3000)
    shown = agreement.report
    fresh = agreement_report(project, list(shown.settings.coders), documents=shown.document_names)

    def values(report: Any) -> list[Any]:
        return [(r.code_id, r.document_id, {k: m.value for k, m in r.measures.items()}) for r in report.per_document]
    assert values(shown) == values(fresh)

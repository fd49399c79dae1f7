"""Coding and analysis each keep their own dock layout: the matrix gets the window's width at first,
and whatever the user arranges in either mode comes back in that mode, also after a restart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from framework_qa.gui.main_window import MainWindow
from tests.gui.workbench_support import isolate_settings, make_session


def _open(window: MainWindow) -> set[str]:
    return {key for key, dock in window.docks.items() if dock.isVisibleTo(window)}


def test_analysis_tabs_start_with_the_docks_closed_and_coding_gets_its_own_back(qtbot: QtBot,
                                                                                 tmp_path: Path) -> None:
    window = MainWindow(make_session(tmp_path), restore=False)
    qtbot.addWidget(window)
    window.show()
    coding = _open(window)
    assert {"documents", "codebook", "codings"} <= coding
    window.show_tab("matrix")
    assert _open(window) == set()
    qtbot.waitUntil(lambda: window.centralWidget().width() > window.width() * 0.9)
    window.show_tab("transcript")
    assert _open(window) == coding
    window.show_tab("agreement")
    assert _open(window) == set()


def test_search_belongs_to_coding_and_never_takes_the_matrix_rows(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(make_session(tmp_path), restore=False)
    qtbot.addWidget(window)
    window.show()
    coding = _open(window)
    window.show_tab("matrix")
    # the menu's Search transcripts… (Ctrl+Shift+F) while the matrix is in front
    search = next(a for a in window.findChildren(QAction) if a.text() == "&Search transcripts…")
    search.trigger()
    assert window.tabs.currentIndex() == 0  # back to the transcript, where its hits open
    assert _open(window) == coding | {"search"}
    window.show_tab("matrix")
    assert _open(window) == set()
    window.docks["search"].toggleViewAction().trigger()  # View › Panels › Search does the same
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == 0)
    assert "search" in _open(window)
    # a layout remembered with the search open below while analysing (as older versions kept it)
    for key in ("codings", "memo", "cases", "memos"):
        window.docks[key].hide()
    window.layouts._states["analysis"] = window.saveState()
    window.show_tab("agreement")
    assert _open(window) == {"documents", "codebook"}
    qtbot.waitUntil(lambda: window.centralWidget().height() > window.height() * 0.8)  # the rows are the table's


def test_both_layouts_survive_a_restart(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(make_session(tmp_path), restore=False)
    qtbot.addWidget(window)
    window.show()
    window.docks["codebook"].hide()
    window.show_tab("matrix")
    window.docks["codebook"].show()
    window.save_layout()
    session = make_session(tmp_path / "again")
    isolate_settings(tmp_path / "settings")  # the first window's settings (make_session moved them)
    again = MainWindow(session, restore=True)
    qtbot.addWidget(again)
    again.show()
    assert "codebook" not in _open(again) and "documents" in _open(again)
    again.show_tab("matrix")
    assert _open(again) == {"codebook"}

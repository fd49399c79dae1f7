"""Ctrl+Shift+F on the window brings the search box forward with the focus, so typing goes into it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from framework_qa.gui.main_window import MainWindow
from framework_qa.gui.search import SearchPanel
from tests.gui.workbench_support import make_session


def test_ctrl_shift_f_focuses_the_query_box_and_selects_the_last_query(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(make_session(tmp_path), restore=False)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()  # the offscreen platform activates a window only on request
    handle = window.windowHandle()
    if handle is not None:
        handle.requestActivate()
    qtbot.wait(50)
    window.open_document_named("P01")
    panel = window.panels.search
    assert isinstance(panel, SearchPanel)
    panel.query.setText("old query")
    assert window.viewer.hasFocus()
    qtbot.keyClick(window.viewer, Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(panel.query.hasFocus)
    assert panel.query.selectedText() == "old query"
    qtbot.keyClicks(window.focusWidget(), "remind*")
    assert panel.query.text() == "remind*"

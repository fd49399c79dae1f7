"""The Code menu's commands on one coding (memo, uncode, change code, fit) apply to the coding chosen in
the codings table: with the table focused, and after clicking a row (which shows the coding's text in the
transcript). Each is triggered by its real shortcut on the active window and checked in the project file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from framework_qa.gui.codings.model import TEXT
from framework_qa.gui.codings.panel import CodingsPanel
from framework_qa.gui.main_window import MainWindow
from tests.gui.coding_widgets_support import reopen
from tests.gui.workbench_support import make_session, show_window, span_of

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    session = make_session(tmp_path)
    project = session.project
    project.add_coding("P01", *span_of("breathing exercise"), "Working alliance/Task", "amira")
    project.add_coding("P01", *span_of("reminders felt pushy"), "Working alliance/Bond", "amira")
    project.undo_stack.clear()
    return show_window(qtbot, session, "P01", active=True)


def table(window: MainWindow) -> CodingsPanel:
    panel = window.panels.codings
    assert isinstance(panel, CodingsPanel)
    return panel


def click_row(qtbot: QtBot, window: MainWindow, words: str, *, focus_table: bool = True,
              modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> int:
    """Click the table row of the coding of `words`; returns its coding id."""
    panel = table(window)
    coding = next(c for c in window.session.project.codings(document="P01") if (c.start, c.end) == span_of(words))
    index = panel.proxy.mapFromSource(panel.model.index(panel.model.row_of(coding.id), TEXT))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, modifier,
                     panel.view.visualRect(index).center())
    if focus_table:  # choosing a row shows its text in the transcript, which takes the focus
        panel.view.setFocus()
    return coding.id


def memo_of(window: MainWindow, coding_id: int) -> str:
    with reopen(window.session.project.path) as check:
        return check.coding(coding_id).memo


@pytest.mark.parametrize("focus_table", [True, False], ids=["table-focused", "after-clicking-a-row"])
def test_ctrl_m_edits_the_memo_of_the_chosen_row(window: MainWindow, qtbot: QtBot, focus_table: bool,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *args: ("too many pings", True))
    cid = click_row(qtbot, window, "reminders felt pushy", focus_table=focus_table)
    window.viewer.select_range(0, 0) if focus_table else None  # the transcript's cursor is elsewhere
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_M, CTRL)
    assert memo_of(window, cid) == "too many pings"
    assert "no coding here" not in window.statusBar().currentMessage()


def test_ctrl_backspace_uncodes_every_chosen_row_in_one_step(window: MainWindow, qtbot: QtBot) -> None:
    click_row(qtbot, window, "breathing exercise")
    click_row(qtbot, window, "reminders felt pushy", modifier=Qt.KeyboardModifier.ControlModifier)
    assert len(table(window).selected_codings()) == 2
    qtbot.keyClick(table(window).view, Qt.Key.Key_Backspace, CTRL)
    with reopen(window.session.project.path) as check:
        assert check.codings(document="P01", coders=["amira"]) == []
    window.undo()
    assert len(window.session.project.codings(document="P01", coders=["amira"])) == 2


def test_ctrl_shift_k_changes_the_code_of_the_chosen_row(window: MainWindow, qtbot: QtBot,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import framework_qa.gui.codebook.chooser as chooser
    goal = window.session.project.code("Working alliance/Goal").id
    monkeypatch.setattr(chooser, "choose_code", lambda *args, **kwargs: goal)
    cid = click_row(qtbot, window, "breathing exercise")
    window.viewer.select_range(*span_of("pushy"))  # the cursor sits in another coding: the row wins
    qtbot.keyClick(table(window).view, Qt.Key.Key_K, CTRL | SHIFT)
    with reopen(window.session.project.path) as check:
        assert check.coding(cid).code_id == goal


def test_ctrl_b_fits_the_chosen_row_to_the_selected_text(window: MainWindow, qtbot: QtBot) -> None:
    cid = click_row(qtbot, window, "breathing exercise")
    window.viewer.select_range(*span_of("the breathing exercise helped"))
    qtbot.keyClick(table(window).view, Qt.Key.Key_B, CTRL)
    with reopen(window.session.project.path) as check:
        coding = check.coding(cid)
        assert (coding.start, coding.end) == span_of("the breathing exercise helped")

"""Recently used codes in the transcript's context menu, quick keys named in the Quick codes menu, and
quick keys offered for a new project's first framework."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from framework_qa import new_project
from framework_qa.gui.codebook.panel import CodebookPanel
from framework_qa.gui.codebook.quickkeys import QuickKeys
from framework_qa.gui.main_window import MainWindow
from framework_qa.gui.session import Session
from tests.gui.coding_widgets_support import isolate_settings, reopen
from tests.gui.workbench_support import EMOJI_TEXT, make_session, show_window, span_of


def _show(qtbot: QtBot, session: Session) -> MainWindow:
    return show_window(qtbot, session, "P01", active=True)


def right_click_menu(qtbot: QtBot, win: MainWindow, core_pos: int, choose: str | None) -> list[str]:
    """Right-click the transcript at a core position; returns the popup's item texts, triggering the
    item `choose` (or closing the menu)."""
    viewer = win.viewer
    cursor = viewer.textCursor()
    cursor.setPosition(viewer.positions.to_qt(core_pos))
    pos = viewer.cursorRect(cursor).center()
    seen: list[str] = []

    def inspect() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(a.text() for a in menu.actions() if not a.isSeparator())
        action = next((a for a in menu.actions() if a.text() == choose), None)
        if action is not None:
            action.trigger()
        menu.close()
    QTimer.singleShot(50, inspect)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, viewer.viewport().mapToGlobal(pos))
    QApplication.sendEvent(viewer.viewport(), event)
    qtbot.waitUntil(lambda: bool(seen))
    return seen


def test_the_context_menu_offers_recent_codes_newest_first_above_code_as(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import framework_qa.gui.codebook.chooser as chooser
    win = _show(qtbot, make_session(tmp_path))
    project = win.session.project
    for words, path in (("How was it", "Working alliance/Task"), ("Honestly", "Working alliance/Goal"),
                        ("Anything else", "Working alliance/Task")):
        monkeypatch.setattr(chooser, "choose_code", lambda *a, p=path, **k: project.code(p).id)
        win.viewer.select_range(*span_of(words))
        qtbot.keyClick(win.viewer, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # Code as…
    win.viewer.select_range(*span_of("reminders felt pushy"))
    texts = right_click_menu(qtbot, win, span_of("reminders")[0] + 2, "Working alliance › Goal")
    assert texts[:3] == ["Working alliance › Task", "Working alliance › Goal", "Code as…"]
    with reopen(project.path) as check:
        [coding] = check.codings(document="P01", code="Working alliance/Goal", coders=["amira"])[1:]
        assert (coding.start, coding.end) == span_of("reminders felt pushy")
    assert win.coding.recent_codes()[:2] == [project.code("Working alliance/Goal").id,
                                             project.code("Working alliance/Task").id]


def test_without_a_selection_the_menu_offers_no_recent_codes(qtbot: QtBot, tmp_path: Path) -> None:
    win = _show(qtbot, make_session(tmp_path))
    win.coding.code_range(win.session.project.document("P01").id, 0, 5,
                          win.session.project.code("Working alliance/Bond").id)
    win.viewer.select_range(3, 3)
    texts = right_click_menu(qtbot, win, 3, None)
    assert texts[0] == "Code as…"


def _fresh_session(tmp_path: Path) -> Session:
    isolate_settings(tmp_path / "settings")
    project = new_project(tmp_path / "new.fqa", ["alliance", "psd"])
    project.add_document("P01", EMOJI_TEXT)
    return Session(project, "amira")


def test_a_new_project_offers_quick_keys_for_its_first_framework_and_the_menu_names_them(
        qtbot: QtBot, tmp_path: Path) -> None:
    win = _show(qtbot, _fresh_session(tmp_path))
    texts = [win.menus.actions[f"quick{n}"].text() for n in range(1, 7)]
    assert texts == ["Quick code 1: Working alliance › Goal", "Quick code 2: Working alliance › Task",
                     "Quick code 3: Working alliance › Bond", "Quick code 4: Working alliance › Engagement",
                     "Quick code 5: Working alliance › Other alliance-relevant", "Quick code 6: (no code)"]
    panel = win.panels.codebook
    assert isinstance(panel, CodebookPanel)
    reminders = win.session.project.code("Persuasive Systems Design/Dialogue support/Reminders").id
    panel.assign_quick_key(6, reminders)
    assert win.menus.actions["quick6"].text() == \
        "Quick code 6: Persuasive Systems Design › Dialogue support › Reminders"
    win.viewer.select_range(*span_of("reminders felt pushy"))
    win.viewer.setFocus()
    qtbot.keyClick(win.viewer, Qt.Key.Key_6)
    with reopen(win.session.project.path) as check:
        [coding] = check.codings(document="P01")
        assert (coding.code_id, coding.start, coding.end) == (reminders, *span_of("reminders felt pushy"))


def test_quick_keys_are_offered_once_and_not_to_a_project_already_coded(tmp_path: Path) -> None:
    session = _fresh_session(tmp_path)
    keys = QuickKeys(session.project)
    assert keys.code_for(1) == session.project.code("Working alliance/Goal").id
    for n in range(1, 10):
        keys.assign(n, None)
    assert QuickKeys(session.project).code_for(1) is None  # the user's "no keys" is kept
    coded = make_session(tmp_path / "coded")  # P02 is coded already
    assert QuickKeys(coded.project).code_for(1) is None

"""Shared set-up for the workbench window tests: isolated settings and small real project files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from framework_qa.core.project import Project, new_project
from framework_qa.gui.session import Session

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from framework_qa.gui.main_window import MainWindow

EMOJI_TEXT = ("Interviewer: How was it? 🙂\n\n"
              "P01: Honestly 😀😀 the breathing exercise helped a lot.\n\n"
              "Interviewer: Anything else?\n\n"
              "P01: The reminders felt pushy 🙄 sometimes.")


def isolate_settings(folder: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def make_project(folder: Path) -> Project:
    project = new_project(folder / "study.fqa", ["alliance"])
    project.add_document("P01", EMOJI_TEXT)
    project.add_document("P02", "Interviewer: Hello.\n\nP02: I liked the app a lot, it felt like a friend.")
    project.add_coding("P02", 24, 39, "Working alliance/Bond", "ben")
    project.undo_stack.clear()
    return project


def make_session(folder: Path, coder: str = "amira") -> Session:
    isolate_settings(folder / "settings")
    return Session(make_project(folder), coder)


def span_of(words: str) -> tuple[int, int]:
    """The code-point range of `words` in `EMOJI_TEXT` (document P01)."""
    start = EMOJI_TEXT.index(words)
    return start, start + len(words)


def show_window(qtbot: QtBot, session: Session, *documents: str, active: bool = False) -> MainWindow:
    """The main window on `session`, shown and exposed, with `documents` opened in turn (the last in
    front). `active` also makes it the active window, which shortcuts need: the offscreen platform
    activates a window only on request."""
    from framework_qa.gui.main_window import MainWindow

    win = MainWindow(session, restore=False)
    qtbot.addWidget(win)
    win.show()
    if active:
        win.activateWindow()
        handle = win.windowHandle()
        if handle is not None:
            handle.requestActivate()
    qtbot.waitExposed(win)
    for name in documents:
        win.open_document_named(name)
    if active:
        qtbot.waitUntil(win.isActiveWindow)
    return win


def trigger_menu(window: MainWindow, *texts: str) -> None:
    """Trigger the menu action reached through the menu bar by these titles (ampersands ignored), as a
    user's click on it does."""
    actions = window.menuBar().actions()
    for text in texts:
        action = next(a for a in actions if a.text().replace("&", "") == text)
        if action.menu() is not None:
            actions = action.menu().actions()  # type: ignore[union-attr]
    action.trigger()

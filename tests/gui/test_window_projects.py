"""The window lifecycle (`window.projects`): File › Open recent and Open project… are answered by the
application's lifecycle, which opens the project in a new window and closes the one that asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from framework_qa import new_project
from framework_qa.gui.app import remember_coder, remember_project
from framework_qa.gui.main_window import MainWindow
from framework_qa.gui.window import projects
from tests.gui.workbench_support import make_session


def _other_project(folder: Path) -> Path:
    path = folder / "second.fqa"
    with new_project(path, ["alliance"]) as project:
        project.add_document("S01", "Interviewer: Hello.\n\nS01: Fine, thanks.")
    remember_coder(path, "amira")  # no "Who is coding?" question on opening it
    return path


def _opened(before: list[MainWindow]) -> MainWindow:
    [window] = [w for w in projects._open_windows if w not in before]
    return window


def test_open_recent_opens_the_project_in_a_new_window_and_closes_the_old(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(make_session(tmp_path), restore=False)
    qtbot.addWidget(window)
    second = _other_project(tmp_path)
    remember_project(second)
    recent = window.menus.recent
    assert not recent.menuAction().isEnabled()  # nobody answers an unmanaged window's requests
    projects.show_window(window)
    assert recent.menuAction().isEnabled()
    recent.aboutToShow.emit()  # the menu fills as it opens
    entry = next(a for a in recent.actions() if a.text() == str(second.resolve()))
    before = list(projects._open_windows)
    entry.trigger()
    opened = _opened(before)
    try:
        assert opened.session.project.path == second.resolve()
        assert opened.windowTitle().startswith("second.fqa")
        qtbot.waitUntil(lambda: not window.isVisible())
        assert not window.session.is_open  # the window that asked closed with its project
    finally:
        opened.close()


def test_open_project_asks_for_a_file_and_opens_it(qtbot: QtBot, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow(make_session(tmp_path), restore=False)
    qtbot.addWidget(window)
    projects.show_window(window)
    second = _other_project(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(second), "")))
    before = list(projects._open_windows)
    with qtbot.waitSignal(window.open_project_requested) as asked:
        next(a for a in window.menuBar().actions()[0].menu().actions()  # type: ignore[union-attr]
             if a.text() == "&Open project…").trigger()
    assert asked.args == [str(second)]
    opened = _opened(before)
    try:
        assert opened.session.project.path == second.resolve()
    finally:
        opened.close()

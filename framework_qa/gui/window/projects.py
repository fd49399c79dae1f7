"""Creating and opening projects from the window (one project per window; the old window closes)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from framework_qa.core.errors import FqaError
from framework_qa.core.project import new_project
from framework_qa.gui.dialogs.errors import show_error
from framework_qa.gui.dialogs.frameworks import choose_frameworks

if TYPE_CHECKING:
    from framework_qa.gui.main_window import MainWindow

_open_windows: list[MainWindow] = []


def show_window(window: MainWindow) -> None:
    """Keep a reference for the window's lifetime (windows opened from menus have no other owner)."""
    _open_windows.append(window)
    window.destroyed.connect(lambda *_: _open_windows.remove(window) if window in _open_windows else None)
    window.show()


def open_in_new_window(current: QWidget | None, path: str | Path, coder: str | None = None) -> MainWindow | None:
    from framework_qa.gui.app import open_session
    from framework_qa.gui.main_window import MainWindow
    try:
        session = open_session(path, coder, parent=current)
    except FqaError as exc:
        show_error(current, f"Cannot open {Path(path).name}: {exc}")
        return None
    if session is None:
        return None
    window = MainWindow(session)
    show_window(window)
    if current is not None:
        current.close()
    return window


def create_project_interactively(current: QWidget | None) -> MainWindow | None:
    path, _ = QFileDialog.getSaveFileName(current, "New project", "project.fqa", "framework-qa projects (*.fqa)")
    if not path:
        return None
    if not path.endswith(".fqa"):
        path += ".fqa"
    frameworks = choose_frameworks(Path(path).name, current)
    if frameworks is None:
        return None
    try:
        if Path(path).exists():
            Path(path).unlink()
        new_project(path, frameworks).close()
    except (FqaError, OSError) as exc:
        show_error(current, f"Cannot create {Path(path).name}: {exc}")
        return None
    return open_in_new_window(current, path)

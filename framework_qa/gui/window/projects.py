"""The application's window lifecycle: creating and opening projects, each in its own window (the
window that asked closes), and keeping every window alive while it is open.

Windows do not import this module: a window's File menu emits requests (`MainWindow.new_project_requested`,
`open_project_requested`, `open_server_requested`) and `manage(window)` answers them, so this module
imports the window and never the other way round. A window this module did not make (a screenshot, a
test) has those menu entries disabled until it is managed.

A server project (`postgresql://` address) opens like a file; when the server wants a password libpq did
not find, the user is asked for it and the open is tried again with it (see `dialogs.server`). Messages and
titles name a server project by `project_title` (database and host), never by its full address.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from framework_qa.core.addresses import is_server_address, project_title
from framework_qa.core.errors import FqaError
from framework_qa.core.project import new_project
from framework_qa.gui.dialogs.errors import show_error
from framework_qa.gui.dialogs.frameworks import choose_frameworks
from framework_qa.gui.dialogs.server import (
    ask_address,
    ask_password,
    password_was_wrong,
    wants_password,
    with_password,
    without_password,
)

if TYPE_CHECKING:
    from framework_qa.gui.main_window import MainWindow

_open_windows: list[MainWindow] = []


def manage(window: MainWindow) -> None:
    """Answer `window`'s requests to create and open projects (and enable its menu entries for them)."""
    window.new_project_requested.connect(lambda: create_project_interactively(window))
    window.open_project_requested.connect(lambda path: open_in_new_window(window, path))
    window.open_server_requested.connect(lambda: open_server_interactively(window))
    window.menus.enable_lifecycle()


def show_window(window: MainWindow) -> None:
    """Manage and show `window`, keeping a reference for its lifetime (windows opened from menus have no
    other owner)."""
    manage(window)
    _open_windows.append(window)
    window.destroyed.connect(lambda *_: _open_windows.remove(window) if window in _open_windows else None)
    window.show()


def open_in_new_window(current: QWidget | None, path: str | Path, coder: str | None = None) -> MainWindow | None:
    """Open `path` (a file or a server address) in a new window that replaces `current`; None if the
    open failed (the reason was shown) or the user cancelled a password question."""
    from framework_qa.gui.app import open_session
    from framework_qa.gui.main_window import MainWindow
    attempt = str(path) if is_server_address(path) else path
    while True:
        try:
            session = open_session(attempt, coder, parent=current)
            break
        except FqaError as exc:
            if not is_server_address(path) or not wants_password(str(exc)):
                show_error(current, f"Cannot open {project_title(path)}: {exc}")
                return None
            # a password of ours was refused: say so; none given yet: libpq found none to offer
            wrong = attempt != path or password_was_wrong(str(exc))
            password = ask_password(without_password(str(path)), wrong, current)
            if password is None:
                return None
            attempt = with_password(str(path), password)
    if session is None:
        return None
    window = MainWindow(session)
    show_window(window)
    if current is not None:
        current.close()
    return window


def open_server_interactively(current: QWidget | None) -> MainWindow | None:
    """File › Open server project…: ask for the address, then open it like a file."""
    address = ask_address(current)
    return open_in_new_window(current, address) if address else None


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

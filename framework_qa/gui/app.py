"""Starting the workbench: the QApplication, settings, and opening a project in a window.

Settings live in QSettings under the organisation "framework-qa": window layout, recent projects, the
coder last used per project, and the viewer's font size.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from framework_qa.core.project import open_project
from framework_qa.gui.dialogs.coders import ask_coder, default_coder
from framework_qa.gui.session import Session

ORGANISATION = "framework-qa"
APPLICATION = "workbench"
MAX_RECENT = 8


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created if needed (offscreen when there is no display)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName("framework-qa")
    app.setApplicationDisplayName("framework-qa")
    return app


def recent_projects() -> list[str]:
    value = settings().value("recent", [])
    items = [value] if isinstance(value, str) else list(value or []) if isinstance(value, list | tuple) else []
    return [str(p) for p in items if p]


def remember_project(path: str | Path) -> None:
    path = str(Path(path).resolve())
    items = [path] + [p for p in recent_projects() if p != path]
    store = settings()
    store.setValue("recent", items[:MAX_RECENT])
    store.setValue("last", path)


def last_project() -> str | None:
    value = settings().value("last", "")
    return str(value) if value and Path(str(value)).exists() else None


def _coder_key(path: str | Path) -> str:
    return "coders/" + str(Path(path).resolve()).replace("/", "|").replace("\\", "|")


def remembered_coder(path: str | Path) -> str | None:
    value = settings().value(_coder_key(path), "")
    return str(value) if value else None


def remember_coder(path: str | Path, coder: str) -> None:
    settings().setValue(_coder_key(path), coder)


def open_session(path: str | Path, coder: str | None = None, *, ask: bool = True,
                 parent: QWidget | None = None) -> Session | None:
    """Open a project with its coder: given, else asked (suggesting the remembered one), else the default.

    Returns None when the user cancels the coder dialog (the project is then closed again).
    """
    project = open_project(path)
    if not coder:
        suggested = default_coder(project, remembered_coder(path))
        coder = ask_coder(project, suggested, parent) if ask else suggested
        if coder is None:
            project.close()
            return None
    remember_coder(path, coder)
    remember_project(path)
    return Session(project, coder)

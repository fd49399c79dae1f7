"""Starting the workbench: the QApplication, settings, and opening a project in a window.

Settings live in QSettings under the organisation "framework-qa": window layout, recent projects, the
coder last used per project, and the viewer's font size. A server project is remembered by its
`project.location` (the address without password), never by the address it was opened with.

On a server project the coder is the database login (`project.identity`): the database refuses codings
under any other name, so there is no question to ask and nothing to remember.

The window comes first: a project whose coder is remembered (or given) opens without a question, and
the first time a project is opened here the "Who is coding?" dialog is asked over the already painted
window (the suggested coder holds meanwhile), so no dialog stands between the command and a usable window.
"""

from __future__ import annotations

import os
import sys
import time
import weakref
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from framework_qa.core.addresses import is_server_address
from framework_qa.core.project import open_project
from framework_qa.gui.dialogs.coders import ask_coder, default_coder
from framework_qa.gui.dialogs.server import without_password
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


def _key(path: str | Path) -> str:
    """How settings name a project: a file's absolute path, or a server address without its password."""
    return without_password(str(path)) if is_server_address(path) else str(Path(path).resolve())


def remember_project(path: str | Path) -> None:
    path = _key(path)
    items = [path] + [p for p in recent_projects() if p != path]
    store = settings()
    store.setValue("recent", items[:MAX_RECENT])
    store.setValue("last", path)


def last_project() -> str | None:
    value = settings().value("last", "")
    return str(value) if value and (is_server_address(str(value)) or Path(str(value)).exists()) else None


def _coder_key(path: str | Path) -> str:
    return "coders/" + _key(path).replace("/", "|").replace("\\", "|")


def remembered_coder(path: str | Path) -> str | None:
    value = settings().value(_coder_key(path), "")
    return str(value) if value else None


def remember_coder(path: str | Path, coder: str) -> None:
    settings().setValue(_coder_key(path), coder)


def open_session(path: str | Path, coder: str | None = None, *, ask: bool = True,
                 parent: QWidget | None = None) -> Session | None:  # noqa: ARG001 - see below
    """Open a project with its coder: given, else the one remembered for this project, else the default.

    With `ask` and no coder given or remembered, the default holds and "Who is coding?" is asked as soon
    as the event loop runs (over the window shown meanwhile): the choice then replaces it and is
    remembered; cancelling keeps the default for this session and asks again next time. Never None, and
    `parent` is unused: both remain for callers written when the question came first and could cancel.
    On a server project opened by a (non-superuser) login, the coder is that login, whatever `coder` says.
    """
    project = open_project(path)
    path = project.location  # from here on: settings must never see a password given in the address
    try:
        login = project.identity
    except BaseException:
        project.close()
        raise
    if login is not None:  # a server login: the coder is who the database says we are
        remember_project(path)
        return Session(project, login)
    remembered = remembered_coder(path) if not coder else None
    chosen = coder or remembered or default_coder(project, None)
    if coder or remembered:
        remember_coder(path, chosen)
    remember_project(path)
    session = Session(project, chosen)
    if ask and not (coder or remembered):
        ref = weakref.ref(session)
        QTimer.singleShot(0, lambda: _ask_coder_later(ref))
    return session


def _ask_coder_later(ref: weakref.ReferenceType[Session]) -> None:
    """The first-time coder question, over the window showing `ref`'s session (that window, not the
    `parent` given to open_session: that one, the window being replaced, may be gone by now)."""
    session = ref()
    if session is None or not session.is_open:
        return
    owner = next((w for w in QApplication.topLevelWidgets()
                  if getattr(w, "session", None) is session and w.isVisible()), None)
    name = ask_coder(session.project, session.coder, owner)
    if name and session.is_open:
        if name != session.coder:
            session.set_coder(name)
        remember_coder(session.project.location, name)


class _FirstPaint(QObject):
    """Quits the application once a widget of `window` has painted (see `quit_after_first_paint`)."""

    def __init__(self, window: QWidget, describe: Callable[[], str] | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._describe = describe
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (not self._done and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                and watched.window() is self._window):
            self._done = True
            QTimer.singleShot(0, self._finish)  # after this paint pass has reached the screen
        return False

    def _finish(self) -> None:
        shown = f"shown at {time.time():.6f}"
        try:
            if self._describe is not None:
                shown += f"\nshowing {self._describe()}"
            print(shown, flush=True)  # one write: a reader that takes the first line gets it whole
        except BrokenPipeError:
            pass  # whoever asked stopped reading (`| head -1`); the window quits all the same
        finally:
            QApplication.quit()


def quit_after_first_paint(window: QWidget, describe: Callable[[], str] | None = None) -> None:
    """Exit the event loop right after `window` first paints, printing `shown at EPOCH_SECONDS` and,
    with `describe`, a line `showing ...` saying what the window showed at that moment.

    For start-up timing from outside the process (benchmarks/bench_startup.py, bench_open.py) and smoke
    tests.
    """
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(_FirstPaint(window, describe))

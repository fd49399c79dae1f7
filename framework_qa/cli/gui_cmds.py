"""Commands that open the workbench window: `framework-qa` alone, and `framework-qa gui PROJECT`.

`--screenshot FILE.png` renders the window offscreen (when there is no display) with a document open and
writes the PNG, never waiting on a dialog: it is for documentation and automated checks.
`--quit-after-show` opens the window as a user gets it and exits once it has painted, printing
`shown at EPOCH_SECONDS` (time.time()) and `showing N documents listed, NAME open (M characters)`: for
start-up timing (benchmarks/bench_startup.py, bench_open.py --window) and smoke tests;
`FRAMEWORK_QA_QUIT_AFTER_SHOW=1` does the same for every window opened this way (e.g. by `demo`; tests only).
Before Qt starts, `display.check_can_show_window()` turns a missing xcb system library into one line.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from framework_qa.cli.common import CliError
from framework_qa.cli.display import check_can_show_window, headless

if TYPE_CHECKING:
    from framework_qa.gui.main_window import MainWindow


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("gui", help="open a project in the coding workbench window")
    p.add_argument("project", help="project file (.fqa)")
    p.add_argument("--coder", help="code as this coder (skips the coder dialog)")
    p.add_argument("--document", help="open this document (by name)")
    p.add_argument("--screenshot", metavar="FILE.png", help="render the window to a PNG and exit")
    p.add_argument("--size", default="1500x950", help="window size for --screenshot (default 1500x950)")
    p.add_argument("--tab", choices=("transcript", "matrix", "agreement"), default="transcript",
                   help="the view in front for --screenshot (default: transcript)")
    p.add_argument("--search", metavar="QUERY",
                   help="for --screenshot: run this search, show its results and open the first hit")
    p.add_argument("--quit-after-show", action="store_true",
                   help="exit once the window has painted, printing 'shown at EPOCH_SECONDS' (start-up timing)")
    p.set_defaults(func=cmd_gui)


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise CliError(f"--size wants WIDTHxHEIGHT, e.g. 1500x950, not '{text}'") from None
    return w, h


def cmd_gui(args: argparse.Namespace) -> int:
    from framework_qa.core.addresses import is_server_address

    path: Path | str = args.project if is_server_address(args.project) else Path(args.project)
    if isinstance(path, Path) and not path.exists():
        raise CliError(f"no project at {path} (create one with `framework-qa new` or `framework-qa demo`)")
    if args.screenshot:
        if headless():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        else:
            check_can_show_window()
        return screenshot(path, Path(args.screenshot), args.coder, args.document, _size(args.size), args.tab,
                          args.search)
    return show_project(path, args.coder, args.document, quit_after_show=args.quit_after_show)


def show_project(path: Path | str, coder: str | None = None, document: str | None = None, *,
                 quit_after_show: bool = False) -> int:
    """Open `path` in the workbench window and run it until the window closes (the exit status)."""
    check_can_show_window()
    from framework_qa.gui.app import application, quit_after_first_paint
    from framework_qa.gui.dialogs.errors import install_excepthook
    from framework_qa.gui.window.projects import open_in_new_window
    app = application()
    install_excepthook()
    window = open_in_new_window(None, path, coder)
    if window is None:
        return 0
    if document:
        window.open_document_named(document)
    else:
        _open_first_document(window)
    if quit_after_show or os.environ.get("FRAMEWORK_QA_QUIT_AFTER_SHOW") == "1":
        quit_after_first_paint(window, lambda: _what_is_shown(window))
    return app.exec()


def _what_is_shown(window: MainWindow) -> str:
    """The documents the Documents panel lists and the transcript open in the viewer, as the window
    shows them (a usable window lists every document and shows one)."""
    model = window.panels.documents.model
    listed = 0
    for row in range(model.rowCount()):
        case = model.index(row, 0)
        listed += 1 if model.document_id(case) is not None else model.rowCount(case)
    shown = window.viewer.document_id
    if shown is None:
        return f"{listed} documents listed, none open"
    name = window.session.project.document(shown).name
    return f"{listed} documents listed, {name} open ({len(window.viewer.toPlainText())} characters)"


def _open_first_document(window: MainWindow) -> None:
    documents = window.session.project.documents()
    if documents:
        window.open_document(documents[0].id)


def screenshot(path: Path | str, out: Path, coder: str | None, document: str | None, size: tuple[int, int],
               tab: str = "transcript", search: str | None = None) -> int:
    from framework_qa.gui.app import application, open_session
    from framework_qa.gui.main_window import MainWindow
    app = application()
    session = open_session(path, coder, ask=False)
    assert session is not None
    window = MainWindow(session, restore=False)
    window.resize(*size)
    window.show()
    app.processEvents()
    if document:
        window.open_document_named(document)
    else:
        _open_first_document(window)
    window.show_tab(tab)
    if search:
        from framework_qa.core.errors import FqaError
        try:
            window.search_and_open_first(search)
        except FqaError as exc:
            raise CliError(str(exc)) from None
    for _ in range(3):
        app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        raise CliError(f"cannot write the screenshot to {out}")
    print(f"wrote {out} ({window.width()}x{window.height()})")
    window.close()
    return 0


def cmd_default(args: argparse.Namespace) -> int:
    """`framework-qa` with no command: reopen the last project, or offer the demo / new / open."""
    from framework_qa.gui.app import application, last_project, recent_projects
    from framework_qa.gui.dialogs.errors import install_excepthook
    from framework_qa.gui.dialogs.start import StartDialog
    from framework_qa.gui.window.projects import create_project_interactively, open_in_new_window
    check_can_show_window()
    app = application()
    install_excepthook()
    last = last_project()
    window = None
    if last:
        window = open_in_new_window(None, last)
    else:
        dialog = StartDialog(recent_projects())
        if not dialog.exec():
            return 0
        if dialog.choice == "demo":
            window = _open_demo()
        elif dialog.choice == "new":
            window = create_project_interactively(None)
        elif dialog.choice == "open":
            from PySide6.QtWidgets import QFileDialog
            chosen, _ = QFileDialog.getOpenFileName(None, "Open project", "", "framework-qa projects (*.fqa)")
            window = open_in_new_window(None, chosen) if chosen else None
        elif dialog.path:
            window = open_in_new_window(None, dialog.path)
    if window is None:
        return 0
    _open_first_document(window)
    return app.exec()


def _open_demo() -> MainWindow | None:
    from platformdirs import user_data_dir

    from framework_qa.core.demo import build_demo
    from framework_qa.gui.window.projects import open_in_new_window
    path = Path(user_data_dir("framework-qa")) / "demo.fqa"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build_demo(path).close()
    return open_in_new_window(None, path)

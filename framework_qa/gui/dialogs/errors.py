"""Every error reaches the user as a readable dialog.

`install_excepthook()` routes uncaught exceptions (including those raised in Qt slots) to a dialog: a
user-facing `FqaError` shows its message; anything else shows a short explanation with the traceback
under "Show Details", and is still printed to stderr for bug reports.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TypeVar

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from framework_qa.core.errors import FqaError


def show_error(parent: QWidget | None, message: str, details: str = "", title: str = "framework-qa") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


T = TypeVar("T")


def reporting(command: Callable[[], T], report: Callable[[str], object]) -> T | None:
    """Run a project command; a user-facing `FqaError` goes to `report` (a dialog, an inline label)
    instead of propagating, and the result is None."""
    try:
        return command()
    except FqaError as exc:
        report(str(exc))
        return None


def show_failures(parent: QWidget | None, title: str, summary: str, reasons: Sequence[str]) -> None:
    """A list of per-file problems (e.g. files that could not be imported) under a one-line summary."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, summary, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText("\n".join(f"• {r}" for r in reasons[:12])
                           + (f"\n… and {len(reasons) - 12} more" if len(reasons) > 12 else ""))
    box.setDetailedText("\n".join(reasons))
    box.exec()


def describe(exc: BaseException) -> tuple[str, str]:
    """(message, details) for an exception: user errors speak for themselves, bugs get a traceback."""
    if isinstance(exc, FqaError):
        return str(exc), ""
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return (f"Something went wrong: {type(exc).__name__}: {exc}\n\nYour project is saved after every "
            "change; you can keep working. Details below help to report the problem."), details


def _hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    if not isinstance(exc, FqaError):
        traceback.print_exception(kind, exc, tb)
    if QApplication.instance() is None:
        return
    message, details = describe(exc)
    show_error(QApplication.activeWindow(), message, details)


def install_excepthook() -> None:
    sys.excepthook = _hook

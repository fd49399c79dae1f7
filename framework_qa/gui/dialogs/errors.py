"""Every error reaches the user as a readable dialog.

A core refusal (`FqaError`: a duplicate name, a role that may not edit, a file that cannot be read) is
reported one way, `reported(report)`: a `with` block whose refusal goes to `report` (a dialog from
`dialog_for`, a panel's inline label, a model's `error` signal) and ends the block, not the caller.
`reporting(command, report)` and `attempt(command, report)` are its one-line forms for a command whose
result (or success) is wanted. Programming errors are never swallowed: they reach the hook below.

`install_excepthook()` routes uncaught exceptions (including those raised in Qt slots) to a dialog: a
user-facing `FqaError` shows its message; anything else shows a short explanation with the traceback
under "Show Details", and is still printed to stderr for bug reports.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import TypeVar

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from framework_qa.core.errors import FqaError


def show_error(parent: QWidget | None, message: str, details: str = "", title: str = "framework-qa") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def dialog_for(parent: QWidget | None, title: str = "framework-qa") -> Callable[[str], None]:
    """A `report` that shows the message in a warning dialog over `parent`."""
    return lambda message: show_error(parent, message, title=title)


class Outcome:
    """What a `reported` block came to: `failed` and the `message` reported, if it was refused."""

    def __init__(self) -> None:
        self.failed = False
        self.message = ""


@contextmanager
def reported(report: Callable[[str], object]) -> Iterator[Outcome]:
    """Run the block; a user-facing `FqaError` raised in it goes to `report` and ends the block (the
    code after the `with` runs, `outcome.failed` tells). Other exceptions propagate."""
    outcome = Outcome()
    try:
        yield outcome
    except FqaError as exc:
        outcome.failed, outcome.message = True, str(exc)
        report(outcome.message)


T = TypeVar("T")


def reporting(command: Callable[[], T], report: Callable[[str], object]) -> T | None:
    """Run a project command; a user-facing `FqaError` goes to `report` (a dialog, an inline label)
    instead of propagating, and the result is None."""
    with reported(report):
        return command()
    return None


def attempt(command: Callable[[], object], report: Callable[[str], object]) -> bool:
    """Run a project command: True if it went through, False after reporting why not."""
    with reported(report) as outcome:
        command()
    return not outcome.failed


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

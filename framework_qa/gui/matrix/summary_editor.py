"""The summary editor beside the matrix: one cell's summary, saved as one command per editing burst.

Typing restarts a short timer; when it fires, when the editor loses focus, or when another cell is
chosen, the text is written with `project.set_summary` — one undoable command for the whole burst
rather than one per keystroke. The editor never overwrites what is being typed: a project change only
reloads it when there is nothing unsaved. A write that fails (another program holds the project too
long, say) says why through `failed`; the text stays, unsaved, and the next pause or focus change
tries again (choosing another cell gives it up).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from framework_qa.core.project import Project
from framework_qa.gui.dialogs.errors import reported

BURST_MS = 800


class SummaryEditor(QPlainTextEdit):
    saved = Signal()
    failed = Signal(str)  # a user-facing reason the summary could not be written (it stays unsaved)

    def __init__(self, project: Project, parent: QWidget | None = None, *,
                 write_waiting: Callable[[], bool] = lambda: False) -> None:
        super().__init__(parent)
        self._project = project
        self._write_waiting = write_waiting  # True while another write of ours waits: do not nest one
        self._cell: tuple[int, int] | None = None  # (case id, code id)
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(BURST_MS)
        self._timer.timeout.connect(self.commit)
        self.textChanged.connect(self._on_edit)
        self.setPlaceholderText("Choose a cell, then write the summary for that case and code here.")
        self.setEnabled(False)

    @property
    def cell(self) -> tuple[int, int] | None:
        return self._cell

    @property
    def dirty(self) -> bool:
        return self._dirty

    def show_cell(self, cell: tuple[int, int] | None) -> None:
        """Save what is pending, then edit `cell`'s summary (None: nothing to edit)."""
        self.commit()
        self._dirty = False
        self._cell = cell
        self.setEnabled(cell is not None)
        self._load()

    def reload(self) -> None:
        """Re-read the stored summary (after undo, say), unless the analyst has unsaved text."""
        if not self._dirty:
            self._load()

    def _load(self) -> None:
        text = self._project.summary(*self._cell) if self._cell else ""
        if text != self.toPlainText():
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)

    def _on_edit(self) -> None:
        if self._cell is not None:
            self._dirty = True
            self._timer.start()

    def commit(self) -> None:
        self._timer.stop()
        if not self._dirty or self._cell is None:
            return
        if self._write_waiting():
            self._timer.start()
            return
        self._dirty = False
        text = self.toPlainText()
        cell = self._cell
        with reported(self.failed.emit) as outcome:
            if text != self._project.summary(*cell):
                self._project.set_summary(cell[0], cell[1], text)
                self.saved.emit()
        if outcome.failed:
            self._dirty = True  # still unsaved: the next pause or focus change retries

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self.commit()
        super().focusOutEvent(event)

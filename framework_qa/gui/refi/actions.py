"""File-menu actions for REFI-QDA exchange: export and import projects (.qdpx) and codebooks (.qdc, or
Taguette's codebook CSV: the file dialogs offer both, and the extension chooses, as on the command line).

Imports go into the open project as one undoable command (Edit > Undo takes the whole import back) and
end with the import report. A refused file shows its reason and changes nothing. Reading runs on the
GUI thread: the project connection belongs to it, and even large NVivo exports read in about a second.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from framework_qa.core.errors import FqaError
from framework_qa.gui.dialogs.errors import show_error
from framework_qa.gui.dialogs.saving import announce_written, ask_save_path
from framework_qa.gui.session import Session

from .report_dialog import ImportReportDialog

if TYPE_CHECKING:  # the REFI-QDA layer (and python-docx, lxml) loads when an action runs, not with the menus
    from framework_qa.core.interop.adapter import ImportOutcome

PROJECT_FILTER = "REFI-QDA project (*.qdpx *.qde)"
CODEBOOK_FILTERS = "REFI-QDA codebook (*.qdc);;Codebook CSV, Taguette's columns (*.csv)"
CODEBOOK_OPEN_FILTERS = "Codebooks (*.qdc *.csv);;" + CODEBOOK_FILTERS


def _busy(work: Callable[[], object]) -> object:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return work()
    finally:
        QGuiApplication.restoreOverrideCursor()


class RefiActions(QObject):
    """Holds the four actions and what they do; a child of `parent`, so it lives as long as the window."""

    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.widget = parent
        self.last_outcome: ImportOutcome | None = None
        self.actions = [
            self._action("Export REFI-QDA project...", self.export_project),
            self._action("Import REFI-QDA project...", self.import_project),
            self._action("Export codebook (.qdc, .csv)...", self.export_codebook),
            self._action("Import codebook (.qdc, .csv)...", self.import_codebook),
        ]

    def _action(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.widget)
        action.triggered.connect(lambda _checked=False: self._guarded(slot))
        return action

    def _guarded(self, slot: Callable[[], object]) -> None:
        try:
            slot()
        except FqaError as exc:
            show_error(self.widget, str(exc), title="REFI-QDA exchange")

    def _default(self, suffix: str) -> str:
        return str(self.session.project.path.with_suffix(suffix))

    def export_project(self) -> None:
        path = ask_save_path(self.widget, "Export REFI-QDA project", self._default(".qdpx"),
                             "REFI-QDA project (*.qdpx)")
        if path is not None:
            from framework_qa.core.interop.adapter import export_qdpx

            _busy(lambda: export_qdpx(self.session.project, path))
            announce_written(self.widget, path)

    def export_codebook(self) -> None:
        path = ask_save_path(self.widget, "Export codebook", self._default(".qdc"), CODEBOOK_FILTERS)
        if path is not None:
            from framework_qa.core.interop.adapter import export_codebook_file

            count = _busy(lambda: export_codebook_file(self.session.project, path))
            announce_written(self.widget, path, f"{count} codes")

    def import_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.widget, "Import REFI-QDA project", "", PROJECT_FILTER)
        if not path:
            return
        name = Path(path).name
        from framework_qa.core.interop.adapter import import_refi_project, read_project_file

        def work() -> ImportOutcome:
            refi, report = read_project_file(path)
            return import_refi_project(self.session.project, refi, report, name)
        self._show(name, _busy(work))

    def import_codebook(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.widget, "Import codebook", "", CODEBOOK_OPEN_FILTERS)
        if not path:
            return
        name = Path(path).name
        from framework_qa.core.interop.adapter import import_refi_codebook, read_codebook_file

        def work() -> ImportOutcome:
            codebook, report = read_codebook_file(path)
            return import_refi_codebook(self.session.project, codebook, report, name)
        self._show(name, _busy(work))

    def _show(self, name: str, outcome: object) -> None:
        from framework_qa.core.interop.adapter import ImportOutcome

        assert isinstance(outcome, ImportOutcome)
        self.last_outcome = outcome
        ImportReportDialog(f"Imported {name}", outcome, self.widget).exec()


def refi_actions(session: Session, parent_widget: QWidget) -> list[QAction]:
    """The four File-menu actions, owned by `parent_widget`."""
    return RefiActions(session, parent_widget).actions

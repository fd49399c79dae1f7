"""Importing transcripts without freezing the window.

A worker thread reads every file with `read_transcript` (the slow part: decoding, .docx parsing), reporting
progress and honouring cancel; the files that could be read are then imported on the GUI thread as one
undoable project command, because the project's connection belongs to that thread. Files that fail are
listed with their reasons while the rest import.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from framework_qa.core.errors import FqaError, ImportFailure
from framework_qa.core.importers import ImportedText, read_transcript
from framework_qa.core.importers.files import display_name
from framework_qa.core.project import ImportReport
from framework_qa.gui.dialogs.errors import show_error, show_failures
from framework_qa.gui.session import Session


class ReadWorker(QThread):
    progress = Signal(int, int, str)   # done, total, current file name

    def __init__(self, paths: Sequence[Path], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = list(paths)
        self.readable: list[ImportedText] = []
        self.failures: list[ImportFailure] = []
        self.cancelled = False   # Qt forgets an interruption request once the thread ends

    def run(self) -> None:
        for i, path in enumerate(self.paths):
            if self.isInterruptionRequested():
                self.cancelled = True
                return
            self.progress.emit(i, len(self.paths), display_name(path))
            try:
                self.readable.append(read_transcript(path))
            except ImportFailure as failure:
                self.failures.append(failure)
            except Exception as exc:  # noqa: BLE001 - any unreadable file is reported, not fatal
                self.failures.append(ImportFailure(path, f"{type(exc).__name__}: {exc}"))
        if self.isInterruptionRequested():
            self.cancelled = True
        self.progress.emit(len(self.paths), len(self.paths), "")


class ImportController(QObject):
    finished = Signal(object)   # ImportReport (cancelled reports included)

    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.parent_widget = parent
        self.worker: ReadWorker | None = None
        self.dialog: QProgressDialog | None = None
        self.quiet = False   # no result dialogs (tests, scripted use)

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def start(self, paths: Sequence[str | Path]) -> bool:
        if self.worker is not None:
            show_error(self.parent_widget, "An import is already running; wait for it to finish.")
            return False
        files = [Path(p) for p in paths]
        if not files:
            return False
        self.worker = ReadWorker(files, self)
        self.dialog = QProgressDialog("Reading transcripts…", "Cancel", 0, len(files), self.parent_widget)
        self.dialog.setWindowTitle("Import transcripts")
        self.dialog.setMinimumDuration(300)
        self.dialog.setValue(0)
        self.dialog.canceled.connect(self.worker.requestInterruption)
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._read_done)
        self.worker.start()
        return True

    def _progress(self, done: int, total: int, name: str) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(total)
            self.dialog.setValue(done)
            if name:
                self.dialog.setLabelText(f"Reading {name} ({done + 1} of {total})…")

    def _read_done(self) -> None:
        worker, dialog = self.worker, self.dialog
        self.worker, self.dialog = None, None
        assert worker is not None
        cancelled = worker.cancelled or worker.isInterruptionRequested()
        if dialog is not None:
            dialog.reset()
            dialog.deleteLater()
        worker.deleteLater()
        report = ImportReport(cancelled=cancelled)
        if not cancelled:
            try:
                taken = {d.name for d in self.session.project.documents()}
                fresh: list[ImportedText] = []
                for item in worker.readable:
                    if item.name in taken:
                        report.failures.append(ImportFailure(item.path, f"a document named '{item.name}' is "
                                                                        "already in the project"))
                    else:
                        taken.add(item.name)
                        fresh.append(item)
                if fresh:  # the texts were read on the worker thread; only the command runs here
                    report.change = self.session.project.add_imported(fresh)
                    report.imported = [item.name for item in fresh]
            except FqaError as exc:
                report.failures.append(ImportFailure(Path("(import)"), str(exc)))
            report.failures = list(worker.failures) + report.failures
        if not self.quiet and report.failures:
            imported = len(report.imported)
            show_failures(self.parent_widget, "Import transcripts",
                          f"{imported} file{'s' if imported != 1 else ''} imported; "
                          f"{len(report.failures)} could not be imported:",
                          [str(f) for f in report.failures])
        self.finished.emit(report)

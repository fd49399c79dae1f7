"""Running a prepared search on the thread pool and handing the results back on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Signal

from framework_qa.core.search import QueryError
from framework_qa.core.search.project import PreparedSearch


class SearchSignals(QObject):
    finished = Signal(int, object)  # request number, SearchResults
    failed = Signal(int, str)  # request number, message to show
    index_ready = Signal()  # a background index build finished (or failed: the search then says why)
    index_progress = Signal(int, int)  # documents indexed, of how many


class SearchJob(QRunnable):
    """Runs `prepared()`; only the index is touched off the GUI thread (never the project)."""

    def __init__(self, number: int, prepared: PreparedSearch, signals: SearchSignals) -> None:
        super().__init__()
        self._number = number
        self._prepared = prepared
        self._signals = signals

    def run(self) -> None:
        try:
            results = self._prepared()
        except QueryError as exc:
            self._signals.failed.emit(self._number, str(exc))
        except Exception as exc:  # shown in the panel rather than lost on a worker thread
            self._signals.failed.emit(self._number, f"The search failed: {exc}")
        else:
            self._signals.finished.emit(self._number, results)


class IndexJob(QRunnable):
    """Runs a `ProjectSearch.build_job()` job: builds the index without touching the project."""

    def __init__(self, job: Callable[[], None], signals: SearchSignals) -> None:
        super().__init__()
        self._job = job
        self._signals = signals

    def run(self) -> None:
        try:
            self._job()
        except Exception:  # cancelled by closing, or failed: a later search rebuilds and reports why
            pass
        try:
            self._signals.index_ready.emit()
        except RuntimeError:  # the panel (and its signals object) closed while the index was building
            pass

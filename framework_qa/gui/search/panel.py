"""The search panel: query and filters, keyword-in-context results grouped by document, navigation to
a hit, and "Code checked hits..." as one undoable step.

Searching runs on the thread pool (only the index is read there); a newer search supersedes an older
one still running. The first search in a project builds the index on the thread pool too, saying so in
the status line, then runs the latest query. Malformed queries show in red under the box.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QEventLoop, QModelIndex, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError
from framework_qa.core.search import SearchHit, SearchResults
from framework_qa.core.search.coding import Extent
from framework_qa.core.search.project import ProjectSearch
from framework_qa.gui.dialogs.errors import attempt, reporting
from framework_qa.gui.search.checklist import CheckList
from framework_qa.gui.search.coding_dialog import CodeHitsDialog
from framework_qa.gui.search.help import QUERY_HELP
from framework_qa.gui.search.model import HIT_ROLE, LeftContextDelegate, SearchResultsModel
from framework_qa.gui.search.worker import IndexJob, SearchJob, SearchSignals
from framework_qa.gui.session import Session

_RERUN_TABLES = ("documents", "cases", "case_values", "attributes")


class SearchPanel(QWidget):
    search_finished = Signal(object)  # SearchResults, after the view shows them
    search_failed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.search = ProjectSearch(session.project)
        self.results: SearchResults | None = None
        self._number = 0
        self._pool = QThreadPool.globalInstance()
        self._signals = SearchSignals(self)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.index_ready.connect(self._on_index_ready)
        self._signals.index_progress.connect(self._on_index_progress)
        self._building = False
        # Re-reading the filters and re-running the search wait for the event loop, once per burst of
        # changes (another program's changes arrive several at a time), not once per change.
        self._filters_later = self._later(self.reload_filters)
        self._search_later = self._later(self.run_search)
        session.about_to_close.connect(self._filters_later.stop)
        session.about_to_close.connect(self._search_later.stop)
        self._build()
        self.reload_filters()
        session.changed.connect(self._on_change)
        self.destroyed.connect(self.search.close)

    def _later(self, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(0)
        timer.timeout.connect(slot)
        return timer

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        self.query = QLineEdit(self)
        self.query.setPlaceholderText('Search transcripts: words, "phrases", AND/OR/NOT, remind*, anxious~')
        self.query.setToolTip(QUERY_HELP)
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.run_search)
        # Focusing the panel (Ctrl+Shift+F) focuses the box, its last query selected: typing replaces it.
        self.setFocusProxy(self.query)
        self.query.installEventFilter(self)
        self.go = QPushButton("Search", self)
        self.go.clicked.connect(self.run_search)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.speaker = CheckList("speakers", "Only turns by the ticked speakers (none ticked: everyone)", self)
        self.case = CheckList("cases", "Only documents of the ticked cases (none ticked: all)", self)
        self.attribute = CheckList("values", "Only cases with the ticked attribute values (values of one "
                                   "attribute are alternatives; different attributes must all hold)", self)
        self.code = CheckList("codes", "Only text coded with every ticked code (or a code under it)", self)
        self.not_code = CheckList("codes", "Leave out text coded with any ticked code (or a code under it)",
                                  self)
        self.limit = QSpinBox(self)
        self.limit.setRange(10, 100_000)
        self.limit.setValue(500)
        self.limit.setToolTip("Show at most this many hits (counts cover every hit)")
        self.status = QLabel(self)
        self.model = SearchResultsModel(self)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        header = self.view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(0, 170)
        self.view.setColumnWidth(1, 330)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setItemDelegateForColumn(1, LeftContextDelegate(self.view))
        self.view.clicked.connect(self._on_clicked)
        self.view.activated.connect(self._on_clicked)
        self.check_all = QPushButton("Check all", self)
        self.check_all.clicked.connect(lambda: self.model.set_all_checked(True))
        self.uncheck_all = QPushButton("Uncheck all", self)
        self.uncheck_all.clicked.connect(lambda: self.model.set_all_checked(False))
        self.code_button = QPushButton("Code checked hits…", self)
        self.code_button.clicked.connect(lambda: self.code_checked_hits())

        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.go)
        filters = QHBoxLayout()
        for label, widget in (("Speaker", self.speaker), ("Case", self.case), ("Attribute", self.attribute),
                              ("Code", self.code), ("Not code", self.not_code), ("Show", self.limit)):
            filters.addWidget(QLabel(label + ":", self))
            filters.addWidget(widget, 1 if isinstance(widget, QComboBox) else 0)  # CheckList is one too
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.check_all)
        actions.addWidget(self.uncheck_all)
        actions.addWidget(self.code_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Select the query when the box is focused by a command (`setFocus()`, as the window's search
        shortcut does) as Qt already does for Tab and shortcuts; a click keeps placing the cursor."""
        if (watched is self.query and event.type() == QEvent.Type.FocusIn and isinstance(event, QFocusEvent)
                and event.reason() == Qt.FocusReason.OtherFocusReason):
            self.query.selectAll()  # QLineEdit leaves the selection alone for this reason
        return False

    def reload_filters(self) -> None:
        """Fills the filter lists from the project, keeping the current choices where they still exist."""
        project = self.session.project
        values = project.case_values()
        attribute_items = sorted({f"{name}={value}" for vals in values.values() for name, value in vals.items()
                                  if str(value).strip()})
        code_paths = [project.code_path(c.id) for c in project.codes()]
        self.speaker.set_source(self._speakers)  # every transcript's turns: read when the list opens
        self.case.set_names(c.name for c in project.cases())
        self.attribute.set_names(attribute_items)
        self.code.set_names(code_paths)
        self.not_code.set_names(code_paths)

    def _speakers(self) -> list[str]:
        project = self.session.project
        speakers: set[str] = set()
        for document in project.documents():
            speakers.update(s.speaker for s in project.spans(document) if s.speaker)
        return sorted(speakers)

    # ------------------------------------------------------------ searching
    def filters(self) -> dict[str, object]:
        return {
            "speakers": self.speaker.checked() or None,
            "cases": self.case.checked() or None,
            "attributes": self.attribute.checked() or None,
            "codes": self.code.checked(),
            "exclude_codes": self.not_code.checked(),
            "coders": self.session.visible_coder_names(),
            "limit": self.limit.value(),
        }

    def run_search(self) -> None:
        """Starts a search for the box's text and filters; results arrive via `search_finished`."""
        self._number += 1
        if self._building or self.search.needs_build():
            self._start_index_build()
            return
        self.status.setText("Searching…")
        try:
            prepared = self.search.prepare(self.query.text(), **self.filters())  # type: ignore[arg-type]
        except FqaError as exc:
            self._on_failed(self._number, str(exc))
            return
        self._pool.start(SearchJob(self._number, prepared, self._signals))

    def search_and_wait(self, query: str, timeout: float = 600.0) -> SearchResults:
        """Put `query` in the box, run it (building the index first if need be) and wait for its results,
        the window painting meanwhile. For scripted uses (`gui --screenshot --search`); a user's search
        never waits. Raises FqaError with the reason if the search fails or takes longer than `timeout`."""
        outcome: list[object] = []
        loop = QEventLoop(self)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)

        def done(result: object) -> None:
            outcome.append(result)
            loop.quit()
        self.search_finished.connect(done)
        self.search_failed.connect(done)
        try:
            self.query.setText(query)
            self.run_search()
            if not outcome:  # a malformed query fails at once, before any waiting
                timer.start(int(timeout * 1000))
                loop.exec()
        finally:
            timer.stop()
            self.search_finished.disconnect(done)
            self.search_failed.disconnect(done)
        if not outcome:
            raise FqaError(f"the search {query!r} did not finish within {timeout:.0f} s")
        if isinstance(outcome[0], str):
            raise FqaError(f"the search {query!r} failed: {outcome[0]}")
        assert isinstance(outcome[0], SearchResults)
        return outcome[0]

    @property
    def building_index(self) -> bool:
        return self._building

    def _start_index_build(self) -> None:
        self.status.setText("Building the search index (the first search in this project)…")
        if self._building:
            return  # the search box's latest text runs when the build ends
        self._building = True
        signals = self._signals
        self._pool.start(IndexJob(self.search.build_job(signals.index_progress.emit), signals))

    def _on_index_progress(self, done: int, total: int) -> None:
        if self._building and total:
            self.status.setText(f"Building the search index (the first search in this project): "
                                f"{done} of {total} documents…")

    def _on_index_ready(self) -> None:
        self._building = False
        self.run_search()

    def _on_finished(self, number: int, results: SearchResults) -> None:
        if number != self._number:
            return  # superseded by a newer search
        self.error.hide()
        self.results = results
        self.model.set_results(results)
        self.view.expandAll()
        docs = len(results.counts)
        shown = f", showing the first {len(results.hits)}" if results.truncated else ""
        self.status.setText(f"{results.total} hit{'s' if results.total != 1 else ''} in {docs} "
                            f"document{'s' if docs != 1 else ''}{shown}")
        self.search_finished.emit(results)

    def _on_failed(self, number: int, message: str) -> None:
        if number != self._number:
            return
        self.error.setText(message)
        self.error.show()
        self.status.setText("")
        self.search_failed.emit(message)

    def _on_change(self, change: Change) -> None:
        if change.touches("codes", "case_values", "attributes", "cases", "documents"):
            self._filters_later.start()
        codes_filtered = bool(self.code.checked() or self.not_code.checked())
        if self.results is not None and (change.touches(*_RERUN_TABLES) or
                                         (codes_filtered and change.touches("codings", "codes"))):
            self._search_later.start()

    # ------------------------------------------------------------ hits
    def _on_clicked(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, SearchHit):
            self.session.navigate.emit(hit.document_id, hit.start, hit.end)

    def code_checked_hits(self, code_path: str | None = None, extent: Extent | None = None) -> Change | None:
        """Opens the coding preview for the checked hits; on OK creates exactly the previewed codings."""
        hits = self.model.checked_hits()
        if not hits:
            QMessageBox.information(self, "Code search hits", "Check the hits to code first.")
            return None
        def report(message: str) -> None:
            QMessageBox.warning(self, "Code search hits", message)
        dialog = reporting(lambda: CodeHitsDialog(self.search, hits, self.session.coder, self), report)
        if dialog is None or not attempt(lambda: dialog.choose(code_path, extent), report):
            return None
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.plan is None:
            return None
        plan = dialog.plan
        return reporting(lambda: self.search.apply_coding(plan), report)

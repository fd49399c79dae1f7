"""The workbench window: documents on the left, the transcript in the centre, the codebook on the right,
codings, memos, cases and search below; every panel is a dock that can be moved, and the layout is
remembered. The centre holds tabs: the transcript, the framework matrix and the agreement view.

The window holds one `Session` at a time. Panels (`window.panels.Panels`, one typed attribute each) read
the project and refresh from `session.changed`; they follow what is shown through the session's named
signals (`document_shown`, `code_selected`, `coding_selected`, `navigate`), never through each other. The
window only turns a panel's request into a gesture (open this document, code with that code).

Opening and creating projects is not the window's business: File › New, Open, Open server and Open recent
emit `new_project_requested`, `open_project_requested(path or address)` and `open_server_requested`, which
the application's window lifecycle (`window.projects.manage`) answers; this module never imports it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QDockWidget, QFileDialog, QLabel, QMainWindow, QMenu, QTabWidget, QWidget

from framework_qa.core.addresses import project_title
from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError
from framework_qa.core.importers import TRANSCRIPT_SUFFIXES
from framework_qa.gui import app as appmod
from framework_qa.gui.actions.coding import CodingActions
from framework_qa.gui.actions.importing import ImportController
from framework_qa.gui.agreement.panel import AgreementPanel
from framework_qa.gui.dialogs.errors import dialog_for, reporting
from framework_qa.gui.matrix.panel import MatrixPanel
from framework_qa.gui.session import Session
from framework_qa.gui.viewer.pane import ViewerPane
from framework_qa.gui.window.layouts import ANALYSIS, CODING, ModeLayouts
from framework_qa.gui.window.menus import build_menus
from framework_qa.gui.window.panels import ANALYSIS_TABS, AnalysisViews, Panels, title

if TYPE_CHECKING:
    from framework_qa.core.search import SearchResults

DOCKS = (("documents", Qt.DockWidgetArea.LeftDockWidgetArea), ("codebook", Qt.DockWidgetArea.RightDockWidgetArea),
         ("codings", Qt.DockWidgetArea.BottomDockWidgetArea), ("memo", Qt.DockWidgetArea.BottomDockWidgetArea),
         ("cases", Qt.DockWidgetArea.BottomDockWidgetArea), ("memos", Qt.DockWidgetArea.BottomDockWidgetArea),
         ("search", Qt.DockWidgetArea.BottomDockWidgetArea))
TABS = ("transcript", *ANALYSIS_TABS)
WAITING = "Waiting for another program to finish writing to the project…"


class MainWindow(QMainWindow):
    new_project_requested = Signal()        # File › New project…
    open_project_requested = Signal(str)    # File › Open project… or Open recent: a file or server address
    open_server_requested = Signal()        # File › Open server project… (ask for the address)

    def __init__(self, session: Session, *, restore: bool = True) -> None:
        super().__init__()
        self.session = session
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
                            | QMainWindow.DockOption.AllowNestedDocks)
        self.pane = ViewerPane(session, self)
        self.viewer = self.pane.viewer
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.pane, "Transcript")
        for key in ANALYSIS_TABS:  # placeholders until first shown (see _tab_changed)
            self.tabs.addTab(QWidget(self.tabs), title(key))
        self.analysis = AnalysisViews(session)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        self.panels = Panels.create(session)
        self.docks: dict[str, QDockWidget] = {}
        widgets = dict(self.panels.items())
        for key, area in DOCKS:
            dock = QDockWidget(title(key), self)
            dock.setObjectName(f"dock-{key}")
            dock.setWidget(widgets[key])
            self.addDockWidget(area, dock)
            self.docks[key] = dock
        for key in ("memo", "cases", "memos", "search"):
            self.tabifyDockWidget(self.docks["codings"], self.docks[key])
        self.docks["codings"].raise_()
        self.resizeDocks([self.docks["documents"], self.docks["codebook"]], [240, 330], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["codings"]], [220], Qt.Orientation.Vertical)
        self.layouts = ModeLayouts(self, self.docks, coding_only=("search",),
                                   to_coding=lambda: self.show_tab("transcript"))

        self.coding = CodingActions(session, self.viewer, self, self.panels.codebook, self.show_status)
        self.importer = ImportController(session, self)
        self.importer.finished.connect(self._import_finished)
        self.menus = build_menus(self)
        self.team = self.menus.team  # server projects: the Team menu, the login as coder, a reader's limits
        for dock in self.docks.values():
            self.menus.panels.addAction(dock.toggleViewAction())
        self._status_coder = QLabel(self)
        self._status_counts = QLabel(self)
        self.statusBar().addPermanentWidget(self._status_counts)
        self.statusBar().addPermanentWidget(self._status_coder)
        self._connect()
        self._refresh_title()
        self._refresh_undo()
        self._refresh_status()
        self._refresh_coder_filter()
        self.resize(1500, 950)
        if restore:
            self._restore_layout()

    # ------------------------------------------------------------ wiring
    def _connect(self) -> None:
        s = self.session
        s.changed.connect(self._on_change)
        s.counts.changed.connect(lambda _codes: self._refresh_status())
        s.coder_changed.connect(self._coders_changed)
        s.visible_coders_changed.connect(self._coders_changed)
        s.navigate.connect(self.navigate)
        s.document_shown.connect(self._document_shown)
        s.waiting.connect(self._show_wait)
        s.wait_over.connect(self._wait_over)
        s.poll_failed.connect(lambda why: self.show_status(f"Cannot read other programs' changes: {why}"))
        self.panels.documents.document_activated.connect(self.open_document)
        self.panels.codebook.code_activated.connect(self.coding.code_selection)
        self.panels.memos.memo_activated.connect(self.open_memo)

    def _on_change(self, change: Change) -> None:
        self._refresh_undo()
        self._refresh_status()
        if change.touches("documents", "cases", "case_values"):  # the header names them
            self._refresh_header()

    def _coders_changed(self, *_: object) -> None:
        self._refresh_status()
        self._refresh_coder_filter()

    def open_memo(self, kind: str, target_id: int) -> None:
        """Show a memo from the list of all memos in the memo editor, with what it is about."""
        if kind == "document":
            self.open_document(target_id)
        elif kind == "coding":
            coding = self.session.project.coding(target_id)
            self.navigate(coding.document_id, coding.start, coding.end)
        elif kind == "code":
            self.panels.codebook.select_code(target_id)
        self.panels.memo.set_target(kind, target_id)
        self.docks["memo"].raise_()

    # ------------------------------------------------------------ analysis tabs
    def show_tab(self, key: str) -> QWidget:
        """Bring the transcript or an analysis view to the front, creating the view on first use."""
        self.tabs.setCurrentIndex(TABS.index(key))
        view = self.pane if key == "transcript" else self.analysis.get(key)
        assert view is not None  # created by _tab_changed
        return view

    def show_matrix(self) -> MatrixPanel:
        """The framework matrix in front (created on first use)."""
        self.show_tab("matrix")
        assert self.analysis.matrix is not None  # created by _tab_changed
        return self.analysis.matrix

    def show_agreement(self) -> AgreementPanel:
        """The agreement view in front (created on first use)."""
        self.show_tab("agreement")
        assert self.analysis.agreement is not None  # created by _tab_changed
        return self.analysis.agreement

    def _tab_changed(self, index: int) -> None:
        key = TABS[index]
        self.layouts.switch(CODING if key == "transcript" else ANALYSIS)
        if key == "transcript" or self.analysis.get(key) is not None:
            return
        widget = self.analysis.create(key)
        self.tabs.blockSignals(True)
        placeholder = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, title(key))
        self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(False)
        if placeholder is not None:
            placeholder.deleteLater()

    def show_search(self) -> None:
        """Brings the search dock forward, tall enough to read a page of keyword-in-context rows. The dock
        belongs to the coding layout (its hits open in the transcript): the transcript comes to the front."""
        self.show_tab("transcript")
        dock = self.docks["search"]
        dock.show()
        dock.raise_()
        wanted = int(self.height() * 0.42)
        if not dock.isFloating() and dock.height() < wanted:
            self.resizeDocks([dock], [wanted], Qt.Orientation.Vertical)
        self.panels.search.setFocus()

    def search_and_open_first(self, query: str, timeout: float = 600.0) -> SearchResults:
        """Show the search dock, run `query` there and wait for its results, then open the first hit (if
        any) in the transcript. For scripted uses (the screenshot); FqaError if the search fails."""
        self.show_search()
        results = self.panels.search.search_and_wait(query, timeout)
        shown = self.panels.search.model.hits()  # in the order the panel lists them
        if shown:
            self.navigate(shown[0].document_id, shown[0].start, shown[0].end)
        return results

    # ------------------------------------------------------------ documents
    def open_document(self, document_id: int) -> None:
        if document_id != self.viewer.document_id:
            self.viewer.show_document(document_id)
        self.viewer.setFocus()

    def open_document_named(self, name: str) -> None:
        self.open_document(self.session.project.document(name).id)

    def navigate(self, document_id: int, start: int, end: int) -> None:
        self.tabs.setCurrentIndex(TABS.index("transcript"))
        self.open_document(document_id)
        self.viewer.select_range(start, end)

    def _document_shown(self, _document_id: int) -> None:
        """The viewer opened a document: the header and the status bar follow (the codings table, the memo
        and the documents list follow `session.document_shown` themselves)."""
        self._refresh_header()
        self._refresh_status()

    def _refresh_header(self) -> bool:
        """Name, case, case values and size of the shown document; False (and no header) if none is shown.
        Only the header: a change elsewhere (another program's, say) must not re-aim the other panels."""
        project = self.session.project
        document_id = self.viewer.document_id
        doc = None
        if document_id is not None:
            try:
                doc = project.document(document_id)
            except FqaError:  # deleted (the viewer lets go of it too)
                pass
        if doc is None or document_id is None:
            self.pane.set_header(None)
            return False
        case = project.case(doc.case_id).name if doc.case_id is not None else "no case"
        values = project.case_values().get(doc.case_id or -1, {})
        facts = ", ".join(f"{k}: {v}" for k, v in list(values.items())[:4])
        paragraphs = len(project.spans(document_id))
        self.pane.set_header(doc.name, f"case {case}{' · ' + facts if facts else ''} · {paragraphs} paragraphs "
                                       f"· {doc.format}")
        return True

    # ------------------------------------------------------------ undo
    def undo(self) -> None:
        """Undo our last command. Another program may have changed what it would overwrite: the core then
        refuses (`EditConflict`, the step leaves the history), and the refusal is shown as one message."""
        self._step(self.session.project.undo)

    def redo(self) -> None:
        self._step(self.session.project.redo)

    def _step(self, step: Callable[[], object]) -> None:
        try:
            reporting(step, dialog_for(self))
        finally:  # a refused step left the history without a broadcast: the labels must follow anyway
            self._refresh_undo()

    def _refresh_undo(self) -> None:
        stack = self.session.project.undo_stack
        undo, redo = self.menus.actions["undo"], self.menus.actions["redo"]
        undo.setEnabled(stack.can_undo)
        undo.setText(f"&Undo {stack.undo_label}" if stack.undo_label else "&Undo")
        redo.setEnabled(stack.can_redo)
        redo.setText(f"&Redo {stack.redo_label}" if stack.redo_label else "&Redo")

    # ------------------------------------------------------------ status
    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def _show_wait(self, seconds: float) -> None:
        if seconds >= 0.5:  # a blink of a wait is not worth a flicker
            self.statusBar().showMessage(f"{WAITING} {math.ceil(seconds)} s")

    def _wait_over(self) -> None:
        if self.statusBar().currentMessage().startswith(WAITING):
            self.statusBar().clearMessage()

    def _refresh_title(self) -> None:
        self.setWindowTitle(f"{project_title(self.session.project.location)} — framework-qa")

    def _refresh_status(self) -> None:
        project = self.session.project
        visible = self.session.visible_coders
        shown = "all coders" if visible is None else ", ".join(sorted(visible)) or "nobody"
        self._status_coder.setText(f"  Coder: <b>{self.session.coder}</b>{self.team.coder_note()} · showing {shown}  ")
        total = self.session.counts.total()  # the codebook's count, kept up to date from changes
        here = len(self.viewer.marks)
        docs = len(project.documents())
        where = f"{here} codings in this document · " if self.viewer.document_id is not None else ""
        self._status_counts.setText(f"{where}{total} codings · {docs} documents")

    # ------------------------------------------------------------ coders
    def set_coder_filter(self, mode: str) -> None:
        if mode == "mine":
            self.session.set_visible_coders(frozenset({self.session.coder}))
        elif mode == "all":
            self.session.set_visible_coders(None)
        else:
            from framework_qa.gui.dialogs.coders import choose_visible_coders
            chosen = choose_visible_coders(self.session, self)
            if chosen is not None:
                self.session.set_visible_coders(chosen)
        self._refresh_coder_filter()

    def _refresh_coder_filter(self) -> None:
        visible = self.session.visible_coders
        mode = "all" if visible is None else "mine" if visible == {self.session.coder} else "choose"
        for key in ("mine", "all", "choose"):
            self.menus.actions[f"coders_{key}"].setChecked(key == mode)

    def switch_coder(self) -> None:
        """Ask who is coding; not on a server project, where the coder is the login (see window.team)."""
        from framework_qa.gui.dialogs.coders import ask_coder
        if self.team.login is not None:
            self.show_status(f"On a server project you code as your login, {self.team.login}.")
            return
        name = ask_coder(self.session.project, self.session.coder, self)
        if name:
            self.session.set_coder(name)
            appmod.remember_coder(self.session.project.location, name)

    # ------------------------------------------------------------ view
    def zoom(self, steps: int) -> None:
        self.viewer.zoom(steps)
        appmod.settings().setValue("viewer/point_size", self.viewer.point_size())

    def show_find(self) -> None:
        self.pane.find_bar.open()

    def find_again(self, forward: bool = True) -> None:
        if not self.pane.find_bar.isVisible():
            self.show_find()
        else:
            self.pane.find_bar.search(forward)

    # ------------------------------------------------------------ projects and files
    def open_project_dialog(self) -> None:
        """File › Open project…: ask for a file, then request it (see `open_project_requested`)."""
        path, _ = QFileDialog.getOpenFileName(self, "Open project", "", "framework-qa projects (*.fqa);;All files (*)")
        if path:
            self.open_project_requested.emit(path)

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        for path in appmod.recent_projects():
            menu.addAction(path).triggered.connect(lambda _=False, p=path: self.open_project_requested.emit(p))
        if menu.isEmpty():
            menu.addAction("(none yet)").setEnabled(False)

    def import_dialog(self) -> None:
        patterns = " ".join(f"*{s}" for s in TRANSCRIPT_SUFFIXES)
        paths, _ = QFileDialog.getOpenFileNames(self, "Import transcripts", "", f"Transcripts ({patterns})")
        if paths:
            self.importer.start(paths)

    def import_attributes_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import case attributes", "", "Tables (*.csv *.xlsx)")
        if path:
            reporting(lambda: self.session.project.import_attributes(path), dialog_for(self))

    def _import_finished(self, report: object) -> None:
        imported = getattr(report, "imported", [])
        if imported:
            self.show_status(f"Imported {len(imported)} document{'s' if len(imported) != 1 else ''}.")
            if self.viewer.document_id is None:
                self.open_document_named(imported[0])

    def dragEnterEvent(self, event: QDragEnterEvent | QDragMoveEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.importer.start(paths)

    # ------------------------------------------------------------ layout memory
    def _restore_layout(self) -> None:
        store = appmod.settings()
        geometry = store.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self.layouts.restore(store)
        size = store.value("viewer/point_size")
        if isinstance(size, int | float | str) and size:  # an INI file gives the number back as text
            self.viewer.set_point_size(float(size))

    def save_layout(self) -> None:
        store = appmod.settings()
        store.setValue("window/geometry", self.saveGeometry())
        self.layouts.save(store)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_layout()
        super().closeEvent(event)
        if event.isAccepted():
            self.session.close()

"""The documents dock: cases with their documents, a filter, attribute values on hover or as columns.

One click on a document (or on a case shown as one row with its only document) opens it; the keyboard's
activation (Enter) does too. Renaming stays on F2 / the context menu, so a click never starts an edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from framework_qa.core.commands import Change
from framework_qa.gui.cases.model import NO_CASE, SEARCH_ROLE, SIZE_ROWS, DocumentTreeModel
from framework_qa.gui.dialogs.errors import reporting
from framework_qa.gui.session import Session


class DocumentFilterProxy(QSortFilterProxyModel):
    """Keeps rows whose name or attribute values contain the text; a matching case keeps its documents."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterKeyColumn(0)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_text(self, text: str) -> None:
        self.setFilterFixedString(text.strip())


class DocumentsPanel(QWidget):
    document_activated = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = DocumentTreeModel(session, self)
        self.proxy = DocumentFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter cases, documents, attribute values…")
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeView(self)
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        # fitting the name column measures the rows in view and this many more, not all of a large project's
        self.tree.header().setResizeContentsPrecision(SIZE_ROWS)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.header().setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)

        self._shown_attributes: set[str] = set()
        self._current_doc: int | None = None
        self.model.modelAboutToBeReset.connect(self._remember)
        self.model.modelReset.connect(self._restore)
        self.model.error.connect(self.show_error)
        self.filter.textChanged.connect(self._filter_changed)
        self.tree.activated.connect(self._activated)
        self.tree.clicked.connect(self._activated)  # one click opens a document, as in a file browser
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.header().customContextMenuRequested.connect(self._header_menu)
        session.document_shown.connect(self.select_document)
        self._restore()

    # ------------------------------------------------------------ public
    def selected_document_id(self) -> int | None:
        return self.model.document_id(self.proxy.mapToSource(self.tree.currentIndex()))

    def select_document(self, document_id: int) -> None:
        index = self.proxy.mapFromSource(self.model.index_of_document(document_id))
        if index.isValid():
            self.tree.scrollTo(index)
            self.tree.setCurrentIndex(index)

    def set_attribute_columns(self, names: set[str]) -> None:
        """Show these attributes as columns (the rest stay visible in the case tooltip)."""
        self._shown_attributes = set(names)
        for i, name in enumerate(self.model.attribute_names(), start=1):
            self.tree.setColumnHidden(i, name not in self._shown_attributes)

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, "Documents", message)

    # ------------------------------------------------------------ view state
    def _remember(self) -> None:
        self._current_doc = self.selected_document_id()

    def _restore(self) -> None:
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.set_attribute_columns(self._shown_attributes)
        if self._current_doc is not None:
            self.select_document(self._current_doc)

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self.tree.expandAll()

    def _activated(self, index: QModelIndex) -> None:
        doc_id = self.model.document_id(self.proxy.mapToSource(index))
        if doc_id is not None:
            self.document_activated.emit(doc_id)

    def _header_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for name in self.model.attribute_names():
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(name in self._shown_attributes)
            action.toggled.connect(lambda on, n=name: self.set_attribute_columns(
                self._shown_attributes | {n} if on else self._shown_attributes - {n}))
        if menu.isEmpty():
            menu.addAction("No attributes defined").setEnabled(False)
        menu.exec(self.tree.header().mapToGlobal(pos))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        if not index.isValid():
            return
        self.tree.setCurrentIndex(index)
        source = self.proxy.mapToSource(index)
        doc_id = self.model.document_id(source)
        menu = QMenu(self)
        if doc_id is not None:
            menu.addAction("Open", lambda: self.document_activated.emit(doc_id))
            menu.addAction("Assign to case…", lambda: self.assign_case(doc_id))
            menu.addAction("Rename", lambda: self.tree.edit(index))
            case_id = self.model.case_id(source)
            if source.internalId() == 0 and case_id is not None:  # a case shown as one row with its document
                menu.addAction("Rename case…", lambda: self.rename_case(case_id))
            menu.addSeparator()
            menu.addAction("Delete document…", lambda: self.delete_document(doc_id))
        elif self.model.case_id(source) is not None:
            menu.addAction("Rename case", lambda: self.tree.edit(index))
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    # ------------------------------------------------------------ commands
    def _run(self, command: Callable[[], Change]) -> Change | None:
        return reporting(command, self.show_error)

    def assign_case(self, document_id: int, case: str | None = None) -> None:
        """Assign to an existing or new case (typed), or to none; asks unless `case` is given."""
        project = self.session.project
        if case is None:
            names = [c.name for c in project.cases()]
            doc = project.document(document_id)
            current = project.case(doc.case_id).name if doc.case_id is not None else NO_CASE
            choice, ok = QInputDialog.getItem(self, "Assign to case",
                                              f"Case of '{doc.name}' (type a new name to create one):",
                                              [NO_CASE, *names], ([NO_CASE, *names]).index(current), True)
            if not ok or not choice.strip():
                return
            case = choice.strip()
        self._run(lambda: project.set_document_case(document_id, None if case == NO_CASE else case))

    def rename_case(self, case_id: int, name: str | None = None) -> None:
        """Rename a case (asks unless `name` is given); for a case shown as one row with its document."""
        project = self.session.project
        if name is None:
            current = project.case(case_id).name
            name, ok = QInputDialog.getText(self, "Rename case", f"New name of case '{current}':", text=current)
            if not ok or not name.strip() or name.strip() == current:
                return
        self._run(lambda: project.rename_case(case_id, name.strip()))

    def delete_document(self, document_id: int) -> bool:
        project = self.session.project
        doc = project.document(document_id)
        n = len(project.codings(document=document_id))
        answer = QMessageBox.question(
            self, "Delete document",
            f"Delete '{doc.name}' with its {n} coding{'s' if n != 1 else ''} and its memo?\nYou can undo this.")
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self._run(lambda: project.delete_document(document_id)) is not None

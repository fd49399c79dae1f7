"""The codings table: the codings of the current document, or of a code (and its sub-codes) everywhere.

Selecting a row asks the window to show that range (`session.navigate`); the context menu uncodes,
changes the code, or edits the coding's memo, each as one undoable command.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError
from framework_qa.core.model import Coding
from framework_qa.gui.codebook.chooser import choose_code
from framework_qa.gui.codings.model import (
    CODE,
    CODER,
    DOCUMENT,
    MEMO,
    PARAGRAPH,
    SORT_ROLE,
    TEXT,
    CodingsTableModel,
)
from framework_qa.gui.dialogs.errors import reporting
from framework_qa.gui.session import Session


class CodingsPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = CodingsTableModel(session, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.title = QLabel(self)
        self.descendants = QCheckBox("Include sub-codes", self)
        self.descendants.setChecked(True)
        self.descendants.setToolTip("Also list the codings of the code's sub-codes")
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        # Codings arrive in reading order (document, position); sorting through the proxy re-reads every
        # row on each refresh, so it only happens once the user asks for another order.
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.DoubleClicked)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # never measure thousands of rows
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        em = self.view.fontMetrics().horizontalAdvance("M")
        for col, width in ((DOCUMENT, 7), (PARAGRAPH, 4), (CODE, 16), (CODER, 6), (MEMO, 10)):
            header.resizeSection(col, width * em)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 1)
        top.addWidget(self.descendants)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

        self._restoring = False
        self._current: int | None = None
        self.model.modelAboutToBeReset.connect(self._remember)
        self.model.modelReset.connect(self._restore)
        self.model.rowsInserted.connect(self._update_title)
        self.model.rowsRemoved.connect(self._update_title)
        self.model.error.connect(self.show_error)
        self.descendants.toggled.connect(self.model.set_with_descendants)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.view.clicked.connect(self._navigate_to)
        self.view.customContextMenuRequested.connect(self._context_menu)
        session.document_shown.connect(self.show_document)
        session.code_selected.connect(self.show_code)
        self._update_title()

    # ------------------------------------------------------------ public
    def show_document(self, document_id: int | None) -> None:
        self.model.show_document(document_id)

    def show_code(self, code_id: int | None) -> None:
        self.model.show_code(code_id, self.descendants.isChecked())

    def selected_codings(self) -> list[Coding]:
        rows = {self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()}
        if not rows and self.view.currentIndex().isValid():
            rows = {self.proxy.mapToSource(self.view.currentIndex()).row()}
        return [c for c in (self.model.coding(r) for r in sorted(rows)) if c is not None]

    def select_coding(self, coding_id: int) -> None:
        row = self.model.row_of(coding_id)
        if row >= 0:
            self.view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, TEXT)))

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, "Codings", message)

    # ------------------------------------------------------------ view state
    def _update_title(self) -> None:
        kind, target = self.model.shown
        project = self.session.project
        n = self.model.rowCount()
        try:  # another program may have deleted it since: the model lets go of it at its next change
            name = (project.document(target).name if kind == "document" else project.code_path(target)
                    ) if target is not None else None
        except FqaError:
            name = None
        if kind == "document" and name is not None:
            self.title.setText(f"<b>{n}</b> coding{'s' if n != 1 else ''} in <b>{name}</b>")
        elif kind == "code" and name is not None:
            self.title.setText(f"<b>{n}</b> coding{'s' if n != 1 else ''} of <b>{name}</b>")
        else:
            self.title.setText("No document or code chosen")
        self.descendants.setVisible(kind == "code")
        self.view.setColumnHidden(DOCUMENT, kind == "document")

    def _remember(self) -> None:
        coding = self.model.coding(self.proxy.mapToSource(self.view.currentIndex()).row())
        self._current = coding.id if coding else None

    def _restore(self) -> None:
        self._update_title()
        if self._current is not None:
            self._restoring = True
            self.select_coding(self._current)
            self._restoring = False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._restoring and current.isValid():
            self._navigate_to(current)

    def _navigate_to(self, index: QModelIndex) -> None:
        coding = self.model.coding(self.proxy.mapToSource(index).row())
        if coding is not None:
            self.session.navigate.emit(coding.document_id, coding.start, coding.end)

    def _context_menu(self, pos: QPoint) -> None:
        codings = self.selected_codings()
        if not codings:
            return
        menu = QMenu(self)
        menu.addAction("Uncode" if len(codings) == 1 else f"Uncode {len(codings)} codings",
                       lambda: self.uncode(codings))
        if len(codings) == 1:
            menu.addAction("Change code…", lambda: self.change_code(codings[0].id))
            menu.addAction("Edit memo…", lambda: self.edit_memo(codings[0].id))
        menu.exec(self.view.viewport().mapToGlobal(pos))

    # ------------------------------------------------------------ commands
    def _run(self, command: Callable[[], Change]) -> Change | None:
        return reporting(command, self.show_error)

    def uncode(self, codings: list[Coding]) -> None:
        project = self.session.project
        if len(codings) == 1:
            self._run(lambda: project.remove_coding(codings[0].id))
        else:
            self._run(lambda: project.remove_codings([c.id for c in codings], f"Uncode {len(codings)} codings"))

    def change_code(self, coding_id: int, code_id: int | None = None) -> None:
        project = self.session.project
        if code_id is None:
            current = reporting(lambda: project.coding(coding_id).code_id, self.show_error)
            if current is None:  # deleted meanwhile (by another program, say)
                return
            code_id = choose_code(project, self, "Change code", "Recode this coding as:", exclude=[current])
        if code_id is not None:
            self._run(lambda: project.update_coding(coding_id, code=code_id))

    def edit_memo(self, coding_id: int) -> None:
        project = self.session.project
        memo = reporting(lambda: project.coding(coding_id).memo, self.show_error)
        if memo is None:
            return
        text, ok = QInputDialog.getMultiLineText(self, "Coding memo", "Memo on this coding:", memo)
        if ok:
            self._run(lambda: project.update_coding(coding_id, memo=text))

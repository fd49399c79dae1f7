"""Memo editing (`MemoPanel`) and the list of all memos (`MemoList`).

The editor saves when it loses focus or after a short pause in typing, so one burst of editing becomes
one undoable command rather than one per keystroke.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError
from framework_qa.gui.dialogs.errors import reported
from framework_qa.gui.memos.model import FIRST_LINE, TARGET, MemoListModel, target_name
from framework_qa.gui.session import Session

KINDS = ("project", "document", "case", "code", "coding")


class MemoPanel(QWidget):
    IDLE_MS = 1200

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._target: tuple[str, int] | None = None
        self._saved = ""
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setPlaceholderText("Write a memo…")
        self.editor.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self.IDLE_MS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.editor, 1)
        self.editor.textChanged.connect(self._edited)
        self.timer.timeout.connect(self.save)
        session.changed.connect(self._on_change)
        session.about_to_close.connect(self.save)  # an unsaved burst of typing is written, not lost
        session.document_shown.connect(self._document_shown)
        session.coding_selected.connect(self._coding_selected)
        self.set_target(None, 0)

    # ------------------------------------------------------------ public
    @property
    def target(self) -> tuple[str, int] | None:
        return self._target

    def set_target(self, kind: str | None, target_id: int = 0) -> None:
        """Edit the memo of the project (id 0), a document, case, code, or a coding; None: nothing."""
        self.save()
        if kind is not None and kind not in KINDS:
            raise ValueError(f"memo target must be one of {KINDS}")
        self._target = None if kind is None else (kind, target_id)
        self._load()

    def save(self) -> None:
        """Write the text if it differs from what is stored: one command for the whole burst.

        While another write of ours waits for a different program (the window keeps painting, so this
        timer can fire), the save is put off: writes do not nest."""
        self.timer.stop()
        if self._target is None:
            return
        if self.session.write_waiting:
            self.timer.start()
            return
        text = self.editor.toPlainText()
        if text == self._saved:
            return
        kind, target_id = self._target
        project = self.session.project
        before, self._saved = self._saved, text
        with reported(lambda message: QMessageBox.warning(self, "Memo", message)) as outcome:
            if kind == "coding":
                project.update_coding(target_id, memo=text)
            else:
                project.set_memo(kind, target_id, text)  # type: ignore[arg-type]
        if outcome.failed:
            self._saved = before  # still unsaved (a busy project, say): the next pause or focus change retries

    # ------------------------------------------------------------ internals
    def _document_shown(self, document_id: int) -> None:
        self.set_target("document", document_id)

    def _coding_selected(self, coding_id: int) -> None:
        self.set_target("coding", coding_id)

    def _stored(self) -> str | None:
        if self._target is None:
            return None
        kind, target_id = self._target
        project = self.session.project
        try:
            if kind == "coding":
                return project.coding(target_id).memo
            if kind == "document":
                project.document(target_id)
            elif kind == "case":
                project.case(target_id)
            elif kind == "code":
                project.code(target_id)
            return project.memo(kind, target_id)  # type: ignore[arg-type]
        except FqaError:
            return None

    def _load(self) -> None:
        stored = self._stored()
        if stored is None:
            self._target = None
        self._saved = stored or ""
        if self.editor.toPlainText() != self._saved:
            self.editor.blockSignals(True)
            self.editor.setPlainText(self._saved)
            self.editor.blockSignals(False)
        self.editor.setEnabled(self._target is not None)
        self.title.setText("Choose a project, document, case, code or coding to write its memo."
                           if self._target is None else
                           f"Memo · <b>{target_name(self.session.project, *self._target)}</b>")

    def _edited(self) -> None:
        if self._target is not None:
            self.timer.start()

    def _on_change(self, change: Change) -> None:
        if self._target is None or self.timer.isActive():
            return  # unsaved typing wins; it is written when the burst ends
        kind, target_id = self._target
        relevant = change.touches("memos") if kind != "coding" else target_id in change.ids("codings")
        gone = {"document": "documents", "case": "cases", "code": "codes"}.get(kind)
        if change.reset or relevant or (gone and target_id in change.ids(gone)):
            self._load()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.save()
        return super().eventFilter(watched, event)


class MemoList(QWidget):
    """All memos; double-click (or Enter) emits `memo_activated(kind, target id)`."""

    memo_activated = Signal(str, int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = MemoListModel(session, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)  # the model's order (project, cases, documents, codes, codings) until a header is clicked
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(TARGET, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(TARGET, 220)
        header.setSectionResizeMode(FIRST_LINE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.view)
        self.view.activated.connect(self._activated)

    def _activated(self, index: QModelIndex) -> None:
        target = self.model.target(self.proxy.mapToSource(index).row())
        if target is not None:
            self.memo_activated.emit(*target)

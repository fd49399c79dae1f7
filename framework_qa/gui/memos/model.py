"""Every memo in the project as a Qt table: target, first line, last update.

Memos on the project, documents, cases and codes come from `project.memos()`; a coding's memo lives on
the coding itself (kind "coding", target the coding id), so codings with a memo are listed too. A
change to a few codings re-reads just those codings (their rows come, go or change in place): coding a
passage must not re-read the 200,000 codings of a large project to find the few with memos.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TypeAlias

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer

from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError
from framework_qa.core.project import Project
from framework_qa.gui.session import Session

TARGET, FIRST_LINE, UPDATED = range(3)
HEADERS = ("On", "Memo", "Updated")
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
TARGET_ROLE = Qt.ItemDataRole.UserRole + 2
Index: TypeAlias = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument


def target_name(project: Project, kind: str, target_id: int) -> str:
    """A readable name for a memo's target, e.g. "Code: Working alliance/Bond"."""
    try:
        if kind == "project":
            return "Project"
        if kind == "document":
            return f"Document: {project.document(target_id).name}"
        if kind == "case":
            return f"Case: {project.case(target_id).name}"
        if kind == "code":
            return f"Code: {project.code_path(target_id)}"
        if kind == "coding":
            c = project.coding(target_id)
            return f"Coding: {project.document(c.document_id).name} · {project.code(c.code_id).name}"
    except (FqaError, KeyError):
        pass
    return f"{kind.capitalize()} {target_id} (deleted)"


INCREMENTAL_LIMIT = 64  # more codings changed at once: one re-read of every memo after the burst
_KINDS = {"project": 0, "case": 1, "document": 2, "code": 3, "coding": 4}


@dataclass(frozen=True)
class MemoRow:
    kind: str
    target_id: int
    target: str
    text: str
    updated: str


def _order(row: MemoRow) -> tuple[int, str]:
    return _KINDS.get(row.kind, 9), row.target.lower()


class MemoListModel(QAbstractTableModel):
    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows: list[MemoRow] = []
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(300)
        self._pending.timeout.connect(self.reload)
        self._load()
        session.changed.connect(self._on_change)
        session.about_to_close.connect(self._pending.stop)

    def _load(self) -> None:
        project = self._session.project
        rows = [MemoRow(m.target_kind, m.target_id, target_name(project, m.target_kind, m.target_id), m.text,
                        m.updated_at) for m in project.memos()]
        docs = {d.id: d.name for d in project.documents()}
        codes = {c.id: c.name for c in project.codes()}
        rows += [MemoRow("coding", c.id, f"Coding: {docs.get(c.document_id, '?')} · {codes.get(c.code_id, '?')}",
                         c.memo, c.created_at)
                 for c in project.codings(with_memo=True) if c.memo.strip()]
        self._rows = sorted(rows, key=_order)

    def _on_change(self, change: Change) -> None:
        if change.reset or change.touches("memos", "codes", "documents", "cases"):
            self.reload()
        elif change.touches("codings"):
            ids = change.ids("codings")
            if len(ids) > INCREMENTAL_LIMIT or self._pending.isActive():
                self._pending.start()  # many coding memos: re-read once the burst of coding has settled
            else:
                self._apply(ids)

    def _apply(self, ids: frozenset[int]) -> None:
        """Re-read only the codings `ids`: a row for each that has a memo, none for the others."""
        project = self._session.project
        fresh: dict[int, MemoRow] = {}
        for coding_id in ids:
            try:
                c = project.coding(coding_id)
            except FqaError:
                continue  # removed
            if c.memo.strip():
                fresh[coding_id] = MemoRow("coding", c.id, target_name(project, "coding", c.id), c.memo, c.created_at)
        for row in range(len(self._rows) - 1, -1, -1):
            old = self._rows[row]
            if old.kind == "coding" and old.target_id in ids and fresh.get(old.target_id) != old:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        present = {r.target_id for r in self._rows if r.kind == "coding"}
        for coding_id, item in fresh.items():
            if coding_id not in present:
                row = bisect.bisect_right(self._rows, _order(item), key=_order)
                self.beginInsertRows(QModelIndex(), row, row)
                self._rows.insert(row, item)
                self.endInsertRows()

    def reload(self) -> None:
        self._pending.stop()
        if not self._session.is_open:
            return
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def target(self, row: int) -> tuple[str, int] | None:
        return (self._rows[row].kind, self._rows[row].target_id) if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == KIND_ROLE:
            return row.kind
        if role == TARGET_ROLE:
            return row.target_id
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == TARGET:
                return row.target
            if index.column() == FIRST_LINE:
                return next((line.strip() for line in row.text.splitlines() if line.strip()), "")
            return row.updated.replace("T", " ")[:16]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == FIRST_LINE:
            return row.text
        return None

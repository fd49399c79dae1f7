"""Search results as a keyword-in-context tree: one row per document (with its count), one child row
per hit with its left context, the hit in bold and its right context, and a checkbox for coding.

Columns: 0 document / where (checkable), 1 left context (right-aligned so hits line up), 2 the hit,
3 right context. Checking a document row checks all of its shown hits.
"""

from __future__ import annotations

from typing import TypeAlias

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from framework_qa.core.search import DocumentHits, SearchHit, SearchResults

HIT_ROLE = Qt.ItemDataRole.UserRole + 1  # the SearchHit of a hit row (None on document rows)
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Document", "Before", "Hit", "After")
_NO_PARENT = 0  # internal id of document rows; a hit row's is its document row + 1
Index: TypeAlias = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class SearchResultsModel(QAbstractItemModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._groups: list[DocumentHits] = []
        self._checked: list[list[bool]] = []
        self._bold = QFont()
        self._bold.setBold(True)

    # ------------------------------------------------------------ content
    def set_results(self, results: SearchResults | None) -> None:
        self.beginResetModel()
        groups = results.by_document() if results is not None else []
        # Documents in order of their best hit; inside a document, hits in reading order.
        self._groups = [DocumentHits(g.document_id, g.document, g.count, tuple(sorted(g.hits, key=_position)))
                        for g in groups]
        self._checked = [[False] * len(g.hits) for g in self._groups]
        self.endResetModel()

    def groups(self) -> list[DocumentHits]:
        return list(self._groups)

    def hits(self) -> list[SearchHit]:
        return [hit for group in self._groups for hit in group.hits]

    def checked_hits(self) -> list[SearchHit]:
        return [
            hit
            for group, marks in zip(self._groups, self._checked, strict=True)
            for hit, mark in zip(group.hits, marks, strict=True)
            if mark
        ]

    def set_all_checked(self, checked: bool) -> None:
        for marks in self._checked:
            marks[:] = [checked] * len(marks)
        self._emit_all_checks()

    def hit_index(self, group_row: int, hit_row: int, column: int = 0) -> QModelIndex:
        return self.index(hit_row, column, self.index(group_row, 0))

    # ------------------------------------------------------------ structure
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NO_PARENT)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return QModelIndex()
        group = child.internalId()
        if group == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(group - 1, 0, _NO_PARENT)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _NO_PARENT and parent.column() == 0:
            return len(self._groups[parent.row()].hits)
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    # ------------------------------------------------------------ data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        group = index.internalId()
        if group == _NO_PARENT:
            return self._group_data(index.row(), index.column(), role)
        return self._hit_data(group - 1, index.row(), index.column(), role)

    def _group_data(self, row: int, column: int, role: int) -> object:
        group = self._groups[row]
        if role == DOCUMENT_ID_ROLE:
            return group.document_id
        if role == HIT_ROLE:
            return None
        if column != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            shown = len(group.hits)
            more = f", {shown} shown" if shown < group.count else ""
            return f"{group.document} ({group.count} hit{'s' if group.count != 1 else ''}{more})"
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.CheckStateRole:
            marks = self._checked[row]
            if marks and all(marks):
                return Qt.CheckState.Checked
            return Qt.CheckState.PartiallyChecked if any(marks) else Qt.CheckState.Unchecked
        return None

    def _hit_data(self, group_row: int, row: int, column: int, role: int) -> object:
        hit = self._groups[group_row].hits[row]
        if role == HIT_ROLE:
            return hit
        if role == DOCUMENT_ID_ROLE:
            return hit.document_id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"¶{hit.paragraph} {hit.speaker or ''}".rstrip()
            return _flat((hit.context_before, hit.text, hit.context_after)[column - 1])
        if role == Qt.ItemDataRole.FontRole and column == 2:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.document}, paragraph {hit.paragraph}, characters {hit.start}-{hit.end}"
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if self._checked[group_row][row] else Qt.CheckState.Unchecked
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        checked = _is_checked(value)
        group_row = index.internalId() - 1
        if group_row < 0:
            marks = self._checked[index.row()]
            marks[:] = [checked] * len(marks)
            self.dataChanged.emit(index, index, [role])
            if marks:
                self.dataChanged.emit(self.index(0, 0, index), self.index(len(marks) - 1, 0, index), [role])
            return True
        self._checked[group_row][index.row()] = checked
        self.dataChanged.emit(index, index, [role])
        group = self.index(group_row, 0)
        self.dataChanged.emit(group, group, [role])
        return True

    def _emit_all_checks(self) -> None:
        role = [Qt.ItemDataRole.CheckStateRole]
        for row, marks in enumerate(self._checked):
            group = self.index(row, 0)
            self.dataChanged.emit(group, group, role)
            if marks:
                self.dataChanged.emit(self.index(0, 0, group), self.index(len(marks) - 1, 0, group), role)


def _position(hit: SearchHit) -> int:
    return hit.start


def _is_checked(value: object) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return value in (2, Qt.CheckState.Checked.value)


def _flat(text: str) -> str:
    return text.replace("\n", " ").replace("\t", " ")


class LeftContextDelegate(QStyledItemDelegate):
    """Elides the left context at its start, so the words next to the hit stay visible."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft

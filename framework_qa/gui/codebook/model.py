"""The codebook as a Qt tree model: frameworks > categories > codes, with coding counts.

Structure is re-read from `project.codes()` when a change touches codes (rare, and cheap). Codings change
constantly while coding, so counts are re-queried in one aggregate and only the count cells that moved
emit `dataChanged`; the tree is never rebuilt for a coding.
"""

from __future__ import annotations

import html
from functools import partial
from typing import TypeAlias

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from framework_qa.core.commands import Change
from framework_qa.core.model import Code
from framework_qa.gui.codebook.mime import CODES_MIME, RANGE_MIME, codes_mime, read_codes, read_range
from framework_qa.gui.codebook.quickkeys import QuickKeys
from framework_qa.gui.dialogs.errors import attempt
from framework_qa.gui.session import Session

NAME, COUNT = 0, 1
CODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2  # name, definition, inclusion and exclusion, lower-cased

Index: TypeAlias = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument


class CodeTreeModel(QAbstractItemModel):
    """Rows are codes; an index's internal id is its code id. Commands failing emit `error(message)`.

    A text range dropped on a code is not coded here: it is announced as `range_dropped(document id,
    start, end, code id)` for the window's `CodingActions`, which codes every gesture the same way (the
    current coder, error dialogs, the recently used codes)."""

    error = Signal(str)
    range_dropped = Signal(int, int, int, int)

    def __init__(self, session: Session, quick_keys: QuickKeys, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._keys = quick_keys
        self._codes: dict[int, Code] = {}
        self._children: dict[int | None, list[int]] = {}
        self._row: dict[int, int] = {}
        self._counts: dict[int, int] = {}
        self._key_of: dict[int, int] = {}
        self._load()
        session.changed.connect(self._on_change)
        session.counts.changed.connect(self._counts_changed)
        quick_keys.changed.connect(self._keys_changed)

    # ------------------------------------------------------------ loading
    def _load(self) -> None:
        codes = self._session.project.codes()
        self._codes = {c.id: c for c in codes}
        self._children = {None: []}
        for c in codes:  # tree order: siblings arrive sorted
            self._children.setdefault(c.parent_id, []).append(c.id)
        self._row = {cid: i for ids in self._children.values() for i, cid in enumerate(ids)}
        self._counts = self._query_counts()
        self._key_of = self._keys.keys_by_code()

    def _query_counts(self) -> dict[int, int]:
        return self._session.counts.counts()  # the window's one count, kept up to date from changes

    def _on_change(self, change: Change) -> None:
        if change.touches("codes"):
            self.beginResetModel()
            self._load()
            self.endResetModel()

    def _counts_changed(self, moved: frozenset[int]) -> None:
        self._counts = self._query_counts()
        for cid in moved:
            if cid in self._codes:
                index = self.index_of(cid, COUNT)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole])

    def _keys_changed(self) -> None:
        old, self._key_of = self._key_of, self._keys.keys_by_code()
        for cid in old.keys() | self._key_of.keys():
            if cid in self._codes and old.get(cid) != self._key_of.get(cid):
                index = self.index_of(cid)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    # ------------------------------------------------------------ look-ups
    def code_id(self, index: Index) -> int | None:
        return int(index.internalId()) if index.isValid() else None

    def index_of(self, code_id: int, column: int = NAME) -> QModelIndex:
        if code_id not in self._codes:
            return QModelIndex()
        return self.createIndex(self._row[code_id], column, code_id)

    def count(self, code_id: int) -> int:
        return self._counts.get(code_id, 0)

    def subtree_count(self, code_id: int) -> int:
        return self.count(code_id) + sum(self.subtree_count(c) for c in self._children.get(code_id, []))

    # ------------------------------------------------------------ structure
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if column not in (NAME, COUNT) or row < 0:
            return QModelIndex()
        if parent.isValid() and parent.column() != NAME:
            return QModelIndex()
        ids = self._children.get(self.code_id(parent), [])
        return self.createIndex(row, column, ids[row]) if row < len(ids) else QModelIndex()

    def parent(self, child: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return QModelIndex()
        code = self._codes.get(int(child.internalId()))
        if code is None or code.parent_id is None:
            return QModelIndex()
        return self.index_of(code.parent_id)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.isValid() and parent.column() != NAME:
            return 0
        return len(self._children.get(self.code_id(parent), []))

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Code", "Codings")[section] if section in (0, 1) else None
        return None

    # ------------------------------------------------------------ data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        code = self._codes.get(int(index.internalId()))
        if code is None:
            return None
        if role == CODE_ID_ROLE:
            return code.id
        if index.column() == COUNT:
            return self._count_data(code, role)
        if role == Qt.ItemDataRole.DisplayRole:
            key = self._key_of.get(code.id)
            return f"{code.name}  [{key}]" if key else code.name
        if role == Qt.ItemDataRole.EditRole:
            return code.name
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(code.colour)
        if role == Qt.ItemDataRole.FontRole and code.origin == "emergent":
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(code)
        if role == SEARCH_ROLE:
            return " ".join((code.name, code.definition, code.inclusion, code.exclusion)).lower()
        return None

    def _count_data(self, code: Code, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            n = self.count(code.id)
            return str(n) if n else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            own, total = self.count(code.id), self.subtree_count(code.id)
            text = f"{own} coding{'s' if own != 1 else ''} on this code"
            return text + (f", {total} including its sub-codes" if total != own else "")
        return None

    def _tooltip(self, code: Code) -> str:
        parts = [f"<p><b>{html.escape(code.name)}</b>"
                 + (" <i>(emergent theme)</i>" if code.origin == "emergent" else "") + "</p>"]
        if code.definition:
            parts.append(rich_text(code.definition))
        if code.inclusion:
            parts.append(rich_text(code.inclusion, "<i>Include:</i> "))
        if code.exclusion:
            parts.append(rich_text(code.exclusion, "<i>Exclude:</i> "))
        return "".join(parts)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
                | Qt.ItemFlag.ItemIsDropEnabled)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == NAME else base

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Renaming through the view (inline edit) runs `project.update_code(name=)`."""
        if role != Qt.ItemDataRole.EditRole or index.column() != NAME or not index.isValid():
            return False
        code = self._codes.get(int(index.internalId()))
        name = str(value).strip()
        if code is None or name == code.name:
            return False
        return attempt(lambda: self._session.project.update_code(code.id, name=name), self.error.emit)

    # ------------------------------------------------------------ drag and drop
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [CODES_MIME, RANGE_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        ids = list(dict.fromkeys(int(i.internalId()) for i in indexes if i.isValid()))
        return codes_mime(ids)

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        if data.hasFormat(RANGE_MIME):  # onto a code, not between codes (that would code their parent)
            return parent.isValid() and row < 0 and read_range(data) is not None
        moving = read_codes(data)
        if not moving:
            return False
        target = self.code_id(parent)
        for cid in moving:
            walk = target
            while walk is not None:  # not into itself or its own subtree
                if walk == cid:
                    return False
                walk = self._codes[walk].parent_id if walk in self._codes else None
        return True

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        """A text range dropped on a code is announced (`range_dropped`); code ids dropped move those
        codes (`move_code`)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self.code_id(parent)
        span = read_range(data)
        if span is not None and target is not None:
            self.range_dropped.emit(*span, target)
            return True
        ok = True
        for cid in read_codes(data):
            position = None if row < 0 else row
            code = self._codes[cid]
            if position is not None and code.parent_id == target and self._row[cid] < position:
                position -= 1  # move_code counts positions among the siblings without the moved code
            ok = attempt(partial(self._session.project.move_code, cid, target, position), self.error.emit) and ok
            if row >= 0:
                row += 1
        return ok


def rich_text(text: str, lead: str = "") -> str:
    """A codebook text as tooltip HTML: runs of lines starting with '- ' (how framework files write
    inclusion and exclusion criteria) become a bullet list, other lines paragraphs; `lead` (HTML) goes
    before the first paragraph, or on a line of its own above a list."""
    blocks: list[str] = []
    items: list[str] = []
    for line in (raw.strip() for raw in text.splitlines()):
        if line.startswith(("- ", "* ", "• ")):
            items.append(f"<li>{html.escape(line[2:].strip())}</li>")
            continue
        if items:
            blocks.append(f"<ul style='margin-top:0; margin-bottom:0'>{''.join(items)}</ul>")
            items = []
        if line:
            blocks.append(f"<p>{html.escape(line)}</p>")
    if items:
        blocks.append(f"<ul style='margin-top:0; margin-bottom:0'>{''.join(items)}</ul>")
    if lead:
        if blocks and blocks[0].startswith("<p>"):
            blocks[0] = f"<p>{lead}{blocks[0][3:]}"
        else:
            blocks.insert(0, f"<p style='margin-bottom:0'>{lead}</p>")
    return "".join(blocks)


class CodeFilterProxy(QSortFilterProxyModel):
    """Keeps codes whose name, definition, inclusion or exclusion contain the text, and their ancestors."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterKeyColumn(NAME)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_text(self, text: str) -> None:
        self.setFilterFixedString(text.strip())

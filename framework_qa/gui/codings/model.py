"""The codings of one document, or of one code across documents, as a Qt table model.

Rows are re-read when a change touches codings of the shown document (or, for a code, any codings), or
codes, coders and documents (names shown). Document texts and paragraph starts are cached per document,
so a refresh after one coding costs a query and a pass over the rows, not re-reading transcripts.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TypeAlias

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError, NotFound
from framework_qa.core.model import Coding
from framework_qa.gui.codebook.coders import visible_coder_ids
from framework_qa.gui.dialogs.errors import attempt
from framework_qa.gui.session import Session

DOCUMENT, PARAGRAPH, CODE, CODER, TEXT, MEMO = range(6)
HEADERS = ("Document", "¶", "Code", "Coder", "Text", "Memo")
CODING_ROLE = Qt.ItemDataRole.UserRole + 1   # the Coding record
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
EXCERPT = 160

Index: TypeAlias = QModelIndex | QPersistentModelIndex
Names: TypeAlias = tuple[dict[int, str], dict[int, str], dict[int, str], dict[int, str]]
_ROOT = QModelIndex()  # the invisible root, as a default argument


def _key(row: Row) -> tuple[int, int, int, int]:
    """The store's order of codings: document, start, end, id."""
    c = row.coding
    return (c.document_id, c.start, c.end, c.id)


@dataclass(frozen=True)
class Row:
    """What a row shows besides the excerpt and paragraph, which are cut from the text only when the row
    is painted (`_excerpt`): opening a transcript of 3,000 codings must not cut 3,000 excerpts."""

    coding: Coding
    document: str
    code: str
    colour: str
    coder: str


class CodingsTableModel(QAbstractTableModel):
    error = Signal(str)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._document: int | None = None
        self._code: int | None = None
        self._descendants = True
        self._rows: list[Row] = []
        self._texts: dict[int, tuple[str, list[int]]] = {}
        self._excerpts: dict[tuple[int, int, int], tuple[int, str]] = {}
        session.changed.connect(self._on_change)
        session.visible_coders_changed.connect(self.reload)

    # ------------------------------------------------------------ what is shown
    def show_document(self, document_id: int | None) -> None:
        self._document, self._code = document_id, None
        self.reload()

    def show_code(self, code_id: int | None, with_descendants: bool | None = None) -> None:
        self._document, self._code = None, code_id
        if with_descendants is not None:
            self._descendants = with_descendants
        self.reload()

    def set_with_descendants(self, on: bool) -> None:
        self._descendants = on
        if self._code is not None:
            self.reload()

    @property
    def shown(self) -> tuple[str, int | None]:
        """("document", id), ("code", id) or ("none", None)."""
        if self._document is not None:
            return "document", self._document
        if self._code is not None:
            return "code", self._code
        return "none", None

    def _on_change(self, change: Change) -> None:
        if change.touches("documents"):
            self._texts.clear()
            self._excerpts.clear()
        if change.touches("codes", "coders", "documents"):
            self.reload()
        elif change.touches("codings") and (self._code is not None or self._document in change.coded_documents):
            self._apply(change.ids("codings"))

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._query()
        self.endResetModel()

    def _query(self) -> list[Row]:
        project = self._session.project
        coders = visible_coder_ids(self._session)
        if (self._document is None and self._code is None) or coders == []:
            return []
        try:
            if self._document is not None:  # shared with the viewer, read once
                codings = [c for c in self._session.document_codings(self._document)
                           if coders is None or c.coder_id in coders]
            else:
                codings = project.codings(code=self._code, coders=coders, with_descendants=self._descendants)
        except NotFound:  # the shown document or code was deleted
            self._document = self._code = None
            return []
        names = self._names()
        return [self._row(c, names) for c in codings]

    def _names(self) -> Names:
        """Look-ups for a batch of rows, read once (a per-row `code_path` would check the change feed
        for every row: 3,000 checks when a long transcript is opened)."""
        project = self._session.project
        codes = project.codes()
        return ({c.id: c.name for c in project.coders()}, {c.id: c.colour for c in codes},
                {d.id: d.name for d in project.documents()}, {c.id: project.code_path(c.id) for c in codes})

    def _row(self, c: Coding, names: Names) -> Row:
        coders, colours, docs, paths = names
        return Row(c, docs.get(c.document_id, "?"),
                   paths.get(c.code_id) or self._session.project.code_path(c.code_id), colours.get(c.code_id, "#808080"),
                   coders.get(c.coder_id, "?"))

    def _excerpt(self, c: Coding) -> tuple[int, str]:
        """The coding's paragraph number and its text as one line (cut at `EXCERPT`), cached per range."""
        key = (c.document_id, c.start, c.end)
        found = self._excerpts.get(key)
        if found is None:
            try:
                text, starts = self._text(c.document_id)
            except FqaError:  # deleted by another program; the rows go at its change
                return 1, ""
            excerpt = " ".join(text[c.start:c.end].split())
            if len(excerpt) > EXCERPT:
                excerpt = excerpt[:EXCERPT - 1] + "…"
            found = self._excerpts[key] = (bisect.bisect_right(starts, c.start) or 1, excerpt)
        return found

    def _apply(self, ids: frozenset[int], limit: int = 64) -> None:
        """Re-read only the codings a change touched: remove, insert (in text order) or update their rows.

        Coding one passage must not reset a table of thousands of rows (views would re-sort and re-measure
        everything, and the codings query alone costs more than the whole budget for applying a code).
        """
        if len(ids) > limit:
            self.reload()
            return
        project = self._session.project
        coders = visible_coder_ids(self._session)
        shown_codes: set[int] | None = None
        if self._code is not None:
            try:
                shown_codes = {self._code} | ({d.id for d in project.descendants(self._code)}
                                              if self._descendants else set())
            except NotFound:
                self.reload()
                return
        names = self._names()
        wanted: dict[int, Row] = {}
        for coding_id in ids:
            try:
                c = project.coding(coding_id)
            except FqaError:
                continue  # deleted
            if (self._document is not None and c.document_id != self._document) or \
                    (shown_codes is not None and c.code_id not in shown_codes) or \
                    (coders is not None and c.coder_id not in coders) or (self._document is None and self._code is None):
                continue
            wanted[coding_id] = self._row(c, names)
        for row in range(len(self._rows) - 1, -1, -1):
            old = self._rows[row]
            if old.coding.id in ids and (old.coding.id not in wanted or _key(wanted[old.coding.id]) != _key(old)):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        present = {r.coding.id: i for i, r in enumerate(self._rows) if r.coding.id in wanted}
        for coding_id, item in sorted(wanted.items(), key=lambda kv: _key(kv[1])):
            if coding_id in present:
                row = self._rows.index(next(r for r in self._rows if r.coding.id == coding_id))
                if self._rows[row] != item:
                    self._rows[row] = item
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
                continue
            row = bisect.bisect_left(self._rows, _key(item), key=_key)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, item)
            self.endInsertRows()

    def _text(self, document_id: int) -> tuple[str, list[int]]:
        if document_id not in self._texts:
            project = self._session.project
            self._texts[document_id] = (project.text(document_id), [s.start for s in project.spans(document_id)])
        return self._texts[document_id]

    # ------------------------------------------------------------ model
    def coding(self, row: int) -> Coding | None:
        return self._rows[row].coding if 0 <= row < len(self._rows) else None

    def row_of(self, coding_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.coding.id == coding_id), -1)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == PARAGRAPH:
                return "Paragraph (speaker turn) number"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if role == CODING_ROLE:
            return row.coding
        if role == SORT_ROLE:  # rows arrive in document and text order, so the row number sorts by position
            return index.row() if col in (DOCUMENT, PARAGRAPH, TEXT) else \
                (row.code, row.coder, "", row.coding.memo)[col - CODE].lower()  # TEXT sorts by row, above
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            paragraph, excerpt = self._excerpt(row.coding) if col in (PARAGRAPH, TEXT) else (0, "")
            values = (row.document, paragraph, row.code.rsplit("/", 1)[-1], row.coder, excerpt, row.coding.memo)
            value = values[col]
            return str(value) if role == Qt.ItemDataRole.DisplayRole else value
        if role == Qt.ItemDataRole.DecorationRole and col == CODE:
            return QColor(row.colour)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == TEXT:
                return self._excerpt(row.coding)[1]
            if col == MEMO and row.coding.memo:
                return row.coding.memo
            if col == CODE:
                return row.code
        if role == Qt.ItemDataRole.TextAlignmentRole and col == PARAGRAPH:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == MEMO else flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Editing the memo cell runs `update_coding(memo=)`."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != MEMO:
            return False
        coding = self._rows[index.row()].coding
        memo = "" if value is None else str(value)
        if memo == coding.memo:
            return False
        return attempt(lambda: self._session.project.update_coding(coding.id, memo=memo), self.error.emit)

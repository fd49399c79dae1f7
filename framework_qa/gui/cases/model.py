"""Cases and their documents as a Qt tree: each case with its documents, then "(no case)" for the rest.

A case whose only document has the case's name (an interview imported as P01 makes case P01 holding
document P01) is one row, not "P01 > P01": that row stands for both and opens the document; renaming it
renames the document (one undoable command; the case is renamed on its own, from the context menu or the
cases table), after which the pair shows as two rows again. A case with several documents, or one named
differently, keeps its document rows.

Column 0 names the case or document; one further column per attribute shows the case's value (on the
case row and on its documents' rows), so a panel can offer them as optional columns. The tree is small
and re-read whenever documents, cases or attributes change.
"""

from __future__ import annotations

import html
from typing import TypeAlias

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from framework_qa.core.commands import Change
from framework_qa.core.model import Attribute, Case, Document
from framework_qa.gui.dialogs.errors import attempt
from framework_qa.gui.session import Session

NO_CASE = "(no case)"
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
# Rows measured beyond those in view when a column is fitted to its contents (Qt measures 1,000 by
# default: every row of a 1,000-interview study, each through Python, as the window opens).
SIZE_ROWS = 100

Index: TypeAlias = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument


class DocumentTreeModel(QAbstractItemModel):
    """Top-level rows are cases (internal id 0); a document row's internal id is its case row + 1."""

    error = Signal(str)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._groups: list[tuple[Case | None, list[Document]]] = []
        self._attributes: list[Attribute] = []
        self._values: dict[int, dict[str, str]] = {}
        self._load()
        session.changed.connect(self._on_change)

    def _load(self) -> None:
        project = self._session.project
        by_case: dict[int | None, list[Document]] = {}
        for d in sorted(project.documents(), key=lambda d: d.name.lower()):
            by_case.setdefault(d.case_id, []).append(d)  # one pass: a case per document is common
        self._groups = [(c, by_case.get(c.id, [])) for c in project.cases()]
        if by_case.get(None):
            self._groups.append((None, by_case[None]))
        self._attributes = project.attributes()
        self._values = project.case_values()

    def merged(self, group: int) -> bool:
        """True if group `group` is shown as one row: a case with a single document of the same name."""
        case, docs = self._groups[group]
        return case is not None and len(docs) == 1 and docs[0].name == case.name

    def _on_change(self, change: Change) -> None:
        if change.touches("documents", "cases", "attributes", "case_values"):
            self.beginResetModel()
            self._load()
            self.endResetModel()

    # ------------------------------------------------------------ look-ups
    def document_id(self, index: Index) -> int | None:
        """The document of a document row or of a merged case row (see `merged`), else None."""
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._groups[index.row()][1][0].id if self.merged(index.row()) else None
        return self._groups[int(index.internalId()) - 1][1][index.row()].id

    def case_id(self, index: Index) -> int | None:
        """The case of a case row or of a document row (None under "(no case)")."""
        if not index.isValid():
            return None
        group = index.row() if index.internalId() == 0 else int(index.internalId()) - 1
        case = self._groups[group][0]
        return case.id if case else None

    def index_of_document(self, document_id: int) -> QModelIndex:
        for g, (_case, docs) in enumerate(self._groups):
            for r, d in enumerate(docs):
                if d.id == document_id:
                    return self.createIndex(g, 0, 0) if self.merged(g) else self.createIndex(r, 0, g + 1)
        return QModelIndex()

    def attribute_names(self) -> list[str]:
        return [a.name for a in self._attributes]

    # ------------------------------------------------------------ structure
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if row < 0 or not 0 <= column < self.columnCount():
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != 0 or parent.column() != 0 or self.merged(parent.row()):
            return QModelIndex()
        docs = self._groups[parent.row()][1]
        return self.createIndex(row, column, parent.row() + 1) if row < len(docs) else QModelIndex()

    def parent(self, child: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(int(child.internalId()) - 1, 0, 0)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0 and not self.merged(parent.row()):
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 1 + len(self._attributes)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return "Case / document"
        return self._attributes[section - 1].name if 0 < section <= len(self._attributes) else None

    # ------------------------------------------------------------ data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        case_row = index.internalId() == 0
        group = index.row() if case_row else int(index.internalId()) - 1
        case, docs = self._groups[group]
        values = self._values.get(case.id, {}) if case else {}
        if role == CASE_ID_ROLE:
            return case.id if case else None
        if role == DOCUMENT_ID_ROLE:
            return self.document_id(index)
        if index.column() > 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return values.get(self._attributes[index.column() - 1].name, "")
            return None
        if case_row and not self.merged(group):
            return self._case_data(case, docs, values, role)
        doc = docs[index.row()] if not case_row else docs[0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return doc.name
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = (f"{html.escape(doc.name)}<br>from {html.escape(doc.original_name)} ({doc.format}), "
                   f"{doc.length:,} characters")
            return tip + (f"<br>{self._case_data(case, docs, values, role)}" if case_row else "")
        if role == SEARCH_ROLE:
            return " ".join([doc.name, *values.values()]).lower()
        return None

    def _case_data(self, case: Case | None, docs: list[Document], values: dict[str, str], role: int) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return case.name if case else NO_CASE
        if role == Qt.ItemDataRole.FontRole and case is None:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and case is not None:
            rows = "".join(f"<tr><td><i>{html.escape(k)}</i></td><td>{html.escape(v)}</td></tr>"
                           for k, v in values.items())
            return f"<b>{html.escape(case.name)}</b> ({len(docs)} document{'s' if len(docs) != 1 else ''})" + (
                f"<table>{rows}</table>" if rows else "")
        if role == SEARCH_ROLE:
            return " ".join([case.name if case else NO_CASE, *values.values()]).lower()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        named = index.internalId() != 0 or self._groups[index.row()][0] is not None
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == 0 and named else flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Renaming inline: a document row runs `rename_document`, a case row `rename_case`."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != 0:
            return False
        name = str(value).strip()
        if name == self.data(index):
            return False
        project = self._session.project
        doc_id, case_id = self.document_id(index), self.case_id(index)
        if doc_id is not None:  # also a merged row: the case keeps its name (rename it on its own)
            return attempt(lambda: project.rename_document(doc_id, name), self.error.emit)
        if case_id is not None:
            return attempt(lambda: project.rename_case(case_id, name), self.error.emit)
        return False

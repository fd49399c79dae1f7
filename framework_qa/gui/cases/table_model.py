"""Cases x attributes as an editable Qt table model.

Column 0 is the case name (editing renames the case); each further column is one typed attribute
(editing runs `set_case_value`, which validates numbers and dates; a rejected value emits `error`).
"""

from __future__ import annotations

from typing import TypeAlias

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from framework_qa.core.commands import Change
from framework_qa.core.model import Attribute, Case
from framework_qa.gui.dialogs.errors import reported
from framework_qa.gui.session import Session

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index: TypeAlias = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument
HINTS = {"number": "a number, e.g. 34 or 2.5", "date": "a date, YYYY-MM-DD", "text": "any text"}


class CasesTableModel(QAbstractTableModel):
    error = Signal(str)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._cases: list[Case] = []
        self._attributes: list[Attribute] = []
        self._values: dict[int, dict[str, str]] = {}
        self._load()
        session.changed.connect(self._on_change)

    def _load(self) -> None:
        project = self._session.project
        self._cases = project.cases()
        self._attributes = project.attributes()
        self._values = project.case_values()

    def _on_change(self, change: Change) -> None:
        if change.touches("cases", "attributes", "case_values"):
            self.beginResetModel()
            self._load()
            self.endResetModel()

    def case_id(self, row: int) -> int | None:
        return self._cases[row].id if 0 <= row < len(self._cases) else None

    def row_of(self, case_id: int) -> int:
        return next((i for i, c in enumerate(self._cases) if c.id == case_id), -1)

    def attribute(self, column: int) -> Attribute | None:
        return self._attributes[column - 1] if 0 < column <= len(self._attributes) else None

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._cases)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 1 + len(self._attributes)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Vertical:
            return None
        attr = self.attribute(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return "Case"
            return f"{attr.name} ({attr.type})" if attr and attr.type != "text" else (attr.name if attr else None)
        if role == Qt.ItemDataRole.ToolTipRole and attr is not None:
            return f"{attr.name}: {HINTS[attr.type]}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._cases):
            return None
        case = self._cases[index.row()]
        if role == CASE_ID_ROLE:
            return case.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.TextAlignmentRole):
            return None
        attr = self.attribute(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if attr is not None and attr.type == "number":
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if index.column() == 0:
            return case.name
        return self._values.get(case.id, {}).get(attr.name, "") if attr else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = "" if value is None else str(value).strip()
        if text == (self.data(index) or ""):
            return False
        case = self._cases[index.row()]
        attr = self.attribute(index.column())
        project = self._session.project
        with reported(self.error.emit) as outcome:
            if index.column() == 0:
                project.rename_case(case.id, text)
            elif attr is not None:
                project.set_case_value(case.id, attr.name, text)
        return not outcome.failed

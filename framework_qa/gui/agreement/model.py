"""The agreement table as a tree: one row per code (pooled over documents), its documents as children.

Columns: the code (or document), the report's measures, then the raw counts. Display text is rounded;
`SORT_ROLE` gives the raw number (undefined sorts first), so a `QSortFilterProxyModel` sorts numerically.
The first column sorts in codebook order (documents in project order) when the order is given with the
report, as a researcher reads a codebook, not alphabetically by path.
An undefined value shows as "—" with its reason as the tooltip. Kappa, alpha (and Brennan-Prediger kappa)
are shaded below 0.6 (amber) and 0.4 (red) with translucent colours, so the shading reads on light and
dark palettes alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeAlias

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from framework_qa.core.analysis.agreement_report import (
    ALPHA,
    BRENNAN_PREDIGER,
    COHEN,
    FLEISS,
    LABELS,
    AgreementReport,
    Row,
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
SHADED = (COHEN, ALPHA, FLEISS, BRENNAN_PREDIGER)
AMBER = QColor(255, 170, 0, 90)
RED = QColor(230, 40, 40, 90)
LOW, VERY_LOW = 0.6, 0.4
# Narrow column titles for the long names (the full name is the title's tooltip): the measures then fit
# beside a readable code path.
SHORT = {ALPHA: "Kripp. α", BRENNAN_PREDIGER: "B-P κ"}

Index: TypeAlias = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument


def shade(value: float | None) -> QColor | None:
    if value is None:
        return None
    if value < VERY_LOW:
        return RED
    if value < LOW:
        return AMBER
    return None


class AgreementTreeModel(QAbstractItemModel):
    """Read-only tree over an `AgreementReport`; internal ids: 0 for a code row, code row + 1 for a child."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._report: AgreementReport | None = None
        self._children: list[list[Row]] = []
        self._keys: list[str] = []
        self._coders: list[str] = []
        self._code_order: Mapping[int, int] = {}
        self._document_order: Mapping[int, int] = {}

    # ------------------------------------------------------------ data
    def set_report(self, report: AgreementReport | None, code_order: Mapping[int, int] | None = None,
                   document_order: Mapping[int, int] | None = None) -> None:
        """Show `report`; the orders map code and document ids to their place in the codebook and project
        (what the first column sorts by; without them it sorts by name)."""
        self.beginResetModel()
        self._report = report
        self._code_order = code_order or {}
        self._document_order = document_order or {}
        self._children = []
        if report is not None:
            by_code: dict[int | None, list[Row]] = {}
            for row in report.per_document:
                by_code.setdefault(row.code_id, []).append(row)
            self._children = [by_code.get(r.code_id, []) for r in report.per_code]
            self._keys = list(report.measure_keys)
            self._coders = list(report.settings.coders)
        self.endResetModel()

    @property
    def report(self) -> AgreementReport | None:
        return self._report

    def headers(self) -> list[str]:
        both = "All coders" if len(self._coders) > 2 else "Both"
        return ["Code / document", *[LABELS[k] for k in self._keys], "Units", both,
                *[f"Only {c}" for c in self._coders], "Neither"]

    def row_at(self, index: Index) -> Row | None:
        if not index.isValid() or self._report is None:
            return None
        parent_row = index.internalId()
        if parent_row == 0:
            return self._report.per_code[index.row()]
        return self._children[parent_row - 1][index.row()]

    # ------------------------------------------------------------ structure
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if self._report is None or column < 0 or column >= self.columnCount():
            return QModelIndex()
        if not parent.isValid():
            if 0 <= row < len(self._report.per_code):
                return self.createIndex(row, column, 0)
            return QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        children = self._children[parent.row()]
        if 0 <= row < len(children):
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if self._report is None:
            return 0
        if not parent.isValid():
            return len(self._report.per_code)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._children[parent.row()])
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if self._report is None else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles: `headers()`, with `SHORT` names shown for long ones (full name as tooltip)."""
        if orientation != Qt.Orientation.Horizontal:
            return None
        headers = self.headers()
        if not 0 <= section < len(headers):
            return None
        key = self._keys[section - 1] if 0 < section <= len(self._keys) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return SHORT.get(key, headers[section]) if key else headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return headers[section] if section else "Code path (document under it); sorts in codebook order"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # ------------------------------------------------------------ cells
    def _value(self, row: Row, column: int) -> tuple[Any, str | None, str | None]:
        """(raw value, measure key or None, undefined reason) of a cell."""
        if column == 0:
            return (row.document if row.document is not None else row.code), None, None
        column -= 1
        if column < len(self._keys):
            key = self._keys[column]
            m = row.measures[key]
            return m.value, key, m.reason
        column -= len(self._keys)
        c = row.counts
        counts = [c.units, c.both, *[c.only.get(name) for name in self._coders], c.neither]
        return (counts[column] if column < len(counts) else None), None, None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        value, key, reason = self._value(row, index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return value
            if value is None:
                return "—"
            if isinstance(value, float):
                return f"{0.0 if abs(value) < 0.0005 else value:.3f}"
            return str(value)
        if role == SORT_ROLE:
            if index.column() == 0:
                order, key_id = ((self._code_order, row.code_id) if row.document_id is None
                                 else (self._document_order, row.document_id))
                if order:
                    return order.get(key_id, len(order)) if key_id is not None else len(order)
                return str(value).lower()
            return float("-inf") if value is None else float(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key is not None and value is None:
                return f"Undefined: {reason}"
            if index.column() == 0 and row.document is None:
                return f"{row.code}: pooled over {row.documents} documents; expand for each document"
            return None
        if role == Qt.ItemDataRole.BackgroundRole and key in SHADED:
            return shade(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        return None

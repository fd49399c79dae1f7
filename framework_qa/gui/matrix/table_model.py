"""The matrix as a Qt table model: cases down, codes across, summary and figures in each cell.

A thin adapter over a computed `Matrix` (core): it owns no data beyond the row order a header click
chose. A new matrix arrives either whole (`set_matrix`: a reset, after the rows or columns changed) or
as an update of the same rows and columns with the cells that changed (`update_matrix`: only those
cells are announced, so the view re-reads and re-measures a few cells, not 30,000). Rows sort by a column's codings (stable, within their attribute group when grouped) or back to
the matrix's own order (column -1). With the heat view on, each cell is shaded by coverage (its coded
characters as a share of the case's text), relative to the densest cell, so empty and dense cells
stand out at a glance.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from framework_qa.core.analysis.matrix import Matrix

Index: TypeAlias = QModelIndex | QPersistentModelIndex
SUMMARY_PREVIEW = 140
HEAT_COLOUR = (244, 162, 89)  # the densest cell; empty cells stay white


def _max_coverage(matrix: Matrix) -> float:
    """The largest cell coverage, from each row's most-coded cell (a pass over flat lists, not 30,000
    calls)."""
    rows, cols = matrix.shape
    characters = matrix.counts.characters
    best = 0.0
    for r, row in enumerate(matrix.rows):
        length = matrix.case_lengths.get(row.case_id, 0)
        if length and cols:
            best = max(best, max(characters[r * cols:(r + 1) * cols]) / length)
    return best


def cell_caption(codings: int, characters: int) -> str:
    return f"{codings} coding{'s' if codings != 1 else ''} · {characters} chars"


class MatrixTableModel(QAbstractTableModel):
    CellRole = int(Qt.ItemDataRole.UserRole) + 1      # (codings, characters, coverage)
    SummaryRole = int(Qt.ItemDataRole.UserRole) + 2   # the full summary text
    CoverageRole = int(Qt.ItemDataRole.UserRole) + 3  # coverage as a float

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._matrix: Matrix | None = None
        self._order: list[int] = []
        self._heat = False
        self._max_coverage = 0.0
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    # ------------------------------------------------------------ contents
    @property
    def matrix(self) -> Matrix | None:
        return self._matrix

    def set_matrix(self, matrix: Matrix | None) -> None:
        self.beginResetModel()
        self._matrix = matrix
        self._order = list(range(len(matrix.rows))) if matrix else []
        self._max_coverage = _max_coverage(matrix) if matrix else 0.0
        self.endResetModel()
        if matrix and self._sort[0] >= 0:
            self.sort(*self._sort)

    def update_matrix(self, matrix: Matrix, cells: list[tuple[int, int]]) -> None:
        """Take `matrix`, which has the current one's rows and columns, and whose cells (matrix row,
        column) `cells` alone changed: announce just those (all backgrounds when the heat scale moved),
        and sort again when the sorted column changed."""
        old = self._matrix
        if old is None or old.shape != matrix.shape:
            self.set_matrix(matrix)
            return
        self._matrix = matrix
        if not cells:
            return
        scale, self._max_coverage = self._max_coverage, _max_coverage(matrix)
        position = {mr: i for i, mr in enumerate(self._order)}
        for r, c in cells:
            index = self.index(position[r], c)
            self.dataChanged.emit(index, index)
        if self._heat and scale != self._max_coverage:
            self._backgrounds_changed()
        if self._sort[0] >= 0 and any(c == self._sort[0] for _r, c in cells):
            self.sort(*self._sort)

    def set_heat(self, on: bool) -> None:
        if on != self._heat:
            self._heat = on
            self._backgrounds_changed()

    def _backgrounds_changed(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1),
                                  [Qt.ItemDataRole.BackgroundRole])

    @property
    def heat(self) -> bool:
        return self._heat

    def matrix_row(self, row: int) -> int:
        """The matrix's row index for a model row (they differ once sorted by a column)."""
        return self._order[row]

    def model_row(self, matrix_row: int) -> int:
        return self._order.index(matrix_row)

    # ------------------------------------------------------------ Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() or self._matrix is None else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._matrix is None else len(self._matrix.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        m = self._matrix
        if m is None or not index.isValid():
            return None
        r, c = self._order[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            summary = " ".join(m.summary(r, c).split())
            if len(summary) > SUMMARY_PREVIEW:
                summary = summary[:SUMMARY_PREVIEW - 1] + "…"
            n = m.codings_count(r, c)
            caption = cell_caption(n, m.characters(r, c)) if n else ""
            return "\n".join(p for p in (summary, caption) if p)
        if role == Qt.ItemDataRole.ToolTipRole:
            summary = m.summary(r, c).strip() or "(no summary yet)"
            return f"{m.rows[r].name} × {m.columns[c].path}\n{summary}\n" \
                   f"{cell_caption(m.codings_count(r, c), m.characters(r, c))}, {m.coverage(r, c):.1%} of the case's text"
        if role == Qt.ItemDataRole.BackgroundRole and self._heat:
            share = m.coverage(r, c) / self._max_coverage if self._max_coverage else 0.0
            red, green, blue = (round(255 - (255 - v) * share) for v in HEAT_COLOUR)
            return QColor(red, green, blue)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == self.CellRole:
            return (m.codings_count(r, c), m.characters(r, c), m.coverage(r, c))
        if role == self.SummaryRole:
            return m.summary(r, c)
        if role == self.CoverageRole:
            return m.coverage(r, c)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        m = self._matrix
        if m is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(m.columns):
                return None
            col = m.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return col.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{col.path}\n\n{col.definition}".strip()
            return None
        if not 0 <= section < len(self._order):
            return None
        row = m.rows[self._order[section]]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name if row.group is None else f"{row.group} · {row.name}"
        if role == Qt.ItemDataRole.ToolTipRole:
            values = m.values.get(row.case_id, {})
            return "\n".join([row.name, *(f"{k}: {v}" for k, v in values.items())])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        m = self._matrix
        self._sort = (column, order)
        if m is None:
            return
        self.layoutAboutToBeChanged.emit()
        old = list(self._order)
        persistent = self.persistentIndexList()
        base = list(range(len(m.rows)))
        if 0 <= column < len(m.columns):
            groups = {g: i for i, g in enumerate(dict.fromkeys(row.group for row in m.rows))}
            sign = -1 if order == Qt.SortOrder.DescendingOrder else 1
            base.sort(key=lambda r: (groups[m.rows[r].group], sign * m.codings_count(r, column), r))
        self._order = base
        position = {mr: i for i, mr in enumerate(self._order)}
        self.changePersistentIndexList(
            persistent, [self.index(position[old[p.row()]], p.column()) for p in persistent])
        self.layoutChanged.emit()

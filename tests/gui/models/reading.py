"""Reading an item model the way a view does: every cell of a role, headers, flags, the rows of a tree.

The tests in this folder compare what these return with literal values (what the user sees), so a
model that shows a wrong value, forgets a change or answers a role it should not fails.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QWidget

DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
TIP = Qt.ItemDataRole.ToolTipRole
FONT = Qt.ItemDataRole.FontRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
HORIZONTAL = Qt.Orientation.Horizontal
VERTICAL = Qt.Orientation.Vertical


def cells(model: QAbstractItemModel, role: int = DISPLAY, parent: QModelIndex | None = None) -> list[list[object]]:
    """Every cell's value for `role`, row by row, under `parent` (the root by default)."""
    parent = parent if parent is not None else QModelIndex()
    return [[model.index(r, c, parent).data(role) for c in range(model.columnCount(parent))]
            for r in range(model.rowCount(parent))]


def column(model: QAbstractItemModel, col: int = 0, role: int = DISPLAY,
           parent: QModelIndex | None = None) -> list[object]:
    parent = parent if parent is not None else QModelIndex()
    return [model.index(r, col, parent).data(role) for r in range(model.rowCount(parent))]


def headers(model: QAbstractItemModel, role: int = DISPLAY, orientation: Qt.Orientation = HORIZONTAL,
            extra: int = 1) -> list[object]:
    """The header of every section and of `extra` sections past the last (which must answer None)."""
    count = model.columnCount() if orientation == HORIZONTAL else model.rowCount()
    return [model.headerData(s, orientation, role) for s in range(-1, count + extra)]


def flags(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[list[Qt.ItemFlag]]:
    parent = parent if parent is not None else QModelIndex()
    return [[model.flags(model.index(r, c, parent)) for c in range(model.columnCount(parent))]
            for r in range(model.rowCount(parent))]


def tree(model: QAbstractItemModel, role: int = DISPLAY, parent: QModelIndex | None = None) -> list[object]:
    """Column 0 of every row; a row with children as (value, [its children's tree])."""
    parent = parent if parent is not None else QModelIndex()
    out: list[object] = []
    for r in range(model.rowCount(parent)):
        index = model.index(r, 0, parent)
        value = index.data(role)
        out.append((value, tree(model, role, index)) if model.rowCount(index) else value)
    return out


RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
EDITABLE = SELECTABLE | Qt.ItemFlag.ItemIsEditable


def delete_panel_with_its_models(panel: QWidget) -> None:
    """Checks that `panel` is the parent of its `model` and `proxy`, then deletes it and checks the model
    went with it (a model left behind would go on answering the session's changes)."""
    model = panel.model  # type: ignore[attr-defined]
    assert QObject.parent(model) is panel and QObject.parent(panel.proxy) is panel  # type: ignore[attr-defined]
    shiboken6.delete(panel)
    assert not shiboken6.isValid(model)

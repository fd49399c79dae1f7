"""Watching an item model while a project changes: Qt's model tester attached during every insert,
removal, move and reset, and a mirror that keeps a copy of the model only from what it announces.

A view trusts the rows a model announces: told "row 0 inserted", it reads row 0 and keeps every other
row where it was. `ModelMirror` does the same. At each insert, removal or move it updates its copy at
the announced rows (reading the new rows from the model) and compares the copy's row identities with
the model's whole tree; at `dataChanged` it re-reads only the announced cells and roles; at a reset or
layout change it re-reads everything. `verify()`, called once an edit has been delivered, compares the
copy's identities and values with a fresh read. So a model that announces the wrong row, forgets a
`dataChanged` or changes rows without a signal fails, even when the wrong row looks like the right one
in column 0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

Index = QModelIndex | QPersistentModelIndex
Key = Callable[[QModelIndex], object]
DISPLAY = Qt.ItemDataRole.DisplayRole


@dataclass
class Node:
    """One row: what identifies it, its cells (column → role → value) and its children."""

    key: object
    cells: list[dict[int, object]]
    children: list[Node] = field(default_factory=list)

    def keys(self) -> object:
        return (self.key, [c.keys() for c in self.children])

    def values(self) -> object:
        return (self.key, self.cells, [c.values() for c in self.children])


def _display_key(index: QModelIndex) -> object:
    """A row's identity when the model has no id role: every column's text."""
    model = index.model()
    return tuple(model.index(index.row(), c, index.parent()).data() for c in range(model.columnCount(index.parent())))


class ModelMirror:
    """A copy of `model` kept from its signals; see the module docstring. `key(index of column 0)` names
    a row (the item it shows); `roles` are the data roles whose values are compared."""

    def __init__(self, model: QAbstractItemModel, key: Key = _display_key,
                 roles: Sequence[int] = (DISPLAY,)) -> None:
        self.model = model
        self._key = key
        self._roles = tuple(roles)
        self.errors: list[str] = []
        self.events: list[tuple[str, tuple[int, ...], int, int]] = []
        self._rows = self._read(QModelIndex())
        self._moving: tuple[list[Node], int, int] | None = None
        m = model
        m.rowsInserted.connect(self._inserted)
        m.rowsRemoved.connect(self._removed)
        m.rowsAboutToBeMoved.connect(self._about_to_move)
        m.rowsMoved.connect(self._moved)
        m.dataChanged.connect(self._data_changed)
        m.modelReset.connect(self._reread)
        m.layoutChanged.connect(self._reread)
        m.columnsInserted.connect(self._reread)
        m.columnsRemoved.connect(self._reread)

    # ------------------------------------------------------------ reading the model
    def _read_row(self, parent: Index, row: int) -> Node:
        m = self.model
        index = m.index(row, 0, parent)
        cells = [{role: m.index(row, c, parent).data(role) for role in self._roles}
                 for c in range(m.columnCount(parent))]
        return Node(self._key(index), cells, self._read(index))

    def _read(self, parent: Index) -> list[Node]:
        return [self._read_row(parent, r) for r in range(self.model.rowCount(parent))]

    @staticmethod
    def _path(index: Index) -> tuple[int, ...]:
        path: list[int] = []
        while index.isValid():
            path.insert(0, index.row())
            index = index.parent()
        return tuple(path)

    def _children(self, path: tuple[int, ...]) -> list[Node] | None:
        rows = self._rows
        for row in path:
            if not 0 <= row < len(rows):
                return None
            rows = rows[row].children
        return rows

    # ------------------------------------------------------------ following the announcements
    def _record(self, what: str, parent: Index, first: int, last: int) -> list[Node] | None:
        path = self._path(parent)
        self.events.append((what, path, first, last))
        rows = self._children(path)
        if rows is None:
            self.errors.append(f"{what}: parent {path} is not a row the model announced")
        return rows

    def _inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        rows = self._record("inserted", parent, first, last)
        if rows is not None:
            rows[first:first] = [self._read_row(parent, r) for r in range(first, last + 1)]
            self._compare_keys(f"rows {first}..{last} inserted under {self._path(parent)}")

    def _removed(self, parent: QModelIndex, first: int, last: int) -> None:
        rows = self._record("removed", parent, first, last)
        if rows is not None:
            del rows[first:last + 1]
            self._compare_keys(f"rows {first}..{last} removed under {self._path(parent)}")

    def _about_to_move(self, parent: QModelIndex, first: int, last: int, _dest: QModelIndex, _row: int) -> None:
        rows = self._record("moving", parent, first, last)
        self._moving = (rows, first, last) if rows is not None else None

    def _moved(self, _parent: QModelIndex, _first: int, _last: int, dest: QModelIndex, row: int) -> None:
        if self._moving is None:
            return
        rows, first, last = self._moving
        self._moving = None
        target = self._children(self._path(dest))
        if target is None:
            self.errors.append("moved: destination is not a row the model announced")
            return
        nodes = rows[first:last + 1]
        if target is rows and row > last:
            row -= len(nodes)
        del rows[first:last + 1]
        target[row:row] = nodes
        self._compare_keys("rows moved")

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Sequence[int] = ()) -> None:
        parent = top_left.parent()
        rows = self._record("changed", parent, top_left.row(), bottom_right.row())
        if rows is None:
            return
        wanted = [r for r in self._roles if not roles or r in roles]
        for row in range(top_left.row(), bottom_right.row() + 1):
            if not 0 <= row < len(rows):
                self.errors.append(f"dataChanged names row {row}, which the model has not announced")
                continue
            node = rows[row]
            node.key = self._key(self.model.index(row, 0, parent))  # a key made of texts may change too
            for column in range(top_left.column(), bottom_right.column() + 1):
                for role in wanted:
                    node.cells[column][role] = self.model.index(row, column, parent).data(role)

    def _reread(self, *_args: object) -> None:
        self.events.append(("reset", (), -1, -1))
        self._rows = self._read(QModelIndex())

    # ------------------------------------------------------------ checks
    def _compare_keys(self, when: str) -> None:
        fresh = [n.keys() for n in self._read(QModelIndex())]
        mine = [n.keys() for n in self._rows]
        if fresh != mine:
            self.errors.append(f"after {when} the model holds {fresh}, but announced {mine}")

    def verify(self) -> None:
        """Raises AssertionError when what was announced differs from what the model now holds."""
        assert not self.errors, "\n".join(self.errors)
        fresh = [n.values() for n in self._read(QModelIndex())]
        mine = [n.values() for n in self._rows]
        assert fresh == mine, f"unannounced change:\nmodel:     {fresh}\nannounced: {mine}"

    def take_events(self) -> list[tuple[str, tuple[int, ...], int, int]]:
        events, self.events = self.events, []
        return events


class Watch:
    """Qt's model tester (pytest-qt's `ModelTester`, the C++ `QAbstractItemModelTester`) and a
    `ModelMirror` on each watched model, for as long as the test runs. The tester's findings arrive
    as Qt warnings beginning "FAIL!", read from pytest-qt's `qtlog`."""

    def __init__(self, qtlog: object) -> None:
        self._qtlog = qtlog
        self._testers: list[ModelTester] = []
        self.mirrors: list[ModelMirror] = []

    def __call__(self, model: QAbstractItemModel, key: Key = _display_key,
                 roles: Sequence[int] = (DISPLAY,)) -> ModelMirror:
        tester = ModelTester(None)
        tester.check(model)  # stays attached while `tester` lives: it checks during every change
        self._testers.append(tester)
        mirror = ModelMirror(model, key, roles)
        self.mirrors.append(mirror)
        return mirror

    def verify(self) -> None:
        """Every watched model announced exactly what it did, and the model tester found nothing."""
        failures = [r.message for r in self._qtlog.records if "FAIL!" in r.message]  # type: ignore[attr-defined]
        assert failures == [], failures
        for mirror in self.mirrors:
            if shiboken6.isValid(mirror.model):  # a panel's model is gone once qtbot closed the panel
                mirror.verify()

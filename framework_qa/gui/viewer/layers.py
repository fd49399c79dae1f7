"""The codings a viewer shows, prepared once per document for fast painting and hit tests.

Plain data, no Qt: each visible coding becomes a `Mark` in Qt (UTF-16) positions with its code's colour and
name, sorted by start, and with a stripe column such that overlapping codings never share a column
(greedy interval colouring, which uses the fewest columns possible).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(slots=True)
class Mark:
    """One coding as shown. Treated as immutable except `column`, which the `MarkIndex` holding the mark
    sets (a mark belongs to one index at a time: an updated index takes over its predecessor's marks, so
    applying one code re-colours a few marks instead of building 3,000 new records)."""

    coding_id: int
    code_id: int
    start: int           # Qt positions, end exclusive
    end: int
    colour: str
    code_name: str
    coder: str
    column: int = 0


def _order(m: Mark) -> tuple[int, int, int]:
    return m.start, -m.end, m.coding_id


def _colour_from(ordered: list[Mark], first: int) -> None:
    """Give `ordered[first:]` the lowest column not taken by a mark still open at its start.

    The greedy colouring's state at any mark is just the open marks and their columns (every other column
    below the highest is free), so a sweep can resume at `first` from the marks before it that are still
    open: after one coding is added or removed, the marks before it keep their columns untouched."""
    busy: list[tuple[int, int]] = []   # (end, column) of marks still open
    if first < len(ordered) and first:
        at = ordered[first].start
        busy = [(m.end, m.column) for m in ordered[:first] if m.end > at]
        heapq.heapify(busy)
    taken = {c for _, c in busy}
    used = 1 + max(taken, default=-1)
    free = [c for c in range(used) if c not in taken]
    push, pop = heapq.heappush, heapq.heappop
    for i in range(first, len(ordered)):
        m = ordered[i]
        start = m.start
        while busy and busy[0][0] <= start:
            push(free, pop(busy)[1])
        if free:
            column = pop(free)
        else:
            column, used = used, used + 1
        push(busy, (m.end, column))
        m.column = column


def assign_columns(marks: Iterable[Mark]) -> list[Mark]:
    """Marks sorted by (start, longer first), each in the lowest column free at its start (set in place)."""
    ordered = sorted(marks, key=_order)
    _colour_from(ordered, 0)
    return ordered


class MarkIndex:
    """Marks of one document with range queries (linear in the marks starting before the range end,
    which for a visible screenful of a long transcript is a few thousand comparisons at most)."""

    def __init__(self, marks: Iterable[Mark], *, _ordered: list[Mark] | None = None) -> None:
        self.marks = assign_columns(marks) if _ordered is None else _ordered
        self._starts = [m.start for m in self.marks]
        self.columns = 1 + max((m.column for m in self.marks), default=-1)
        self._by_id = {m.coding_id: m for m in self.marks}
        self._names: frozenset[str] | None = None

    def updated(self, removed: Iterable[int], added: Iterable[Mark]) -> MarkIndex:
        """A new index without the marks of the `removed` coding ids and with `added`; this index's marks
        move to it (their columns may change), so this index must not be used afterwards."""
        gone = set(removed)
        marks = [m for m in self.marks if m.coding_id not in gone] if gone & self._by_id.keys() else \
            list(self.marks)
        first = len(marks)
        if len(marks) < len(self.marks):  # the first removed mark's place
            first = next(i for i, m in enumerate(self.marks) if m.coding_id in gone)
        for m in sorted(added, key=_order):
            i = bisect_left(marks, _order(m), key=_order)
            marks.insert(i, m)
            first = min(first, i)
        _colour_from(marks, first)
        return MarkIndex((), _ordered=marks)

    def __len__(self) -> int:
        return len(self.marks)

    @property
    def names(self) -> frozenset[str]:
        """The code names of the marks (what the stripe labels need room for)."""
        if self._names is None:
            self._names = frozenset(m.code_name for m in self.marks)
        return self._names

    def get(self, coding_id: int) -> Mark | None:
        return self._by_id.get(coding_id)

    def overlapping(self, start: int, end: int) -> list[Mark]:
        """Marks intersecting [start, end); with start == end, those containing that position."""
        stop = bisect_left(self._starts, end if end > start else start + 1)
        return [m for m in self.marks[:stop] if m.end > start]

    def at(self, pos: int) -> list[Mark]:
        return self.overlapping(pos, pos)

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
    """One coding as shown; treated as immutable (not frozen only because a frozen record takes five
    times as long to build, and a 3,000-coding transcript builds thousands on every switch)."""

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


def assign_columns(marks: Iterable[Mark]) -> list[Mark]:
    """Marks sorted by (start, longer first), each in the lowest column free at its start.

    A mark already in its column is kept as it is: after one coding is added or removed, nearly every
    mark keeps its column, and building 3,000 new records would cost more than the colouring itself."""
    ordered = sorted(marks, key=_order)
    busy: list[tuple[int, int]] = []   # (end, column) of marks still open
    free: list[int] = []
    used = 0
    out: list[Mark] = []
    push, pop = heapq.heappush, heapq.heappop
    for m in ordered:
        start = m.start
        while busy and busy[0][0] <= start:
            push(free, pop(busy)[1])
        if free:
            column = pop(free)
        else:
            column, used = used, used + 1
        push(busy, (m.end, column))
        out.append(m if m.column == column else
                   Mark(m.coding_id, m.code_id, start, m.end, m.colour, m.code_name, m.coder, column))
    return out


class MarkIndex:
    """Marks of one document with range queries (linear in the marks starting before the range end,
    which for a visible screenful of a long transcript is a few thousand comparisons at most)."""

    def __init__(self, marks: Iterable[Mark]) -> None:
        self.marks = assign_columns(marks)
        self._starts = [m.start for m in self.marks]
        self.columns = 1 + max((m.column for m in self.marks), default=-1)
        self._by_id = {m.coding_id: m for m in self.marks}

    def __len__(self) -> int:
        return len(self.marks)

    def get(self, coding_id: int) -> Mark | None:
        return self._by_id.get(coding_id)

    def overlapping(self, start: int, end: int) -> list[Mark]:
        """Marks intersecting [start, end); with start == end, those containing that position."""
        stop = bisect_left(self._starts, end if end > start else start + 1)
        return [m for m in self.marks[:stop] if m.end > start]

    def at(self, pos: int) -> list[Mark]:
        return self.overlapping(pos, pos)

"""Interval arithmetic over half-open code-point intervals `(start, end)`.

Everything here costs O(S log S) in the number of intervals S and never looks at individual characters,
so a 100,000-character transcript with 40 codings costs the same as a 400-character one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

Interval = tuple[int, int]


def clip(intervals: Sequence[Interval], length: int) -> list[Interval]:
    """The intervals cut to [0, length); empty or reversed results are dropped."""
    out: list[Interval] = []
    for start, end in intervals:
        s, e = max(start, 0), min(end, length)
        if s < e:
            out.append((s, e))
    return out


def merge(intervals: Sequence[Interval]) -> list[Interval]:
    """One coder's intervals as a sorted list of disjoint, non-touching intervals.

    Overlapping and touching intervals ([0, 5) and [5, 9)) become one: a character coded twice by the
    same coder is still one coded unit, and two abutting codings cover the same text as one. Empty intervals
    are dropped.
    """
    out: list[Interval] = []
    for start, end in sorted(iv for iv in intervals if iv[0] < iv[1]):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def normalise(intervals: Sequence[Interval], length: int) -> list[Interval]:
    """Clipped to [0, length) and merged."""
    return merge(clip(intervals, length))


def covered_length(intervals: Sequence[Interval], length: int) -> int:
    """Number of code points in [0, length) inside any of the intervals."""
    return sum(e - s for s, e in normalise(intervals, length))


@dataclass(frozen=True, slots=True)
class Piece:
    """A maximal stretch [start, end) over which each interval set's coverage is constant.

    `covered[i]` is True when set i covers the whole stretch (and then, by construction, every
    character of it).
    """

    start: int
    end: int
    covered: tuple[bool, ...]

    @property
    def length(self) -> int:
        return self.end - self.start


def sweep(interval_sets: Sequence[Sequence[Interval]], length: int) -> Iterator[Piece]:
    """Partition [0, length) into elementary pieces by which sets cover them.

    The pieces tile [0, length) in order, including stretches no set covers. Each set is clipped and
    merged first, so coverage per set is a yes/no. Cost O(S log S) in the total number of intervals.
    """
    if length <= 0:
        return
    events: list[tuple[int, int, bool]] = []
    for index, intervals in enumerate(interval_sets):
        for start, end in normalise(intervals, length):
            events.append((start, index, True))
            events.append((end, index, False))
    events.sort(key=lambda ev: ev[0])
    covered = [False] * len(interval_sets)
    position = 0
    for at, index, is_start in events:
        if at > position:
            yield Piece(position, at, tuple(covered))
            position = at
        covered[index] = is_start
    if position < length:
        yield Piece(position, length, tuple(covered))


def intersects_any(merged: list[Interval], ends: list[int], start: int, end: int) -> bool:
    """Whether any interval of `merged` (sorted, disjoint, from `merge`; `ends` its end points) shares a
    code point with [start, end). O(log S) by bisection."""
    index = bisect_right(ends, start)
    return index < len(merged) and merged[index][0] < end

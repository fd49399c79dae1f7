"""Turning coded intervals into unit counts: character and paragraph units.

Input for one document and one code: each coder's coded intervals, as half-open code-point intervals. A
coder's intervals are given either as a mapping coder -> intervals (insertion order fixes the coder order:
the first is coder A) or as a sequence. A coder whose intervals are `None` did not code the document at all;
in unit types that coder's value is missing (None), which Krippendorff's alpha handles and the 2x2 table
refuses.

Unit types (see `alpha`) map the tuple of the coders' values (1 coded, 0 not, None missing) to the number of
units with that tuple; the 2x2 table is the two-coder special case.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

from .intervals import Interval, intersects_any, merge, sweep
from .table import AgreementTable

CoderIntervals: TypeAlias = Mapping[Any, Sequence[Interval] | None] | Sequence[Sequence[Interval] | None]
UnitTypes: TypeAlias = dict[tuple[int | None, ...], int]


def coder_sets(intervals_by_coder: CoderIntervals) -> list[Sequence[Interval] | None]:
    """The coders' interval lists in coder order."""
    if isinstance(intervals_by_coder, Mapping):
        return list(intervals_by_coder.values())
    return list(intervals_by_coder)


def character_unit_types(length: int, intervals_by_coder: CoderIntervals) -> UnitTypes:
    """Binary unit types with every code point of [0, length) as a unit.

    Intervals are clipped to [0, length) and each coder's own intervals merged. Cost grows with the number
    of intervals, not with `length`.
    """
    sets = coder_sets(intervals_by_coder)
    present = [i for i, s in enumerate(sets) if s is not None]
    types: UnitTypes = {}
    for piece in sweep([sets[i] or [] for i in present], length):
        values: list[int | None] = [None] * len(sets)
        for slot, i in enumerate(present):
            values[i] = int(piece.covered[slot])
        key = tuple(values)
        types[key] = types.get(key, 0) + piece.length
    return types


def _require_two_coders(intervals_by_coder: CoderIntervals) -> None:
    sets = coder_sets(intervals_by_coder)
    if len(sets) != 2 or any(s is None for s in sets):
        raise ValueError("a 2x2 table needs exactly two coders, both of whom coded the document")


def _table_from_types(types: UnitTypes) -> AgreementTable:
    return AgreementTable(
        both=types.get((1, 1), 0),
        only_a=types.get((1, 0), 0),
        only_b=types.get((0, 1), 0),
        neither=types.get((0, 0), 0),
    )


def character_table(length: int, intervals_by_coder: CoderIntervals) -> AgreementTable:
    """The 2x2 table for two coders with characters as units; `total == max(length, 0)`."""
    _require_two_coders(intervals_by_coder)
    a, b = coder_sets(intervals_by_coder)
    return two_coder_character_table(length, a or [], b or [])


def _clipped_merge(intervals: Sequence[Interval], length: int) -> tuple[list[Interval], int]:
    """`normalise(intervals, length)` and its covered length, in one pass (this is the hot loop)."""
    out: list[Interval] = []
    covered = 0
    last_start, last_end = 0, -1
    for start, end in sorted(intervals):
        if start < 0:
            start = 0
        if end > length:
            end = length
        if start >= end:
            continue
        if start <= last_end:
            if end > last_end:
                covered += end - last_end
                last_end = end
                out[-1] = (last_start, end)
        else:
            covered += end - start
            last_start, last_end = start, end
            out.append((start, end))
    return out, covered


def two_coder_character_table(length: int, a: Sequence[Interval], b: Sequence[Interval]) -> AgreementTable:
    """`character_table` for coders A and B by one merge and a two-pointer intersection.

    The same counts as the general sweep, without building pieces: the code path that per code x document
    tables of a whole corpus go through, where the constant per interval matters.
    """
    if length <= 0:
        return AgreementTable()
    ma, coded_a = _clipped_merge(a, length)
    mb, coded_b = _clipped_merge(b, length)
    both = 0
    i = j = 0
    while i < len(ma) and j < len(mb):
        sa, ea = ma[i]
        sb, eb = mb[j]
        if ea <= eb:
            i += 1
        else:
            j += 1
        if ea > sb and eb > sa:
            both += min(ea, eb) - max(sa, sb)
    return AgreementTable(both, coded_a - both, coded_b - both, length - coded_a - coded_b + both)


def paragraph_unit_types(spans: Sequence[Interval], intervals_by_coder: CoderIntervals) -> UnitTypes:
    """Binary unit types with paragraphs (or speaker turns) as units.

    A paragraph counts as coded by a coder when any of its characters lies inside one of that coder's
    intervals (NVivo for Mac's paragraph option). Empty spans hold no character that could be coded and are
    not units. Cost O((P + S) log S) for P paragraphs and S intervals.
    """
    sets = coder_sets(intervals_by_coder)
    merged = [None if s is None else merge(s) for s in sets]
    ends = [None if m is None else [e for _, e in m] for m in merged]
    types: UnitTypes = {}
    for start, end in spans:
        if start >= end:
            continue
        key = tuple(
            None if m is None or e is None else int(intersects_any(m, e, start, end))
            for m, e in zip(merged, ends, strict=True)
        )
        types[key] = types.get(key, 0) + 1
    return types


def paragraph_table(spans: Sequence[Interval], intervals_by_coder: CoderIntervals) -> AgreementTable:
    """The 2x2 table for two coders with paragraphs as units (see `paragraph_unit_types`)."""
    _require_two_coders(intervals_by_coder)
    return _table_from_types(paragraph_unit_types(spans, intervals_by_coder))

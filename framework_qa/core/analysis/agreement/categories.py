"""Unit types for alpha over a category whose child codes are applied mutually exclusively.

The value of a unit for a coder is the child code the coder applied to it. A unit the coder left uncoded
is, depending on the `Uncoded` setting, either missing (so alpha is computed over text at least two coders
coded) or its own value `NO_CODE` (so leaving text uncoded counts as a choice). The output must name the
setting, which is why it is an enum rather than a flag.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from enum import Enum, StrEnum
from typing import Any

from .intervals import Interval, intersects_any, merge, sweep

CodeIntervals = Mapping[Any, Sequence[Interval]]


class Uncoded(StrEnum):
    MISSING = "missing"
    NONE = "none"


class _NoCode(Enum):
    NO_CODE = "none"

    def __repr__(self) -> str:
        return "NO_CODE"


NO_CODE = _NoCode.NO_CODE
"""The value of a unit a coder left uncoded under `Uncoded.NONE`; never equal to any code."""


class NotMutuallyExclusiveError(ValueError):
    """A coder applied two child codes of an exclusive category to the same unit."""

    def __init__(self, coder: Hashable, codes: Sequence[Hashable], start: int, end: int) -> None:
        super().__init__(
            f"coder {coder!r} applied {', '.join(map(repr, codes))} to the same text [{start}, {end}); "
            "the category's codes are not used mutually exclusively"
        )
        self.coder, self.codes, self.start, self.end = coder, list(codes), start, end


def _value(coder: Hashable, codes: list[Hashable], uncoded: Uncoded, start: int, end: int) -> Hashable | None:
    if len(codes) > 1:
        raise NotMutuallyExclusiveError(coder, codes, start, end)
    if codes:
        return codes[0]
    return NO_CODE if uncoded is Uncoded.NONE else None


def category_character_unit_types(
    length: int,
    codes_by_coder: Mapping[Any, CodeIntervals | None],
    uncoded: Uncoded | str = Uncoded.MISSING,
) -> dict[tuple[Hashable | None, ...], int]:
    """Character unit types whose values are child codes, for `krippendorff_alpha_weighted` (nominal).

    `codes_by_coder[coder][code]` lists the coder's intervals for that child code; a coder mapped to None did
    not code the document and is missing throughout. Raises `NotMutuallyExclusiveError` when a coder's
    codes overlap.
    """
    uncoded = Uncoded(uncoded)
    coders = list(codes_by_coder)
    slots: list[tuple[int, Hashable]] = []
    sets: list[Sequence[Interval]] = []
    for index, coder in enumerate(coders):
        for code, intervals in (codes_by_coder[coder] or {}).items():
            slots.append((index, code))
            sets.append(intervals)
    types: dict[tuple[Hashable | None, ...], int] = {}
    for piece in sweep(sets, length):
        applied: list[list[Hashable]] = [[] for _ in coders]
        for (index, code), covered in zip(slots, piece.covered, strict=True):
            if covered:
                applied[index].append(code)
        key = tuple(
            None
            if codes_by_coder[coder] is None
            else _value(coder, applied[i], uncoded, piece.start, piece.end)
            for i, coder in enumerate(coders)
        )
        types[key] = types.get(key, 0) + piece.length
    return types


def category_paragraph_unit_types(
    spans: Sequence[Interval],
    codes_by_coder: Mapping[Any, CodeIntervals | None],
    uncoded: Uncoded | str = Uncoded.MISSING,
) -> dict[tuple[Hashable | None, ...], int]:
    """As `category_character_unit_types` with paragraphs as units: a paragraph's value is the child code
    that touches it. Two child codes in one paragraph by one coder raise `NotMutuallyExclusiveError`."""
    uncoded = Uncoded(uncoded)
    prepared: list[list[tuple[Hashable, list[Interval], list[int]]] | None] = []
    for coder in codes_by_coder:
        by_code = codes_by_coder[coder]
        if by_code is None:
            prepared.append(None)
            continue
        entries = []
        for code, intervals in by_code.items():
            merged = merge(intervals)
            entries.append((code, merged, [e for _, e in merged]))
        prepared.append(entries)
    types: dict[tuple[Hashable | None, ...], int] = {}
    for start, end in spans:
        if start >= end:
            continue
        values: list[Hashable | None] = []
        for coder, coder_entries in zip(codes_by_coder, prepared, strict=True):
            if coder_entries is None:
                values.append(None)
                continue
            codes = [code for code, merged, ends in coder_entries if intersects_any(merged, ends, start, end)]
            values.append(_value(coder, codes, uncoded, start, end))
        key = tuple(values)
        types[key] = types.get(key, 0) + 1
    return types

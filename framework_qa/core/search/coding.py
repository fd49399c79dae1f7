"""Turning search hits into the ranges "code all hits" would create, on plain data.

The plan is computed before anything is written, so the user sees exactly what will be coded: hits
extended to their sentence or speaker turn when asked, ranges that coincide merged into one, and ranges
the same coder has already coded with the same code left out.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from .hits import SearchHit
from .spans import extend_to_sentence, extend_to_turn

Extent = Literal["words", "sentence", "turn"]
EXTENTS: tuple[Extent, ...] = ("words", "sentence", "turn")
Paragraphs = Sequence[tuple[int, int, str | None]]


@dataclass(frozen=True, slots=True)
class PlannedRange:
    """One coding to create: `text == document text[start:end]`."""

    document_id: int
    document: str
    start: int
    end: int
    text: str


def plan_ranges(
    hits: Iterable[SearchHit],
    extent: Extent,
    text_of: Callable[[int], str],
    paragraphs_of: Callable[[int], Paragraphs],
    existing: Collection[tuple[int, int, int]] = (),
) -> tuple[list[PlannedRange], int]:
    """The ranges to code for `hits`, in document then position order, and how many were skipped.

    `existing` holds (document id, start, end) already coded with the chosen code by the chosen coder;
    a planned range equal to one of them is skipped (and counted), as is a repeat within the plan.
    """
    if extent not in EXTENTS:
        raise ValueError(f"extent must be one of {', '.join(EXTENTS)}")
    seen: set[tuple[int, int, int]] = set()
    planned: list[PlannedRange] = []
    skipped = 0
    names: dict[int, str] = {}
    for hit in hits:
        names.setdefault(hit.document_id, hit.document)
        text = text_of(hit.document_id)
        start, end = hit.start, hit.end
        if extent == "sentence":
            start, end = extend_to_sentence(text, paragraphs_of(hit.document_id), start, end)
        elif extent == "turn":
            start, end = extend_to_turn(paragraphs_of(hit.document_id), start, end)
        key = (hit.document_id, start, end)
        if key in seen:
            continue
        seen.add(key)
        if key in existing:
            skipped += 1
            continue
        planned.append(PlannedRange(hit.document_id, hit.document, start, end, text[start:end]))
    planned.sort(key=lambda r: (r.document_id, r.start, r.end))
    return planned, skipped

"""Word positions from whoosh postings, for counting occurrences that term frequencies cannot (phrases
with slop, words searched on two fields at once), and the frequencies of a few paragraphs' postings.
Frequencies and everything else read in bulk live in `arrays`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import Any

from whoosh.reading import IndexReader


def term_positions(
    reader: IndexReader, field: str, term: str | bytes, only: Sequence[int] | None = None
) -> Iterator[tuple[int, list[int]]]:
    """(global docnum, token positions) of every posting of `term`, or only of those whose docnum is in
    `only` (ascending): then the postings between are skipped a block at a time, not decoded."""
    for segment, base in reader.leaf_readers():
        if (field, term) not in segment:
            continue
        matcher = segment.postings(field, term)
        if only is None:
            while matcher.is_active():
                yield matcher.id() + base, list(matcher.value_as("positions"))
                matcher.next()
            continue
        for wanted in _wanted_postings(matcher, base, base + segment.doc_count_all(), only):
            yield wanted, list(matcher.value_as("positions"))


def term_frequencies(
    reader: IndexReader, field: str, term: str | bytes, only: Sequence[int]
) -> Iterator[tuple[int, float]]:
    """(global docnum, frequency) of the postings of `term` whose docnum is in `only` (ascending), the
    postings between skipped a block at a time."""
    for segment, base in reader.leaf_readers():
        if (field, term) not in segment:
            continue
        matcher = segment.postings(field, term)
        for wanted in _wanted_postings(matcher, base, base + segment.doc_count_all(), only):
            yield wanted, matcher.weight()


def _wanted_postings(matcher: Any, base: int, end: int, only: Sequence[int]) -> Iterator[int]:
    """Move `matcher` (one segment's postings, whose docnums start at `base` and end before `end`) to
    each docnum of `only` it holds, yielding that global docnum while the matcher stands on it."""
    for wanted in only[bisect_left(only, base):bisect_left(only, end)]:
        target = wanted - base
        if not matcher.is_active():
            return
        if matcher.id() < target:
            matcher.skip_to(target)
            if not matcher.is_active():
                return
        if matcher.id() == target:
            yield wanted

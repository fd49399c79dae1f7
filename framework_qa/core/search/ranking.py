"""Matched paragraphs in result order, turned into hit rows: shared by every way a query is evaluated.

Given each matched paragraph's score, the document it belongs to and a way to read its stored fields,
the rows and counts are the same whether whoosh's searcher, the array evaluator or the reader without
whoosh (`direct`) found the paragraphs, so the tests can hold them equal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from .filters import Ranges
from .hits import SearchHit, SearchResults
from .rows import paragraph_rows
from .syntax import Leaf, WordLeaf

Frequencies = dict[tuple[str, bytes], dict[int, float]]  # (field, term) -> {global docnum: frequency}


def assemble(
    scored: Iterable[tuple[int, float | None]],
    document_of: Callable[[int], int],
    stored_fields: Callable[[int], dict],
    leaves: list[Leaf],
    limit: int | None,
    counts_by_paragraph: dict[int, int] | None,
    inside: Sequence[Ranges] = (),
    outside: Sequence[Ranges] = (),
) -> SearchResults:
    """The results for the matched paragraphs `scored` ((docnum, score) pairs): rows by score, document,
    start; at most `limit` rows, while `total` and `counts` count every occurrence. `counts_by_paragraph`,
    when known, gives each paragraph's occurrences, so paragraphs beyond the limit are counted without
    reading their stored fields."""
    # Rows sort by (-score, document, start); paragraphs of one document never overlap and keep their
    # order in docnums, so sorting the paragraphs first gives the same order.
    ranked = sorted((-float(s or 0.0), document_of(n), n) for n, s in scored)
    rows: list[SearchHit] = []
    counts: dict[int, int] = {}
    names: dict[int, str] = {}
    for negative_score, doc_id, docnum in ranked:
        known = counts_by_paragraph.get(docnum) if counts_by_paragraph is not None else None
        if known and limit is not None and len(rows) >= limit:
            counts[doc_id] = counts.get(doc_id, 0) + known
            continue
        found = paragraph_rows(stored_fields(docnum), -negative_score, leaves, inside, outside)
        rows.extend(found)
        if found:
            counts[doc_id] = counts.get(doc_id, 0) + len(found)
            names.setdefault(doc_id, found[0].document)
    kept = rows if limit is None else rows[:limit]
    return SearchResults(tuple(kept), sum(counts.values()), counts, names)


def frequency_counts(frequencies: Frequencies, leaves: list[Leaf], matched: set[int]) -> dict[int, int] | None:
    """{docnum: occurrences} of the matched paragraphs from the term frequencies read while evaluating,
    as `counting.occurrence_counts` counts them when every leaf is a word on one field (each token then
    matches one leaf term at most); None when they are not, or a leaf term was not read."""
    if any(not isinstance(leaf, WordLeaf) for leaf in leaves) or len({leaf.stemmed for leaf in leaves}) != 1:
        return None
    field = "text" if leaves[0].stemmed else "exact"
    counts: dict[int, int] = {}
    for term in {t for leaf in leaves for t in leaf.terms}:  # type: ignore[union-attr]
        postings = frequencies.get((field, term.encode("utf-8")))
        if postings is None:
            return None
        for docnum, weight in postings.items():
            if docnum in matched:
                counts[docnum] = counts.get(docnum, 0) + int(weight)
    return counts

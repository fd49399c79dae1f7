"""Running a query over an open whoosh index and turning matched paragraphs into occurrence rows."""

from __future__ import annotations

import sys
from collections.abc import Collection, Sequence
from contextlib import nullcontext

from whoosh import query as wq
from whoosh.index import Index
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from .counting import occurrence_counts
from .docmap import DocumentOf
from .few import evaluate_few
from .filters import (
    AttributeFilter,
    CaseAttributes,
    CodedRanges,
    Ranges,
    allowed_labels,
    ranges_for,
)
from .hits import SearchResults
from .query import QueryError, parse_query, positive_leaves
from .ranking import assemble, frequency_counts

FEW_POSTINGS = 5_000
"""In a one-shot search (`light`) before numpy is imported, a query of words only whose postings number
at most this is evaluated in pure Python (`few.evaluate_few`, scored as whoosh scores it): the array
evaluator needs numpy, whose import costs such a process more than the query. Once numpy is in, or in a
long-lived process, the arrays are faster."""


def numpy_loaded() -> bool:
    """Whether this process has imported numpy already, so the array evaluator costs nothing to start."""
    return "numpy" in sys.modules


def run_search(
    ix: Index,
    text: str,
    *,
    speakers: Collection[str] | None = None,
    cases: Collection[str] | None = None,
    attributes: AttributeFilter | None = None,
    case_attributes: CaseAttributes | None = None,
    codes: Sequence[str] = (),
    exclude_codes: Sequence[str] = (),
    coded_ranges: CodedRanges | None = None,
    limit: int | None = None,
    searcher: Searcher | None = None,
    light: bool = False,
) -> SearchResults:
    """See `SearchIndex.search`; `searcher`, when given, is an open searcher of `ix` to reuse (opening one
    costs tens of milliseconds on a large index). `light` says the process will search once and exit:
    then, while numpy is not imported, a query of few word postings is evaluated in pure Python from its
    postings (see FEW_POSTINGS; whoosh's Searcher if `evaluate_few` declines it);
    a long-lived process (a window) keeps the array evaluator, faster once numpy is in."""
    has_filters = bool(speakers or cases or attributes or codes or exclude_codes)
    parsed = parse_query(text) if text.strip() else None
    if parsed is None and not has_filters:
        raise QueryError("Type a word or phrase to search for.")
    if (codes or exclude_codes) and coded_ranges is None:
        raise ValueError("Code filters need the coded ranges (coded_ranges=...).")
    if limit is not None and limit < 0:
        raise ValueError("limit must be zero or more")
    inside = [ranges_for(coded_ranges, c) for c in codes] if coded_ranges is not None else []
    outside = [ranges_for(coded_ranges, c) for c in exclude_codes] if coded_ranges is not None else []
    restriction = _restriction(speakers, cases, attributes, case_attributes, inside)
    if restriction is _NOTHING:
        return SearchResults((), 0)
    with nullcontext(searcher) if searcher is not None else ix.searcher() as searcher:
        reader = searcher.reader()
        leaves = positive_leaves(parsed, reader) if parsed is not None else []
        if parsed is not None and not (light and restriction is None and not numpy_loaded()
                                       and _few_word_postings(parsed, reader)):
            from .array_search import array_search  # numpy, imported when needed
            from .vectorized import Unsupported
            try:
                return array_search(ix, searcher, parsed, restriction, leaves, limit, inside, outside)
            except Unsupported:
                pass  # phrases and rarer query forms: whoosh evaluates them below
        few = evaluate_few(searcher, parsed) if light and parsed is not None and restriction is None else None
        top_n = list(few[0].items()) if few is not None else [
            (n, s) for s, n in searcher.search(parsed or wq.Every(), filter=restriction, limit=None).top_n]
        counts_by_paragraph: dict[int, int] | None = None
        if leaves and not inside and not outside:
            matched = {n for n, _s in top_n}
            counts_by_paragraph = frequency_counts(few[1], leaves, matched) if few is not None else None
            if counts_by_paragraph is None:
                counts_by_paragraph = occurrence_counts(reader, leaves, matched)
        return assemble(top_n, DocumentOf(reader), searcher.stored_fields, leaves, limit, counts_by_paragraph,
                        inside, outside)


_NOTHING = wq.NullQuery


def _few_word_postings(query: wq.Query, reader: IndexReader) -> bool:
    """Whether `query` is words joined two at a time by AND / OR (which whoosh scores exactly as the array
    evaluator does: each such join adds its two parts' scores) with at most FEW_POSTINGS postings in all."""
    total = 0
    pending = [query]
    while pending:
        node = pending.pop()
        if type(node) is wq.Term:
            if node.fieldname not in reader.schema:
                return False
            try:
                total += reader.doc_frequency(node.fieldname, node.text)
            except ValueError:
                return False
            if total > FEW_POSTINGS:
                return False
        elif type(node) in (wq.And, wq.Or) and len(node.subqueries) == 2 and node.boost == 1.0 and not (
                getattr(node, "minmatch", 0) or getattr(node, "scale", None)):
            pending.extend(node.subqueries)
        else:
            return False
    return True


def _restriction(
    speakers: Collection[str] | None,
    cases: Collection[str] | None,
    attributes: AttributeFilter | None,
    case_attributes: CaseAttributes | None,
    inside: list[Ranges],
) -> wq.Query | None:
    """A whoosh filter for the argument filters, `_NOTHING` when they exclude everything, None for none."""
    labels = allowed_labels(speakers, cases, attributes, case_attributes)
    parts = [_any_of(field, values) for field, values in labels.items()]
    for ranges in inside:
        parts.append(_any_of("doc_id", {str(doc_id) for doc_id, spans in ranges.items() if spans}))
    if any(part is _NOTHING for part in parts):
        return _NOTHING
    return wq.And(parts) if parts else None


def _any_of(field: str, values: set[str]) -> wq.Query:
    return wq.Or([wq.Term(field, v) for v in sorted(values)]) if values else _NOTHING

"""Search results from the array evaluator: rank every match, read only the paragraphs shown.

Matches are ranked as `run_search` ranks them (score, then document, then paragraph). Occurrences per
paragraph come from the postings' term frequencies, so counts per document cover every match while
stored text is read and tokenised only for the paragraphs whose rows are returned, about `limit` of them
however many thousands match (with a code filter, every matched paragraph: see `array_search`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from whoosh import query as wq
from whoosh.index import Index
from whoosh.searching import Searcher

from .arrays import IntArray, ReaderArrays, TermMemo, field_lengths, reader_arrays, term_arrays
from .counting import occurrence_counts
from .filters import Ranges
from .hits import SearchHit, SearchResults
from .matching import occurrences
from .pairs import pair_term, paired_words
from .query import Leaf, PhraseLeaf, WordLeaf
from .rows import paragraph_rows
from .vectorized import evaluate, restrict


def array_search(ix: Index, searcher: Searcher, parsed: wq.Query, restriction: wq.Query | None,
                 leaves: list[Leaf], limit: int | None, inside: Sequence[Ranges] = (),
                 outside: Sequence[Ranges] = ()) -> SearchResults:
    """See `run_search`; raises Unsupported for queries whoosh must evaluate.

    With code filters (`inside`, `outside`) whether an occurrence counts depends on where it lies, so
    every matched paragraph is read; without them only the paragraphs whose rows are returned."""
    coded = bool(inside or outside)
    reader = searcher.reader()
    arrays = reader_arrays(ix, reader)
    memo: TermMemo = {}
    scored = evaluate(searcher, parsed, arrays, memo)
    if restriction is not None:
        scored = restrict(scored, evaluate(searcher, restriction, arrays, memo).docnums)
    docnums, scores = scored.docnums, scored.scores
    doc_ids = arrays.doc_of[docnums]
    order = np.lexsort((docnums, doc_ids, -scores))
    occurrences = np.zeros(len(docnums), dtype=np.int64) if coded else _occurrences(searcher, leaves, docnums, memo)

    rows: list[SearchHit] = []
    names: dict[int, str] = {}
    counted = occurrences.copy()  # what each paragraph adds to its document's count
    read = 0
    for i in order.tolist():
        if limit is not None and len(rows) >= limit and not coded:
            break
        paragraph = paragraph_rows(searcher.stored_fields(int(docnums[i])), float(scores[i]), leaves,
                                   inside, outside)
        if limit is None or len(rows) < limit:
            rows.extend(paragraph)
        counted[i] = len(paragraph)
        if paragraph:
            names.setdefault(int(doc_ids[i]), paragraph[0].document)
        read += 1
    _count_unread(searcher, arrays, docnums, order[read:], occurrences, counted)
    counts = _per_document(doc_ids, counted)
    kept = rows if limit is None else rows[:limit]
    return SearchResults(tuple(kept), sum(counts.values()), counts, names)


def _per_document(doc_ids: IntArray, counted: np.ndarray) -> dict[int, int]:
    """{document id: hits} for documents with at least one hit."""
    if not len(doc_ids):
        return {}
    documents, inverse = np.unique(doc_ids, return_inverse=True)
    totals = np.bincount(inverse, weights=counted, minlength=len(documents))
    return {int(d): int(t) for d, t in zip(documents.tolist(), totals.tolist(), strict=True) if t > 0}


def _occurrences(searcher: Searcher, leaves: list[Leaf], docnums: IntArray, memo: TermMemo) -> np.ndarray:
    """Occurrences of the query's words in each matched paragraph (0 where only filters or negations match).

    No two distinct leaves can find the same span when the word leaves are all on one field (a phrase
    spans two words or more, a word one), so each leaf is counted on its own and the counts add up: word
    leaves and two-word phrases of paired words from term frequencies, longer phrases of paired words by
    reading the few paragraphs that hold all their pairs. Otherwise token positions decide
    (counting.occurrence_counts)."""
    result = np.zeros(len(docnums), dtype=np.int64)
    if not leaves or not len(docnums):
        return result
    plan = _counting_plan(list(dict.fromkeys(leaves)), paired_words(searcher.schema))
    if plan is None:
        known = occurrence_counts(searcher.reader(), leaves, set(docnums.tolist()))
        if known:
            at = np.searchsorted(docnums, np.fromiter(known.keys(), dtype=np.int64))
            result[at] = np.fromiter(known.values(), dtype=np.int64)
        return result
    terms, long_phrases = plan
    reader = searcher.reader()
    for fieldname, term in terms:
        ids, frequencies = term_arrays(reader, fieldname, searcher.schema[fieldname].to_bytes(term), memo)
        at, hit = _positions_in(docnums, ids)
        np.add.at(result, at[hit], frequencies[hit].astype(np.int64))
    for phrase in long_phrases:
        pair_ids = [term_arrays(reader, "pairs", pair_term(a, b), memo)[0]
                    for a, b in zip(phrase.words, phrase.words[1:], strict=False)]
        candidates = docnums
        for ids in pair_ids:
            candidates = np.intersect1d(candidates, ids, assume_unique=True)
        at, _hit = _positions_in(docnums, candidates)
        for i in at.tolist():
            result[i] += len(occurrences(searcher.stored_fields(int(docnums[i])).get("text", ""), [phrase]))
    return result


def _positions_in(docnums: IntArray, ids: IntArray) -> tuple[np.ndarray, np.ndarray]:
    """Where each of `ids` stands in the sorted `docnums`, and whether it is there at all."""
    if not len(ids):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    at = np.minimum(np.searchsorted(docnums, ids), len(docnums) - 1)
    return at, docnums[at] == ids


def _counting_plan(leaves: list[Leaf], paired: frozenset[str]
                   ) -> tuple[set[tuple[str, str]], list[PhraseLeaf]] | None:
    """(field, term) pairs to add up, and longer phrases to count from their text; None when leaves
    could find the same token twice or a phrase is not held by the pairs."""
    word_fields = {"text" if leaf.stemmed else "exact" for leaf in leaves if isinstance(leaf, WordLeaf)}
    if len(word_fields) > 1:
        return None  # "reminder OR remind*" finds the same token on both fields
    terms: set[tuple[str, str]] = set()
    long_phrases: list[PhraseLeaf] = []
    for leaf in leaves:
        if isinstance(leaf, WordLeaf):
            terms.update((next(iter(word_fields)), term) for term in leaf.terms)
        elif leaf.stemmed or leaf.slop != 1 or not paired.issuperset(leaf.words):
            return None
        elif len(leaf.words) == 2:
            terms.add(("pairs", pair_term(*leaf.words)))
        else:
            long_phrases.append(leaf)
    return terms, long_phrases


def _count_unread(searcher: Searcher, arrays: ReaderArrays, docnums: IntArray, unread: np.ndarray,
                  occurrences: np.ndarray, counted: np.ndarray) -> None:
    """Counts for the matched paragraphs beyond the rows returned, reading their text only when needed.

    A paragraph holding occurrences counts them (already in `counted`); one matched only by filters or
    negations counts one hit (its whole turn) when it has any word, or else when its text is not blank."""
    bare = unread[occurrences[unread] == 0]
    if not len(bare):
        return
    lengths = field_lengths(arrays, searcher.reader(), "exact")[docnums[bare]]
    counted[bare[lengths > 0]] = 1
    for i in bare[lengths <= 0].tolist():
        text = searcher.stored_fields(int(docnums[i])).get("text", "")
        counted[i] = 1 if text.strip() else 0

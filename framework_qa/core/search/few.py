"""Evaluating a query of a few word postings in pure Python, for a one-shot process (a command-line search).

whoosh's `Searcher.search` builds a matcher tree, a collector and a scorer per posting; for a word in a few
thousand paragraphs that costs tens of milliseconds, and counting the occurrences afterwards skips through
the same postings again. Here each word's postings are read once, a block at a time where the postings
are whoosh 3's (as `arrays` reads them, without numpy), scored with whoosh's own BM25F scorer settings,
and their term frequencies give the occurrence counts as well.

It takes the queries `searching._few_word_postings` accepts (words joined two at a time by AND / OR,
unboosted), scores them as whoosh does (a term's BM25F, or its weight on a label field; AND and OR add
their two parts' scores, left then right) and returns None for anything else, so the caller lets whoosh
evaluate it. The tests hold both to the same matches, scores and counts.
"""

from __future__ import annotations

from itertools import accumulate

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.reading import IndexReader
from whoosh.scoring import BM25FScorer, bm25
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from .ranking import Frequencies

Scores = dict[int, float]  # global docnum -> score

_LENGTH_OF_BYTE = [float(byte_to_length(b)) for b in range(256)]


class _Unsupported(Exception):
    """A part this evaluator leaves to whoosh."""


def evaluate_few(searcher: Searcher, query: wq.Query) -> tuple[Scores, Frequencies] | None:
    """({docnum: score} of every live paragraph matching `query`, {(field, term bytes): {docnum: frequency}}
    of every term read), or None when the query holds a part this evaluator does not handle."""
    frequencies: Frequencies = {}
    try:
        return _node(searcher, query, frequencies), frequencies
    except _Unsupported:
        return None


def _node(searcher: Searcher, node: wq.Query, frequencies: Frequencies) -> Scores:
    if type(node) is wq.Term and node.boost == 1.0:
        return _term(searcher, node.fieldname, node.text, frequencies)
    if type(node) in (wq.And, wq.Or) and len(node.subqueries) == 2 and node.boost == 1.0 and not (
            getattr(node, "minmatch", 0) or getattr(node, "scale", None)):
        left = _node(searcher, node.subqueries[0], frequencies)
        right = _node(searcher, node.subqueries[1], frequencies)
        if type(node) is wq.And:
            return {d: s + right[d] for d, s in left.items() if d in right}
        union = dict(left)
        for d, s in right.items():
            union[d] = union[d] + s if d in union else s
        return union
    raise _Unsupported(type(node).__name__)


def _term(searcher: Searcher, fieldname: str, text: str | bytes, frequencies: Frequencies) -> Scores:
    schema = searcher.schema
    if fieldname not in schema:
        raise _Unsupported("unknown field")
    field = schema[fieldname]
    try:
        term = field.to_bytes(text)
    except ValueError:
        raise _Unsupported("term not of its field's type") from None
    reader = searcher.reader()
    postings = frequencies.setdefault((fieldname, term), {})
    if (fieldname, term) not in reader:
        return {}
    scorer = searcher.weighting.scorer(searcher, fieldname, term)
    if field.scorable and type(scorer) is not BM25FScorer:
        raise _Unsupported("weighting other than BM25F")
    scores: Scores = {}
    for segment, base in reader.leaf_readers():
        if (fieldname, term) not in segment:
            continue
        lengths = _lengths(segment, fieldname) if field.scorable else None
        for docnum, weight in _postings(segment, fieldname, term):
            postings[base + docnum] = weight
            if lengths is None:
                scores[base + docnum] = weight
            else:
                scores[base + docnum] = bm25(scorer.idf, weight, lengths(docnum), scorer.avgfl, scorer.B,
                                             scorer.K1)
    return scores


def _postings(segment: IndexReader, fieldname: str, term: bytes) -> list[tuple[int, float]]:
    """(segment docnum, weight) of the live postings of `term`: a block at a time from a whoosh 3 matcher
    (one without deleted paragraphs to hide), else one posting at a time through the matcher."""
    matcher = segment.postings(fieldname, term)
    out: list[tuple[int, float]] = []
    if type(matcher) is W3LeafMatcher and not matcher._byteids:
        while matcher.is_active():
            if matcher._data is None:
                matcher._read_data()
            raw_ids, raw_weights = matcher._data[0], matcher._data[1]
            ids = list(accumulate(raw_ids))
            if raw_weights is None:
                out.extend((d, 1.0) for d in ids)
            elif isinstance(raw_weights, float):
                out.extend((d, raw_weights) for d in ids)
            else:
                out.extend(zip(ids, (float(w) for w in raw_weights), strict=True))
            matcher._i = matcher._blocklength - 1
            matcher.next()
        return out
    while matcher.is_active():
        out.append((matcher.id(), matcher.weight()))
        matcher.next()
    return out


def _lengths(segment: IndexReader, fieldname: str):  # type: ignore[no-untyped-def]
    """`length(docnum)`: a paragraph's length in `fieldname` as whoosh's scorer reads it
    (`doc_field_length(docnum, fieldname, 1)`), from the raw length column where it can be read."""
    perdoc = getattr(segment, "_perdoc", None)
    cached_reader = getattr(perdoc, "_cached_reader", None)
    column = cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN) if cached_reader is not None else None
    if column is not None and all(hasattr(column, a) for a in ("_dbfile", "_basepos", "_count")):
        raw = column._dbfile.get(column._basepos, column._count)
        table = _LENGTH_OF_BYTE

        def length(docnum: int) -> float | None:
            byte = raw[docnum] if docnum < len(raw) else 0
            return table[byte] if byte else None  # as whoosh: no length byte gives None

        return length
    return lambda docnum: segment.doc_field_length(docnum, fieldname, 1)

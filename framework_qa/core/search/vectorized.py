"""Matching and scoring a query over postings arrays, with whoosh's BM25F semantics.

`evaluate` handles the queries researchers type most: words, wildcards and fuzzy terms (each an OR of the
word forms they expand to), phrases of common words, AND, OR, NOT and label filters. Scores are whoosh's
own for these queries: a term scores BM25F (B 0.75, K1 1.2, whoosh's idf and average field length) on text
fields and its frequency on label fields; OR and AND add up the scores of the parts that match; a NOT part
of an AND adds 1 (as whoosh's inverse matcher does) and a lone NOT scores 1 for every paragraph it keeps.
Two differences: a quoted phrase of common words is matched through the `pairs` field (see `pairs`) and
scores as the sum of its word pairs, where whoosh matches it word by word; and whoosh adds up the scores
of a pattern's word forms only on indexes of over 5,000 paragraphs, scoring each match 1 on smaller ones,
where here they always add up, so the best matches of `remind*` come first in a small project too.
Anything else (other phrases, which need word positions but are cheap for whoosh when a word is rare, and
query types the parser does not produce) raises `Unsupported`, and the caller lets whoosh evaluate it. The
tests hold the two evaluators to the same matches, and to the same scores where they agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh import query as wq
from whoosh.searching import Searcher

from .arrays import FloatArray, IntArray, ReaderArrays, TermMemo, field_lengths, term_arrays
from .matching import occurrences
from .pairs import pair_term, paired_words
from .query import Leaf, PhraseLeaf

B, K1 = 0.75, 1.2


class Unsupported(Exception):
    """The query holds a part this evaluator does not handle."""


@dataclass(frozen=True)
class Scored:
    """Matched paragraphs (ascending, distinct docnums) with their scores."""

    docnums: IntArray
    scores: FloatArray

    @staticmethod
    def empty() -> Scored:
        return Scored(np.zeros(0, dtype=np.int64), np.zeros(0))

    def __len__(self) -> int:
        return len(self.docnums)


def evaluate(searcher: Searcher, query: wq.Query, arrays: ReaderArrays, memo: TermMemo | None = None) -> Scored:
    """Every live paragraph matching `query`, scored; raises Unsupported (see the module docstring).
    `memo` keeps the postings read, for counting the same terms afterwards (see `term_arrays`)."""
    scored = _node(searcher, query, arrays, {} if memo is None else memo)
    if arrays.live is not None and len(scored):
        keep = arrays.live[scored.docnums]
        scored = Scored(scored.docnums[keep], scored.scores[keep])
    return scored


def restrict(scored: Scored, allowed: IntArray) -> Scored:
    """The matches whose docnum is in `allowed` (ascending, distinct)."""
    keep = np.isin(scored.docnums, allowed, assume_unique=True)
    return Scored(scored.docnums[keep], scored.scores[keep])


def _node(searcher: Searcher, node: wq.Query, arrays: ReaderArrays, memo: TermMemo) -> Scored:
    if node is wq.NullQuery or isinstance(node, type(wq.NullQuery)):
        return Scored.empty()
    if isinstance(node, wq.Term):
        return _term(searcher, node.fieldname, node.text, arrays, memo, node.boost)
    if isinstance(node, wq.Phrase):
        words = paired_phrase(node, paired_words(searcher.schema))
        if words is None:
            raise Unsupported("phrase the pairs field does not hold")
        return _phrase(searcher, words, arrays, memo)
    if isinstance(node, wq.MultiTerm):
        if node.boost != 1.0:
            raise Unsupported("boosted pattern")
        fieldname = node.field()
        parts = [_term(searcher, fieldname, text, arrays, memo)
                 for _f, text in node.expanded_terms(searcher.reader())]
        return _union(parts)
    if isinstance(node, wq.AndNot):
        return _without(_node(searcher, node.a, arrays, memo), _node(searcher, node.b, arrays, memo))
    if isinstance(node, wq.Not):
        excluded = _node(searcher, node.query, arrays, memo)
        everything = np.arange(arrays.doc_count_all, dtype=np.int64)
        return _without(Scored(everything, np.ones(len(everything))), excluded)
    if type(node) in (wq.Or, wq.And) and node.boost == 1.0:
        if isinstance(node, wq.Or):
            if getattr(node, "minmatch", 0) or getattr(node, "scale", None):
                raise Unsupported("weighted OR")
            return _union([_node(searcher, child, arrays, memo) for child in node.subqueries])
        positives = [c for c in node.subqueries if not isinstance(c, wq.Not)]
        negatives = [c.query for c in node.subqueries if isinstance(c, wq.Not)]
        if not positives:
            raise Unsupported("AND of negations only")
        found = _intersection([_node(searcher, child, arrays, memo) for child in positives])
        for negative in negatives:
            found = _without(found, _node(searcher, negative, arrays, memo))
        return Scored(found.docnums, found.scores + len(negatives))
    raise Unsupported(type(node).__name__)


def paired_phrase(node: wq.Phrase, paired: frozenset[str]) -> tuple[str, ...] | None:
    """The words of a quoted phrase of adjacent exact words that are all in `paired`, else None."""
    if node.fieldname != "exact" or len(node.words) < 2 or node.slop != 1 or node.boost != 1.0:
        return None
    words = tuple(w.decode("utf-8") if isinstance(w, bytes) else w for w in node.words)
    return words if paired.issuperset(words) else None


def _phrase(searcher: Searcher, words: tuple[str, ...], arrays: ReaderArrays, memo: TermMemo) -> Scored:
    """Two words: their pair term. More: paragraphs holding every consecutive pair, kept where the words
    stand in a row (read from the text: few paragraphs hold all the pairs), scored as the pairs' sum."""
    pairs = [pair_term(a, b) for a, b in zip(words, words[1:], strict=False)]
    found = _intersection([_term(searcher, "pairs", pair, arrays, memo) for pair in dict.fromkeys(pairs)])
    if len(pairs) == 1 or not len(found):
        return found
    leaf: list[Leaf] = [PhraseLeaf(words, 1, False)]
    keep = np.fromiter((bool(occurrences(searcher.stored_fields(int(d)).get("text", ""), leaf))
                        for d in found.docnums.tolist()), dtype=np.bool_, count=len(found))
    return Scored(found.docnums[keep], found.scores[keep])


def _term(searcher: Searcher, fieldname: str, text: str | bytes, arrays: ReaderArrays, memo: TermMemo,
          boost: float = 1.0) -> Scored:
    schema = searcher.schema
    if fieldname not in schema:
        return Scored.empty()
    field = schema[fieldname]
    try:
        term = field.to_bytes(text)
    except ValueError:
        return Scored.empty()
    reader = searcher.reader()
    if (fieldname, term) not in reader:
        return Scored.empty()
    docnums, frequencies = term_arrays(reader, fieldname, term, memo)
    if field.scorable:
        idf = searcher.idf(fieldname, term)
        average = searcher.avg_field_length(fieldname) or 1
        lengths = field_lengths(arrays, reader, fieldname)[docnums]
        scores = idf * ((frequencies * (K1 + 1)) / (frequencies + K1 * ((1 - B) + B * lengths / average)))
    else:
        scores = frequencies
    if boost != 1.0:
        scores = scores * boost
    return Scored(docnums, scores)


def _union(parts: list[Scored]) -> Scored:
    parts = [p for p in parts if len(p)]
    if not parts:
        return Scored.empty()
    if len(parts) == 1:
        return parts[0]
    docnums, inverse = np.unique(np.concatenate([p.docnums for p in parts]), return_inverse=True)
    scores = np.bincount(inverse, weights=np.concatenate([p.scores for p in parts]), minlength=len(docnums))
    return Scored(docnums, scores)


def _intersection(parts: list[Scored]) -> Scored:
    found = parts[0]
    for part in parts[1:]:
        common, mine, theirs = np.intersect1d(found.docnums, part.docnums, assume_unique=True,
                                              return_indices=True)
        found = Scored(common, found.scores[mine] + part.scores[theirs])
    return found


def _without(found: Scored, excluded: Scored) -> Scored:
    if not len(excluded) or not len(found):
        return found
    keep = np.isin(found.docnums, excluded.docnums, assume_unique=True, invert=True)
    return Scored(found.docnums[keep], found.scores[keep])

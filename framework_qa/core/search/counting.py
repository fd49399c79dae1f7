"""How many occurrences each matched paragraph holds, from the postings alone.

Counts agree with `matching.occurrences` (distinct spans over all positive leaves): a word leaf counts
each matching token once, a phrase each distinct start. When every leaf is a word leaf on the same
field, no token can be counted twice, so term frequencies are summed; otherwise token positions are
read and the distinct (first, last) position pairs counted. Only the exact field keeps positions, so
stemmed word leaves are first restated as the exact word forms that stem to their terms.
"""

from __future__ import annotations

from collections.abc import Collection

from whoosh.reading import IndexReader

from .postings import term_frequencies, term_positions
from .query import Leaf, PhraseLeaf, WordLeaf
from .words import stem_word

FEW_PARAGRAPHS = 5_000  # up to this many matched paragraphs, counting skips through postings in Python


def occurrence_counts(reader: IndexReader, leaves: list[Leaf], matched: Collection[int]) -> dict[int, int]:
    """{docnum: occurrences} for the paragraphs in `matched` holding at least one occurrence."""
    if not matched:
        return {}
    if len({_field(leaf) for leaf in leaves}) > 1 or any(not isinstance(leaf, WordLeaf) for leaf in leaves):
        leaves = _on_exact_field(reader, leaves)
    fields = {_field(leaf) for leaf in leaves}
    if len(fields) == 1 and all(isinstance(leaf, WordLeaf) for leaf in leaves):
        return _frequency_counts(reader, fields.pop(), leaves, matched)
    spans: dict[int, set[tuple[int, int]]] = {}
    only = sorted(matched)
    for leaf in leaves:
        if isinstance(leaf, WordLeaf):
            for term in leaf.terms:
                for docnum, positions in term_positions(reader, _field(leaf), term, only):
                    if docnum in matched:
                        spans.setdefault(docnum, set()).update((p, p) for p in positions)
        else:
            for docnum, found in _phrase_positions(reader, leaf, only).items():
                spans.setdefault(docnum, set()).update(found)
    return {docnum: len(found) for docnum, found in spans.items() if found}


def _on_exact_field(reader: IndexReader, leaves: list[Leaf]) -> list[Leaf]:
    """The leaves with each stemmed word leaf replaced by the exact word forms whose stem is one of its
    terms (the same tokens: the stemmed field indexes each exact form's stem)."""
    stems = {t for leaf in leaves if isinstance(leaf, WordLeaf) and leaf.stemmed for t in leaf.terms}
    if not stems:
        return leaves
    forms: dict[str, set[str]] = {}
    for raw in reader.lexicon("exact"):
        word = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        stemmed = stem_word(word)
        if stemmed in stems:
            forms.setdefault(stemmed, set()).add(word)
    restated: list[Leaf] = []
    for leaf in leaves:
        if isinstance(leaf, WordLeaf) and leaf.stemmed:
            words = frozenset(w for t in leaf.terms for w in forms.get(t, ()))
            if words:
                restated.append(WordLeaf(words, stemmed=False))
        else:
            restated.append(leaf)
    return restated


def _field(leaf: Leaf) -> str:
    return "text" if leaf.stemmed else "exact"


def _frequency_counts(
    reader: IndexReader, field: str, leaves: list[Leaf], matched: Collection[int]
) -> dict[int, int]:
    terms: set[str] = set()
    for leaf in leaves:
        assert isinstance(leaf, WordLeaf)
        terms.update(leaf.terms)
    counts: dict[int, int] = {}
    if len(matched) <= FEW_PARAGRAPHS:  # skip to each matched paragraph's posting, without numpy
        only = sorted(matched)
        for term in terms:
            for docnum, weight in term_frequencies(reader, field, term, only):
                counts[docnum] = counts.get(docnum, 0) + int(weight)
        return counts
    from .arrays import term_arrays  # numpy: decodes every posting a block at a time

    for term in terms:
        ids, weights = term_arrays(reader, field, term)
        for docnum, weight in zip(ids.tolist(), weights.tolist(), strict=True):
            if docnum in matched:
                counts[docnum] = counts.get(docnum, 0) + int(weight)
    return counts


def _phrase_positions(
    reader: IndexReader, leaf: PhraseLeaf, matched: list[int]
) -> dict[int, list[tuple[int, int]]]:
    """Phrase spans per paragraph as token position pairs, matched the way `matching._phrase_spans` does:
    each next word is its first occurrence within `slop` positions after the previous one."""
    field = _field(leaf)
    by_word: dict[str, dict[int, list[int]]] = {}
    for word in dict.fromkeys(leaf.words):
        by_word[word] = {d: sorted(p) for d, p in term_positions(reader, field, word, matched)}
    found: dict[int, list[tuple[int, int]]] = {}
    first, rest = leaf.words[0], leaf.words[1:]
    for docnum, starts in by_word[first].items():
        if any(docnum not in by_word[w] for w in rest):
            continue
        for start in starts:
            position = start
            for wanted in rest:
                following = [p for p in by_word[wanted][docnum] if position < p <= position + leaf.slop]
                if not following:
                    break
                position = following[0]
            else:
                found.setdefault(docnum, []).append((start, position))
    return found

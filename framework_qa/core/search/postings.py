"""Reading whoosh postings in bulk: which document a paragraph belongs to, and how often a term occurs
in each paragraph, without loading stored text or tokenising anything.

A common word matches tens of thousands of paragraphs; counting its occurrences per document from the
postings' term frequencies costs a pass over a compact array, where re-tokenising every paragraph cost
seconds. The fast paths read whoosh's block arrays directly and fall back to the public matcher
interface for any other matcher type.
"""

from __future__ import annotations

import weakref
from bisect import bisect_left
from collections.abc import Iterator, Sequence

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.index import Index
from whoosh.matching import Matcher
from whoosh.reading import IndexReader

_DOC_MAPS: weakref.WeakKeyDictionary[Index, tuple[object, dict[int, int]]] = weakref.WeakKeyDictionary()


def document_map(ix: Index, reader: IndexReader) -> dict[int, int]:
    """{paragraph docnum: document id} for `reader`, cached per index generation.

    Deleted paragraphs may still appear; callers only look up docnums a search returned.
    """
    key = (reader.generation(), reader.doc_count_all())
    cached = _DOC_MAPS.get(ix)
    if cached is not None and cached[0] == key:
        return cached[1]
    mapping: dict[int, int] = {}
    for term in reader.lexicon("doc_id"):
        doc_id = int(term.decode("utf-8") if isinstance(term, bytes) else term)
        for docnum, _weight in term_postings(reader, "doc_id", term):
            mapping[docnum] = doc_id
    _DOC_MAPS[ix] = (key, mapping)
    return mapping


def term_postings(reader: IndexReader, field: str, term: str | bytes) -> Iterator[tuple[int, float]]:
    """(global docnum, term frequency) of every posting of `term`, deleted paragraphs included."""
    for segment, base in reader.leaf_readers():
        if (field, term) not in segment:
            continue
        matcher = segment.postings(field, term)
        while not isinstance(matcher, W3LeafMatcher) and hasattr(matcher, "child"):
            matcher = matcher.child  # FilterMatcher over deleted documents: the caller filters
        if isinstance(matcher, W3LeafMatcher):
            yield from _w3_postings(matcher, base)
        else:
            yield from _generic_postings(matcher, base)


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
        end = base + segment.doc_count_all()
        for wanted in only[bisect_left(only, base):bisect_left(only, end)]:
            target = wanted - base
            if not matcher.is_active():
                break
            if matcher.id() < target:
                matcher.skip_to(target)
                if not matcher.is_active():
                    break
            if matcher.id() == target:
                yield wanted, list(matcher.value_as("positions"))


def _w3_postings(matcher: W3LeafMatcher, base: int) -> Iterator[tuple[int, float]]:
    while matcher.is_active():
        matcher.id()  # loads the block's ids
        matcher.weight()  # and its weights
        ids, weights, at = matcher._ids, matcher._weights, matcher._i
        for docnum, weight in zip(ids[at:], weights[at:], strict=False):
            yield docnum + base, weight
        matcher._i = matcher._blocklength - 1
        matcher.next()


def _generic_postings(matcher: Matcher, base: int) -> Iterator[tuple[int, float]]:
    while matcher.is_active():
        yield matcher.id() + base, matcher.weight()
        matcher.next()

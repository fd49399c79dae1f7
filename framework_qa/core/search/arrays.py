"""whoosh's postings and per-paragraph columns as numpy arrays, read a block at a time.

whoosh walks postings one at a time in Python, which costs microseconds per paragraph: a topic word in a
corpus of ten million words is in tens of thousands of paragraphs. Read a block (up to 128 postings) at a
time into arrays instead, and a term's postings cost a few microseconds per block. The fast paths read
the whoosh 3 codec's block tuples and length columns directly; any other matcher or column type is read
through the public interface, slower but the same values (the tests check both against whoosh).

Arrays are indexed by global docnum (a paragraph's number in the reader, segments laid end to end) and
cached per reader generation, so they are built once per index change, not once per query.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.index import Index
from whoosh.matching import Matcher
from whoosh.reading import IndexReader
from whoosh.util.numeric import byte_to_length

IntArray = np.ndarray
FloatArray = np.ndarray

# byte_to_length for every length byte; 0 stands for "no length", which whoosh treats as missing
_LENGTH_OF_BYTE = np.array([0.0] + [float(byte_to_length(b)) for b in range(1, 256)])


@dataclass
class ReaderArrays:
    """Per-paragraph arrays of one reader generation: owning document, liveness, field lengths."""

    doc_count_all: int
    doc_of: IntArray  # document id per docnum (-1: none)
    live: np.ndarray | None  # bool per docnum; None when nothing is deleted
    lengths: dict[str, FloatArray] = field(default_factory=dict)


_CACHE: weakref.WeakKeyDictionary[Index, tuple[object, ReaderArrays]] = weakref.WeakKeyDictionary()


def reader_arrays(ix: Index, reader: IndexReader) -> ReaderArrays:
    """The arrays for `reader`, built on first use after each index change."""
    key = (reader.generation(), reader.doc_count_all(), reader.doc_count())
    cached = _CACHE.get(ix)
    if cached is not None and cached[0] == key:
        return cached[1]
    total = reader.doc_count_all()
    doc_of = np.full(total, -1, dtype=np.int64)
    for segment, base in reader.leaf_readers():
        for term in segment.lexicon("doc_id"):
            doc_id = int(term.decode("utf-8") if isinstance(term, bytes) else term)
            info = segment.term_info("doc_id", term)
            first, last = info.min_id(), info.max_id()
            if info.doc_frequency() == last - first + 1:  # a document's paragraphs lie side by side
                doc_of[base + first:base + last + 1] = doc_id
            else:
                doc_of[term_arrays(segment, "doc_id", term)[0] + base] = doc_id
    live = None
    if reader.has_deletions():
        live = np.zeros(total, dtype=bool)
        live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
    arrays = ReaderArrays(total, doc_of, live)
    _CACHE[ix] = (key, arrays)
    return arrays


def field_lengths(arrays: ReaderArrays, reader: IndexReader, fieldname: str) -> FloatArray:
    """Each paragraph's length in `fieldname` (tokens, as whoosh's scorer sees it: byte-quantised)."""
    if fieldname not in arrays.lengths:
        parts = [_segment_lengths(segment, fieldname) for segment, _base in reader.leaf_readers()]
        lengths = np.concatenate(parts) if parts else np.zeros(0)
        assert len(lengths) == arrays.doc_count_all, (len(lengths), arrays.doc_count_all)
        arrays.lengths[fieldname] = lengths
    return arrays.lengths[fieldname]


def _segment_lengths(segment: IndexReader, fieldname: str) -> FloatArray:
    count = segment.doc_count_all()
    column = None
    perdoc = getattr(segment, "_perdoc", segment)  # a SegmentReader keeps its columns in its per-document reader
    cached_reader = getattr(perdoc, "_cached_reader", None)
    if cached_reader is not None:
        column = cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    raw = None
    if column is not None and all(hasattr(column, a) for a in ("_dbfile", "_basepos", "_count")):
        stored = min(column._count, count)
        raw = np.frombuffer(column._dbfile.get(column._basepos, stored), dtype=np.uint8)
        raw = np.concatenate([raw, np.zeros(count - stored, dtype=np.uint8)])
    if raw is not None:
        return _LENGTH_OF_BYTE[raw]
    return np.array([segment.doc_field_length(d, fieldname) or 0.0 for d in range(count)], dtype=np.float64)


TermMemo = dict[tuple[str, bytes | str], tuple[IntArray, FloatArray]]


def term_arrays(reader: IndexReader, fieldname: str, term: str | bytes,
                memo: TermMemo | None = None) -> tuple[IntArray, FloatArray]:
    """(global docnums, term frequencies) of every posting of `term`, ascending, deleted ones included.

    `memo`, when given, keeps what was read for the rest of one search: matching and counting read the
    same terms, and decoding a common word's blocks is most of a search's cost."""
    if memo is not None:
        key = (fieldname, term)
        if key not in memo:
            memo[key] = term_arrays(reader, fieldname, term)
        return memo[key]
    ids: list[IntArray] = []
    weights: list[FloatArray] = []
    for segment, base in reader.leaf_readers():
        if (fieldname, term) not in segment:
            continue
        matcher = segment.postings(fieldname, term)
        while not isinstance(matcher, W3LeafMatcher) and hasattr(matcher, "child"):
            matcher = matcher.child  # a wrapper hiding deleted paragraphs: the caller masks them
        read = _w3_blocks if isinstance(matcher, W3LeafMatcher) and not matcher._byteids else _generic
        for block_ids, block_weights in read(matcher):
            ids.append(block_ids + base)
            weights.append(block_weights)
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    return np.concatenate(ids), np.concatenate(weights)


def _w3_blocks(matcher: W3LeafMatcher):  # type: ignore[no-untyped-def]
    """A block's ids are delta-encoded from zero; its weights are absent (all 1), one float, or an array."""
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        raw_ids, raw_weights = matcher._data[0], matcher._data[1]
        ids = np.cumsum(np.asarray(raw_ids, dtype=np.int64))
        if raw_weights is None:
            weights = np.ones(len(ids))
        elif isinstance(raw_weights, float):
            weights = np.full(len(ids), raw_weights)
        else:
            weights = np.asarray(raw_weights, dtype=np.float64)
        yield ids, weights
        matcher._i = matcher._blocklength - 1
        matcher.next()


def _generic(matcher: Matcher):  # type: ignore[no-untyped-def]
    ids: list[int] = []
    weights: list[float] = []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    yield np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)

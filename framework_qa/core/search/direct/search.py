"""Evaluating a query of one or two plain words from the index files, as whoosh's searcher would.

Scores are whoosh's BM25F with its default parameters (what the index's searcher uses): a term's idf
from its document frequency over every segment and the paragraph count (deleted ones included, as
whoosh counts them), each posting's weight and its paragraph's quantised length against the average
length; AND and OR add their two terms' scores, left then right. The tests hold matches, scores, rows
and counts equal to whoosh's answers on the same files.
"""

from __future__ import annotations

from bisect import bisect_right
from math import log
from pathlib import Path

from ..hits import SearchResults
from ..ranking import Frequencies, assemble, frequency_counts
from ..stamp import INDEX_NAME, stored_stamp
from ..syntax import Leaf, SimpleQuery, WordLeaf
from . import manifest
from .files import Unreadable
from .lengths import LENGTH_OF_BYTE
from .segment import Segment

FIELD = "text"  # the stemmed words field plain words search
B, K1 = 0.75, 1.2  # whoosh's BM25F defaults
MAX_POSTINGS = 100_000
"""Above this many postings a query is left to whoosh's array evaluator, faster per posting once numpy is
imported; below it, reading postings here costs less than that import."""

Scores = dict[int, float]


class DirectIndex:
    """The segments of one index folder, opened for reading without whoosh."""

    def __init__(self, segments: list[Segment]) -> None:
        self._segments = segments
        self._bases = [segment.base for segment in segments]
        self._docs = sum(segment.entry.docs for segment in segments)
        self._document_ranges: tuple[list[int], list[tuple[int, int, int]], dict[int, int]] | None = None

    @classmethod
    def open(cls, folder: Path, fingerprint: str) -> DirectIndex | None:
        """The index in `folder` if its stamp is for `fingerprint` and its manifest matches the files
        there, else None."""
        stamp = stored_stamp(folder)
        if stamp is None or stamp["fingerprint"] != fingerprint:
            return None
        described = manifest.read(str(folder), INDEX_NAME, stamp.get("manifest"))
        if described is None:
            return None
        segments: list[Segment] = []
        base = 0
        try:
            for entry in described.segments:
                segments.append(Segment(str(folder), entry, base))
                base += entry.docs
        except Unreadable:
            for segment in segments:
                segment.close()
            return None
        return cls(segments)

    def close(self) -> None:
        for segment in self._segments:
            segment.close()

    def search(self, query: SimpleQuery, limit: int | None) -> SearchResults | None:
        """The results of `query` (at most `limit` rows), or None when this reader does not answer it:
        too many postings, or files that do not read as expected."""
        try:
            return self._search(query, limit)
        except Unreadable:
            return None

    def _search(self, query: SimpleQuery, limit: int | None) -> SearchResults | None:
        terms = [term.encode("utf-8") for term in query.terms]
        infos = [[segment.term_info(FIELD, term) for segment in self._segments] for term in terms]
        if sum(info.doc_frequency for per_term in infos for info in per_term if info) > MAX_POSTINGS:
            return None
        frequencies: Frequencies = {}
        left = self._term_scores(terms[0], infos[0], frequencies)
        scores = left
        if len(terms) == 2:
            right = self._term_scores(terms[1], infos[1], frequencies)
            if query.any_of:
                scores = dict(left)
                for docnum, score in right.items():
                    scores[docnum] = scores[docnum] + score if docnum in scores else score
            else:
                scores = {docnum: score + right[docnum] for docnum, score in left.items() if docnum in right}
        leaves: list[Leaf] = [WordLeaf(frozenset([term]), True) for term in query.terms]
        counts = frequency_counts(frequencies, leaves, set(scores))
        return assemble(scores.items(), self._document_of, self._stored_fields, leaves, limit, counts)

    def _term_scores(self, term: bytes, infos: list, frequencies: Frequencies) -> Scores:
        """{global docnum: BM25F score} of the live paragraphs holding `term`; records their frequencies."""
        postings = frequencies.setdefault((FIELD, term), {})
        present = sum(info.doc_frequency for info in infos if info is not None)
        if not any(infos):
            return {}
        idf = log(self._docs / (present + 1)) + 1
        average = (sum(s.entry.field_lengths.get(FIELD, 0) for s in self._segments) / (self._docs or 1)) or 1
        scores: Scores = {}
        for segment, info in zip(self._segments, infos, strict=True):
            if info is None:
                continue
            lengths = segment.length_bytes(FIELD)
            deleted = segment.entry.deleted
            for docnum, weight in segment.postings(info):
                if docnum in deleted:
                    continue
                if lengths is None:
                    length = 1.0  # whoosh's default for a segment without the column
                else:
                    byte = lengths[docnum] if docnum < len(lengths) else 0
                    if not byte:
                        raise Unreadable("a paragraph holding a word has no length")
                    length = LENGTH_OF_BYTE[byte]
                number = segment.base + docnum
                postings[number] = weight
                scores[number] = idf * ((weight * (K1 + 1)) / (weight + K1 * ((1 - B) + B * length / average)))
        return scores

    # ------------------------------------------------------------ paragraphs
    def _stored_fields(self, docnum: int) -> dict:
        segment = self._segments[bisect_right(self._bases, docnum) - 1]
        return segment.stored_fields(docnum - segment.base)

    def _document_of(self, docnum: int) -> int:
        """The document id of a paragraph, from each segment's doc_id terms (see `docmap`)."""
        if self._document_ranges is None:
            self._document_ranges = self._read_document_ranges()
        starts, ranges, scattered = self._document_ranges
        if docnum in scattered:
            return scattered[docnum]
        at = bisect_right(starts, docnum) - 1
        if at >= 0 and docnum <= ranges[at][1]:
            return ranges[at][2]
        return -1

    def _read_document_ranges(self) -> tuple[list[int], list[tuple[int, int, int]], dict[int, int]]:
        ranges: list[tuple[int, int, int]] = []
        scattered: dict[int, int] = {}
        for segment in self._segments:
            for term, info in segment.field_terms("doc_id"):
                try:
                    doc_id = int(term.decode("utf-8"))
                except ValueError:
                    raise Unreadable("a paragraph's document id is not a number") from None
                if info.first is None or info.last is None:
                    continue
                if info.doc_frequency == info.last - info.first + 1:
                    ranges.append((segment.base + info.first, segment.base + info.last, doc_id))
                else:
                    for docnum, _weight in segment.postings(info):
                        if docnum not in segment.entry.deleted:
                            scattered[segment.base + docnum] = doc_id
        ranges.sort()
        return [first for first, _last, _doc in ranges], ranges, scattered

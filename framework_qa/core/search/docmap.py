"""Which document each paragraph (docnum) belongs to, read from the doc_id term index alone.

Builds and updates add a document's paragraphs one after another, so in each segment a document's
paragraphs lie side by side: the first and last docnum of its doc_id term (kept in the term index) say
which paragraphs are its, without reading its postings. Where they do not lie side by side (an index
written some other way) the postings are read.
"""

from __future__ import annotations

from bisect import bisect_right

from whoosh.reading import IndexReader


class DocumentOf:
    """`document_of(docnum)`: the document id of a paragraph of `reader` (-1 for none)."""

    def __init__(self, reader: IndexReader) -> None:
        ranges: list[tuple[int, int, int]] = []
        self._scattered: dict[int, int] = {}
        for segment, base in reader.leaf_readers():
            for term, info in segment.iter_field("doc_id"):  # one pass over the term index
                doc_id = int(term.decode("utf-8") if isinstance(term, bytes) else term)
                first, last = info.min_id(), info.max_id()
                if info.doc_frequency() == last - first + 1:
                    ranges.append((base + first, base + last, doc_id))
                    continue
                matcher = segment.postings("doc_id", term)
                while matcher.is_active():
                    self._scattered[base + matcher.id()] = doc_id
                    matcher.next()
        ranges.sort()
        self._ranges = ranges
        self._starts = [first for first, _last, _doc in ranges]

    def __call__(self, docnum: int) -> int:
        if docnum in self._scattered:
            return self._scattered[docnum]
        at = bisect_right(self._starts, docnum) - 1
        if at >= 0 and docnum <= self._ranges[at][1]:
            return self._ranges[at][2]
        return -1

"""Writing a whole index in one go, several times faster than whoosh's general writer.

whoosh's writer runs every field of every paragraph through its analyzer chain (a Token object and a
generator per filter per word), once per field: the three word fields read the same text three times.
It then sorts every posting as a tuple in a pool that spills to disk, and reads each paragraph's length
back from disk once per posting while writing the postings. `BulkWriter` tokenises a paragraph once
(a regular expression `findall`, folding and stemming cached per distinct word) to produce the terms of
all three word fields, keeps postings per term in compact arrays in memory, and writes them in term
order with the lengths it already holds. The files it writes are whoosh's own, byte for byte the
postings whoosh's writer would write (the tests compare both), so every reader, search and later
incremental update works on them unchanged.

It is for building into an empty index only (`SearchIndex.rebuild`): it never merges segments, which is
what incremental updates need whoosh's writer for.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3PostingsWriter
from whoosh.index import Index
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from .pairs import pair_term, paired_words
from .words import fold_word, word_regex

# The word fields BulkWriter analyses itself: (stemmed words, exact words with positions, word pairs).
STEMMED, EXACT, PAIRS = "text", "exact", "pairs"
WORD_FIELDS = (STEMMED, EXACT, PAIRS)


class WordForms:
    """Each distinct word's folded form and stem, computed once per build (a build sees each word
    thousands of times); the stem is what `analysis.text_analyzer` indexes: Porter's, after lowercasing."""

    def __init__(self) -> None:
        from whoosh.lang.porter import stem

        self._stem = stem
        self._forms: dict[str, tuple[str, str]] = {}

    def __call__(self, word: str) -> tuple[str, str]:
        found = self._forms.get(word)
        if found is None:
            folded = fold_word(word)
            found = self._forms[word] = (folded, self._stem(folded.lower()))
        return found


def paragraph_terms(text: str, paired: frozenset[str], forms: WordForms
                    ) -> tuple[dict[str, int], dict[str, list[int]], dict[str, int]]:
    """The terms of one paragraph for the three word fields: {stem: frequency}, {exact word: positions},
    {word pair: frequency}; the same terms `analysis`'s analyzers give, without their token objects."""
    stems: dict[str, int] = {}
    exact: dict[str, list[int]] = {}
    pairs: dict[str, int] = {}
    previous: str | None = None
    for position, word in enumerate(word_regex().findall(text)):
        folded, stemmed = forms(word)
        stems[stemmed] = stems.get(stemmed, 0) + 1
        positions = exact.get(folded)
        if positions is None:
            exact[folded] = [position]
        else:
            positions.append(position)
        if previous is not None and folded in paired and previous in paired:
            pair = pair_term(previous, folded)
            pairs[pair] = pairs.get(pair, 0) + 1
        previous = folded
    return stems, exact, pairs


def encode_positions(positions: list[int]) -> bytes:
    """A posting's value in whoosh's Positions format: the count, then the pickled position deltas."""
    deltas = [b - a for a, b in zip([0, *positions], positions, strict=False)]
    return pack_uint(len(deltas)) + dumps(deltas, 2)


class BulkWriter(SegmentWriter):
    """A whoosh segment writer for filling an empty index; use it like `ix.writer()` (a context manager
    that commits on success and cancels on an exception, leaving nothing of the write behind).

    The word fields (WORD_FIELDS) are analysed as `analysis.build_schema` defines them; other fields go
    through their own whoosh field, as whoosh's writer does."""

    def __init__(self, ix: Index, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        if self.segments:
            raise ValueError("BulkWriter fills an empty index; update a filled one with ix.writer()")
        if not isinstance(self.codec, W3Codec):
            raise ValueError("BulkWriter writes whoosh 3 segments only")
        self._paired = paired_words(self.schema)
        self._forms = WordForms()
        self._counts: dict[str, dict[str, array]] = {STEMMED: {}, PAIRS: {}}  # term -> [docnum, freq, ...]
        self._positions: dict[str, array] = {}  # exact word -> [docnum, n, position x n, ...]
        self._other: dict[str, dict[bytes, list[tuple[int, float, bytes]]]] = {}
        self._lengths: dict[str, array] = {}  # field -> length byte per docnum
        self._more_segments: list[Any] = []
        self._last: tuple[int, str, tuple[dict[str, int], dict[str, list[int]], dict[str, int]]] | None = None

    def add_segment(self, segment: Any) -> None:
        """Lists `segment`, written into the same storage by another BulkWriter (`finish_segment`), after
        this writer's own when it commits."""
        self._check_state()
        self._more_segments.append(segment)

    def finish_segment(self) -> Any:
        """Writes and closes this writer's segment without committing, and returns it for `add_segment`."""
        self._check_state()
        segment = self._finalize_segment()
        self.is_closed = True  # not _finish(): that removes the temporary folder the committing writer shares
        return segment

    def commit(self, mergetype: Any = None, optimize: Any = None, merge: Any = None) -> None:
        """Writes this segment and lists it, then those given to `add_segment`, as the whole index."""
        self._check_state()
        segments = []
        if self._added:
            segments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc([*segments, *self._more_segments])
        self._finish()

    def add_document(self, **fields: Any) -> None:
        self._check_state()
        docnum = self.docnum
        schema = self.schema
        perdoc = self.perdocwriter
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        for name in names:
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if name in WORD_FIELDS:
                length = self._add_words(name, value, docnum)
            elif field.indexed:
                postings = self._other.setdefault(name, {})
                for term, frequency, weight, vbytes in field.index(value):
                    postings.setdefault(term, []).append((docnum, weight, vbytes))
                    if field.scorable:
                        length += frequency
            if field.scorable:
                self._lengths.setdefault(name, array("B", bytes(docnum))).append(
                    length_to_byte(length) if length else 0)
            perdoc.add_field(name, field, value if field.stored else None, length)
            if field.column_type:
                raise ValueError(f"BulkWriter does not write column field {name!r}")
        for lengths in self._lengths.values():  # fields this paragraph lacks have length 0
            if len(lengths) <= docnum:
                lengths.append(0)
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _analysed(self, text: str, docnum: int
                  ) -> tuple[dict[str, int], dict[str, list[int]], dict[str, int]]:
        """`paragraph_terms` of `text`, computed once for the three fields of one paragraph."""
        if self._last is None or self._last[0] != docnum or self._last[1] != text:
            self._last = (docnum, text, paragraph_terms(text, self._paired, self._forms))
        return self._last[2]

    def _add_words(self, name: str, text: str, docnum: int) -> int:
        """Adds the postings of the word field `name`; returns the paragraph's length in that field."""
        stems, exact, pairs = self._analysed(text, docnum)
        if name == EXACT:
            table = self._positions
            for word, positions in exact.items():
                found = table.get(word)
                if found is None:
                    found = table[word] = array("I")
                found.append(docnum)
                found.append(len(positions))
                found.extend(positions)
            return sum(len(p) for p in exact.values())
        terms = stems if name == STEMMED else pairs
        counts = self._counts[name]
        for term, frequency in terms.items():
            found = counts.get(term)
            if found is None:
                found = counts[term] = array("I")
            found.append(docnum)
            found.append(frequency)
        return sum(terms.values())

    def _flush_segment(self) -> None:
        """Writes the postings in whoosh's order (field name, term bytes, docnum), then closes the files."""
        self.perdocwriter.close()
        writer = self.fieldwriter
        names = sorted({*self._other, *(n for n in self._counts if self._counts[n]),
                        *([EXACT] if self._positions else [])})
        for name in names:
            writer.start_field(name, self.schema[name])
            lengths = self._lengths.get(name, array("B"))
            for term, docnums, weights, values in self._field_postings(name):
                writer.start_term(term)
                _add_postings(writer, docnums, weights, values, lengths)
                writer.finish_term()
            writer.finish_field()
        writer.close()

    def _field_postings(self, name: str) -> Iterator[tuple[bytes, array, array, list[bytes]]]:
        """(term, docnums, weights, values) of every term of field `name`, in term order."""
        if name in self._other:
            postings = self._other[name]
            for term in sorted(postings):
                rows = postings[term]
                yield (term, array("I", [r[0] for r in rows]), array("f", [r[1] for r in rows]),
                       [r[2] for r in rows if r[2]])
        elif name == EXACT:
            for term, table in _encoded(self._positions):
                docnums, weights, values = array("I"), array("f"), list[bytes]()
                i, end = 0, len(table)
                while i < end:
                    n = table[i + 1]
                    docnums.append(table[i])
                    weights.append(n)
                    values.append(encode_positions(table[i + 2:i + 2 + n].tolist()))
                    i += 2 + n
                yield term, docnums, weights, values
        else:
            for term, table in _encoded(self._counts[name]):
                frequencies = table[1::2]
                yield term, table[0::2], array("f", frequencies), [_packed(f) for f in frequencies]


_PACKED = [pack_uint(n) for n in range(256)]


def _packed(n: int) -> bytes:
    """A frequency in whoosh's Frequency format (an unsigned int)."""
    return _PACKED[n] if n < 256 else pack_uint(n)


def _add_postings(writer: Any, docnums: array, weights: array, values: list[bytes], lengths: array) -> None:
    """Adds one term's postings (ascending docnums) to whoosh's field writer, a block at a time.

    whoosh's postings writer takes one posting per call and keeps the block's statistics as it goes;
    here each block's buffers and statistics are set at once, exactly as those calls would leave them
    (`values` holds only the non-empty values, as the writer keeps them). A postings writer other than
    whoosh 3's (or one whose buffers look different) is fed one posting at a time instead."""
    postings = getattr(writer, "_postwriter", None)
    size = getattr(postings, "_blocklimit", 0)
    if not isinstance(postings, W3PostingsWriter) or postings._byteids or size < 1 or (
            values and len(values) != len(docnums)):
        empty = not values
        for i, docnum in enumerate(docnums):
            byte = lengths[docnum] if docnum < len(lengths) else 0
            writer.add(docnum, float(weights[i]), b"" if empty else values[i],
                       byte_to_length(byte) if byte else 0)
        return
    count = len(docnums)
    for begin in range(0, count, size):
        end = min(count, begin + size)
        ids = docnums[begin:end]
        block_weights = weights[begin:end]
        block_lengths = [b for b in (lengths[d] if d < len(lengths) else 0 for d in ids) if b]
        postings._ids = ids
        postings._weights = block_weights
        postings._values = values[begin:end]
        postings._minlength = byte_to_length(min(block_lengths)) if block_lengths else None
        postings._maxlength = byte_to_length(max(block_lengths)) if block_lengths else 0
        postings._maxweight = max(0, max(block_weights))
        if end < count:
            postings._write_block()


def _encoded(table: dict[str, array]) -> Iterable[tuple[bytes, array]]:
    """The table's terms as UTF-8 bytes, in byte order (whoosh's term order), with their postings."""
    return sorted(((term.encode("utf-8"), values) for term, values in table.items()), key=lambda t: t[0])

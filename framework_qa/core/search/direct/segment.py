"""One whoosh 3 segment read without whoosh: term statistics, postings, length bytes and stored fields.

The layouts are those of `whoosh.codec.whoosh3` (the term info struct, the posting blocks, the length and
stored-field columns); see `files` for what happens when a file differs.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Iterator
from itertools import accumulate
from typing import NamedTuple

from .files import FileSlice, HashFile, Unreadable, inflate, unpickle, unpickle_prefix
from .manifest import SegmentEntry

_TERM_INFO = struct.Struct("!BfIBBfII")  # flags, weight, doc frequency, min/max length byte, max weight, ids
_EXTENT = struct.Struct("!qi")  # postings offset and length, after the term info of a term not inlined
_NO_ID = 0xFFFFFFFF
_BLOCKS_MAGIC = b"W3Bl"


class TermInfo(NamedTuple):
    """A term's statistics in one segment, and where its postings are."""

    doc_frequency: int
    first: int | None  # first and last docnum holding the term
    last: int | None
    extent: tuple[int, int] | None  # (offset, length) in the postings file; None when inlined
    inlined: tuple[tuple[int, ...], tuple[float, ...], object] | None  # (docnums, weights, values) if inlined

    @classmethod
    def decode(cls, raw: bytes) -> TermInfo:
        try:
            flags, _weight, frequency, _min, _max, _top, first, last = _TERM_INFO.unpack_from(raw)
        except struct.error as exc:
            raise Unreadable(f"a term entry does not read: {exc}") from None
        lo = None if first == _NO_ID else first
        hi = None if last == _NO_ID else last
        rest = raw[_TERM_INFO.size:]
        if flags:
            value = unpickle(rest)
            if not (isinstance(value, tuple) and len(value) == 3):
                raise Unreadable("inlined postings are not (ids, weights, values)")
            return cls(frequency, lo, hi, None, (tuple(value[0]), tuple(float(w) for w in value[1]), value[2]))
        try:
            offset, length = _EXTENT.unpack_from(rest)
        except struct.error as exc:
            raise Unreadable(f"a term's postings extent does not read: {exc}") from None
        return cls(frequency, lo, hi, (offset, length), None)


class Segment:
    """The files of one segment as the manifest lists them; `base` is its first global docnum."""

    def __init__(self, folder: str, entry: SegmentEntry, base: int, columns: frozenset[str]) -> None:
        """`columns`: the fields whose length columns the manifest looked for. Unreadable (with nothing
        left open) when a file the manifest lists is missing or not as it says."""
        self.entry = entry
        self.base = base
        self._folder = folder
        self._columns = columns
        self._opened: list[FileSlice] = []
        self._lengths: dict[str, bytes | None] = {}
        self._stored_offsets: tuple[list[int], list[int]] | None = None
        try:
            self._terms = HashFile(self._open("terms"))
            self._postings = self._open("postings")
            self._stored = self._open("stored")
            fieldmap = self._terms.extras.get("fieldmap")
            if not isinstance(fieldmap, dict):
                raise Unreadable("a term file has no field map")
        except Unreadable:
            self.close()
            raise
        self._field_ids = fieldmap

    def _open(self, role: str) -> FileSlice:
        place = self.entry.files.get(role)
        if place is None:
            raise Unreadable(f"the segment has no {role} file")
        name, offset, length, size = place
        found = FileSlice(f"{self._folder}/{name}", offset, length, size)
        self._opened.append(found)
        return found

    def close(self) -> None:
        for opened in self._opened:
            opened.close()

    # ------------------------------------------------------------ terms and postings
    def _key(self, field: str, term: bytes) -> bytes | None:
        number = self._field_ids.get(field)
        return None if number is None else struct.pack("!H", number) + term

    def term_info(self, field: str, term: bytes) -> TermInfo | None:
        key = self._key(field, term)
        raw = self._terms.get(key) if key is not None else None
        return TermInfo.decode(raw) if raw is not None else None

    def field_terms(self, field: str, start: bytes = b"") -> Iterator[tuple[bytes, TermInfo]]:
        """Every (term, info) of `field` whose term begins with `start`, in term order."""
        prefix = self._key(field, start)
        if prefix is None:
            return
        skip = len(prefix) - len(start)
        for key, raw in self._terms.items_from(prefix):
            yield key[skip:], TermInfo.decode(raw)

    def postings(self, info: TermInfo) -> list[tuple[int, float]]:
        """(segment docnum, weight) of every posting of a term, deleted paragraphs included, in order."""
        out: list[tuple[int, float]] = []
        for ids, weights, _values in self._blocks(info):
            out.extend(zip(ids, weights, strict=True))
        return out

    def postings_with_values(self, info: TermInfo) -> list[tuple[int, float, bytes]]:
        """(segment docnum, weight, value) of every posting of a term whose format stores a value per
        posting (the exact field's positions), deleted paragraphs included, in order."""
        out: list[tuple[int, float, bytes]] = []
        for ids, weights, values in self._blocks(info):
            if not isinstance(values, tuple) or len(values) != len(ids):
                raise Unreadable("postings without a value each")
            out.extend(zip(ids, weights, values, strict=True))
        return out

    def _blocks(self, info: TermInfo) -> Iterator[tuple[list[int], list[float], object]]:
        """(docnums, weights, values as stored) of each block of a term's postings."""
        if info.inlined is not None:
            yield list(info.inlined[0]), list(info.inlined[1]), info.inlined[2]
            return
        assert info.extent is not None
        offset, length = info.extent
        data = self._postings
        if data.get(offset, 4) != _BLOCKS_MAGIC:
            raise Unreadable("a postings list lacks its header")
        position = offset + 4
        end = offset + length
        while position < end:
            size = struct.unpack("!i", data.get(position, 4))[0]
            block = data.get(position + 4, abs(size))
            block_info, data_at = unpickle_prefix(block, 0)
            if not (isinstance(block_info, tuple) and len(block_info) == 6):
                raise Unreadable("a postings block's header does not read")
            count, compression = block_info[0], block_info[3]
            raw = block[data_at:]
            value = unpickle(inflate(raw) if compression else raw)
            if not (isinstance(value, tuple) and len(value) == 3) or len(value[0]) != count:
                raise Unreadable("a postings block does not read")
            weights = value[1]
            if weights is None:
                weights = [1.0] * count
            elif isinstance(weights, float):
                weights = [weights] * count
            else:
                weights = [float(w) for w in weights]
            yield list(accumulate(value[0])), weights, value[2]
            position += 4 + abs(size)
            if size < 0:  # the last block
                break

    # ------------------------------------------------------------ per-paragraph columns
    def length_bytes(self, field: str) -> bytes | None:
        """The length byte of each paragraph in `field` (whoosh's length column), None without a column."""
        if field not in self._columns:
            raise Unreadable(f"the manifest did not look for the length column of {field!r}")
        if field not in self._lengths:
            role = f"length:{field}"
            column = self._open(role) if role in self.entry.files else None
            self._lengths[field] = column.get(0, column.length) if column is not None else None
        return self._lengths[field]

    def stored_fields(self, docnum: int) -> dict:
        """The stored fields of paragraph `docnum` of this segment ({} when it stored none)."""
        lengths, offsets = self._stored_layout()
        if not 0 <= docnum < len(lengths):
            raise Unreadable(f"paragraph {docnum} is not in the stored fields")
        if not lengths[docnum]:
            return {}
        value = unpickle(inflate(self._stored.get(offsets[docnum], lengths[docnum])))
        if not isinstance(value, dict):
            raise Unreadable("stored fields are not a dict")
        return value

    def _stored_layout(self) -> tuple[list[int], list[int]]:
        """(length, offset) of each paragraph's compressed stored fields: whoosh's variable bytes column
        ends with the lengths array and its type code, preceded by the offsets when it wrote them."""
        if self._stored_offsets is None:
            data, count = self._stored, self.entry.docs
            last = data.length - 1
            code = chr(data.get(last, 1)[0])
            if code == "X":
                code, offsets_code = chr(data.get(last - 2, 1)[0]), chr(data.get(last - 1, 1)[0])
                last = last - 2 - count * _item_size(offsets_code)
            lengths = _array(data, last - count * _item_size(code), code, count)
            offsets = [0, *accumulate(lengths)][:count]
            self._stored_offsets = (lengths, offsets)
        return self._stored_offsets


# An array's type code -> its items' size as whoosh writes and reads them (`array`'s sizes on this machine)
# and the big-endian struct code of that size and signedness.
_ARRAY_TYPES = {code: (array(code).itemsize, {1: "b", 2: "h", 4: "i", 8: "q"}[array(code).itemsize]
                       if code.islower() else {1: "B", 2: "H", 4: "I", 8: "Q"}[array(code).itemsize])
                for code in "BbHhIiLlQq"}


def _item_size(code: str) -> int:
    if code not in _ARRAY_TYPES:
        raise Unreadable(f"unknown array type {code!r}")
    return _ARRAY_TYPES[code][0]


def positions(value: bytes) -> list[int]:
    """The token positions in a posting's value in whoosh's Positions format: a count, then the pickled
    list of gaps (whoosh accepts the pickle without its final stop byte, so this does too)."""
    codes = unpickle(value[4:] if value.endswith(b".") else value[4:] + b".")
    if not isinstance(codes, list):
        raise Unreadable("positions are not a list")
    return list(accumulate(codes))


def _array(data: FileSlice, position: int, code: str, count: int) -> list[int]:
    """`count` numbers of array type `code` at `position`, written big-endian as whoosh writes arrays."""
    size, struct_code = _item_size(code), _ARRAY_TYPES[code][1]
    return list(struct.unpack(f"!{count}{struct_code}", data.get(position, size * count)))

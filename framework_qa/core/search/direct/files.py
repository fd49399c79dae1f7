"""whoosh 3's file formats read without whoosh: its pickles, its hash files of terms and its columns.

Everything here reads files a whoosh writer wrote (our bulk writer writes the same bytes). Anything not as
expected raises `Unreadable`, and the caller answers through whoosh instead, which rebuilds an index it
cannot read; nothing here writes.

Pickles are read with an unpickler that knows one callable, `_codecs.encode` (how protocol 2 spells a
bytes value); any other class or function in a file is refused, so a planted file cannot run code.
"""

from __future__ import annotations

import codecs
import io
import mmap
import pickle
import struct
import zlib
from collections.abc import Iterator
from hashlib import md5

_LENGTHS = struct.Struct("!ii")  # key length, value length before each key/value pair of a hash file
_POINTER = struct.Struct("!Iq")  # hash value, record position: one slot of a hash table
_DIRECTORY = struct.Struct("!qi")  # table position, slot count: one of the 256 hash tables
_INDEX_TYPES = {"B": "!B", "H": "!H", "i": "!i", "I": "!I", "q": "!q"}


class Unreadable(Exception):
    """A file is not as whoosh 3 writes it (or as this reader expects): answer through whoosh instead."""


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        if (module, name) == ("_codecs", "encode"):
            return codecs.encode
        raise Unreadable(f"unexpected {module}.{name} in a pickle")


def unpickle(data: bytes) -> object:
    """The plain value (numbers, strings, bytes, tuples, lists, dicts) pickled in `data`."""
    try:
        return _PlainUnpickler(io.BytesIO(data)).load()
    except Unreadable:
        raise
    except Exception as exc:  # any malformed pickle
        raise Unreadable(f"a pickle does not read: {exc}") from None


def unpickle_prefix(data: bytes | memoryview, start: int) -> tuple[object, int]:
    """The value pickled at `data[start:]` and the position just after its pickle."""
    stream = io.BytesIO(data[start:])
    try:
        value = _PlainUnpickler(stream).load()
    except Unreadable:
        raise
    except Exception as exc:
        raise Unreadable(f"a pickle does not read: {exc}") from None
    return value, start + stream.tell()


def inflate(data: bytes) -> bytes:
    try:
        return zlib.decompress(data)
    except zlib.error as exc:
        raise Unreadable(f"compressed data does not read: {exc}") from None


class FileSlice:
    """`length` bytes at `offset` of a file (a whole file, or one inside a compound segment file), mapped."""

    def __init__(self, path: str, offset: int, length: int, size: int) -> None:
        """`size`: the size the whole file had when the manifest was written; another means it changed."""
        try:
            with open(path, "rb") as handle:
                if handle.seek(0, io.SEEK_END) != size or offset + length > size:
                    raise Unreadable(f"{path} is not the file the index listed")
                self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        except OSError as exc:
            raise Unreadable(f"{path}: {exc.strerror or exc}") from None
        self._offset = offset
        self.length = length

    def get(self, position: int, length: int) -> bytes:
        """`length` bytes from `position` (relative to the slice); Unreadable past its end."""
        if position < 0 or length < 0 or position + length > self.length:
            raise Unreadable("a read goes past the end of its file")
        start = self._offset + position
        return self._map[start:start + length]

    def close(self) -> None:
        if isinstance(self._map, mmap.mmap):
            self._map.close()


def _md5_hash(key: bytes) -> int:
    return int(md5(key, usedforsecurity=False).hexdigest(), 16) & 0xFFFFFFFF


def _crc_hash(key: bytes) -> int:
    return zlib.crc32(key) & 0xFFFFFFFF


class HashFile:
    """whoosh's ordered hash file (`filetables.OrderedHashReader`): values by key, keys in order."""

    def __init__(self, data: FileSlice) -> None:
        self._data = data
        if data.get(0, 4) != b"HSH3":
            raise Unreadable("a term file lacks its header")
        hashes = (_md5_hash, _crc_hash)
        kind = data.get(4, 1)[0]
        if kind >= len(hashes):
            raise Unreadable(f"unknown hash type {kind}")
        self._hash = hashes[kind]
        self._start = 4 + 1 + 8
        end = data.length - 4
        extras_length = struct.unpack("!i", data.get(end, 4))[0]
        extras_at = end - extras_length
        extras, index_at = unpickle_prefix(data.get(extras_at, extras_length), 0)
        if not isinstance(extras, dict):
            raise Unreadable("a term file's extras are not a dict")
        self.extras = extras
        directory_at = extras_at - 256 * _DIRECTORY.size
        directory = data.get(directory_at, 256 * _DIRECTORY.size)
        self._tables = [_DIRECTORY.unpack_from(directory, i * _DIRECTORY.size) for i in range(256)]
        self._end_of_data = self._tables[0][0]
        index_type = _INDEX_TYPES.get(str(extras.get("indextype")))
        if index_type is None:
            raise Unreadable("a term file's key index has an unknown type")
        self._index = struct.Struct(index_type)
        self._index_at = extras_at + index_at
        self._index_length = int(extras.get("indexlen", 0))

    def get(self, key: bytes) -> bytes | None:
        """The value stored under `key`, None when there is none."""
        data = self._data
        wanted = self._hash(key)
        table, slots = self._tables[wanted & 255]
        if not slots:
            return None
        first = (wanted >> 8) % slots
        for step in range(slots):
            slot_hash, position = _POINTER.unpack(data.get(table + ((first + step) % slots) * _POINTER.size,
                                                            _POINTER.size))
            if not position:
                return None
            if slot_hash == wanted:
                key_length, value_length = _LENGTHS.unpack(data.get(position, _LENGTHS.size))
                if key_length == len(key) and data.get(position + _LENGTHS.size, key_length) == key:
                    return data.get(position + _LENGTHS.size + key_length, value_length)
        return None

    def items_from(self, prefix: bytes) -> Iterator[tuple[bytes, bytes]]:
        """(key, value) of every key starting with `prefix`, in key order."""
        data = self._data
        position = self._first_at_least(prefix)
        while position is not None and position < self._end_of_data:
            key_length, value_length = _LENGTHS.unpack(data.get(position, _LENGTHS.size))
            key = data.get(position + _LENGTHS.size, key_length)
            if not key.startswith(prefix):
                return
            yield key, data.get(position + _LENGTHS.size + key_length, value_length)
            position += _LENGTHS.size + key_length + value_length

    def _first_at_least(self, key: bytes) -> int | None:
        """The position of the first record whose key is not less than `key` (binary search of the
        file's key index), None when every key is less."""
        low, high = 0, self._index_length
        while low < high:
            middle = (low + high) // 2
            if self._key_at(self._position(middle)) < key:
                low = middle + 1
            else:
                high = middle
        return None if low == self._index_length else self._position(low)

    def _position(self, number: int) -> int:
        size = self._index.size
        return int(self._index.unpack(self._data.get(self._index_at + number * size, size))[0])

    def _key_at(self, position: int) -> bytes:
        key_length = struct.unpack("!i", self._data.get(position, 4))[0]
        return self._data.get(position + _LENGTHS.size, key_length)

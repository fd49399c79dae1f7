"""The segment manifest: what a reader without whoosh needs from whoosh's table of contents.

whoosh keeps the list of segments, their document counts, deletions and field length totals in a pickled
table of contents (`_fqa_<generation>.toc`) that only whoosh's classes can unpickle. The process that
writes the index has whoosh loaded anyway, so after each commit it records the same facts as JSON in the
fingerprint file (`describe`), with every file a search reads: its name, the range inside it (a compound
segment holds several) and its size. A reader trusts the manifest only while the newest table of contents
is the one it describes and every file has the size it lists (`read`).

Its records are named tuples rather than dataclasses: a search process imports this module, and making a
dataclass costs it a millisecond each.
"""

from __future__ import annotations

import os
import re
from typing import Any, NamedTuple

Place = tuple[str, int, int, int]  # file name, offset, length, size of the whole file


class SegmentEntry(NamedTuple):
    docs: int  # paragraphs, deleted ones included
    deleted: frozenset[int]
    field_lengths: dict[str, int]  # total tokens per field, as whoosh's scorer averages them
    files: dict[str, Place]  # "terms", "postings", "stored", "length:<field>"


class Manifest(NamedTuple):
    generation: int
    columns: frozenset[str]  # the fields whose length columns were looked for (absent ones are absent)
    paired: frozenset[str]  # the words whose pairs the `pairs` field holds (see `pairs`)
    segments: tuple[SegmentEntry, ...]


def describe(ix: Any, fields: tuple[str, ...] = ("text", "exact", "pairs")) -> dict[str, Any] | None:
    """The manifest of whoosh index `ix` as JSON data, or None when a reader without whoosh cannot read it
    (not a folder of whoosh 3 segments); `fields` are those whose length columns a search reads."""
    from whoosh.codec.whoosh3 import W3Codec, W3Segment
    from whoosh.filedb.filestore import FileStorage

    from ..pairs import paired_words

    storage = ix.storage
    if not isinstance(storage, FileStorage):
        return None
    toc = ix._read_toc()
    segments = []
    for segment in toc.segments:
        if type(segment) is not W3Segment or type(segment.codec()) is not W3Codec:
            return None
        roles = {"terms": segment.make_filename(W3Codec.TERMS_EXT),
                 "postings": segment.make_filename(W3Codec.POSTS_EXT),
                 "stored": W3Codec.column_filename(segment, "_stored")}
        roles.update({f"length:{f}": W3Codec.column_filename(segment, f"_{f}_len") for f in fields})
        files = _places(storage, segment, roles)
        if files is None:
            return None
        segments.append({"docs": segment.doc_count_all(), "deleted": sorted(segment.deleted_docs()),
                         "lengths": dict(getattr(segment, "_fieldlengths", {})), "files": files})
    return {"generation": toc.generation, "columns": list(fields), "paired": sorted(paired_words(toc.schema)),
            "segments": segments}


def _places(storage: Any, segment: Any, roles: dict[str, str]) -> dict[str, list[Any]] | None:
    """{role: [file, offset, length, file size]} of the files present (a length column may be absent);
    None when a required one is missing."""
    places: dict[str, list[Any]] = {}
    if segment.is_compound():
        container = segment.make_filename(segment.COMPOUND_EXT)
        size = storage.file_length(container)
        compound = segment.open_compound_file(storage)
        try:
            for role, name in roles.items():
                if compound.file_exists(name):
                    offset, length = compound.range(name)
                    places[role] = [container, offset, length, size]
        finally:
            compound.close()
    else:
        for role, name in roles.items():
            if storage.file_exists(name):
                size = storage.file_length(name)
                places[role] = [name, 0, size, size]
    return places if all(role in places for role in ("terms", "postings", "stored")) else None


def read(folder: str, index_name: str, data: object) -> Manifest | None:
    """The manifest recorded as `data` (from the fingerprint file) if it describes the newest table of
    contents in `folder`, else None."""
    try:
        generation = int(data["generation"])  # type: ignore[index]
        columns = frozenset(str(field) for field in data["columns"])  # type: ignore[index]
        paired = frozenset(str(word) for word in data["paired"])  # type: ignore[index]
        segments = tuple(
            SegmentEntry(int(s["docs"]), frozenset(int(d) for d in s["deleted"]),
                         {str(k): int(v) for k, v in s["lengths"].items()},
                         {str(role): (str(p[0]), int(p[1]), int(p[2]), int(p[3])) for role, p in s["files"].items()})
            for s in data["segments"])  # type: ignore[index]
    except (TypeError, KeyError, ValueError, IndexError, AttributeError):
        return None
    pattern = re.compile(rf"^_{re.escape(index_name)}_([0-9]+)\.toc$")
    try:
        generations = [int(m.group(1)) for m in map(pattern.match, os.listdir(folder)) if m]
    except OSError:
        return None
    if not generations or max(generations) != generation:
        return None
    return Manifest(generation, columns, paired, segments)

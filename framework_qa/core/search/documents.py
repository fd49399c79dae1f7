"""The plain data the search core indexes, and the fingerprint that tells a cached index is current."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from .stamp import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "IndexDocument", "content_hash", "fingerprint_for"]



@dataclass(frozen=True, slots=True)
class IndexDocument:
    """One transcript as the index sees it.

    `paragraphs` are (start, end, speaker) spans in code points into `text`, end exclusive; each becomes
    one indexed unit (a speaker turn), numbered from 1 in the order given.
    """

    id: int
    name: str
    case: str | None
    text: str
    paragraphs: tuple[tuple[int, int, str | None], ...] | list[tuple[int, int, str | None]]

    def __post_init__(self) -> None:
        for start, end, _speaker in self.paragraphs:
            if not 0 <= start <= end <= len(self.text):
                raise ValueError(
                    f"paragraph {start}-{end} lies outside document {self.id} ({len(self.text)} chars)"
                )


def content_hash(document: IndexDocument) -> str:
    """A hash of everything in a document that ends up in the index."""
    digest = hashlib.sha256()
    for part in (str(document.id), document.name, document.case or "\0", document.text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    for start, end, speaker in document.paragraphs:
        digest.update(f"{start}:{end}:{speaker if speaker is not None else chr(0)}\x1e".encode())
    return digest.hexdigest()


def fingerprint_for(documents: Iterable[IndexDocument]) -> str:
    """A fingerprint of a whole document set: stable under reordering, changed by any content edit."""
    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    for doc_id, doc_hash in sorted((d.id, content_hash(d)) for d in documents):
        digest.update(f"{doc_id} {doc_hash}\n".encode())
    return digest.hexdigest()

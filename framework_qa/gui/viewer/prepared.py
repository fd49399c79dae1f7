"""What the viewer derives from a document's text, kept for the last few documents shown.

Opening a long transcript converts positions, finds its speaker labels and numbers its paragraphs; switching
back and forth between two transcripts (the usual way of comparing them) must not redo that each time.
Entries are keyed by the document's id, guid and content hash as the project reports them when asked, and
the project catches up with other programs before it answers, so a document deleted and replaced under
the same id (here or by another program) is never shown from a stale entry. Plain data, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from framework_qa.core.project import Project
from framework_qa.gui.viewer.positions import PositionMap
from framework_qa.gui.viewer.speakers import speaker_labels

KEPT = 3


@dataclass(frozen=True)
class Prepared:
    key: tuple[int, str, str]            # the document's id, guid and content hash
    text: str
    positions: PositionMap
    labels: list[tuple[int, int, str]]   # (Qt start, Qt length, speaker) of each speaker label
    paragraphs: dict[int, int]           # Qt position of a paragraph's start -> its number (from 1)
    starts: list[int]                    # those positions, sorted


EMPTY = Prepared((-1, "", ""), "", PositionMap(""), [], {}, [])


def document_key(project: Project, document_id: int) -> tuple[int, str, str]:
    """What identifies a document's text: a document replaced under the same id has another guid."""
    doc = project.document(document_id)
    return doc.id, doc.guid, doc.content_hash


class PreparedDocuments:
    def __init__(self, kept: int = KEPT) -> None:
        self._kept = kept
        self._entries: dict[tuple[int, str, str], Prepared] = {}

    def get(self, project: Project, document_id: int) -> Prepared:
        """The document prepared for showing; raises `NotFound` when it does not exist (any more)."""
        key = document_key(project, document_id)
        found = self._entries.pop(key, None)
        if found is None:
            text, spans = project.text(document_id), project.spans(document_id)
            positions = PositionMap(text)
            qt_starts = positions.many_to_qt([s.start for s in spans])
            paragraphs = {p: n for n, p in enumerate(qt_starts, start=1)}
            found = Prepared(key, text, positions, speaker_labels(text, spans, positions), paragraphs, sorted(paragraphs))
        self._entries[key] = found  # most recently used last
        while len(self._entries) > self._kept:
            del self._entries[next(iter(self._entries))]
        return found

    def clear(self) -> None:
        self._entries.clear()

"""References to places in transcripts, as a reader cites them: `P03 ¶12`.

A reference is the document's name and the 1-based number of the paragraph or speaker turn (the
document's stored spans, in order) that contains a position. A position that falls between two spans
(on the line break) belongs to the span that follows it; one past the last span belongs to the last.
References are for people: they survive re-reading a printed appendix, unlike code-point offsets.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence

from framework_qa.core.model import Span

PARAGRAPH_SIGN = "¶"


def paragraph_number(spans: Sequence[Span], position: int) -> int:
    """1-based number of the span containing `position` (see the module contract); 1 without spans."""
    if not spans:
        return 1
    index = bisect_right([s.start for s in spans], position) - 1
    if index < 0:
        return 1
    if position >= spans[index].end and index + 1 < len(spans):
        return index + 2
    return index + 1


def format_reference(document_name: str, paragraph: int) -> str:
    return f"{document_name} {PARAGRAPH_SIGN}{paragraph}"


class ReferenceBook:
    """Looks up references for many positions, reading each document's spans once.

    `load_spans(document_id)` and `document_name(document_id)` are the only access to the project, so
    the book works the same over a project or over plain test data.
    """

    def __init__(self, load_spans: Callable[[int], Sequence[Span]],
                 document_name: Callable[[int], str]) -> None:
        self._load_spans = load_spans
        self._document_name = document_name
        self._starts: dict[int, tuple[list[int], list[int]]] = {}

    @classmethod
    def for_project(cls, project: object) -> ReferenceBook:
        """A book over an open `Project` (typed loosely so this module stays free of project imports)."""
        return cls(project.spans, lambda doc: project.document(doc).name)  # type: ignore[attr-defined]

    def paragraph(self, document_id: int, position: int) -> int:
        if document_id not in self._starts:
            spans = self._load_spans(document_id)
            self._starts[document_id] = ([s.start for s in spans], [s.end for s in spans])
        starts, ends = self._starts[document_id]
        if not starts:
            return 1
        index = bisect_right(starts, position) - 1
        if index < 0:
            return 1
        if position >= ends[index] and index + 1 < len(starts):
            return index + 2
        return index + 1

    def reference(self, document_id: int, position: int) -> str:
        return format_reference(self._document_name(document_id), self.paragraph(document_id, position))

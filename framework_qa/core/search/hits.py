"""Search results: one row per matched occurrence, with its keyword-in-context."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

CONTEXT_CHARS = 60


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matched occurrence. `start`/`end` are code points into the document text, end exclusive, and
    `text == document_text[start:end]`; `context_before + text + context_after` is a contiguous slice of
    the same paragraph."""

    document_id: int
    document: str
    paragraph: int
    speaker: str | None
    start: int
    end: int
    text: str
    score: float
    context_before: str
    context_after: str
    case: str | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DocumentHits:
    """The hits of one document, with the number of occurrences it holds (which `limit` does not cut)."""

    document_id: int
    document: str
    count: int
    hits: tuple[SearchHit, ...]


@dataclass(frozen=True, slots=True)
class SearchResults:
    """Hits ordered by score, then document, then position; `total` and `counts` cover every occurrence
    found, even those beyond `limit`."""

    hits: tuple[SearchHit, ...]
    total: int
    counts: dict[int, int] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)

    @property
    def truncated(self) -> bool:
        return len(self.hits) < self.total

    def by_document(self) -> list[DocumentHits]:
        """Documents in order of their best hit; a document whose hits all fell beyond `limit` is left out."""
        groups: dict[int, list[SearchHit]] = {}
        for hit in self.hits:
            groups.setdefault(hit.document_id, []).append(hit)
        return [
            DocumentHits(doc_id, self.names.get(doc_id, hits[0].document), self.counts[doc_id], tuple(hits))
            for doc_id, hits in groups.items()
        ]


def context_before(paragraph: str, start: int, width: int = CONTEXT_CHARS) -> str:
    """About `width` characters before `start`, not beginning inside a word."""
    cut = max(0, start - width)
    if cut > 0 and not paragraph[cut - 1].isspace():
        space = _next_space(paragraph, cut, start)
        cut = space + 1 if space is not None else start
    return paragraph[cut:start]


def context_after(paragraph: str, end: int, width: int = CONTEXT_CHARS) -> str:
    """About `width` characters after `end`, not ending inside a word."""
    cut = min(len(paragraph), end + width)
    if cut < len(paragraph) and not paragraph[cut].isspace():
        space = paragraph.rfind(" ", end, cut)
        newline = paragraph.rfind("\n", end, cut)
        cut = max(space, newline, end)
    return paragraph[end:cut]


def _next_space(text: str, begin: int, stop: int) -> int | None:
    for index in range(begin, stop):
        if text[index].isspace():
            return index
    return None

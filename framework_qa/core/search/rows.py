"""One matched paragraph as hit rows: each occurrence of the query's words with its keyword-in-context."""

from __future__ import annotations

from collections.abc import Sequence

from .filters import Ranges, inside_any
from .hits import SearchHit, context_after, context_before
from .matching import occurrences
from .syntax import Leaf


def paragraph_rows(
    fields: dict, score: float, leaves: list[Leaf], inside: Sequence[Ranges] = (), outside: Sequence[Ranges] = ()
) -> list[SearchHit]:
    """The hits in one paragraph (`fields`: its stored fields), in text order; `inside`/`outside` keep only
    occurrences within every / none of the given coded ranges. Without any occurrence of `leaves` (a match
    on filters or a negation only) the hit is the whole turn without its outer white space."""
    paragraph: str = fields.get("text", "")
    para_start: int = fields["start"]
    doc_id = int(fields["doc_id"])
    spans = occurrences(paragraph, leaves)
    if not spans:
        # Only filters (or a negation) matched: the hit is the whole turn, without its outer white space.
        stripped = paragraph.strip()
        if not stripped:
            return []
        lead = len(paragraph) - len(paragraph.lstrip())
        spans = [(lead, lead + len(stripped))]
    rows = []
    for start, end in spans:
        doc_start, doc_end = para_start + start, para_start + end
        if not all(inside_any(r, doc_id, doc_start, doc_end) for r in inside):
            continue
        if any(inside_any(r, doc_id, doc_start, doc_end) for r in outside):
            continue
        rows.append(
            SearchHit(
                document_id=doc_id,
                document=fields.get("document", ""),
                paragraph=int(fields["paragraph"]),
                speaker=fields.get("speaker"),
                start=doc_start,
                end=doc_end,
                text=paragraph[start:end],
                score=score,
                context_before=context_before(paragraph, start),
                context_after=context_after(paragraph, end),
                case=fields.get("case"),
            )
        )
    return rows

"""Full-text search across transcripts, on plain data (no Qt, no SQL).

`SearchIndex.open_or_build(folder, fingerprint, provider)` gives an index that heals itself;
`SearchIndex.search(text, ...)` returns `SearchResults` whose hits carry exact code-point offsets.

Every name here is loaded on first use (PEP 562): `SearchIndex` brings whoosh (and numpy once a query
needs the array evaluator), which a window that has not searched yet, or a command that does not search,
should not pay for at start-up; and a one-shot search process (see `direct`) should import only the
modules it uses, as each costs it milliseconds.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .documents import IndexDocument, content_hash, fingerprint_for
    from .errors import QueryError
    from .filters import CaseAttributes, CodedRanges, parse_attribute_filters
    from .hits import DocumentHits, SearchHit, SearchResults
    from .index import SearchIndex
    from .spans import extend_to_sentence, extend_to_turn

_HOMES = {
    "CaseAttributes": ".filters",
    "CodedRanges": ".filters",
    "DocumentHits": ".hits",
    "IndexDocument": ".documents",
    "QueryError": ".errors",
    "SearchHit": ".hits",
    "SearchIndex": ".index",
    "SearchResults": ".hits",
    "content_hash": ".documents",
    "extend_to_sentence": ".spans",
    "extend_to_turn": ".spans",
    "fingerprint_for": ".documents",
    "parse_attribute_filters": ".filters",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home, __name__), name)


__all__ = [
    "CaseAttributes",
    "CodedRanges",
    "DocumentHits",
    "IndexDocument",
    "QueryError",
    "SearchHit",
    "SearchIndex",
    "SearchResults",
    "content_hash",
    "extend_to_sentence",
    "extend_to_turn",
    "fingerprint_for",
    "parse_attribute_filters",
]

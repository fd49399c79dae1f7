"""Full-text search across transcripts, on plain data (no Qt, no SQL).

`SearchIndex.open_or_build(folder, fingerprint, provider)` gives an index that heals itself;
`SearchIndex.search(text, ...)` returns `SearchResults` whose hits carry exact code-point offsets.

`SearchIndex` is loaded on first use (PEP 562): it brings whoosh (and numpy once a query needs the array
evaluator), which a window that has not searched yet, or a command that does not search, should not pay
for at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .documents import IndexDocument, content_hash, fingerprint_for
from .errors import QueryError
from .filters import CaseAttributes, CodedRanges, parse_attribute_filters
from .hits import DocumentHits, SearchHit, SearchResults
from .spans import extend_to_sentence, extend_to_turn

if TYPE_CHECKING:
    from .index import SearchIndex


def __getattr__(name: str) -> Any:
    if name == "SearchIndex":
        return importlib.import_module(".index", __name__).SearchIndex
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

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

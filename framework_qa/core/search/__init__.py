"""Full-text search across transcripts, on plain data (no Qt, no SQL).

`SearchIndex.open_or_build(folder, fingerprint, provider)` gives an index that heals itself;
`SearchIndex.search(text, ...)` returns `SearchResults` whose hits carry exact code-point offsets.
"""

from __future__ import annotations

from .documents import IndexDocument, content_hash, fingerprint_for
from .filters import CaseAttributes, CodedRanges, parse_attribute_filters
from .hits import DocumentHits, SearchHit, SearchResults
from .index import SearchIndex
from .query import QueryError
from .spans import extend_to_sentence, extend_to_turn

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

"""A one-shot search answered from the index files alone, without importing whoosh.

A command-line search process pays for every module it imports: whoosh's query, reading and matching
modules cost it about 80 ms, several times the search itself. The index files are whoosh 3's, written
by our own bulk writer or by whoosh's; reading the few of them that a query of plain words, a phrase or
a word with `*` needs (the terms, the postings, the length columns, the stored fields, the speaker and
case labels) takes a few small modules of our own.
`DirectIndex.open` gives such a reader when the folder's stamp matches the project and its manifest
describes the files present; `DirectIndex.search` answers the queries `syntax.simple_query` reads, scored
as whoosh's BM25F scores them, and returns None for anything it does not answer (the caller then asks
whoosh, which also rebuilds an index it cannot read).
"""

from __future__ import annotations

from .search import DirectIndex

__all__ = ["DirectIndex"]

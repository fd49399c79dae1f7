"""Parsing the user's query text into a whoosh query, and the words it asks to see highlighted.

Plain words search the stemmed `text` field ("worries" finds "worried"); quoted phrases, wildcards and
fuzzy terms search the folded but unstemmed `exact` field, so `"felt anxious"` means those words and
`remind*` expands over real word forms. whoosh's parser never rejects input, so the checks it would need
(quotes, brackets, dangling operators, unknown fields) are made here first and reported as `QueryError`.
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh.reading import IndexReader

from .errors import QueryError
from .syntax import Leaf, PhraseLeaf, WordLeaf, check_syntax, plain_word

__all__ = ["Leaf", "PhraseLeaf", "QueryError", "WordLeaf", "check_syntax", "parse_query", "plain_word",
           "positive_leaves"]


def parse_query(text: str) -> wq.Query:
    """The whoosh query for `text`; QueryError when it is malformed or has nothing to search for."""
    check_syntax(text)
    word = plain_word(text)
    if word is not None:
        return wq.Term("text", word)
    from .query_parser import make_parser  # whoosh's parser: built once per thread, in tens of milliseconds

    try:
        parsed = make_parser().parse(text)
    except Exception as exc:  # whoosh's parser errors are not part of our interface
        raise QueryError(f"The query could not be read: {exc}") from exc
    if parsed is None or parsed is wq.NullQuery or isinstance(parsed, type(wq.NullQuery)):
        raise QueryError("The query has no words to search for.")
    for node in _walk(parsed):
        if getattr(node, "error", None):
            raise QueryError(f"The query could not be read: {node.error}")
    return parsed


def _walk(node: wq.Query):  # type: ignore[no-untyped-def]
    yield node
    for child in node.children():
        yield from _walk(child)


def positive_leaves(node: wq.Query, reader: IndexReader) -> list[Leaf]:
    """The text conditions a matching paragraph satisfies, whose words become hits; negated parts excluded."""
    if isinstance(node, wq.Not):
        return []
    if isinstance(node, wq.AndNot):
        return positive_leaves(node.a, reader)
    if isinstance(node, wq.Phrase):
        if node.fieldname not in ("text", "exact") or not node.words:
            return []
        return [PhraseLeaf(tuple(node.words), max(1, node.slop), node.fieldname == "text")]
    if isinstance(node, wq.Term):
        if node.fieldname not in ("text", "exact"):
            return []
        return [WordLeaf(frozenset([_as_text(node.text)]), node.fieldname == "text")]
    if isinstance(node, wq.MultiTerm):
        if node.field() not in ("text", "exact"):
            return []
        terms = frozenset(_as_text(t) for _field, t in node.expanded_terms(reader))
        return [WordLeaf(terms, node.field() == "text")] if terms else []
    leaves: list[Leaf] = []
    for child in node.children():
        leaves.extend(positive_leaves(child, reader))
    return leaves


def _as_text(term: str | bytes) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term

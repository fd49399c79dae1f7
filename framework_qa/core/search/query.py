"""Parsing the user's query text into a whoosh query, and the words it asks to see highlighted.

Plain words search the stemmed `text` field ("worries" finds "worried"); quoted phrases, wildcards and
fuzzy terms search the folded but unstemmed `exact` field, so `"felt anxious"` means those words and
`remind*` expands over real word forms. whoosh's parser never rejects input, so the checks it would need
(quotes, brackets, dangling operators, unknown fields) are made here first and reported as `QueryError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh import query as wq
from whoosh.reading import IndexReader

from .analysis import FILTER_FIELDS, fold_word, stem_word
from .errors import QueryError

_OPERATORS = ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE")
_FIELD_PREFIX = re.compile(r"(?<![\w.])([A-Za-z_][\w]*):")


def check_syntax(text: str) -> None:
    """Raises QueryError for what whoosh would silently misread."""
    depth = 0
    outside: list[str] = []
    in_quote = False
    for char in text:
        if char == '"':
            in_quote = not in_quote
            outside.append('"')
            continue
        if in_quote:
            outside.append("x")  # keeps quoted words (and their operators) out of the checks below
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                raise QueryError("The query has a closing bracket ')' without an opening one.")
        outside.append(char)
    if in_quote:
        raise QueryError('The query has an opening quote (") without a closing one.')
    if depth:
        raise QueryError("The query has an opening bracket '(' without a closing one.")
    bare = "".join(outside)
    for match in _FIELD_PREFIX.finditer(bare):
        name = match.group(1)
        if name not in FILTER_FIELDS:
            known = " or ".join(f"{f}:" for f in FILTER_FIELDS)
            raise QueryError(f"Unknown filter '{name}:' in the query; you can filter with {known}.")
        rest = bare[match.end() :]
        if not rest or rest[0].isspace() or rest[0] == ")":
            raise QueryError(f"The filter '{name}:' needs a value, e.g. {name}:P03.")
    _check_operators([w for w in bare.replace("(", " ").replace(")", " ").split()])


def _check_operators(words: list[str]) -> None:
    for index, word in enumerate(words):
        if word not in _OPERATORS:
            continue
        following = words[index + 1] if index + 1 < len(words) else None
        if following is None or following in _OPERATORS and following != "NOT":
            raise QueryError(f"'{word}' needs a word after it.")
        if word != "NOT" and (index == 0 or words[index - 1] in _OPERATORS):
            raise QueryError(f"'{word}' needs a word before it.")


@dataclass(frozen=True, slots=True)
class WordLeaf:
    """Tokens matching `terms` on the stemmed (`stemmed=True`) or the exact word form."""

    terms: frozenset[str]
    stemmed: bool


@dataclass(frozen=True, slots=True)
class PhraseLeaf:
    """Consecutive words (each within `slop` positions of the previous) on the stemmed or exact form."""

    words: tuple[str, ...]
    slop: int
    stemmed: bool


Leaf = WordLeaf | PhraseLeaf


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


def plain_word(text: str) -> str | None:
    """The stemmed term of a query that is one plain word (letters and digits only, not an operator), which
    whoosh's parser reads as that one term of the `text` field: the word folded, lowercased and stemmed as
    `analysis.text_analyzer` does (the bulk writer indexes the same); None for any other query."""
    word = text.strip()
    if not word.isalnum() or word in _OPERATORS:  # \w is exactly alphanumeric or "_": one whole token
        return None
    return stem_word(fold_word(word).lower())


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

"""What a query asks for, read without whoosh: the syntax checks, the plain-word forms and the leaves.

`query.parse_query` hands anything else to whoosh's parser; the forms read here (`simple_query`) are
those a one-shot search answers from the index files alone (see `direct`), and the tests hold both
readings to the same terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from .errors import QueryError
from .words import fold_word, stem_word

FILTER_FIELDS = ("speaker", "case")
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


def plain_word(text: str) -> str | None:
    """The stemmed term of a query that is one plain word (letters and digits only, not an operator), which
    whoosh's parser reads as that one term of the `text` field: the word folded, lowercased and stemmed as
    `analysis.text_analyzer` does (the bulk writer indexes the same); None for any other query."""
    word = text.strip()
    if not word.isalnum() or word in _OPERATORS:  # \w is exactly alphanumeric or "_": one whole token
        return None
    return stem_word(fold_word(word).lower())




class SimpleQuery(NamedTuple):
    """A query of plain words as whoosh's parser reads it. `kind` "words": one word, or two different ones
    joined by AND (also written as a space) or by OR, as the stemmed `terms` of the `text` field in query
    order, with `any_of` for OR; "phrase": a quoted phrase of two or more words, as the folded `terms` of
    the `exact` field that must follow one another; "prefix": a word ending in `*`, as the folded start
    (one term) of the `exact` field's words it stands for."""

    terms: tuple[str, ...]
    any_of: bool = False
    kind: str = "words"


def simple_query(text: str) -> SimpleQuery | None:
    """The SimpleQuery whoosh's parser reads `text` as (`Term`, `And` / `Or` of two `Term`s, a `Phrase`
    of slop 1 or a `Prefix`), None for any other query; QueryError when the text is malformed (as
    `check_syntax`)."""
    check_syntax(text)
    stripped = text.strip()
    if len(stripped) > 2 and stripped[0] == stripped[-1] == '"' and stripped.count('"') == 2:
        inside = stripped[1:-1].split()
        if len(inside) < 2 or any(not word.isalnum() or word in _OPERATORS for word in inside):
            return None
        return SimpleQuery(tuple(fold_word(word) for word in inside), kind="phrase")
    if stripped.endswith("*") and stripped[:-1].isalnum() and stripped[:-1] not in _OPERATORS:
        return SimpleQuery((fold_word(stripped[:-1]),), kind="prefix")
    words = stripped.split()
    joiner = "AND"
    if len(words) == 3 and words[1] in ("AND", "OR"):
        joiner, words = words[1], [words[0], words[2]]
    elif len(words) not in (1, 2):
        return None
    terms = tuple(plain_word(word) for word in words)
    if any(term is None for term in terms) or len(set(terms)) != len(terms):
        return None  # an operator where a word belongs, or a word twice (whoosh's parser merges those)
    return SimpleQuery(terms, joiner == "OR")  # type: ignore[arg-type]

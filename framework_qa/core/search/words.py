"""Words as the index sees them, without whoosh: the tokenizer's pattern, folding and stemming.

A one-shot search (`direct`) finds and highlights words with these alone; `analysis` builds whoosh's
analyzers from the same pattern and functions, so both see the same words (the tests hold them equal).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from functools import lru_cache

from whoosh.lang.porter import stem  # the stemmer alone: whoosh's package, not its search machinery

from .marks import mark_ranges


@lru_cache(maxsize=1)
def _mark_class() -> str:
    """A regex character class body of every combining mark in planes 0-2, plus the zero-width non-joiner."""
    parts = [f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in mark_ranges()]
    return "".join(parts) + "\\u200c"


def word_pattern() -> str:
    """A word: a word character, then word characters or marks, optionally joined by single dots (3.5, U.S)."""
    body = f"\\w[\\w{_mark_class()}]*"
    return f"{body}(?:\\.{body})*"


@lru_cache(maxsize=200_000)
def stem_word(folded: str) -> str:
    """The stem the main field indexes for a folded word (the same Porter stemmer StemmingAnalyzer uses)."""
    return stem(folded)


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """A word as FoldFilter leaves it: NFKC-normalised and case-folded."""
    return unicodedata.normalize("NFKC", word).casefold()


@lru_cache(maxsize=1)
def word_regex() -> re.Pattern[str]:
    """The compiled `word_pattern`; it has no groups, so `findall` gives the words themselves. Compiled
    with the flag whoosh's tokenizer adds, so `re` compiles the large pattern once for both."""
    return re.compile(word_pattern(), re.UNICODE)


@lru_cache(maxsize=1)
def _mark_characters() -> frozenset[str]:
    """Every character of `_mark_class`: a text holding none of them is tokenised by `_markless_regex`."""
    return frozenset(chr(c) for a, b in mark_ranges() for c in range(a, b + 1)) | {"\u200c"}


@lru_cache(maxsize=1)
def _markless_regex() -> re.Pattern[str]:
    """`word_pattern` without its marks: on a text holding no mark the two find the same words, and this
    one compiles in microseconds where the full pattern takes a one-shot search process milliseconds."""
    return re.compile(r"\w+(?:\.\w+)*", re.UNICODE)


def _words_regex(text: str) -> re.Pattern[str]:
    """`word_regex()`, or the equivalent `_markless_regex()` when `text` holds no combining mark."""
    return word_regex() if not _mark_characters().isdisjoint(text) else _markless_regex()


def word_spans(text: str, stem_initials: Collection[str] | None = None) -> list[tuple[int, int, str, str]]:
    """Every word of `text` as (startchar, endchar, folded, stemmed), in order; positions are list indexes.

    The words are exactly those `exact_analyzer` indexes (its tokenizer is this regular expression run
    over the text, then folding), found here without whoosh's per-token objects: this runs on every
    paragraph a search shows. Offsets are code points into `text`.

    With `stem_initials`, only words starting with one of those characters are stemmed, the others get
    an empty stem: Porter's stemmer only rewrites a word's ending and leaves words of one or two letters
    alone, so a stem starts with its word's first character, and a search for stems that start with
    these characters need not stem the rest (stemming a word the first time costs tens of microseconds).
    """
    return [(m.start(), m.end(), folded,
             stem_word(folded) if stem_initials is None or folded[:1] in stem_initials else "")
            for m in _words_regex(text).finditer(text) for folded in (fold_word(m.group()),)]


def paragraph_words(text: str) -> list[str]:
    """The folded words of a paragraph, as the exact field indexes them."""
    return [fold_word(word) for word in word_regex().findall(text)]


PAIR_SEPARATOR = " "


def pair_term(first: str, second: str) -> str:
    """The `pairs` term for two consecutive folded words (see `pairs`)."""
    return f"{first}{PAIR_SEPARATOR}{second}"

"""Word pairs of common words, indexed as single terms so two-word phrases of them are cheap to find.

Matching a phrase word by word reads the positions of both words in every paragraph holding both: for
two common words ("felt like", "the app") that is a large share of all paragraphs, and the slowest
query a researcher can type. Search engines answer it with "common grams" (Lucene's CommonGramsFilter):
index each two consecutive words as one term when both are common, and a phrase of two common words
becomes one term's postings. A phrase with a rarer word stays cheap word by word, because the rarer
word bounds the paragraphs to check, so only pairs of common words are indexed and the index stays small.

"Common" is decided per index when it is built (`common_words`: the words in at least 2% of paragraphs,
at most 300 of them) and kept in the index's schema (whoosh stores the analyzer with the index), so a
query knows which pairs the index holds (`paired_words`) and later additions pair the same words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from whoosh.analysis import Filter, Token
from whoosh.fields import Schema

from .words import pair_term

__all__ = ["CommonPairFilter", "common_words", "pair_term", "paired_words"]

MIN_SHARE = 0.02
MAX_WORDS = 300


class CommonPairFilter(Filter):
    """Turns a stream of folded words into one token per two consecutive words that are both in `words`."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self.words = frozenset(words)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CommonPairFilter) and other.words == self.words

    def __hash__(self) -> int:
        return hash(self.words)

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        words = self.words
        previous: str | None = None
        for token in tokens:
            text = token.text  # the tokenizer reuses one Token object: keep the word before rewriting it
            if previous is not None and text in words and previous in words:
                token.text = pair_term(previous, text)
                yield token
            previous = text


def common_words(paragraphs: Iterable[Iterable[str]], min_share: float = MIN_SHARE,
                 max_words: int = MAX_WORDS) -> frozenset[str]:
    """The folded words found in at least `min_share` of the paragraphs (and in two at least), the
    `max_words` most widespread of them; `paragraphs` gives each paragraph's folded words."""
    spread: Counter[str] = Counter()
    count = 0
    for words in paragraphs:
        spread.update(set(words))
        count += 1
    needed = max(2.0, min_share * count)
    return frozenset(word for word, n in spread.most_common(max_words) if n >= needed)


def paired_words(schema: Schema) -> frozenset[str]:
    """The words whose pairs the index with `schema` holds (empty for an index without pairs)."""
    if "pairs" not in schema.names():
        return frozenset()
    for item in getattr(schema["pairs"].analyzer, "items", ()):
        if isinstance(item, CommonPairFilter):
            return item.words
    return frozenset()

"""The whoosh schema and text analyzer.

The tokenizer keeps combining marks (accents written as separate code points, Arabic harakat, Indic vowel
signs) inside the word they belong to, so a word's character span covers all of its code points. Token
text is NFKC-normalised and case-folded before stemming, so a query matches however the accent was
encoded. Stop words are kept and single-character words are indexed: "not happy" must not lose "not", and
Chinese words are often one character.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from whoosh.analysis import (
    Filter,
    IDTokenizer,
    LowercaseFilter,
    RegexTokenizer,
    StemmingAnalyzer,
    Token,
)
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.fields import ID, STORED, TEXT, Schema

from .pairs import CommonPairFilter
from .words import fold_word, word_pattern


class FoldFilter(Filter):
    """NFKC-normalises and case-folds token text; the character span stays that of the original word."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = fold_word(token.text)
            yield token


def text_analyzer() -> CompositeAnalyzer:
    """StemmingAnalyzer with our word pattern, no stop list, and folding before the stemmer."""
    base = StemmingAnalyzer(expression=word_pattern(), stoplist=None)
    tokenizer, *filters = base.items
    return CompositeAnalyzer(tokenizer, FoldFilter(), *filters)


def exact_analyzer() -> CompositeAnalyzer:
    """The same words as `text_analyzer`, folded but not stemmed: for exact phrases, wildcards and fuzzy terms."""
    return RegexTokenizer(expression=word_pattern()) | FoldFilter()


def pair_analyzer(common: Iterable[str] = ()) -> CompositeAnalyzer:
    """Pairs of consecutive exact words that are both in `common`, each as one term (see `pairs`)."""
    return exact_analyzer() | CommonPairFilter(common)


def label_analyzer() -> CompositeAnalyzer:
    """Speaker and case labels match whole and case-insensitively ("speaker:p03" finds P03)."""
    return IDTokenizer() | LowercaseFilter()


def build_schema(common: Iterable[str] = ()) -> Schema:
    """One whoosh document per paragraph (speaker turn); `common` are the words whose pairs are indexed."""
    return Schema(
        doc_id=ID(stored=True),
        document=STORED(),
        case=ID(stored=True, analyzer=label_analyzer()),
        speaker=ID(stored=True, analyzer=label_analyzer()),
        paragraph=STORED(),
        start=STORED(),
        text=TEXT(analyzer=text_analyzer(), stored=True, phrase=False),  # phrases search `exact`
        exact=TEXT(analyzer=exact_analyzer(), phrase=True),
        pairs=TEXT(analyzer=pair_analyzer(common), phrase=False),
    )

"""The words a search shows are exactly the words the index holds: `word_spans` (used on every paragraph
a search reads) against the exact and stemmed analyzers whoosh indexes with."""

from __future__ import annotations

from framework_qa.core.search.analysis import exact_analyzer, text_analyzer
from framework_qa.core.search.words import word_spans
from tests.core.search.conftest import sample_documents

TEXTS = [
    *(d.text for d in sample_documents()),
    "Cafe\u0301 CAFÉ café ﬁne Straße STRASSE 3.5 U.S. naïve Zoë 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 हिन्दी नमस्ते مرحبا بِكُم 😰😰 a-b",
    "",
    "   \n\t ",
]


def test_word_spans_are_the_exact_analyzers_tokens_with_their_stems() -> None:
    for text in TEXTS:
        exact = [(t.startchar, t.endchar, t.text) for t in exact_analyzer()(text, chars=True, positions=True)]
        stemmed = [t.text for t in text_analyzer()(text, positions=True)]
        spans = word_spans(text)
        assert [(s, e, folded) for s, e, folded, _stem in spans] == exact, text
        assert [stem for *_rest, stem in spans] == stemmed, text
        assert all(text[s:e] for s, e, *_ in spans)


def test_a_stem_starts_with_its_words_first_letter_so_other_words_need_no_stemming() -> None:
    from benchmarks.vocabulary import zipf_vocabulary
    from framework_qa.core.search.words import fold_word, stem_word

    words = [fold_word(w) for w in zipf_vocabulary()[0]] + [s[2] for t in TEXTS for s in word_spans(t)]
    assert all(stem_word(w)[:1] == w[:1] for w in words)
    for text in TEXTS:
        full = word_spans(text)
        some = word_spans(text, {"c", "a"})
        assert [s[:3] for s in some] == [s[:3] for s in full]
        assert [s[3] for s in some] == [s[3] if s[2][:1] in ("c", "a") else "" for s in full]

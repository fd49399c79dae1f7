"""Pairs of common words: which words count as common, which pairs are indexed, and that the choice
travels with the index so later additions and queries agree with the build."""

from __future__ import annotations

from pathlib import Path

from whoosh.analysis import RegexTokenizer

from framework_qa.core.search import SearchIndex, fingerprint_for
from framework_qa.core.search.arrays import reader_arrays
from framework_qa.core.search.pairs import CommonPairFilter, common_words, paired_words
from framework_qa.core.search.query import parse_query
from framework_qa.core.search.vectorized import Unsupported, evaluate
from tests.core.search.conftest import transcript


def _pairs(words: set[str], text: str) -> list[str]:
    return [t.text for t in (RegexTokenizer() | CommonPairFilter(words))(text)]


def test_only_consecutive_words_that_are_both_common_make_a_pair() -> None:
    assert _pairs({"felt", "like", "i"}, "i felt like i felt odd like") == ["i felt", "felt like", "like i", "i felt"]
    assert _pairs(set(), "i felt like") == []
    assert _pairs({"felt"}, "felt") == []


def test_common_words_are_those_in_enough_paragraphs_most_widespread_first() -> None:
    paragraphs = [["the", "app", "the"], ["the", "trust"], ["the", "app"], ["rare"]] * 25
    assert common_words(paragraphs, min_share=0.5) == {"the", "app"}
    assert common_words(paragraphs, min_share=0.2) == {"the", "app", "trust", "rare"}
    assert common_words(paragraphs, min_share=0.2, max_words=1) == {"the"}
    assert common_words([["once"]], min_share=0.0) == frozenset()  # one paragraph is never "common"


def _corpus() -> list:  # type: ignore[type-arg]
    common = "I felt like the app was there for me and I felt like it listened"
    documents = [transcript(i, f"Interview P{i:02d}", f"P{i:02d}", [("Interviewer", "How was it?"), (f"P{i:02d}", common)])
                 for i in range(1, 30)]
    documents.append(transcript(30, "Interview P30", "P30", [("P30", "The zebrafish felt like a friend.")]))
    return documents


def test_a_phrase_of_common_words_is_one_pair_term_and_one_with_a_rare_word_is_left_to_whoosh(tmp_path: Path) -> None:
    documents = _corpus()
    index = SearchIndex.open_or_build(tmp_path / "ix", fingerprint_for(documents), lambda: documents)
    assert {"felt", "like", "the", "app"} <= paired_words(index._ix.schema)
    assert "zebrafish" not in paired_words(index._ix.schema)
    with index._ix.searcher() as searcher:
        arrays = reader_arrays(index._ix, searcher.reader())
        assert len(evaluate(searcher, parse_query('"felt like"'), arrays)) == 30
        try:
            evaluate(searcher, parse_query('"zebrafish felt"'), arrays)
            raise AssertionError("a phrase with a rare word should go to whoosh")
        except Unsupported:
            pass
    felt_like = index.search('"felt like"')
    assert felt_like.total == 29 * 2 + 1 and all(h.text.casefold() == "felt like" for h in felt_like.hits)
    assert [h.text for h in index.search('"zebrafish felt"').hits] == ["zebrafish felt"]
    index.close()
    reopened = SearchIndex.open_or_build(tmp_path / "ix", fingerprint_for(documents), lambda: [])
    assert reopened.search('"felt like"').total == 59, "the paired words travel with the stored index"
    extra = transcript(31, "Interview P31", "P31", [("P31", "Felt like home, felt LIKE home.")])
    reopened.add_documents([extra])
    assert reopened.search('"felt like"').counts[31] == 2
    reopened.close()

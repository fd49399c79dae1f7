"""Query syntax: phrases, boolean operators, wildcards, fuzzy terms, and malformed input."""

from __future__ import annotations

import pytest

from framework_qa.core.search import QueryError, SearchIndex


def texts(results) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.text for h in results.hits]


def test_exact_phrase_spans_first_to_last_word(index: SearchIndex, assert_exact) -> None:
    results = index.search('"felt anxious"')
    assert_exact(results)
    assert sorted(texts(results)) == ["felt anxious", "felt anxious"]


def test_exact_phrase_is_not_stemmed(index: SearchIndex) -> None:
    assert index.search('"not anxiously"').total == 1
    assert index.search('"not anxious"').total == 0


def test_phrase_across_emoji_and_punctuation(index: SearchIndex, assert_exact) -> None:
    results = index.search('"anxious every morning"')
    assert_exact(results)
    assert texts(results) == ["anxious 😰😰 every morning"]


def test_and_requires_both_words_in_the_turn(index: SearchIndex, assert_exact) -> None:
    results = index.search("anxious AND morning")
    assert_exact(results)
    assert {h.document_id for h in results.hits} == {1}
    assert sorted(texts(results)) == ["anxious", "morning"]


def test_or_and_not(index: SearchIndex) -> None:
    assert {h.document_id for h in index.search("calm OR 焦虑").hits} == {2, 3}
    assert {h.document_id for h in index.search("anxious NOT morning").hits} == {2, 3}
    assert "morning" not in texts(index.search("anxious NOT morning"))


def test_wildcard_expands_over_word_forms(index: SearchIndex, assert_exact) -> None:
    results = index.search("remind*")
    assert_exact(results)
    assert sorted(texts(results)) == ["Remind", "reminded", "reminders"]


def test_fuzzy_term_matches_near_spellings(index: SearchIndex, assert_exact) -> None:
    results = index.search("anxius~")
    assert_exact(results)
    assert set(texts(results)) == {"anxious"}
    assert index.search("anxius").total == 0


@pytest.mark.parametrize(
    "query",
    [
        '"felt anxious',
        "(anxious OR calm",
        "anxious)",
        "anxious AND",
        "OR anxious",
        "anxious NOT",
        "colour:red",
        "speaker:",
        "!!!",
        "",
        "   ",
    ],
)
def test_malformed_query_raises_query_error(index: SearchIndex, query: str) -> None:
    with pytest.raises(QueryError) as error:
        index.search(query)
    assert str(error.value)

"""Counts read from the postings agree with the occurrences found by reading the text."""

from __future__ import annotations

import pytest

from framework_qa.core.search import SearchIndex

QUERIES = [
    "anxious",
    "reminds",
    "remind*",
    "remind OR remind*",
    '"felt anxious"',
    '"felt anxious" OR anxious',
    "anxous~",
    "felt AND NOT calm",
    "anxious OR speaker:P03",
    "δουλειά",
]


@pytest.mark.parametrize("query", QUERIES)
def test_counts_beyond_the_limit_equal_the_counts_of_every_row(index: SearchIndex, query: str) -> None:
    everything = index.search(query)
    first = index.search(query, limit=1)
    assert first.counts == everything.counts
    assert first.total == everything.total == len(everything.hits)
    assert first.hits == everything.hits[:1]


def test_limited_rows_are_the_first_rows_of_the_full_ordering(index: SearchIndex) -> None:
    everything = index.search("anxious OR felt OR remind*")
    for limit in range(len(everything.hits) + 1):
        assert index.search("anxious OR felt OR remind*", limit=limit).hits == everything.hits[:limit]


def test_a_common_word_counts_every_occurrence_in_a_long_transcript(tmp_path, make_transcript) -> None:  # type: ignore[no-untyped-def]
    turns = [("P01", " ".join(["reminder"] * (i % 7 + 1) + ["other", "words"])) for i in range(300)]
    doc = make_transcript(1, "Long", "P01", turns)
    index = SearchIndex.in_memory([doc])
    results = index.search("reminders", limit=5)
    assert results.total == sum(i % 7 + 1 for i in range(300))
    assert len(results.hits) == 5
    for hit in results.hits:
        assert doc.text[hit.start : hit.end] == hit.text == "reminder"

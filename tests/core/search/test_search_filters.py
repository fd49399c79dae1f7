"""Filters in the query and as arguments: speaker, case, case attributes, coded text (inside and NOT)."""

from __future__ import annotations

import pytest

from framework_qa.core.search import SearchIndex, parse_attribute_filters

ATTRIBUTES = {"P03": {"gender": "woman", "age": 34}, "P04": {"gender": "man", "age": 51}}


def test_speaker_filter_in_the_query_is_case_insensitive(index: SearchIndex) -> None:
    results = index.search("anxious speaker:p03")
    assert {(h.document_id, h.speaker) for h in results.hits} == {(1, "P03")}


def test_speaker_filter_with_spaces_quoted(index: SearchIndex, documents) -> None:  # type: ignore[no-untyped-def]
    results = index.search('speaker:"Interviewer" work')
    assert [h.text for h in results.hits] == ["work"]


def test_filter_only_query_lists_whole_turns(index: SearchIndex, assert_exact) -> None:
    results = index.search("speaker:Interviewer")
    assert_exact(results)
    assert {h.text for h in results.hits} == {"How did you feel at work? 🙂", "Τι σκέφτεστε για τη δουλειά;"}


def test_case_filter_in_query_and_as_argument(index: SearchIndex) -> None:
    assert {h.document_id for h in index.search("anxious case:P04").hits} == {2}
    assert {h.document_id for h in index.search("anxious", cases=["p04"]).hits} == {2}
    assert {h.document_id for h in index.search("anxious", speakers=["P03"]).hits} == {1}


def test_attribute_filter_keeps_matching_cases(index: SearchIndex) -> None:
    results = index.search(
        "anxious", attributes=parse_attribute_filters(["gender=woman"]), case_attributes=ATTRIBUTES
    )
    assert {h.document_id for h in results.hits} == {1}
    both = index.search(
        "anxious", attributes={"gender": ["woman", "man"], "age": 51}, case_attributes=ATTRIBUTES
    )
    assert {h.document_id for h in both.hits} == {2}
    assert index.search("anxious", attributes={"gender": "other"}, case_attributes=ATTRIBUTES).total == 0


def test_values_of_one_attribute_are_alternatives_and_different_attributes_all_hold(index: SearchIndex) -> None:
    assert parse_attribute_filters(["gender=woman", "gender=man", "age=51", "gender=woman"]) == {
        "gender": ["woman", "man"], "age": ["51"]}
    either = index.search("anxious", attributes=parse_attribute_filters(["gender=woman", "gender=man"]),
                          case_attributes=ATTRIBUTES)
    assert {h.document_id for h in either.hits} == {1, 2}
    both = index.search("anxious", attributes=parse_attribute_filters(["gender=woman", "gender=man", "age=51"]),
                        case_attributes=ATTRIBUTES)
    assert {h.document_id for h in both.hits} == {2}


def test_malformed_attribute_filter_names_the_entry() -> None:
    with pytest.raises(ValueError, match="gender"):
        parse_attribute_filters(["gender"])


def _coded(documents) -> dict[str, dict[int, list[tuple[int, int]]]]:  # type: ignore[no-untyped-def]
    text = documents[0].text
    start = text.index("I felt anxious")
    return {"Emotions/Anxiety": {1: [(start, start + len("I felt anxious 😰😰 every morning."))]}}


def test_code_filter_keeps_only_hits_inside_coded_text(index: SearchIndex, documents) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(documents)
    results = index.search("anxious OR morning OR reminded", codes=["Emotions/Anxiety"], coded_ranges=coded)
    assert sorted(h.text for h in results.hits) == ["anxious", "morning"]


def test_code_filter_not_inside_drops_coded_hits(index: SearchIndex, documents) -> None:  # type: ignore[no-untyped-def]
    coded = _coded(documents)
    results = index.search(
        "anxious", exclude_codes=["Emotions/Anxiety"], coded_ranges=lambda path: coded.get(path, {})
    )
    assert {h.document_id for h in results.hits} == {2, 3}


def test_phrase_must_lie_wholly_within_the_coded_range(index: SearchIndex, documents) -> None:  # type: ignore[no-untyped-def]
    text = documents[0].text
    start = text.index("felt")
    coded = {"Short": {1: [(start, start + len("felt"))]}}
    assert index.search('"felt anxious"', codes=["Short"], coded_ranges=coded).total == 0
    assert index.search("felt", codes=["Short"], coded_ranges=coded).total == 1


def test_unknown_code_matches_nothing(index: SearchIndex) -> None:
    assert index.search("anxious", codes=["Nope"], coded_ranges={}).total == 0
    assert index.search("anxious", exclude_codes=["Nope"], coded_ranges={}).total == 4

"""Hits carry exact code-point offsets into the document text, across emoji and non-Latin scripts."""

from __future__ import annotations

from framework_qa.core.search import SearchIndex


def texts(results) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.text for h in results.hits]


def test_word_hit_offsets_are_exact_after_astral_emoji(index: SearchIndex, assert_exact) -> None:
    results = index.search("anxious")
    assert_exact(results)
    doc1 = [h for h in results.hits if h.document_id == 1]
    assert [h.text for h in doc1] == ["anxious"]
    assert doc1[0].paragraph == 2 and doc1[0].speaker == "P03"


def test_stemming_finds_other_word_forms(index: SearchIndex, assert_exact) -> None:
    results = index.search("reminds")
    assert_exact(results)
    assert {h.text for h in results.hits} == {"reminded", "reminders", "Remind"}


def test_one_row_per_occurrence_with_counts_per_document(index: SearchIndex, assert_exact) -> None:
    results = index.search("anxious")
    assert_exact(results)
    assert results.counts == {1: 1, 2: 1, 3: 2}
    assert results.total == 4
    groups = {g.document_id: g for g in results.by_document()}
    assert groups[3].count == 2 and len(groups[3].hits) == 2


def test_combining_accent_stays_inside_the_word(index: SearchIndex, assert_exact) -> None:
    results = index.search("café")  # precomposed é in the query, e + U+0301 in the text
    assert_exact(results)
    assert texts(results) == ["cafe\u0301"]


def test_greek_chinese_and_arabic_words_are_found_exactly(index: SearchIndex, assert_exact) -> None:
    for query, expected in [
        ("άγχος", "άγχος"),
        ("焦虑", "焦虑"),
        ("我", "我"),
        ("بِكُم", "بِكُم"),
        ("ΔΟΥΛΕΙΆ", "δουλειά"),
    ]:
        results = index.search(query)
        assert_exact(results)
        assert expected in texts(results), query


def test_mathematical_alphanumerics_beyond_the_bmp(index: SearchIndex, assert_exact) -> None:
    results = index.search("words")
    assert_exact(results)
    hit = results.hits[0]
    assert hit.document_id == 3 and hit.context_before.endswith("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ")


def test_context_is_cut_at_word_boundaries_within_the_paragraph(index: SearchIndex, assert_exact) -> None:
    results = index.search("money")
    assert_exact(results)
    hit = results.hits[0]
    assert hit.context_after == "."
    assert len(hit.context_before) <= 60
    assert hit.context_before[0] != " " and hit.context_before.split()[
        0
    ] in "My manager, a kind woman, said the".split() + ["woman,", "manager,", "cafe\u0301"]
    assert "\n" not in hit.context_before


def test_ordering_by_score_then_position_and_limit(index: SearchIndex) -> None:
    results = index.search("anxious OR felt")
    keys = [(-h.score, h.document_id, h.start) for h in results.hits]
    assert keys == sorted(keys)
    limited = index.search("anxious OR felt", limit=2)
    assert limited.hits == results.hits[:2]
    assert limited.total == results.total and limited.truncated

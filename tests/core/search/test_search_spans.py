"""Extending a hit to its sentence or its whole speaker turn."""

from __future__ import annotations

from framework_qa.core.search import SearchIndex, extend_to_sentence, extend_to_turn


def test_hit_extends_to_its_sentence(index: SearchIndex, documents) -> None:  # type: ignore[no-untyped-def]
    doc = documents[0]
    hit = index.search("reminded").hits[0]
    start, end = extend_to_sentence(doc.text, doc.paragraphs, hit.start, hit.end)
    assert doc.text[start:end] == "It reminded me of school, the reminders were 👨‍👩‍👧 constant."


def test_sentence_at_turn_start_stops_at_the_turn(index: SearchIndex, documents) -> None:  # type: ignore[no-untyped-def]
    doc = documents[0]
    hit = index.search('"felt anxious"', cases=["P03"]).hits[0]
    start, end = extend_to_sentence(doc.text, doc.paragraphs, hit.start, hit.end)
    assert doc.text[start:end] == "I felt anxious 😰😰 every morning."


def test_chinese_sentence_ends_at_the_ideographic_full_stop(index: SearchIndex, documents) -> None:  # type: ignore[no-untyped-def]
    doc = documents[1]
    hit = index.search("焦虑").hits[0]
    start, end = extend_to_sentence(doc.text, doc.paragraphs, hit.start, hit.end)
    assert doc.text[start:end] == "我 很 焦虑 关于 工作。"


def test_hit_extends_to_its_whole_turn(index: SearchIndex, documents) -> None:  # type: ignore[no-untyped-def]
    doc = documents[0]
    hit = index.search("money").hits[0]
    start, end = extend_to_turn(doc.paragraphs, hit.start, hit.end)
    assert (start, end) == doc.paragraphs[2][:2]

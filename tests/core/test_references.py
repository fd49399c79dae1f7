"""References `P03 ¶12`: the 1-based paragraph containing a position; line breaks go to the next one."""

from __future__ import annotations

from framework_qa.core.model import Span
from framework_qa.core.references import ReferenceBook, format_reference, paragraph_number

SPANS = [Span(0, 10), Span(11, 20), Span(22, 30)]


def test_positions_map_to_the_paragraph_containing_them() -> None:
    assert [paragraph_number(SPANS, p) for p in (0, 9, 11, 19, 22, 29, 30)] == [1, 1, 2, 2, 3, 3, 3]


def test_positions_on_line_breaks_belong_to_the_next_paragraph() -> None:
    assert paragraph_number(SPANS, 10) == 2 and paragraph_number(SPANS, 21) == 3


def test_a_document_without_spans_is_one_paragraph() -> None:
    assert paragraph_number([], 5) == 1


def test_book_reads_spans_once_and_formats_references() -> None:
    calls: list[int] = []

    def spans(doc: int) -> list[Span]:
        calls.append(doc)
        return SPANS

    book = ReferenceBook(spans, lambda doc: f"P{doc:02d}")
    assert [book.reference(3, p) for p in (0, 12, 25)] == ["P03 ¶1", "P03 ¶2", "P03 ¶3"]
    assert calls == [3]
    assert format_reference("P01", 4) == "P01 ¶4"

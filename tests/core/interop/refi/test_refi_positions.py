"""Position counting: pure mapping from a tool's units onto code points of the normalised text."""

from __future__ import annotations

from framework_qa.core.interop.refi.positions import (
    Counting,
    choose_counting,
    map_span,
    normalise_text,
    offset_map,
    word_start_share,
)

UTF16_CRLF2 = Counting(utf16=True, crlf_units=2)
CP_CRLF1 = Counting(utf16=False, crlf_units=1)


def test_normalise_text_removes_bom_and_turns_crlf_into_lf_only() -> None:
    assert normalise_text("\ufeffa\r\nb\rc\n") == "a\nb\rc\n"


def test_utf16_units_count_an_emoji_twice_and_crlf_twice() -> None:
    raw = "\ufeff😀 hi\r\nthere"
    text = normalise_text(raw)
    omap = offset_map(raw, UTF16_CRLF2)
    # "hi" is units 3..5 (emoji = 2 units, space = 1); "there" starts after CRLF at unit 7
    assert map_span(omap, 3, 5) == (2, 4) and text[2:4] == "hi"
    start, end = map_span(omap, 7, 12) or (0, 0)
    assert text[start:end] == "there"


def test_end_inside_an_emoji_keeps_the_emoji_whole() -> None:
    omap = offset_map("a😀b", UTF16_CRLF2)
    assert map_span(omap, 0, 2) == (0, 2)


def test_code_points_with_crlf_as_one_map_directly() -> None:
    raw = "x\r\ny 😀 z"
    text = normalise_text(raw)
    start, end = map_span(offset_map(raw, CP_CRLF1), 6, 7) or (0, 0)
    assert text[start:end] == "z"


def test_spans_outside_the_text_or_empty_map_to_nothing() -> None:
    omap = offset_map("abc", CP_CRLF1)
    assert map_span(omap, 2, 9) is None
    assert map_span(omap, 2, 2) is None
    assert map_span(omap, -1, 2) is None


def test_unknown_origin_is_decided_by_word_boundaries() -> None:
    raw = "😀😀 alpha 😀 beta\r\n😀 gamma delta"
    text = normalise_text(raw)
    units = offset_map(raw, UTF16_CRLF2)
    spans = []
    for word in ("alpha", "beta", "gamma", "delta"):
        cp = text.index(word)
        u = units.floor.index(cp)
        spans.append((u, u + len(word)))
    choice = choose_counting("SomeTool 1.0", [(raw, spans)])
    assert choice.counting == UTF16_CRLF2
    assert choice.share == 1.0


def test_known_origin_stands_when_the_check_agrees() -> None:
    choice = choose_counting("MAXQDA 24", [("one two three", [(4, 7)])])
    assert choice.counting == CP_CRLF1 and "producing tool" in choice.reason


def test_word_start_share_counts_letters_quotes_and_line_starts() -> None:
    text = "Hello world, «quoted»\n--- line"
    assert word_start_share(text, [0, 6, 13, 22]) == 1.0
    assert word_start_share(text, [1, 7]) == 0.0
    assert word_start_share(text, []) is None

"""Core positions are code points, Qt's are UTF-16 units: the conversion both ways."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from framework_qa.gui.viewer.layers import Mark, MarkIndex, assign_columns
from framework_qa.gui.viewer.positions import PositionMap


def test_text_without_astral_characters_maps_to_itself() -> None:
    m = PositionMap("plain text é ü")
    assert m.trivial and m.to_qt(5) == 5 and m.to_core(5) == 5


def test_each_emoji_before_a_position_adds_one_qt_unit() -> None:
    text = "a😀b😀😀c"
    m = PositionMap(text)
    assert [m.to_qt(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 8, 9]
    assert [m.to_core(m.to_qt(i)) for i in range(len(text) + 1)] == list(range(len(text) + 1))


def test_a_qt_position_inside_a_surrogate_pair_snaps_to_the_character_start() -> None:
    m = PositionMap("a😀b")
    assert m.to_core(2) == 1
    assert m.range_to_core(0, 2) == (0, 2)  # an end inside the pair includes the emoji


@given(st.text(alphabet=st.sampled_from(list("ab \n") + ["😀", "𝒜", "é"]), max_size=40))
def test_conversion_agrees_with_utf16_encoding(text: str) -> None:
    m = PositionMap(text)
    for i in range(len(text) + 1):
        assert m.to_qt(i) == len(text[:i].encode("utf-16-le")) // 2
        assert m.to_core(m.to_qt(i)) == i


def _mark(cid: int, start: int, end: int) -> Mark:
    return Mark(cid, 1, start, end, "#ff0000", "Bond", "amira")


def test_overlapping_codings_get_different_stripe_columns_and_reuse_free_ones() -> None:
    marks = {m.coding_id: m.column for m in assign_columns([_mark(1, 0, 10), _mark(2, 5, 15), _mark(3, 12, 20)])}
    assert marks[1] != marks[2] and marks[3] == marks[1]


def test_mark_index_finds_codings_at_a_position_and_in_a_range() -> None:
    index = MarkIndex([_mark(1, 0, 10), _mark(2, 5, 15), _mark(3, 20, 30)])
    assert {m.coding_id for m in index.at(7)} == {1, 2}
    assert {m.coding_id for m in index.overlapping(10, 21)} == {2, 3}
    assert index.at(15) == [] and index.columns == 2

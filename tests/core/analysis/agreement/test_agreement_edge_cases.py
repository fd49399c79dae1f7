"""Edge cases: empty documents, nobody or one coder coding, overlapping own codings, three coders."""

from __future__ import annotations

import pytest

from framework_qa.core.analysis.agreement import (
    AgreementTable,
    Measure,
    NotMutuallyExclusiveError,
    Uncoded,
    brennan_prediger_kappa,
    category_character_unit_types,
    category_paragraph_unit_types,
    character_table,
    character_unit_types,
    clip,
    cohen_kappa,
    fleiss_kappa,
    fleiss_kappa_weighted,
    jaccard,
    krippendorff_alpha_weighted,
    merge,
    overlap_share,
    paragraph_table,
    paragraph_unit_types,
    percent_agreement,
    segment_agreement,
)
from framework_qa.core.analysis.agreement.measure import (
    BOTH_CODED_ALL,
    NEITHER_CODED,
    NO_PAIRABLE,
    NO_VARIATION,
)


def test_kappa_is_undefined_not_one_when_nobody_coded() -> None:
    table = character_table(100, {"amira": [], "ben": []})
    assert table == AgreementTable(neither=100)
    assert cohen_kappa(table) == Measure.undefined(NEITHER_CODED)
    assert jaccard(table).value is None
    assert percent_agreement(table).value == 1.0
    assert krippendorff_alpha_weighted(character_unit_types(100, [[], []])) == Measure.undefined(NO_VARIATION)


def test_kappa_is_undefined_when_both_coded_everything() -> None:
    table = character_table(10, [[(0, 10)], [(0, 4), (4, 10)]])
    assert cohen_kappa(table) == Measure.undefined(BOTH_CODED_ALL)
    assert jaccard(table).value == 1.0


def test_one_coder_only_gives_kappa_zero_and_jaccard_zero() -> None:
    table = character_table(10, [[(2, 5)], []])
    assert table == AgreementTable(both=0, only_a=3, only_b=0, neither=7)
    assert cohen_kappa(table).value == pytest.approx(0.0)
    assert jaccard(table).value == 0.0


def test_zero_length_document_has_no_units() -> None:
    table = character_table(0, [[(0, 5)], [(1, 3)]])
    assert table.total == 0
    assert percent_agreement(table).value is None
    assert cohen_kappa(table).value is None
    assert krippendorff_alpha_weighted(character_unit_types(0, [[], []])) == Measure.undefined(NO_PAIRABLE)


def test_overlapping_and_touching_own_codings_count_once() -> None:
    assert merge([(5, 9), (0, 3), (3, 5), (2, 4), (7, 7)]) == [(0, 9)]
    assert merge([(0, 3), (4, 6)]) == [(0, 3), (4, 6)]
    table = character_table(20, [[(0, 10), (5, 15), (15, 16)], [(0, 16)]])
    assert table == AgreementTable(both=16, neither=4)


def test_intervals_beyond_the_document_are_clipped() -> None:
    assert clip([(-3, 2), (8, 15), (12, 20), (4, 4)], 10) == [(0, 2), (8, 10)]
    assert character_table(10, [[(-5, 50)], [(5, 10)]]) == AgreementTable(both=5, only_a=5)


def test_three_coders_give_unit_types_alpha_and_fleiss() -> None:
    types = character_unit_types(10, {"a": [(0, 5)], "b": [(0, 4)], "c": [(0, 5), (8, 10)]})
    assert types == {(1, 1, 1): 4, (1, 0, 1): 1, (0, 0, 0): 3, (0, 0, 1): 2}
    assert krippendorff_alpha_weighted(types).is_defined
    assert fleiss_kappa_weighted(types).is_defined


def test_coder_who_did_not_code_the_document_is_missing() -> None:
    types = character_unit_types(4, {"a": [(0, 2)], "b": None, "c": [(0, 2)]})
    assert types == {(1, None, 1): 2, (0, None, 0): 2}
    with pytest.raises(ValueError, match="exactly two coders, both of whom coded"):
        character_table(4, {"a": [(0, 2)], "b": None})
    with pytest.raises(ValueError, match="exactly two coders, both of whom coded"):
        paragraph_table([(0, 4)], {"a": [(0, 2)], "b": None})
    with pytest.raises(ValueError, match="no missing values"):
        fleiss_kappa_weighted(types)


def test_two_by_two_table_needs_exactly_two_coders() -> None:
    for coders in ([[], [], []], [[(0, 2)]], []):
        with pytest.raises(ValueError, match="exactly two coders, both of whom coded"):
            character_table(4, coders)
        with pytest.raises(ValueError, match="exactly two coders, both of whom coded"):
            paragraph_table([(0, 4)], coders)


def test_paragraph_is_coded_when_any_character_is_coded_and_empty_spans_are_not_units() -> None:
    spans = [(0, 10), (11, 20), (20, 20), (21, 30)]
    table = paragraph_table(spans, {"a": [(9, 12)], "b": [(10, 11), (29, 30)]})
    assert table == AgreementTable(both=0, only_a=2, only_b=1, neither=0)
    assert paragraph_unit_types([], [[], []]) == {}


def test_overlap_share_is_intersection_over_union() -> None:
    assert overlap_share((0, 90), (0, 100)) == pytest.approx(0.9)
    assert overlap_share((0, 10), (5, 15)) == pytest.approx(5 / 15)
    assert overlap_share((0, 10), (10, 20)) == 0.0


def test_segment_agreement_checks_both_coders_segments() -> None:
    result = segment_agreement([(0, 100), (200, 300)], [(0, 95), (150, 260), (400, 410)], overlap=0.9)
    assert (result.agreed_a, result.segments_a, result.agreed_b, result.segments_b) == (1, 2, 1, 3)
    assert result.percent().value == pytest.approx(2 / 5)
    assert segment_agreement([(0, 100)], [(0, 89)]).agreed_a == 0
    assert segment_agreement([(0, 100)], [(0, 90)]).agreed_a == 1


def test_segment_overlap_is_a_fraction_not_a_percent() -> None:
    with pytest.raises(ValueError, match=r"overlap is a fraction in \(0, 1\], got 90 \(pass 0.9 for 90 %\)"):
        segment_agreement([(0, 1)], [(0, 1)], overlap=90)


def test_segment_agreement_without_segments_is_undefined() -> None:
    assert segment_agreement([], []).percent().value is None
    assert brennan_prediger_kappa(0, 0, 3).value is None
    assert brennan_prediger_kappa(5, 5, 1).value is None


def test_fleiss_needs_equal_raters_and_is_undefined_without_variation() -> None:
    with pytest.raises(ValueError, match="every unit rated by the same number of coders"):
        fleiss_kappa([[2, 1], [1, 1]])
    assert fleiss_kappa([[3, 0], [3, 0]]) == Measure.undefined(NO_VARIATION)
    assert fleiss_kappa([]).value is None


def test_fleiss_with_two_coders_hand_checked() -> None:
    # Two coders, four units: yes/yes, yes/no, no/no, no/no -> P_bar = 3/4, p_yes = 3/8, P_e = 34/64.
    value = fleiss_kappa([[2, 0], [1, 1], [0, 2], [0, 2]]).value
    assert value == pytest.approx((0.75 - 34 / 64) / (1 - 34 / 64))


def test_category_values_with_uncoded_missing_or_none() -> None:
    codes = {"a": {"x": [(0, 4)], "y": [(6, 8)]}, "b": {"x": [(0, 2)], "y": [(2, 8)]}}
    missing = category_character_unit_types(10, codes, Uncoded.MISSING)
    assert missing == {("x", "x"): 2, ("x", "y"): 2, (None, "y"): 2, ("y", "y"): 2, (None, None): 2}
    none = category_character_unit_types(10, codes, "none")
    assert sum(none.values()) == 10 and None not in {v for key in none for v in key}


def test_overlapping_child_codes_of_one_coder_are_refused() -> None:
    codes = {"a": {"x": [(0, 4)], "y": [(3, 8)]}, "b": {"x": [(0, 8)]}}
    with pytest.raises(NotMutuallyExclusiveError):
        category_character_unit_types(10, codes)
    with pytest.raises(NotMutuallyExclusiveError):
        category_paragraph_unit_types([(0, 10)], codes)


def test_category_paragraph_values_are_the_child_code_touching_the_paragraph() -> None:
    codes = {"a": {"x": [(1, 2)], "y": [(12, 13)]}, "b": {"y": [(15, 18)]}, "c": None}
    types = category_paragraph_unit_types([(0, 10), (10, 20), (20, 30)], codes, Uncoded.NONE)
    keys = sorted(types, key=repr)
    assert len(keys) == 3
    assert types[("y", "y", None)] == 1

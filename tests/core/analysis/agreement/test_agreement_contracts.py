"""The contracts the published-example tests leave open, each pinned by exact values: what every way of
aggregating returns at its edges (no documents, only undefined documents, documents of size zero), the
exact refusals and undefined reasons, thresholds at their boundary, and category unit types with a coder
who did not code the document. Written from mutation testing (see tests/MUTATION.md)."""

from __future__ import annotations

import pytest

from framework_qa.core.analysis.agreement import (
    AggregatedMeasure,
    Aggregation,
    AgreementTable,
    aggregate,
    aggregate_segments,
    aggregate_tables,
    aggregate_unit_types,
    binary_alpha,
    brennan_prediger_kappa,
    category_character_unit_types,
    category_paragraph_unit_types,
    character_table,
    cohen_kappa,
    covered_length,
    fleiss_kappa,
    fleiss_kappa_weighted,
    krippendorff_alpha,
    paragraph_unit_types,
    percent_agreement,
    segment_agreement,
)
from framework_qa.core.analysis.agreement.alpha import krippendorff_alpha_weighted, unit_types_from_data
from framework_qa.core.analysis.agreement.categories import NO_CODE, NotMutuallyExclusiveError, Uncoded
from framework_qa.core.analysis.agreement.measure import Measure
from framework_qa.core.analysis.agreement.methods import (
    AlphaValues,
    MeasureName,
    MethodsSpec,
    Unit,
    methods_paragraph,
)

EMPTY = AgreementTable(both=0, only_a=0, only_b=0, neither=0)  # percent agreement undefined
NINETY = AgreementTable(both=1, only_a=1, only_b=0, neither=8)


# ------------------------------------------------------------------ aggregation at its edges
@pytest.mark.parametrize("how", list(Aggregation))
def test_no_documents_is_undefined_for_every_way_of_aggregating(how: Aggregation) -> None:
    assert aggregate_tables([], percent_agreement, how) == AggregatedMeasure(
        Measure.undefined("no documents"), how, 0, 0)


@pytest.mark.parametrize("how", [Aggregation.MEAN, Aggregation.WEIGHTED_MEAN])
def test_means_over_only_undefined_documents_say_so_and_count_them(how: Aggregation) -> None:
    assert aggregate_tables([EMPTY, EMPTY], percent_agreement, how) == AggregatedMeasure(
        Measure.undefined("no document has a defined value"), how, 2, 2)


def test_pooling_counts_documents_and_the_undefined_among_them() -> None:
    assert aggregate_tables([EMPTY, NINETY], percent_agreement) == AggregatedMeasure(
        Measure.of(0.9), Aggregation.POOLED, 2, 1)


def _pairs(how: Aggregation, items: list[tuple[float, float]]) -> AggregatedMeasure:
    """Aggregate (value, size) items directly."""
    return aggregate(items, lambda item: Measure.of(item[0]), how, pool=lambda xs: xs[0], size=lambda item: item[1])


def test_a_document_of_size_zero_counts_in_the_mean_but_not_in_the_weighted_mean() -> None:
    assert _pairs(Aggregation.MEAN, [(0.5, 0), (1.0, 2)]) == AggregatedMeasure(Measure.of(0.75), Aggregation.MEAN, 2, 0)
    assert _pairs(Aggregation.WEIGHTED_MEAN, [(0.5, 0), (1.0, 2)]).measure == Measure.of(1.0)
    assert _pairs(Aggregation.WEIGHTED_MEAN, [(0.5, 0)]) == AggregatedMeasure(
        Measure.undefined("no document has a defined value"), Aggregation.WEIGHTED_MEAN, 1, 0)
    assert _pairs(Aggregation.WEIGHTED_MEAN, [(0.5, 1)]).measure == Measure.of(0.5)  # size one is a size


def test_weighted_means_of_unit_types_and_segments_weigh_by_their_own_sizes() -> None:
    def share_equal(types):  # type: ignore[no-untyped-def]
        return Measure.of(sum(w for key, w in types.items() if key[0] == key[1]) / sum(types.values()))

    maps = [{(1, 1): 3, (0, 0): 1}, {(1, 0): 1, (0, 0): 1}]  # 4 units all equal, 2 units half equal
    result = aggregate_unit_types(maps, share_equal, Aggregation.WEIGHTED_MEAN)
    assert result.measure.value == pytest.approx((4 * 1.0 + 2 * 0.5) / 6)
    same = segment_agreement([(0, 100)], [(0, 100)])  # 2 segments, both agree
    apart = segment_agreement([(0, 100), (200, 300)], [(0, 10)])  # 3 segments, none agree
    assert (same.total, apart.total, apart.agreements) == (2, 3, 0)
    assert aggregate_segments([same, apart], how=Aggregation.WEIGHTED_MEAN).measure.value == pytest.approx(2 / 5)
    assert aggregate_segments([same, apart], how=Aggregation.MEAN).measure.value == pytest.approx(0.5)


# ------------------------------------------------------------------ refusals and reasons, word for word
def test_fleiss_refusals_name_the_problem() -> None:
    with pytest.raises(ValueError, match="^one weight per row$"):
        fleiss_kappa([[2, 0], [1, 1]], weights=[1])
    with pytest.raises(ValueError, match="^Fleiss' kappa needs every unit rated by the same number of coders$"):
        fleiss_kappa([[2, 0], [2, 1]])
    with pytest.raises(ValueError, match="^Fleiss' kappa needs at least two coders per unit$"):
        fleiss_kappa([[1, 0], [0, 1]])
    with pytest.raises(ValueError, match=r"^Fleiss' kappa needs every coder's value for every unit \(no missing values\)$"):
        fleiss_kappa_weighted({(1, None): 2})


def test_fleiss_leaves_out_rows_of_weight_zero_and_counts_a_category_used_once() -> None:
    # the weight-0 row has three raters: it would be refused if it took part
    assert fleiss_kappa([[2, 0], [1, 1], [3, 0]], weights=[1, 1, 0]).value == pytest.approx(-1 / 3)
    # totals (3, 1): P_bar = 1/2, P_e = 9/16 + 1/16, kappa = (1/2 - 5/8) / (3/8)
    assert fleiss_kappa([[2, 0], [1, 1]]).value == pytest.approx(-1 / 3)


def test_fleiss_from_unit_types_whose_values_do_not_compare() -> None:
    types = {("calm", NO_CODE): 1, ("calm", "calm"): 2, (NO_CODE, NO_CODE): 1}
    assert fleiss_kappa_weighted(types).value == pytest.approx(
        fleiss_kappa([[1, 1], [2, 0], [0, 2]], [1, 2, 1]).value)


def test_alpha_data_rows_of_different_lengths_are_refused_by_name() -> None:
    with pytest.raises(ValueError, match="^every coder's row must have one entry per unit$"):
        unit_types_from_data([[1, 2, 3], [1, 2]])
    with pytest.raises(ValueError, match="^every coder's row must have one entry per unit$"):
        krippendorff_alpha([[1, 2, 3], [1, 2, 3], [1]])


def test_undefined_reasons_are_the_documented_sentences() -> None:
    assert segment_agreement([], []).percent() == Measure.undefined("no segments: neither coder coded this text")
    assert brennan_prediger_kappa(0, 0, 3) == Measure.undefined("no units: neither coder coded this text")
    assert brennan_prediger_kappa(5, 5, 1) == Measure.undefined(
        "fewer than two categories: chance agreement is certain")


def test_brennan_prediger_at_its_boundaries() -> None:
    assert brennan_prediger_kappa(1, 1, 2) == Measure.of(1.0)  # one unit is enough
    assert brennan_prediger_kappa(1, 2, 2) == Measure.of(0.0)  # two categories are enough
    assert brennan_prediger_kappa(2, 3, 3).value == pytest.approx((2 / 3 - 1 / 3) / (2 / 3))


def test_binary_alpha_with_a_single_unit_of_absence_equals_the_general_alpha() -> None:
    table = AgreementTable(both=1, only_a=1, only_b=0, neither=0)  # n_0 = 1
    general = krippendorff_alpha_weighted({(1, 1): 1, (1, 0): 1})
    assert general.value is not None
    assert binary_alpha(table).value == pytest.approx(general.value)


# ------------------------------------------------------------------ categories
def test_no_code_reads_as_no_code() -> None:
    assert repr(NO_CODE) == "NO_CODE"


def test_overlapping_child_codes_are_reported_with_coder_codes_and_place() -> None:
    codes = {"a": {"x": [(0, 4)], "y": [(3, 8)]}, "b": {"x": [(0, 8)]}}
    with pytest.raises(NotMutuallyExclusiveError) as raised:
        category_character_unit_types(10, codes)
    error = raised.value
    assert (error.coder, error.codes, error.start, error.end) == ("a", ["x", "y"], 3, 4)
    assert str(error) == ("coder 'a' applied 'x', 'y' to the same text [3, 4); "
                          "the category's codes are not used mutually exclusively")
    with pytest.raises(NotMutuallyExclusiveError) as raised:
        category_paragraph_unit_types([(0, 10), (10, 20)], codes)
    assert (raised.value.coder, raised.value.codes, raised.value.start, raised.value.end) == ("a", ["x", "y"], 0, 10)


def test_a_coder_who_did_not_code_is_missing_even_when_uncoded_text_is_a_value() -> None:
    codes = {"c": None, "a": {"x": [(0, 4)]}, "b": {}}
    assert category_character_unit_types(10, codes, Uncoded.NONE) == {(None, "x", NO_CODE): 4,
                                                                     (None, NO_CODE, NO_CODE): 6}
    assert category_paragraph_unit_types([(0, 4), (4, 10)], codes, "none") == {(None, "x", NO_CODE): 1,
                                                                              (None, NO_CODE, NO_CODE): 1}
    assert category_paragraph_unit_types([(0, 4), (4, 10)], codes) == {(None, "x", None): 1,
                                                                      (None, None, None): 1}


def test_empty_paragraphs_are_not_units_wherever_they_come() -> None:
    codes = {"a": {"x": [(0, 4)]}, "b": {"x": [(2, 3)]}}
    assert category_paragraph_unit_types([(5, 5), (0, 4), (4, 4), (4, 10)], codes, Uncoded.NONE) == {
        ("x", "x"): 1, (NO_CODE, NO_CODE): 1}


# ------------------------------------------------------------------ units and small tables
def test_two_by_two_refusal_is_the_whole_sentence() -> None:
    with pytest.raises(ValueError, match="^a 2x2 table needs exactly two coders, both of whom coded the document$"):
        character_table(4, [[(0, 1)]])


def test_paragraph_units_of_a_coder_who_did_not_code_are_missing() -> None:
    assert paragraph_unit_types([(0, 5), (5, 10)], {"a": [(0, 2)], "b": None}) == {(1, None): 1, (0, None): 1}


def test_covered_length_clips_and_merges() -> None:
    assert covered_length([(-5, 3), (2, 6), (8, 20)], 10) == 8


def test_a_measure_formats_its_value_or_its_reason() -> None:
    assert Measure.of(0.12345).format() == "0.123" and Measure.of(0.12345).format(1) == "0.1"
    assert Measure.undefined("no units").format() == "undefined (no units)"


def test_cohen_kappa_on_a_single_unit_the_coders_disagree_on_is_zero() -> None:
    assert cohen_kappa(AgreementTable(both=0, only_a=1, only_b=0, neither=0)) == Measure.of(0.0)


def test_alpha_ignores_unit_types_of_weight_zero_wherever_they_come() -> None:
    types = {(1, 1): 3, (1, 0): 1, (0, 0): 2}
    assert krippendorff_alpha_weighted({(0, 1): 0, **types}) == krippendorff_alpha_weighted(types)


# ------------------------------------------------------------------ segments
def test_a_segment_matches_a_later_candidate_when_the_first_overlaps_too_little() -> None:
    result = segment_agreement([(0, 100)], [(0, 10), (20, 100)], overlap=0.8)  # 10 %, then 80 %
    assert (result.agreed_a, result.segments_a, result.agreed_b, result.segments_b) == (1, 1, 1, 2)


@pytest.mark.parametrize("overlap", [0, 1.5, -0.1])
def test_an_overlap_outside_zero_to_one_is_refused(overlap: float) -> None:
    with pytest.raises(ValueError, match=r"^overlap is a fraction in \(0, 1\]"):
        segment_agreement([(0, 1)], [(0, 1)], overlap=overlap)
    assert segment_agreement([(0, 10)], [(0, 10)], overlap=1).agreements == 2  # 1 itself is allowed


# ------------------------------------------------------------------ the methods paragraph, word for word
COMMON = ("Before comparison, each coder's own overlapping or adjacent codings with the same code were merged, "
          "so text coded twice by one coder counts once. ")
SEGMENTS = ("At this level the units are the coded segments themselves. " + COMMON +
            "A coder's segment counted as agreeing when the other coder had applied the same code to a segment "
            "overlapping it by at least {share} % (overlap = characters in both segments divided by characters "
            "in either); both coders' segments were checked, so the total is the number of segments of both "
            "coders. ")
ALPHA_UNDEFINED = ("Krippendorff's alpha is reported as undefined where no unit has values from two coders or all "
                   "values are the same.")


def test_methods_paragraph_for_segments_with_a_category_alpha_and_one_coder() -> None:
    spec = MethodsSpec(Unit.SEGMENT, [MeasureName.PERCENT, MeasureName.BRENNAN_PREDIGER, MeasureName.ALPHA],
                       Aggregation.MEAN, ["amira"], 1, 1, alpha_values=AlphaValues.CATEGORY, uncoded=Uncoded.NONE)
    assert methods_paragraph(spec) == (
        "Agreement was computed at the segment level over 1 document and 1 code for coders amira: percent "
        "agreement, Brennan and Prediger's kappa and Krippendorff's alpha (nominal; value of a unit = the child "
        "code of a mutually exclusive category; uncoded text given its own value \"none\"). "
        + SEGMENTS.format(share=90) +
        "Brennan and Prediger's kappa takes chance agreement as 1/q with q = 1 codes compared. Values were "
        "computed per document and averaged with equal weight per document (plain mean); documents where a "
        "statistic is undefined were left out of its mean. Each statistic is reported separately for each code. "
        + ALPHA_UNDEFINED)


def test_methods_paragraph_for_characters_with_cohen_and_alpha_over_three_coders() -> None:
    spec = MethodsSpec(Unit.CHARACTER, [MeasureName.COHEN, MeasureName.ALPHA], Aggregation.WEIGHTED_MEAN,
                       ["amira", "ben", "chloe"], 2, 3, alpha_values=AlphaValues.CATEGORY)
    assert methods_paragraph(spec) == (
        "Agreement was computed at the character level over 2 documents and 3 codes for coders amira, ben and "
        "chloe: Cohen's kappa and Krippendorff's alpha (nominal; value of a unit = the child code of a mutually "
        "exclusive category; uncoded text treated as missing). At this level every character (Unicode code "
        "point) of a document is one unit, coded or not coded with each code by each coder. " + COMMON +
        "Values were computed per document and averaged with each document weighted by its number of units "
        "(size-weighted mean); documents where a statistic is undefined were left out of its mean. Each "
        "statistic is reported separately for each code. Cohen's kappa is reported as undefined where neither "
        "coder applied a code, or both applied it to all of the text, because chance agreement is then certain "
        "and kappa is 0/0 (some software reports 1 in this case). " + ALPHA_UNDEFINED)


def test_methods_paragraph_for_pooled_segments_at_80_percent_combined_over_codes() -> None:
    spec = MethodsSpec(Unit.SEGMENT, [MeasureName.PERCENT], Aggregation.POOLED, ["amira", "ben"], 3, 2,
                       overlap=0.8, across_codes=Aggregation.POOLED)
    assert methods_paragraph(spec) == (
        "Agreement was computed at the segment level over 3 documents and 2 codes for coders amira and ben: "
        "percent agreement. " + SEGMENTS.format(share=80) +
        "Values were pooled over documents: the units of all documents were counted together and each statistic "
        "computed once, so every unit carries the same weight. Codes were combined into one figure in the same "
        "way (pooled over codes).")


# ------------------------------------------------------------------ the values' own invariants
@pytest.mark.parametrize("counts", [(-1, 0, 0, 0), (0, -1, 0, 0), (0, 0, -1, 0), (0, 0, 0, -1)])
def test_a_table_refuses_any_negative_count(counts: tuple[int, int, int, int]) -> None:
    with pytest.raises(ValueError, match="^table counts cannot be negative$"):
        AgreementTable(*counts)


@pytest.mark.parametrize("value, reason", [(None, None), (0.5, "both")])
def test_a_measure_holds_exactly_one_of_value_or_reason(value: float | None, reason: str | None) -> None:
    with pytest.raises(ValueError, match="^a Measure holds exactly one of value or reason$"):
        Measure(value, reason)

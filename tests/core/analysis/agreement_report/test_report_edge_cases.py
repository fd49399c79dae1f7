"""Edge cases of the report: nobody coded, one coder only, own overlaps, empty text, three coders,
parent codes, categories that are not exclusive, and bad selections."""

from __future__ import annotations

import random

import pytest

from framework_qa import Project
from framework_qa.core.analysis.agreement import (
    AgreementTable,
    binary_alpha,
    character_unit_types,
    krippendorff_alpha_weighted,
    two_coder_character_table,
)
from framework_qa.core.analysis.agreement.measure import NEITHER_CODED, NO_UNITS
from framework_qa.core.analysis.agreement_report import agreement_report
from framework_qa.core.errors import FqaError
from tests.core.analysis.agreement_report.agreement_support import fill


def test_nobody_coded_a_code_gives_null_kappa_with_a_note_never_1(empty_project: Project) -> None:
    fill(empty_project, {"D": "a" * 40}, ["Used", "Unused"], {"D": {"A": {"Used": [(0, 5)]}, "B": {"Used": [(0, 5)]}}})
    report = agreement_report(empty_project, ["A", "B"], codes=["Unused"]).as_json()
    row = report["per_document"][0]
    assert row["cohen_kappa"] is None and row["krippendorff_alpha"] is None
    assert row["percent_agreement"] == 1.0 and row["neither"] == 40
    reasons = [n for n in report["notes"] if n.get("measure") == "cohen_kappa" and n["where"] == "per_document"]
    assert reasons and reasons[0]["reason"] == NEITHER_CODED and reasons[0]["document"] == "D"


def test_default_codes_are_those_either_coder_used(empty_project: Project) -> None:
    fill(empty_project, {"D": "a" * 40}, ["X", "Y", "Z"],
         {"D": {"A": {"X": [(0, 5)]}, "B": {"Z": [(3, 9)]}, "C": {"Y": [(1, 2)]}}})
    report = agreement_report(empty_project, ["A", "B"]).as_json()
    assert [r["code"] for r in report["per_code"]] == ["X", "Z"]


def test_one_coder_only_gives_kappa_zero_and_a_coverage_note(empty_project: Project) -> None:
    fill(empty_project, {"D": "b" * 100, "E": "c" * 10}, ["K"], {"D": {"A": {"K": [(10, 30)]}, "B": {}}})
    report = agreement_report(empty_project, ["A", "B"]).as_json()
    row = next(r for r in report["per_document"] if r["document"] == "D")
    assert row["cohen_kappa"] == pytest.approx(0.0)
    assert row["only"] == {"A": 20, "B": 0}
    assert any(n.get("document") == "D" and "B made no codings" in n["reason"] for n in report["notes"])


def test_a_coders_overlapping_own_codings_count_once(empty_project: Project) -> None:
    fill(empty_project, {"D": "d" * 50}, ["K"],
         {"D": {"A": {"K": [(0, 10), (5, 20), (20, 25)]}, "B": {"K": [(0, 25)]}}})
    row = agreement_report(empty_project, ["A", "B"]).as_json()["per_document"][0]
    assert (row["both"], row["only"], row["neither"]) == (25, {"A": 0, "B": 0}, 25)
    assert row["cohen_kappa"] == pytest.approx(1.0)


def test_zero_length_document_has_no_units_and_undefined_values(empty_project: Project) -> None:
    fill(empty_project, {"Empty": "", "D": "e" * 20}, ["K"], {"D": {"A": {"K": [(0, 5)]}, "B": {"K": [(0, 5)]}}})
    report = agreement_report(empty_project, ["A", "B"]).as_json()
    row = next(r for r in report["per_document"] if r["document"] == "Empty")
    assert row["units"] == 0 and row["percent_agreement"] is None and row["cohen_kappa"] is None
    assert any(n.get("document") == "Empty" and n["reason"] == NO_UNITS for n in report["notes"])
    assert report["per_code"][0]["cohen_kappa"] == pytest.approx(1.0)  # the empty text adds nothing
    assert report["per_code"][0]["size_weighted_mean"]["cohen_kappa"] == pytest.approx(1.0)


def test_stats_layer_two_coder_table_of_empty_text_is_empty() -> None:
    assert two_coder_character_table(0, [(0, 3)], [(1, 2)]) == AgreementTable()


def test_three_coders_report_fleiss_and_null_cohen_with_a_note(empty_project: Project) -> None:
    fill(empty_project, {"D": "f" * 30}, ["K"],
         {"D": {"A": {"K": [(0, 10)]}, "B": {"K": [(0, 12)]}, "C": {"K": [(2, 10)]}}})
    report = agreement_report(empty_project, ["A", "B", "C"]).as_json()
    row = report["per_document"][0]
    assert row["fleiss_kappa"] is not None and row["cohen_kappa"] is None
    assert row["only"] == {"A": 0, "B": 2, "C": 0} and row["both"] == 8
    assert any("Cohen's kappa compares two coders" in n["reason"] for n in report["notes"])
    assert "Fleiss' kappa" in report["methods"]


def test_segment_unit_refuses_three_coders(empty_project: Project) -> None:
    fill(empty_project, {"D": "g" * 10}, ["K"], {"D": {"A": {"K": [(0, 1)]}, "B": {}, "C": {}}})
    with pytest.raises(FqaError, match="exactly two coders"):
        agreement_report(empty_project, ["A", "B", "C"], unit="segment")


@pytest.mark.parametrize(("coders", "message"), [(["A"], "two different coders"), (["A", "A"], "two different"),
                                                  (["A", "Nobody"], "no coder named")])
def test_bad_coder_choices_are_refused(empty_project: Project, coders: list[str], message: str) -> None:
    fill(empty_project, {"D": "h" * 10}, ["K"], {"D": {"A": {"K": [(0, 1)]}, "B": {}}})
    with pytest.raises(FqaError, match=message):
        agreement_report(empty_project, coders)


def test_a_parent_code_stands_for_itself_and_the_report_says_so(empty_project: Project) -> None:
    fill(empty_project, {"D": "i" * 30}, ["P", "P/c1", "P/c2"],
         {"D": {"A": {"P/c1": [(0, 10)]}, "B": {"P/c1": [(0, 10)]}}})
    report = agreement_report(empty_project, ["A", "B"], codes=["P"]).as_json()
    assert report["per_code"][0]["both"] == 0  # the children's codings are not folded in
    assert any("'P' has child codes" in n["reason"] for n in report["notes"])


def test_category_with_overlapping_children_is_undefined_with_the_place(empty_project: Project) -> None:
    fill(empty_project, {"D": "j" * 40}, ["P", "P/c1", "P/c2"],
         {"D": {"A": {"P/c1": [(0, 10)], "P/c2": [(5, 15)]}, "B": {"P/c1": [(0, 10)], "P/c2": [(10, 15)]}}})
    report = agreement_report(empty_project, ["A", "B"]).as_json()
    (category,) = report["per_category"]
    assert category["krippendorff_alpha"] is None
    note = next(n for n in report["notes"] if n["where"] == "per_category")
    assert "not mutually exclusive" in note["reason"] and "'P/c1' and 'P/c2'" in note["reason"]


def test_uncoded_setting_changes_category_alpha_and_is_named(empty_project: Project) -> None:
    fill(empty_project, {"D": "k" * 40}, ["P", "P/c1", "P/c2"],
         {"D": {"A": {"P/c1": [(0, 10)], "P/c2": [(20, 30)]}, "B": {"P/c1": [(0, 12)], "P/c2": [(22, 30)]}}})
    missing = agreement_report(empty_project, ["A", "B"], uncoded="missing").as_json()
    none = agreement_report(empty_project, ["A", "B"], uncoded="none").as_json()
    assert missing["per_category"][0]["krippendorff_alpha"] == pytest.approx(1.0)
    assert none["per_category"][0]["krippendorff_alpha"] < 1.0
    assert none["per_category"][0]["uncoded"] == "none" and none["settings"]["uncoded_in_categories"] == "none"
    assert 'its own value "none"' in none["methods"]


def test_size_weighted_mean_differs_from_pooled_and_is_reported(empty_project: Project) -> None:
    fill(empty_project, {"Long": "l" * 200, "Short": "s" * 40}, ["K"],
         {"Long": {"A": {"K": [(0, 100)]}, "B": {"K": [(0, 90)]}},
          "Short": {"A": {"K": [(0, 10)]}, "B": {"K": [(5, 15)]}}})
    report = agreement_report(empty_project, ["A", "B"]).as_json()
    code = report["per_code"][0]
    rows = report["per_document"]
    weighted = sum(r["cohen_kappa"] * r["units"] for r in rows) / sum(r["units"] for r in rows)
    assert code["size_weighted_mean"]["cohen_kappa"] == pytest.approx(weighted)
    both, a, b, neither = 95, 15, 5, 125  # the pooled table
    t = 240
    p_e = ((both + a) / t) * ((both + b) / t) + ((neither + a) / t) * ((neither + b) / t)
    assert code["cohen_kappa"] == pytest.approx(((both + neither) / t - p_e) / (1 - p_e))
    assert code["cohen_kappa"] != pytest.approx(weighted)


@pytest.mark.parametrize("seed", range(30))
def test_fast_two_coder_table_and_closed_form_alpha_equal_the_general_sweep(seed: int) -> None:
    rng = random.Random(seed)
    length = rng.randint(0, 200)
    sets = [[(rng.randint(-5, 210), rng.randint(-5, 210)) for _ in range(rng.randint(0, 6))] for _ in range(2)]
    types = character_unit_types(length, sets)
    table = two_coder_character_table(length, *sets)
    assert table == AgreementTable(types.get((1, 1), 0), types.get((1, 0), 0), types.get((0, 1), 0),
                                   types.get((0, 0), 0))
    expected, got = krippendorff_alpha_weighted(types), binary_alpha(table)
    assert (expected.value is None) == (got.value is None)
    if got.value is not None:
        assert got.value == pytest.approx(expected.value)
    else:
        assert got.reason == expected.reason

"""The published worked examples of the reference, reproduced exactly."""

from __future__ import annotations

import pytest

from framework_qa.core.analysis.agreement import (
    AgreementTable,
    brennan_prediger_kappa,
    character_table,
    cohen_kappa,
    expected_agreement,
    fleiss_kappa,
    krippendorff_alpha,
    percent_agreement,
)

# Krippendorff (2011), example C: observers A-D (rows) by units 1-12, None = missing.
EXAMPLE_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


@pytest.mark.parametrize(
    ("metric", "expected"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_example_c_reproduces_every_metric(metric: str, expected: float) -> None:
    alpha = krippendorff_alpha(EXAMPLE_C, metric)
    assert alpha.value is not None
    assert round(alpha.value, 3) == expected


def test_cohen_table_20_5_10_15_gives_kappa_040() -> None:
    table = AgreementTable.from_matrix([[20, 5], [10, 15]])
    assert percent_agreement(table).value == pytest.approx(0.70)
    assert expected_agreement(table) == pytest.approx(0.50)
    assert cohen_kappa(table).value == pytest.approx(0.40)


def test_cohen_example_as_character_coding_of_50_character_document() -> None:
    table = character_table(50, {"A": [(0, 25)], "B": [(0, 20), (25, 35)]})
    assert table == AgreementTable(both=20, only_a=5, only_b=10, neither=15)
    assert cohen_kappa(table).value == pytest.approx(0.40)


@pytest.mark.parametrize(("only_a", "only_b", "kappa"), [(150, 0, 0.3478), (75, 75, 0.3143)])
def test_nvivo_1000_character_example(only_a: int, only_b: int, kappa: float) -> None:
    table = AgreementTable(both=50, only_a=only_a, only_b=only_b, neither=800)
    assert percent_agreement(table).value == pytest.approx(0.85)
    value = cohen_kappa(table).value
    assert value is not None and round(value, 4) == kappa


def test_nvivo_units_formula_matches_probability_formula() -> None:
    table = AgreementTable(both=50, only_a=75, only_b=75, neither=800)
    t = table.total
    ef = table.coded_a * table.coded_b / t + (t - table.coded_a) * (t - table.coded_b) / t
    assert cohen_kappa(table).value == pytest.approx((table.agreements - ef) / (t - ef))


def test_segment_level_28_of_30_with_3_codes_gives_brennan_prediger_0900() -> None:
    assert brennan_prediger_kappa(28, 30, 3).value == pytest.approx(0.900)


def test_fleiss_1971_table_as_published_gives_0210() -> None:
    # Fleiss (1971) psychiatric diagnoses: 10 subjects, 14 raters, 5 categories (also Wikipedia's example):
    # P_bar = 0.378, P_e = 0.213, kappa = 0.210.
    table = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
    value = fleiss_kappa(table).value
    assert value is not None and round(value, 3) == 0.210

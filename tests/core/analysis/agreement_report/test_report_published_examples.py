"""The published examples of the reference, reproduced through the real path: project, codings, report."""

from __future__ import annotations

import pytest

from framework_qa import Project
from framework_qa.core.analysis.agreement_report import agreement_report
from tests.core.analysis.agreement_report.agreement_support import fill


def test_cohen_example_as_character_coding_gives_kappa_040(empty_project: Project) -> None:
    fill(empty_project, {"D": "x" * 50}, ["Code"],
         {"D": {"A": {"Code": [(0, 25)]}, "B": {"Code": [(0, 20), (25, 35)]}}})
    report = agreement_report(empty_project, ["A", "B"]).as_json()
    row = report["per_document"][0]
    assert (row["units"], row["both"], row["only"], row["neither"]) == (50, 20, {"A": 5, "B": 10}, 15)
    assert row["percent_agreement"] == pytest.approx(0.70)
    assert row["cohen_kappa"] == pytest.approx(0.40)
    assert report["per_code"][0]["cohen_kappa"] == pytest.approx(0.40)
    assert report["overall"]["cohen_kappa"] == pytest.approx(0.40)


@pytest.mark.parametrize(("only_a", "only_b", "kappa"), [(150, 0, 0.3478), (75, 75, 0.3143)])
def test_nvivo_help_example_agreement_85_and_kappa_by_split(
    empty_project: Project, only_a: int, only_b: int, kappa: float
) -> None:
    a = [(0, 50 + only_a)]
    b = [(0, 50)] + ([(50 + only_a, 50 + only_a + only_b)] if only_b else [])
    fill(empty_project, {"D": "y" * 1000}, ["Code"], {"D": {"A": {"Code": a}, "B": {"Code": b}}})
    row = agreement_report(empty_project, ["A", "B"]).as_json()["per_document"][0]
    assert (row["both"], row["neither"]) == (50, 800)
    assert row["percent_agreement"] == pytest.approx(0.85)
    assert row["cohen_kappa"] == pytest.approx(kappa, abs=5e-5)


def test_segment_example_28_of_30_with_3_codes_gives_brennan_prediger_0900(empty_project: Project) -> None:
    codes = ["C1", "C2", "C3"]
    a: dict[str, list[tuple[int, int]]] = {c: [] for c in codes}
    b: dict[str, list[tuple[int, int]]] = {c: [] for c in codes}
    for k in range(14):  # 14 identical pairs: 28 agreeing segments
        a[codes[k % 3]].append((k * 20, k * 20 + 10))
        b[codes[k % 3]].append((k * 20, k * 20 + 10))
    a["C1"].append((400, 410))  # one segment each that the other coder lacks
    b["C2"].append((420, 430))
    fill(empty_project, {"D": "z" * 500}, codes, {"D": {"A": a, "B": b}})
    overall = agreement_report(empty_project, ["A", "B"], unit="segment", codes=codes).as_json()["overall"]
    assert (overall["units"], overall["both"]) == (30, 28)
    assert overall["percent_agreement"] == pytest.approx(0.9333, abs=5e-5)
    assert overall["brennan_prediger_kappa"] == pytest.approx(0.900)
    assert overall["cohen_kappa"] is None


KRIPPENDORFF_C = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}


def _code_example_c(project: Project) -> None:
    text = "\n".join(f"unit{u:02d}" for u in range(12))  # 12 paragraphs of 6 characters
    spans = [(u * 7, u * 7 + 6) for u in range(12)]
    codings = {"D": {
        coder: {f"Scale/{v}": [spans[u] for u, x in enumerate(values) if x == v] for v in range(1, 6)}
        for coder, values in KRIPPENDORFF_C.items()
    }}
    fill(project, {"D": text}, ["Scale", *[f"Scale/{v}" for v in range(1, 6)]], codings)


def test_krippendorff_example_c_as_exclusive_category_gives_nominal_alpha_0743(empty_project: Project) -> None:
    _code_example_c(empty_project)
    report = agreement_report(empty_project, list(KRIPPENDORFF_C), unit="paragraph").as_json()
    (category,) = report["per_category"]
    assert category["category"] == "Scale"
    assert category["uncoded"] == "missing"
    assert category["krippendorff_alpha"] == pytest.approx(0.743, abs=5e-4)
    assert "Krippendorff's alpha (nominal)" in report["methods"]
    assert "treated as missing" in report["methods"]


def test_example_c_at_character_level_equals_the_krippendorff_package_on_per_character_data(
    empty_project: Project,
) -> None:
    krippendorff = pytest.importorskip("krippendorff")
    _code_example_c(empty_project)
    report = agreement_report(empty_project, list(KRIPPENDORFF_C), unit="character").as_json()
    rows = [[x for x in values for _ in range(6)] for values in KRIPPENDORFF_C.values()]
    data = [[float("nan") if x is None else float(x) for x in row] for row in rows]
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert report["per_category"][0]["krippendorff_alpha"] == pytest.approx(expected)

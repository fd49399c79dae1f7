"""Random projects: every count and measure of the report equals an independent per-character computation."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from framework_qa import new_project
from framework_qa.core.analysis.agreement_report import agreement_report
from tests.core.analysis.agreement_report.agreement_support import fill

krippendorff = pytest.importorskip("krippendorff")


def _random_codings(rng: random.Random, lengths: dict[str, int], coders: list[str], codes: list[str]):
    out: dict[str, dict[str, dict[str, list[tuple[int, int]]]]] = {}
    for doc, length in lengths.items():
        out[doc] = {}
        for coder in coders:
            out[doc][coder] = {}
            for code in codes:
                intervals = []
                for _ in range(rng.randint(0, 4)):
                    s = rng.randrange(length)
                    intervals.append((s, min(length, s + rng.randint(1, 40))))
                out[doc][coder][code] = intervals
    return out


def _kappa(both: int, a: int, b: int, neither: int) -> float | None:
    t = both + a + b + neither
    p_o = (both + neither) / t
    p_e = ((both + a) / t) * ((both + b) / t) + ((neither + b) / t) * ((neither + a) / t)
    return None if p_e == 1 else (p_o - p_e) / (1 - p_e)


def _alpha(rows: list[list[int]]) -> float | None:
    if len({v for row in rows for v in row}) < 2:
        return None
    return float(krippendorff.alpha(reliability_data=rows, level_of_measurement="nominal"))


def _masks(length: int, intervals: list[tuple[int, int]]) -> list[int]:
    mask = [0] * length
    for s, e in intervals:
        for i in range(s, e):
            mask[i] = 1
    return mask


@pytest.mark.parametrize("seed", range(6))
def test_two_coder_character_report_equals_per_character_computation(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    lengths = {f"D{i}": rng.randint(60, 300) for i in range(3)}
    codes = ["C1", "C2", "C3"]
    codings = _random_codings(rng, lengths, ["A", "B"], codes)
    with new_project(tmp_path / "r.fqa") as project:
        fill(project, {d: "w" * n for d, n in lengths.items()}, codes, codings)
        report = agreement_report(project, ["A", "B"], codes=codes).as_json()
    rows = {(r["code"], r["document"]): r for r in report["per_document"]}
    everything: list[list[int]] = [[], []]
    for code in codes:
        pooled: list[list[int]] = [[], []]
        for doc, length in lengths.items():
            a = _masks(length, codings[doc]["A"][code])
            b = _masks(length, codings[doc]["B"][code])
            both = sum(x & y for x, y in zip(a, b, strict=True))
            only_a, only_b = sum(a) - both, sum(b) - both
            neither = length - both - only_a - only_b
            row = rows[(code, doc)]
            assert (row["both"], row["only"], row["neither"]) == (both, {"A": only_a, "B": only_b}, neither)
            assert row["percent_agreement"] == pytest.approx((both + neither) / length)
            assert row["cohen_kappa"] == pytest.approx(_kappa(both, only_a, only_b, neither))
            assert row["krippendorff_alpha"] == pytest.approx(_alpha([a, b]))
            coded = both + only_a + only_b
            assert row["jaccard"] == (pytest.approx(both / coded) if coded else None)
            pooled[0] += a
            pooled[1] += b
        per_code = next(r for r in report["per_code"] if r["code"] == code)
        assert per_code["krippendorff_alpha"] == pytest.approx(_alpha(pooled))
        both = sum(x & y for x, y in zip(*pooled, strict=True))
        assert per_code["cohen_kappa"] == pytest.approx(
            _kappa(both, sum(pooled[0]) - both, sum(pooled[1]) - both, len(pooled[0]) - sum(pooled[0]) - sum(pooled[1]) + both))
        everything[0] += pooled[0]
        everything[1] += pooled[1]
    assert report["overall"]["krippendorff_alpha"] == pytest.approx(_alpha(everything))


@pytest.mark.parametrize("seed", range(4))
def test_three_coder_report_equals_per_character_alpha_and_fleiss(tmp_path: Path, seed: int) -> None:
    rng = random.Random(100 + seed)
    lengths = {"D1": rng.randint(80, 200), "D2": rng.randint(80, 200)}
    coders = ["A", "B", "C"]
    codings = _random_codings(rng, lengths, coders, ["K"])
    with new_project(tmp_path / "r3.fqa") as project:
        fill(project, {d: "v" * n for d, n in lengths.items()}, ["K"], codings)
        report = agreement_report(project, coders, codes=["K"]).as_json()
    for row in report["per_document"]:
        masks = [_masks(lengths[row["document"]], codings[row["document"]][c]["K"]) for c in coders]
        assert row["krippendorff_alpha"] == pytest.approx(_alpha(masks))
        n, units = 3, len(masks[0])
        ones = [sum(m[i] for m in masks) for i in range(units)]
        p_bar = sum((k * k + (n - k) * (n - k) - n) / (n * (n - 1)) for k in ones) / units
        p1 = sum(ones) / (units * n)
        p_e = p1 * p1 + (1 - p1) * (1 - p1)
        fleiss = None if p_e == 1 else (p_bar - p_e) / (1 - p_e)
        assert row["fleiss_kappa"] == pytest.approx(fleiss)
        assert row["cohen_kappa"] is None
        assert row["both"] == sum(1 for k in ones if k == 3)
        assert row["neither"] == sum(1 for k in ones if k == 0)
        assert row["percent_agreement"] == pytest.approx(sum(1 for k in ones if k in (0, 3)) / units)


@pytest.mark.parametrize("seed", range(4))
def test_paragraph_report_counts_a_paragraph_as_coded_when_any_character_is(tmp_path: Path, seed: int) -> None:
    rng = random.Random(200 + seed)
    paragraphs = [rng.randint(5, 30) for _ in range(12)]
    text = "\n".join("p" * n for n in paragraphs)
    spans, at = [], 0
    for n in paragraphs:
        spans.append((at, at + n))
        at += n + 1
    codings = _random_codings(rng, {"D": len(text)}, ["A", "B"], ["K"])
    with new_project(tmp_path / "p.fqa") as project:
        fill(project, {"D": text}, ["K"], codings)
        row = agreement_report(project, ["A", "B"], unit="paragraph", codes=["K"]).as_json()["per_document"][0]
    a_mask = _masks(len(text), codings["D"]["A"]["K"])
    b_mask = _masks(len(text), codings["D"]["B"]["K"])
    a = [int(any(a_mask[s:e])) for s, e in spans]
    b = [int(any(b_mask[s:e])) for s, e in spans]
    both = sum(x & y for x, y in zip(a, b, strict=True))
    assert row["units"] == 12
    assert (row["both"], row["only"]["A"], row["only"]["B"]) == (both, sum(a) - both, sum(b) - both)
    assert row["cohen_kappa"] == pytest.approx(_kappa(both, sum(a) - both, sum(b) - both, 12 - sum(a) - sum(b) + both))

"""Interval arithmetic checked against an independent per-character computation (numpy, tests only)."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framework_qa.core.analysis.agreement import (
    Uncoded,
    category_character_unit_types,
    character_table,
    character_unit_types,
    cohen_kappa,
    fleiss_kappa_weighted,
    krippendorff_alpha_weighted,
    paragraph_table,
    paragraph_unit_types,
    segment_agreement,
    sweep,
)

Interval = tuple[int, int]


def mask(length: int, intervals: list[Interval]) -> np.ndarray:
    m = np.zeros(max(length, 0), dtype=bool)
    for s, e in intervals:
        m[max(s, 0) : max(min(e, length), 0)] = True
    return m


@st.composite
def coded_document(draw: st.DrawFn, coders: int) -> tuple[int, list[list[Interval]]]:
    length = draw(st.integers(0, 60))
    interval = st.tuples(st.integers(-5, 65), st.integers(0, 20)).map(lambda p: (p[0], p[0] + p[1]))
    sets = [draw(st.lists(interval, max_size=6)) for _ in range(coders)]
    return length, sets


@settings(max_examples=200, deadline=None)
@given(data=st.integers(2, 3).flatmap(coded_document))
def test_character_unit_types_equal_per_character_counts(data: tuple[int, list[list[Interval]]]) -> None:
    length, sets = data
    masks = np.array([mask(length, s) for s in sets]).reshape(len(sets), max(length, 0))
    expected: dict[tuple[int, ...], int] = {}
    for column in masks.T:
        key = tuple(int(x) for x in column)
        expected[key] = expected.get(key, 0) + 1
    assert character_unit_types(length, sets) == expected


@settings(max_examples=200, deadline=None)
@given(data=coded_document(2))
def test_character_table_and_kappa_equal_per_character_computation(
    data: tuple[int, list[list[Interval]]],
) -> None:
    length, sets = data
    a, b = mask(length, sets[0]), mask(length, sets[1])
    table = character_table(length, {"a": sets[0], "b": sets[1]})
    assert (table.both, table.only_a, table.only_b, table.neither) == (
        int((a & b).sum()),
        int((a & ~b).sum()),
        int((~a & b).sum()),
        int((~a & ~b).sum()),
    )
    kappa = cohen_kappa(table)
    if length == 0 or (a.all() and b.all()) or not (a.any() or b.any()):
        assert kappa.value is None
    else:
        p_o = float((a == b).mean())
        p_e = float(a.mean() * b.mean() + (1 - a.mean()) * (1 - b.mean()))
        assert kappa.value == pytest.approx((p_o - p_e) / (1 - p_e))


@settings(max_examples=200, deadline=None)
@given(data=st.integers(2, 3).flatmap(coded_document), seed=st.integers(0, 10**6))
def test_paragraph_unit_types_equal_per_character_any_rule(
    data: tuple[int, list[list[Interval]]], seed: int
) -> None:
    length, sets = data
    rng = np.random.default_rng(seed)
    cuts = sorted({0, length, *rng.integers(0, length + 1, size=5).tolist()})
    spans = list(zip(cuts, cuts[1:], strict=False))
    masks = [mask(length, s) for s in sets]
    expected: dict[tuple[int, ...], int] = {}
    for s, e in spans:
        key = tuple(int(m[s:e].any()) for m in masks)
        expected[key] = expected.get(key, 0) + 1
    assert paragraph_unit_types(spans, sets) == expected
    if len(sets) == 2:
        table = paragraph_table(spans, sets)
        assert table.total == len(spans)


def brute_segment_matches(own: list[Interval], other: list[Interval], overlap: float, length: int) -> int:
    count = 0
    for s in own:
        ms = mask(length, [s])
        for o in other:
            mo = mask(length, [o])
            inter, union = int((ms & mo).sum()), int((ms | mo).sum())
            if inter and inter / union >= overlap:
                count += 1
                break
    return count


def merged_by_mask(length: int, intervals: list[Interval]) -> list[Interval]:
    m = np.concatenate([[False], mask(length, intervals), [False]])
    edges = np.flatnonzero(m[1:] != m[:-1])
    return [(int(s), int(e)) for s, e in zip(edges[::2], edges[1::2], strict=True)]


@settings(max_examples=200, deadline=None)
@given(data=coded_document(2), overlap=st.sampled_from([0.5, 0.75, 0.9, 1.0]))
def test_segment_agreement_equals_brute_force_masks(
    data: tuple[int, list[list[Interval]]], overlap: float
) -> None:
    _, sets = data
    length = 100  # segments are not clipped; make the mask cover them all
    a = merged_by_mask(length, [(max(s, 0), e) for s, e in sets[0]])
    b = merged_by_mask(length, [(max(s, 0), e) for s, e in sets[1]])
    result = segment_agreement(
        [(max(s, 0), e) for s, e in sets[0]], [(max(s, 0), e) for s, e in sets[1]], overlap
    )
    assert (result.segments_a, result.segments_b) == (len(a), len(b))
    assert result.agreed_a == brute_segment_matches(a, b, overlap, length)
    assert result.agreed_b == brute_segment_matches(b, a, overlap, length)


@settings(max_examples=100, deadline=None)
@given(data=st.integers(2, 3).flatmap(coded_document))
def test_binary_character_alpha_equals_krippendorff_package_on_per_character_data(
    data: tuple[int, list[list[Interval]]],
) -> None:
    length, sets = data
    ours = krippendorff_alpha_weighted(character_unit_types(length, sets))
    matrix = np.array([mask(length, s) for s in sets], dtype=float).reshape(len(sets), max(length, 0))
    if ours.value is None:
        assert length == 0 or len(np.unique(matrix)) <= 1
        return
    assert ours.value == pytest.approx(
        krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    )


@settings(max_examples=100, deadline=None)
@given(data=st.integers(2, 3).flatmap(coded_document))
def test_binary_character_fleiss_equals_per_character_fleiss(data: tuple[int, list[list[Interval]]]) -> None:
    length, sets = data
    ours = fleiss_kappa_weighted(character_unit_types(length, sets))
    matrix = np.array([mask(length, s) for s in sets], dtype=int).reshape(len(sets), max(length, 0))
    n = len(sets)
    yes = matrix.sum(axis=0)
    counts = np.stack([yes, n - yes], axis=1)
    if length == 0 or (counts.sum(axis=0) == 0).any():
        assert ours.value is None
        return
    p_i = ((counts**2).sum(axis=1) - n) / (n * (n - 1))
    p_j = counts.sum(axis=0) / (length * n)
    p_e = float((p_j**2).sum())
    assert ours.value == pytest.approx((p_i.mean() - p_e) / (1 - p_e))


@settings(max_examples=100, deadline=None)
@given(length=st.integers(1, 60), seed=st.integers(0, 10**6), coders=st.integers(2, 3))
def test_category_alpha_equals_package_per_character(length: int, seed: int, coders: int) -> None:
    rng = np.random.default_rng(seed)
    codes_by_coder: dict[str, dict[str, list[Interval]]] = {}
    labels = np.full((coders, length), np.nan)
    for c in range(coders):
        cuts = sorted({0, length, *rng.integers(0, length + 1, size=4).tolist()})
        by_code: dict[str, list[Interval]] = {}
        for s, e in zip(cuts, cuts[1:], strict=False):
            choice = int(rng.integers(0, 4))  # 0 = uncoded, else child code 1..3 (exclusive by construction)
            if choice:
                by_code.setdefault(f"code{choice}", []).append((s, e))
                labels[c, s:e] = choice
        codes_by_coder[f"coder{c}"] = by_code
    for uncoded in (Uncoded.MISSING, Uncoded.NONE):
        ours = krippendorff_alpha_weighted(category_character_unit_types(length, codes_by_coder, uncoded))
        data = labels if uncoded is Uncoded.MISSING else np.nan_to_num(labels, nan=0.0)
        pairable = (~np.isnan(data)).sum(axis=0) >= 2
        values = np.unique(data[:, pairable])
        values = values[~np.isnan(values)]
        if ours.value is None:
            assert len(values) <= 1
        else:
            assert ours.value == pytest.approx(
                krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
            )


def test_sweep_pieces_tile_the_document_in_order() -> None:
    pieces = list(sweep([[(2, 5)], [(4, 8)]], 10))
    assert [(p.start, p.end, p.covered) for p in pieces] == [
        (0, 2, (False, False)),
        (2, 4, (True, False)),
        (4, 5, (True, True)),
        (5, 8, (False, True)),
        (8, 10, (False, False)),
    ]

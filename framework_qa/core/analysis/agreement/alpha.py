"""Krippendorff's alpha from weighted unit types, for any number of coders with missing values.

A unit type is the tuple of values the coders gave one unit (None = missing); its weight is how many units
have that tuple. Alpha depends on the data only through these counts, so character units cost as much as
the number of elementary pieces of the interval sweep, not the number of characters.

Definitions follow Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": coincidences
o_ck = sum_u (ordered c-k pairs in u) / (m_u - 1), n_c = sum_k o_ck, n = sum_c n_c, alpha = 1 - D_o / D_e with
D_o = sum o_ck d(c, k) / n and D_e = sum n_c n_k d(c, k) / (n (n - 1)).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from enum import StrEnum
from itertools import accumulate
from typing import TypeVar

from .measure import NO_PAIRABLE, NO_VARIATION, Measure

UnitType = tuple[Hashable | None, ...]
UT = TypeVar("UT", bound=UnitType)


class Metric(StrEnum):
    NOMINAL = "nominal"
    ORDINAL = "ordinal"
    INTERVAL = "interval"
    RATIO = "ratio"


def coincidences(unit_types: Mapping[UT, float]) -> dict[tuple[Hashable, Hashable], float]:
    """The coincidence matrix o_ck as a sparse dict; units with fewer than two values drop out."""
    o: dict[tuple[Hashable, Hashable], float] = {}
    for values, weight in unit_types.items():
        if weight == 0:
            continue
        counts = Counter(v for v in values if v is not None)
        m = sum(counts.values())
        if m < 2:
            continue
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                if pairs:
                    o[(c, k)] = o.get((c, k), 0.0) + weight * pairs / (m - 1)
    return o


def _distance(metric: Metric, marginals: dict[Hashable, float]) -> Callable[[Hashable, Hashable], float]:
    if metric is Metric.NOMINAL:
        return lambda c, k: 0.0 if c == k else 1.0
    if metric is Metric.INTERVAL:
        return lambda c, k: float((c - k) ** 2)  # type: ignore[operator]
    if metric is Metric.RATIO:
        return lambda c, k: 0.0 if c == k else float(((c - k) / (c + k)) ** 2)  # type: ignore[operator]
    ordered = sorted(marginals)  # type: ignore[type-var]
    rank = {v: i for i, v in enumerate(ordered)}
    cumulative = [0.0, *accumulate(marginals[v] for v in ordered)]

    def ordinal(c: Hashable, k: Hashable) -> float:
        i, j = sorted((rank[c], rank[k]))
        between = cumulative[j + 1] - cumulative[i]
        return (between - (marginals[c] + marginals[k]) / 2) ** 2

    return ordinal


def krippendorff_alpha_weighted(
    unit_types: Mapping[UT, float], metric: Metric | str = Metric.NOMINAL
) -> Measure:
    """Alpha from weighted unit types.

    Values are any hashable for the nominal metric and numbers for ordinal, interval and ratio. Undefined
    when no unit has two or more values, or when the expected disagreement D_e is 0 (every pairable value
    the same: e.g. binary alpha for a code nobody, or everybody, applied).
    """
    metric = Metric(metric)
    o = coincidences(unit_types)
    marginals: dict[Hashable, float] = {}
    for (c, _), value in o.items():
        marginals[c] = marginals.get(c, 0.0) + value
    n = sum(marginals.values())
    if n <= 0:
        return Measure.undefined(NO_PAIRABLE)
    d = _distance(metric, marginals)
    values = list(marginals)
    expected = sum(marginals[c] * marginals[k] * d(c, k) for c in values for k in values if c != k)
    if expected == 0:
        return Measure.undefined(NO_VARIATION)
    observed = sum(value * d(c, k) for (c, k), value in o.items() if c != k)
    return Measure.of(1 - (n - 1) * observed / expected)


def unit_types_from_data(reliability_data: Sequence[Sequence[Hashable | None]]) -> dict[UnitType, int]:
    """Count the unit types of a coders x units table (one row per coder, None = missing)."""
    if len({len(row) for row in reliability_data}) > 1:
        raise ValueError("every coder's row must have one entry per unit")
    return dict(Counter(zip(*reliability_data, strict=True)))


def krippendorff_alpha(
    reliability_data: Sequence[Sequence[Hashable | None]], metric: Metric | str = Metric.NOMINAL
) -> Measure:
    """Alpha for a coders x units table (rows coders, columns units, None = missing)."""
    return krippendorff_alpha_weighted(unit_types_from_data(reliability_data), metric)


def merge_unit_types(maps: Sequence[Mapping[UT, float]]) -> dict[UT, float]:
    """Sum unit-type weights across documents (pooling for alpha)."""
    total: dict[UT, float] = {}
    for mapping in maps:
        for key, weight in mapping.items():
            total[key] = total.get(key, 0) + weight
    return total

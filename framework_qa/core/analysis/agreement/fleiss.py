"""Fleiss' kappa: several coders, every unit rated by the same number of coders (Fleiss 1971)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from .alpha import UT
from .measure import NO_UNITS, NO_VARIATION, Measure


def fleiss_kappa(counts: Sequence[Sequence[float]], weights: Sequence[float] | None = None) -> Measure:
    """Fleiss' kappa from an N units x k categories table of how many coders put unit i in category j.

    `weights` (default all 1) says how many units each row stands for, so identical rows can be given once
    (characters from the interval sweep). Raises ValueError when rows have different rater totals or fewer
    than two raters; undefined when there are no units or every rating falls in one category (P_e = 1).
    """
    rows = [list(row) for row in counts]
    w = [1.0] * len(rows) if weights is None else [float(x) for x in weights]
    if len(w) != len(rows):
        raise ValueError("one weight per row")
    pairs = [(row, wi) for row, wi in zip(rows, w, strict=True) if wi > 0]
    if not pairs:
        return Measure.undefined(NO_UNITS)
    raters = {sum(row) for row, _ in pairs}
    if len(raters) != 1:
        raise ValueError("Fleiss' kappa needs every unit rated by the same number of coders")
    n = raters.pop()
    if n < 2:
        raise ValueError("Fleiss' kappa needs at least two coders per unit")
    units = sum(wi for _, wi in pairs)
    k = max(len(row) for row, _ in pairs)
    category_totals = [0.0] * k
    p_bar = 0.0
    for row, wi in pairs:
        p_bar += wi * (sum(x * x for x in row) - n) / (n * (n - 1))
        for j, x in enumerate(row):
            category_totals[j] += wi * x
    p_bar /= units
    p_e = sum((t / (units * n)) ** 2 for t in category_totals)
    if sum(1 for t in category_totals if t > 0) <= 1:
        return Measure.undefined(NO_VARIATION)
    return Measure.of((p_bar - p_e) / (1 - p_e))


def fleiss_kappa_weighted(unit_types: Mapping[UT, float]) -> Measure:
    """Fleiss' kappa from weighted unit types (as for `krippendorff_alpha_weighted`); no missing values."""
    if any(None in key for key, weight in unit_types.items() if weight):
        raise ValueError("Fleiss' kappa needs every coder's value for every unit (no missing values)")
    categories = sorted({v for key in unit_types for v in key}, key=repr)
    rows, weights = [], []
    for key, weight in unit_types.items():
        counter = Counter(key)
        rows.append([counter[c] for c in categories])
        weights.append(weight)
    return fleiss_kappa(rows, weights)

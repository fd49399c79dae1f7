"""Krippendorff's alpha against the `krippendorff` package on random reliability data."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Literal

import krippendorff
import numpy as np
import pytest

from framework_qa.core.analysis.agreement import (
    NO_CODE,
    krippendorff_alpha,
    krippendorff_alpha_weighted,
    unit_types_from_data,
)


@pytest.mark.parametrize("metric", ["nominal", "ordinal", "interval", "ratio"])
@pytest.mark.parametrize("seed", range(25))
def test_alpha_equals_krippendorff_package_with_missing_values(
    metric: Literal["nominal", "ordinal", "interval", "ratio"], seed: int
) -> None:
    rng = np.random.default_rng(seed)
    coders, units = int(rng.integers(2, 6)), int(rng.integers(2, 40))
    data = rng.integers(1, 6, size=(coders, units)).astype(float)
    data[rng.random(size=data.shape) < 0.25] = np.nan
    rows = [[None if np.isnan(x) else int(x) for x in row] for row in data]
    ours = krippendorff_alpha(rows, metric)
    pairable = (~np.isnan(data)).sum(axis=0) >= 2
    if ours.value is None:
        assert len(np.unique(data[:, pairable])) <= 1
        return
    assert ours.value == pytest.approx(krippendorff.alpha(reliability_data=data, level_of_measurement=metric))


def test_weighted_unit_types_equal_repeated_units() -> None:
    rows: list[list[Hashable | None]] = [[1, 1, 2, 3, 3, None], [1, 2, 2, 3, 1, 3], [None, 2, 2, 3, 3, 3]]
    types = unit_types_from_data(rows)
    tripled = {key: weight * 3 for key, weight in types.items()}
    repeated: list[list[Hashable | None]] = [row * 3 for row in rows]
    assert krippendorff_alpha_weighted(tripled).value == pytest.approx(krippendorff_alpha(repeated).value)


def test_nominal_alpha_accepts_string_codes_and_no_code_value() -> None:
    types = {("praise", "praise"): 10, ("praise", "blame"): 2, (NO_CODE, "blame"): 3, ("blame", "blame"): 8}
    numeric = {(1, 1): 10, (1, 2): 2, (0, 2): 3, (2, 2): 8}
    assert krippendorff_alpha_weighted(types).value == pytest.approx(
        krippendorff_alpha_weighted(numeric).value
    )

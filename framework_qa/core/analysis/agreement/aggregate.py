"""Combining per-document results into one figure, in three named ways.

- pooled (default): add the documents' tables (or unit types, or segment counts) and compute once; every unit
  of the corpus weighs the same, which is what a methods section can defend;
- size-weighted mean: per-document values averaged with the number of units as weight;
- mean: plain average of per-document values, each document weighing the same.
The three differ on the same data, so results carry which one was used. Documents whose value is undefined
are left out of the means and counted in `undefined`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import reduce
from typing import TypeVar

from .alpha import UT, merge_unit_types
from .measure import Measure
from .segments import SegmentAgreement
from .table import AgreementTable

T = TypeVar("T")


class Aggregation(StrEnum):
    POOLED = "pooled"
    WEIGHTED_MEAN = "size-weighted mean"
    MEAN = "mean"


@dataclass(frozen=True, slots=True)
class AggregatedMeasure:
    """The combined measure, how it was combined, and over how many documents (`undefined` of them had no
    value and were left out of a mean; for pooling they are still inside the pooled data)."""

    measure: Measure
    aggregation: Aggregation
    documents: int
    undefined: int


def aggregate(
    items: Sequence[T],
    measure: Callable[[T], Measure],
    how: Aggregation | str,
    *,
    pool: Callable[[Sequence[T]], T],
    size: Callable[[T], float],
) -> AggregatedMeasure:
    """Combine per-document `items` (tables, unit types, segment counts) with `measure`, as `how` says."""
    how = Aggregation(how)
    per_document = [measure(item) for item in items]
    undefined = sum(1 for m in per_document if m.value is None)
    if how is Aggregation.POOLED:
        if not items:
            return AggregatedMeasure(Measure.undefined("no documents"), how, 0, 0)
        return AggregatedMeasure(measure(pool(items)), how, len(items), undefined)
    pairs = [
        (m.value, size(item)) for m, item in zip(per_document, items, strict=True) if m.value is not None
    ]
    if how is Aggregation.WEIGHTED_MEAN:
        pairs = [(v, w) for v, w in pairs if w > 0]
    if not pairs:
        reason = "no document has a defined value" if items else "no documents"
        return AggregatedMeasure(Measure.undefined(reason), how, len(items), undefined)
    if how is Aggregation.MEAN:
        value = sum(v for v, _ in pairs) / len(pairs)
    else:
        value = sum(v * w for v, w in pairs) / sum(w for _, w in pairs)
    return AggregatedMeasure(Measure.of(value), how, len(items), undefined)


def aggregate_tables(
    tables: Sequence[AgreementTable],
    measure: Callable[[AgreementTable], Measure],
    how: Aggregation | str = Aggregation.POOLED,
) -> AggregatedMeasure:
    """Aggregate a 2x2 measure (percent agreement, kappa, Jaccard) over documents; size = units."""
    return aggregate(
        tables, measure, how, pool=lambda ts: reduce(AgreementTable.__add__, ts), size=lambda t: t.total
    )


def aggregate_unit_types(
    maps: Sequence[Mapping[UT, float]],
    measure: Callable[[Mapping[UT, float]], Measure],
    how: Aggregation | str = Aggregation.POOLED,
) -> AggregatedMeasure:
    """Aggregate an alpha or Fleiss measure over documents; size = units (sum of weights)."""
    return aggregate(maps, measure, how, pool=merge_unit_types, size=lambda m: sum(m.values()))


def aggregate_segments(
    results: Sequence[SegmentAgreement],
    measure: Callable[[SegmentAgreement], Measure] = SegmentAgreement.percent,
    how: Aggregation | str = Aggregation.POOLED,
) -> AggregatedMeasure:
    """Aggregate segment-level results over documents (or codes); size = segments of both coders."""
    return aggregate(
        results, measure, how, pool=lambda rs: reduce(SegmentAgreement.__add__, rs), size=lambda r: r.total
    )

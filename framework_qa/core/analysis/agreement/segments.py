"""Segment-level agreement (MAXQDA's "segment" unit) and Brennan-Prediger kappa.

Units are the coded segments themselves. A segment of coder A agrees when coder B applied the same code to
a segment that overlaps it by at least the required share, and likewise for each segment of B; the total is
the number of A's segments plus B's. There is no "coded by neither" cell, which is why Cohen's kappa does not
apply and Brennan and Prediger's kappa (chance = 1/q for q codes) is used instead.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from .intervals import Interval, merge
from .measure import Measure

DEFAULT_OVERLAP = 0.9


def overlap_share(a: Interval, b: Interval) -> float:
    """MAXQDA's overlap percentage of two segments, as a fraction in [0, 1].

    |a ∩ b| / |a ∪ b|: the number of code points in both segments divided by the number of code points in
    either. Identical segments give 1; [0, 90) against [0, 100) gives 0.9; disjoint segments give 0. The
    measure is symmetric, so it does not matter whose segment is being checked.
    """
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union


@dataclass(frozen=True, slots=True)
class SegmentAgreement:
    """Agreeing segments of each coder and their segment counts; adds up across codes and documents."""

    agreed_a: int = 0
    segments_a: int = 0
    agreed_b: int = 0
    segments_b: int = 0

    @property
    def agreements(self) -> int:
        return self.agreed_a + self.agreed_b

    @property
    def total(self) -> int:
        return self.segments_a + self.segments_b

    def percent(self) -> Measure:
        """Agreements / total (a fraction; multiply by 100 for percent)."""
        if self.total == 0:
            return Measure.undefined("no segments: neither coder coded this text")
        return Measure.of(self.agreements / self.total)

    def __add__(self, other: SegmentAgreement) -> SegmentAgreement:
        return SegmentAgreement(
            self.agreed_a + other.agreed_a,
            self.segments_a + other.segments_a,
            self.agreed_b + other.agreed_b,
            self.segments_b + other.segments_b,
        )


def _matched(own: list[Interval], other: list[Interval], overlap: float) -> int:
    """How many of `own` have a segment in `other` overlapping by at least `overlap`.

    Both lists are sorted and disjoint, so the overlapping candidates of each segment are found by bisection
    and the total work is O((n + m) log m).
    """
    ends = [e for _, e in other]
    count = 0
    for seg in own:
        index = bisect_right(ends, seg[0])
        while index < len(other) and other[index][0] < seg[1]:
            if overlap_share(seg, other[index]) >= overlap:
                count += 1
                break
            index += 1
    return count


def segment_agreement(
    segs_a: Sequence[Interval], segs_b: Sequence[Interval], overlap: float = DEFAULT_OVERLAP
) -> SegmentAgreement:
    """Segment-level agreement of two coders for one code in one document.

    `overlap` is the required share as a fraction in (0, 1] (0.9 = MAXQDA's 90 %); see `overlap_share` for
    its exact definition. A segment agrees when some segment of the other coder shares at least one
    code point with it and `overlap_share >= overlap`. Each coder's own overlapping or touching segments are
    merged first (one stretch of text coded twice by a coder is one segment), and empty segments dropped.
    """
    if not 0 < overlap <= 1:
        raise ValueError(f"overlap is a fraction in (0, 1], got {overlap!r} (pass 0.9 for 90 %)")
    a, b = merge(segs_a), merge(segs_b)
    return SegmentAgreement(_matched(a, b, overlap), len(a), _matched(b, a, overlap), len(b))


def brennan_prediger_kappa(agreements: float, total: float, categories: int) -> Measure:
    """(p_o - 1/q) / (1 - 1/q) with p_o = agreements / total and q = `categories` (the codes compared).

    Undefined when there are no units or fewer than two categories (chance agreement is then certain).
    """
    if total <= 0:
        return Measure.undefined("no units: neither coder coded this text")
    if categories < 2:
        return Measure.undefined("fewer than two categories: chance agreement is certain")
    chance = 1 / categories
    return Measure.of((agreements / total - chance) / (1 - chance))

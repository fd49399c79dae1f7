"""Pooled, size-weighted and plain-mean aggregation over documents give their own, named results."""

from __future__ import annotations

import pytest

from framework_qa.core.analysis.agreement import (
    Aggregation,
    AgreementTable,
    SegmentAgreement,
    aggregate_segments,
    aggregate_tables,
    aggregate_unit_types,
    cohen_kappa,
    krippendorff_alpha_weighted,
    percent_agreement,
)

SMALL = AgreementTable(both=1, only_a=1, only_b=0, neither=8)  # 10 units, 90 %
LARGE = AgreementTable(both=20, only_a=5, only_b=10, neither=15)  # 50 units, 70 %
EMPTY_CODE = AgreementTable(neither=40)  # kappa undefined


def test_pooled_sums_the_tables_then_computes() -> None:
    result = aggregate_tables([SMALL, LARGE], percent_agreement)
    assert result.aggregation is Aggregation.POOLED
    assert result.measure.value == pytest.approx((9 + 35) / 60)


def test_size_weighted_and_plain_means_differ_from_pooled() -> None:
    weighted = aggregate_tables([SMALL, LARGE], percent_agreement, Aggregation.WEIGHTED_MEAN)
    plain = aggregate_tables([SMALL, LARGE], percent_agreement, "mean")
    assert weighted.measure.value == pytest.approx((0.9 * 10 + 0.7 * 50) / 60)
    assert plain.measure.value == pytest.approx(0.8)
    kappas = [aggregate_tables([SMALL, LARGE], cohen_kappa, how).measure.value for how in Aggregation]
    assert len({round(k, 9) for k in kappas if k is not None}) == 3


def test_means_leave_out_undefined_documents_and_count_them() -> None:
    result = aggregate_tables([LARGE, EMPTY_CODE], cohen_kappa, Aggregation.MEAN)
    assert result.measure.value == pytest.approx(0.40)
    assert (result.documents, result.undefined) == (2, 1)
    pooled = aggregate_tables([LARGE, EMPTY_CODE], cohen_kappa)
    assert pooled.measure.value is not None and pooled.undefined == 1


def test_all_undefined_or_no_documents_is_undefined() -> None:
    assert aggregate_tables([EMPTY_CODE], cohen_kappa, Aggregation.MEAN).measure.value is None
    assert aggregate_tables([EMPTY_CODE], cohen_kappa).measure.value is None
    assert aggregate_tables([], cohen_kappa).measure.reason == "no documents"


def test_pooled_alpha_adds_unit_types() -> None:
    doc1 = {(1, 1): 5, (0, 0): 5}
    doc2 = {(1, 0): 2, (0, 0): 8}
    pooled = aggregate_unit_types([doc1, doc2], krippendorff_alpha_weighted)
    assert pooled.measure == krippendorff_alpha_weighted({(1, 1): 5, (0, 0): 13, (1, 0): 2})


def test_segment_results_pool_across_codes() -> None:
    results = [SegmentAgreement(9, 10, 9, 10), SegmentAgreement(5, 5, 5, 5)]
    assert aggregate_segments(results).measure.value == pytest.approx(28 / 30)

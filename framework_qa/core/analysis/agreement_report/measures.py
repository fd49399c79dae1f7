"""Counts and measures of one row from binary unit types (character, paragraph) or segment results.

Unit types map the tuple of the coders' values (1 coded, 0 not) to a number of units; the same function
serves one code in one document and any pooled sum of those, so per-code and overall figures are the same
computation over merged types.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from framework_qa.core.analysis.agreement import (
    AgreementTable,
    Measure,
    SegmentAgreement,
    binary_alpha,
    brennan_prediger_kappa,
    cohen_kappa,
    fleiss_kappa_weighted,
    jaccard,
    krippendorff_alpha_weighted,
    percent_agreement,
)
from framework_qa.core.analysis.agreement.measure import NEITHER_CODED, NO_UNITS

from .result import ALPHA, BRENNAN_PREDIGER, COHEN, FLEISS, JACCARD, PERCENT, Counts

BinaryTypes = Mapping[tuple[int | None, ...], float]

TWO_CODERS_ONLY = "Cohen's kappa compares two coders (see Fleiss' kappa and Krippendorff's alpha)"
NOT_FOR_SEGMENTS = "not computed at the segment level, which has no 'coded by neither' units"


def binary_keys(coders: int) -> list[str]:
    return [PERCENT, COHEN, ALPHA, JACCARD] + ([FLEISS] if coders > 2 else [])


def segment_keys() -> list[str]:
    return [PERCENT, COHEN, ALPHA, JACCARD, BRENNAN_PREDIGER]


def table_counts(table: AgreementTable, coders: Sequence[str]) -> Counts:
    a, b = coders
    return Counts(table.total, table.both, {a: table.only_a, b: table.only_b}, table.neither)


def table_measures(table: AgreementTable) -> dict[str, Measure]:
    """The two-coder measures of one 2x2 table (alpha in closed form, equal to the unit-type computation)."""
    return {
        PERCENT: percent_agreement(table),
        COHEN: cohen_kappa(table),
        ALPHA: binary_alpha(table),
        JACCARD: jaccard(table),
    }


def types_table(types: BinaryTypes) -> AgreementTable:
    """The 2x2 table of two coders' binary unit types."""
    return AgreementTable(
        both=int(types.get((1, 1), 0)),
        only_a=int(types.get((1, 0), 0)),
        only_b=int(types.get((0, 1), 0)),
        neither=int(types.get((0, 0), 0)),
    )


def binary_counts(types: BinaryTypes, coders: Sequence[str]) -> Counts:
    n = len(coders)
    only = {}
    for i, name in enumerate(coders):
        only[name] = int(types.get(tuple(1 if j == i else 0 for j in range(n)), 0))
    return Counts(
        units=int(sum(types.values())),
        both=int(types.get((1,) * n, 0)),
        only=only,
        neither=int(types.get((0,) * n, 0)),
    )


def binary_measures(types: BinaryTypes, n_coders: int) -> dict[str, Measure]:
    """Every measure of `binary_keys(n_coders)` for these unit types."""
    if n_coders == 2:
        return table_measures(types_table(types))
    alpha = krippendorff_alpha_weighted(types)
    units = sum(types.values())
    all_coded = types.get((1,) * n_coders, 0)
    none_coded = types.get((0,) * n_coders, 0)
    if units <= 0:
        percent = Measure.undefined(NO_UNITS)
        fleiss = Measure.undefined(NO_UNITS)
    else:
        percent = Measure.of((all_coded + none_coded) / units)
        fleiss = fleiss_kappa_weighted(types)
    coded = units - none_coded
    jac = Measure.of(all_coded / coded) if coded > 0 else Measure.undefined(NEITHER_CODED.replace("neither", "no"))
    return {
        PERCENT: percent,
        COHEN: Measure.undefined(TWO_CODERS_ONLY),
        ALPHA: alpha,
        JACCARD: jac,
        FLEISS: fleiss,
    }


def segment_counts(result: SegmentAgreement, coders: Sequence[str]) -> Counts:
    a, b = coders
    return Counts(
        units=result.total,
        both=result.agreements,
        only={a: result.segments_a - result.agreed_a, b: result.segments_b - result.agreed_b},
        neither=None,
    )


def segment_measures(result: SegmentAgreement, codes_compared: int) -> dict[str, Measure]:
    na = Measure.undefined(NOT_FOR_SEGMENTS)
    return {
        PERCENT: result.percent(),
        COHEN: na,
        ALPHA: na,
        JACCARD: na,
        BRENNAN_PREDIGER: brennan_prediger_kappa(result.agreements, result.total, codes_compared),
    }


def weighted_means(rows: Sequence[tuple[dict[str, Measure], float]], keys: Sequence[str]) -> dict[str, Measure]:
    """Size-weighted mean of each measure over documents, from (measures, units) per document; documents
    where a measure is undefined (or that have no units) are left out of its mean."""
    out: dict[str, Measure] = {}
    for key in keys:
        pairs = [(v, w) for m, w in rows if (v := m[key].value) is not None and w > 0]
        if pairs:
            out[key] = Measure.of(sum(v * w for v, w in pairs) / sum(w for _, w in pairs))
            continue
        reasons = {r for m, _ in rows if (r := m[key].reason)}
        reason = reasons.pop() if len(reasons) == 1 else "no document has a defined value"
        out[key] = Measure.undefined(reason if rows else "no documents")
    return out

"""Inter-coder agreement statistics: pure functions over plain data.

No project, database or Qt here: the caller reads codings and hands over, per code and document, each
coder's coded intervals as half-open code-point intervals `(start, end)`. Costs grow with the number of
intervals (and paragraphs), never with the number of characters. Formulas and published reference values:
Cohen (1960), Fleiss (1971), Brennan and Prediger (1981), Krippendorff (2011), NVivo and MAXQDA manuals.

Every statistic returns a `Measure(value, reason)`: a number, or None with the reason it is undefined
(kappa when chance agreement is certain, alpha without pairable values or without variation). Undefined is
never reported as 1 or 0.

Units -> counts (one code, one document)
    character_table(length, intervals_by_coder) -> AgreementTable        every code point is a unit
    two_coder_character_table(length, a, b) -> AgreementTable            the same, fast path for two coders
    paragraph_table(spans, intervals_by_coder) -> AgreementTable         a paragraph is coded if touched
    character_unit_types(length, intervals_by_coder) -> {values: count}  any number of coders, for alpha/Fleiss
    paragraph_unit_types(spans, intervals_by_coder) -> {values: count}
    segment_agreement(segs_a, segs_b, overlap=0.9) -> SegmentAgreement   MAXQDA segment level
    category_character_unit_types / category_paragraph_unit_types(..., uncoded=Uncoded.MISSING | NONE)
        values = the child code of a mutually exclusive category (NO_CODE for uncoded under NONE)
  `intervals_by_coder` is a mapping coder -> intervals (first = coder A) or a sequence; None for a coder
  who did not code the document (a missing value for alpha; 2x2 tables refuse it).

Measures
    percent_agreement(table), cohen_kappa(table), jaccard(table), binary_alpha(table) (two coders, closed form)
    brennan_prediger_kappa(agreements, total, categories)
    fleiss_kappa(counts_rows, weights=None), fleiss_kappa_weighted(unit_types)
    krippendorff_alpha_weighted(unit_types, metric="nominal"|"ordinal"|"interval"|"ratio")
    krippendorff_alpha(coders_x_units_rows, metric)

Aggregation over documents (result names its method: Aggregation.POOLED is the default)
    aggregate_tables(tables, cohen_kappa, how), aggregate_unit_types(maps, alpha_fn, how),
    aggregate_segments(results, SegmentAgreement.percent, how), aggregate(items, ..., pool=, size=)

Reporting
    methods_paragraph(MethodsSpec(...)) -> a paragraph for a paper's methods section

Interval helpers: merge, clip, normalise, sweep (elementary pieces with per-coder coverage).
"""

from .aggregate import (
    AggregatedMeasure,
    Aggregation,
    aggregate,
    aggregate_segments,
    aggregate_tables,
    aggregate_unit_types,
)
from .alpha import (
    Metric,
    UnitType,
    coincidences,
    krippendorff_alpha,
    krippendorff_alpha_weighted,
    merge_unit_types,
    unit_types_from_data,
)
from .categories import (
    NO_CODE,
    NotMutuallyExclusiveError,
    Uncoded,
    category_character_unit_types,
    category_paragraph_unit_types,
)
from .fleiss import fleiss_kappa, fleiss_kappa_weighted
from .intervals import Interval, Piece, clip, covered_length, merge, normalise, sweep
from .measure import Measure
from .methods import AlphaValues, MeasureName, MethodsSpec, Unit, methods_paragraph
from .segments import (
    DEFAULT_OVERLAP,
    SegmentAgreement,
    brennan_prediger_kappa,
    overlap_share,
    segment_agreement,
)
from .table import AgreementTable
from .two_coder import binary_alpha, cohen_kappa, expected_agreement, jaccard, percent_agreement
from .units import (
    character_table,
    character_unit_types,
    paragraph_table,
    paragraph_unit_types,
    two_coder_character_table,
)

__all__ = [
    "DEFAULT_OVERLAP",
    "NO_CODE",
    "AggregatedMeasure",
    "Aggregation",
    "AgreementTable",
    "AlphaValues",
    "Interval",
    "Measure",
    "MeasureName",
    "MethodsSpec",
    "Metric",
    "NotMutuallyExclusiveError",
    "Piece",
    "SegmentAgreement",
    "Uncoded",
    "Unit",
    "UnitType",
    "aggregate",
    "aggregate_segments",
    "aggregate_tables",
    "aggregate_unit_types",
    "binary_alpha",
    "brennan_prediger_kappa",
    "category_character_unit_types",
    "category_paragraph_unit_types",
    "character_table",
    "character_unit_types",
    "clip",
    "cohen_kappa",
    "coincidences",
    "covered_length",
    "expected_agreement",
    "fleiss_kappa",
    "fleiss_kappa_weighted",
    "jaccard",
    "krippendorff_alpha",
    "krippendorff_alpha_weighted",
    "merge",
    "merge_unit_types",
    "methods_paragraph",
    "normalise",
    "overlap_share",
    "paragraph_table",
    "paragraph_unit_types",
    "percent_agreement",
    "segment_agreement",
    "sweep",
    "two_coder_character_table",
    "unit_types_from_data",
]

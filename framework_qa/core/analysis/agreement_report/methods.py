"""The report's methods paragraph: the stats layer's paragraph plus what the report adds.

The stats layer states unit, measures, merging of own codings and aggregation; this adds the size-weighted
mean that is also given per code, Fleiss' kappa's condition, and, when categories were compared, how
alpha over a mutually exclusive category was coded (with the uncoded setting named).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from framework_qa.core.analysis.agreement import (
    Aggregation,
    AlphaValues,
    MeasureName,
    MethodsSpec,
    Uncoded,
    Unit,
    methods_paragraph,
)

if TYPE_CHECKING:
    from .result import AgreementReport


def report_methods(report: AgreementReport) -> str:
    s = report.settings
    if s.unit is Unit.SEGMENT:
        measures = [MeasureName.PERCENT, MeasureName.BRENNAN_PREDIGER]
    elif len(s.coders) == 2:
        measures = [MeasureName.PERCENT, MeasureName.COHEN, MeasureName.ALPHA, MeasureName.JACCARD]
    else:
        measures = [MeasureName.PERCENT, MeasureName.FLEISS, MeasureName.ALPHA, MeasureName.JACCARD]
    spec = MethodsSpec(
        unit=s.unit,
        measures=measures,
        aggregation=Aggregation.POOLED,
        coders=list(s.coders),
        documents=len(s.document_ids),
        codes=len(s.code_ids),
        overlap=s.overlap if s.unit is Unit.SEGMENT else None,
        alpha_values=AlphaValues.BINARY,
        uncoded=s.uncoded,
    )
    text = methods_paragraph(spec)
    extra = [
        "An overall figure was also computed by pooling the units of all codes and documents, and the "
        "size-weighted mean of the per-document values is given per code alongside the pooled value"
    ]
    if len(s.coders) > 2 and s.unit is not Unit.SEGMENT:
        extra.append(
            "Percent agreement counts a unit as agreed when all coders gave it the same value; Fleiss' kappa "
            "treats every coder as having coded every unit of the selected documents"
        )
    if report.per_category:
        treatment = (
            "text a coder left uncoded was treated as missing"
            if s.uncoded is Uncoded.MISSING
            else 'text a coder left uncoded was given its own value "none"'
        )
        names = ", ".join(f"'{c.category}'" for c in report.per_category)
        extra.append(
            f"For each category whose child codes were compared ({names}), Krippendorff's alpha (nominal) was "
            "also computed with the value of a unit being the child code applied to it; "
            f"{treatment}; a category in which a coder applied two child codes to the same text is reported as "
            "undefined, since its codes were not used mutually exclusively"
        )
    return text + " " + ". ".join(extra) + "."

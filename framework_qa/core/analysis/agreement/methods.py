"""The methods paragraph: what was computed, in words a researcher can paste into a paper.

Every choice that changes the numbers (unit, overlap threshold, measures, alpha's value coding and its
handling of uncoded text, aggregation) is stated, so a reader can reproduce the figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .aggregate import Aggregation
from .categories import Uncoded


class Unit(StrEnum):
    CHARACTER = "character"
    PARAGRAPH = "paragraph"
    SEGMENT = "segment"


class MeasureName(StrEnum):
    PERCENT = "percent agreement"
    COHEN = "Cohen's kappa"
    JACCARD = "Jaccard overlap"
    BRENNAN_PREDIGER = "Brennan and Prediger's kappa"
    FLEISS = "Fleiss' kappa"
    ALPHA = "Krippendorff's alpha"


class AlphaValues(StrEnum):
    BINARY = "binary per code"
    CATEGORY = "child codes of a mutually exclusive category"


@dataclass(frozen=True, slots=True)
class MethodsSpec:
    unit: Unit
    measures: Sequence[MeasureName]
    aggregation: Aggregation
    coders: Sequence[str]
    documents: int
    codes: int
    overlap: float | None = None
    alpha_values: AlphaValues = AlphaValues.BINARY
    uncoded: Uncoded = Uncoded.MISSING
    across_codes: Aggregation | None = None
    """None: statistics are reported per code; otherwise how codes were combined into one figure."""


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


_UNIT_SENTENCE = {
    Unit.CHARACTER: "every character (Unicode code point) of a document is one unit, coded or not coded "
    "with each code by each coder",
    Unit.PARAGRAPH: "every paragraph is one unit, and counts as coded with a code by a coder when any of "
    "its characters lies inside one of that coder's codings with the code",
    Unit.SEGMENT: "the units are the coded segments themselves",
}

_AGGREGATION_SENTENCE = {
    Aggregation.POOLED: "Values were pooled over documents: the units of all documents were counted together "
    "and each statistic computed once, so every unit carries the same weight",
    Aggregation.WEIGHTED_MEAN: "Values were computed per document and averaged with each document weighted "
    "by its number of units (size-weighted mean); documents where a statistic is undefined were left out of "
    "its mean",
    Aggregation.MEAN: "Values were computed per document and averaged with equal weight per document (plain "
    "mean); documents where a statistic is undefined were left out of its mean",
}


def methods_paragraph(spec: MethodsSpec) -> str:
    """A paragraph stating exactly what was computed, for a paper's methods section."""
    measures = [_measure_phrase(m, spec) for m in spec.measures]
    sentences = [
        f"Agreement was computed at the {spec.unit.value} level over {_plural(spec.documents, 'document')} "
        f"and {_plural(spec.codes, 'code')} for coders {_join(list(spec.coders))}: {_join(measures)}",
        f"At this level {_UNIT_SENTENCE[spec.unit]}",
    ]
    sentences.append(
        "Before comparison, each coder's own overlapping or adjacent codings with the same code were merged, "
        "so text coded twice by one coder counts once"
    )
    if spec.unit is Unit.SEGMENT:
        share = 90.0 if spec.overlap is None else spec.overlap * 100
        sentences.append(
            f"A coder's segment counted as agreeing when the other coder had applied the same code to a "
            f"segment overlapping it by at least {share:g} % (overlap = characters in both segments divided by "
            "characters in either); both coders' segments were checked, so the total is the number of segments "
            "of both coders"
        )
        if MeasureName.BRENNAN_PREDIGER in spec.measures:
            sentences.append(
                f"Brennan and Prediger's kappa takes chance agreement as 1/q with q = {spec.codes} codes "
                "compared"
            )
    sentences.append(_AGGREGATION_SENTENCE[spec.aggregation])
    if spec.across_codes is None:
        sentences.append("Each statistic is reported separately for each code")
    else:
        sentences.append(
            f"Codes were combined into one figure in the same way ({spec.across_codes.value} over codes)"
        )
    if MeasureName.COHEN in spec.measures:
        sentences.append(
            "Cohen's kappa is reported as undefined where neither coder applied a code, or both applied it to "
            "all of the text, because chance agreement is then certain and kappa is 0/0 (some software "
            "reports 1 in this case)"
        )
    if MeasureName.ALPHA in spec.measures:
        sentences.append(
            "Krippendorff's alpha is reported as undefined where no unit has values from two coders or all "
            "values are the same"
        )
    return ". ".join(sentences) + "."


def _measure_phrase(name: MeasureName, spec: MethodsSpec) -> str:
    if name is not MeasureName.ALPHA:
        return name.value
    if spec.alpha_values is AlphaValues.BINARY:
        return f"{name.value} (nominal, binary per code: coded 1, not coded 0)"
    treatment = (
        "uncoded text treated as missing"
        if spec.uncoded is Uncoded.MISSING
        else 'uncoded text given its own value "none"'
    )
    return f"{name.value} (nominal; value of a unit = the child code of a mutually exclusive category; {treatment})"

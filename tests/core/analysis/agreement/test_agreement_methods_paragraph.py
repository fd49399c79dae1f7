"""The methods paragraph states unit, measures, aggregation, coders, counts and undefined handling."""

from __future__ import annotations

from framework_qa.core.analysis.agreement import (
    Aggregation,
    AlphaValues,
    MeasureName,
    MethodsSpec,
    Uncoded,
    Unit,
    methods_paragraph,
)


def test_character_level_paragraph_names_everything_computed() -> None:
    text = methods_paragraph(
        MethodsSpec(
            unit=Unit.CHARACTER,
            measures=[MeasureName.PERCENT, MeasureName.COHEN, MeasureName.ALPHA],
            aggregation=Aggregation.POOLED,
            coders=["amira", "ben"],
            documents=10,
            codes=12,
        )
    )
    assert text.startswith(
        "Agreement was computed at the character level over 10 documents and 12 codes for coders amira and ben: "
        "percent agreement, Cohen's kappa and Krippendorff's alpha (nominal, binary per code"
    )
    assert "Values were pooled over documents" in text
    assert "undefined where neither coder applied a code" in text
    assert text.endswith(".") and ".." not in text


def test_segment_level_paragraph_states_overlap_and_brennan_prediger_q() -> None:
    text = methods_paragraph(
        MethodsSpec(
            unit=Unit.SEGMENT,
            measures=[MeasureName.PERCENT, MeasureName.BRENNAN_PREDIGER],
            aggregation=Aggregation.MEAN,
            coders=["amira", "ben", "chen"],
            documents=1,
            codes=3,
            overlap=0.9,
        )
    )
    assert "1 document and 3 codes for coders amira, ben and chen" in text
    assert "at least 90 %" in text
    assert "q = 3 codes" in text
    assert "equal weight per document" in text


def test_category_alpha_paragraph_names_the_uncoded_setting() -> None:
    spec = MethodsSpec(
        unit=Unit.PARAGRAPH,
        measures=[MeasureName.ALPHA],
        aggregation=Aggregation.WEIGHTED_MEAN,
        coders=["amira", "ben"],
        documents=4,
        codes=5,
        alpha_values=AlphaValues.CATEGORY,
        uncoded=Uncoded.NONE,
    )
    text = methods_paragraph(spec)
    assert 'uncoded text given its own value "none"' in text
    assert "size-weighted mean" in text
    assert "any of its characters" in text


def test_paragraph_says_whether_codes_are_reported_separately_or_combined() -> None:
    def spec(across: Aggregation | None) -> MethodsSpec:
        return MethodsSpec(
            unit=Unit.CHARACTER,
            measures=[MeasureName.COHEN],
            aggregation=Aggregation.POOLED,
            coders=["a", "b"],
            documents=2,
            codes=2,
            across_codes=across,
        )

    assert "reported separately for each code" in methods_paragraph(spec(None))
    assert "(mean over codes)" in methods_paragraph(spec(Aggregation.MEAN))

"""Filters given as arguments: by case attribute and by coded text."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

Ranges = Mapping[int, Sequence[tuple[int, int]]]
# {code_path: {document_id: [(start, end), ...]}}, or a callable answering for one code path.
CodedRanges = Mapping[str, Ranges] | Callable[[str], Ranges]
CaseAttributes = Mapping[str, Mapping[str, object]]
AttributeFilter = Mapping[str, object | Collection[object]]


def parse_attribute_filters(filters: Sequence[str]) -> dict[str, list[str]]:
    """`["gender=woman", "gender=man", "age band=30-39"]` as {attribute: accepted values}: values given
    for one attribute are alternatives, different attributes must all hold. A ValueError names an entry
    without '='."""
    parsed: dict[str, list[str]] = {}
    for entry in filters:
        name, sep, value = entry.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"Attribute filter '{entry}' should read name=value, e.g. gender=woman.")
        accepted = parsed.setdefault(name.strip(), [])
        if value.strip() not in accepted:
            accepted.append(value.strip())
    return parsed


def cases_matching(attributes: AttributeFilter, case_attributes: CaseAttributes) -> set[str]:
    """Cases whose attributes satisfy every filter; a filter value may be one value or a collection of
    accepted values. Values compare as case-insensitive text, so 30 matches "30"."""
    wanted = {name.casefold(): _accepted(value) for name, value in attributes.items()}
    matching: set[str] = set()
    for case, values in case_attributes.items():
        folded = {str(name).casefold(): _fold(value) for name, value in values.items()}
        if all(folded.get(name) in accepted for name, accepted in wanted.items()):
            matching.add(case)
    return matching


def allowed_labels(speakers: Collection[str] | None, cases: Collection[str] | None,
                   attributes: AttributeFilter | None, case_attributes: CaseAttributes | None) -> dict[str, set[str]]:
    """The speaker and case labels the filters let through, case-folded as the index holds them:
    {"speaker": ..., "case": ...} with only the fields a filter names (an attribute filter names cases);
    an empty set lets nothing through, {} means no label filter."""
    labels: dict[str, set[str]] = {}
    if speakers is not None:
        labels["speaker"] = {s.casefold() for s in speakers}
    allowed = None if cases is None else {c.casefold() for c in cases}
    if attributes:
        matching = {c.casefold() for c in cases_matching(attributes, case_attributes or {})}
        allowed = matching if allowed is None else allowed & matching
    if allowed is not None:
        labels["case"] = allowed
    return labels


def _accepted(value: object) -> set[str]:
    if isinstance(value, Collection) and not isinstance(value, str | bytes):
        return {_fold(v) for v in value}
    return {_fold(value)}


def _fold(value: object) -> str:
    return str(value).strip().casefold()


def ranges_for(coded: CodedRanges, code_path: str) -> Ranges:
    """The coded ranges of one code, per document; empty when the code is unknown or codes nothing."""
    if callable(coded):
        return coded(code_path) or {}
    return coded.get(code_path, {})


def inside_any(ranges: Ranges, document_id: int, start: int, end: int) -> bool:
    """Whether [start, end) lies wholly within one coded range of the document."""
    return any(r_start <= start and end <= r_end for r_start, r_end in ranges.get(document_id, ()))

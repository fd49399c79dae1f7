"""The agreement workbook's tables as plain values (no openpyxl): title line, rows of each sheet, and the
notes grouped so that a reason repeated for many code x document pairs is one row.

Why apart from the writer: what the workbook says (every value, every reason) is decided here and can be
checked without a spreadsheet; `agreement_xlsx` only lays it out for the screen and the printed page.

Grouped notes keep every note: a row names where (sheet), the code, the documents it applies to, and
each undefined measure with its reason (`Cohen's κ, Jaccard: no variation: neither coder coded this
text`). Documents share a row when their measures and reasons are the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from framework_qa.core.analysis.agreement_report import LABELS, AgreementReport, Note, Row

WHERE = {"settings": "Selection", "per_document": "Per code x document", "per_code": "Per code",
         "per_category": "Per category", "overall": "Overall"}
NOTES_HEADER = ["Where", "Code", "Documents", "Undefined values and why"]


def _names(names: Sequence[str], noun: str, most: int) -> str:
    if len(names) <= most:
        return f"{noun}s {', '.join(names)}" if len(names) != 1 else f"{noun} {names[0]}"
    return f"{len(names)} chosen {noun}s"


def title_line(report: AgreementReport, heading: str) -> str:
    """`<heading>, project demo: coders amira, ben; character level; all 10 documents; the 39 codes the
    coders applied; exported 2026-11-30` (the documents and codes named when they were chosen)."""
    s = report.settings
    unit = f"{s.unit.value} level" + (f" (segments agree at {s.overlap * 100:g} % overlap)"
                                      if s.unit.value == "segment" else "")
    docs = (_names(report.document_names, "document", 5) if s.documents_chosen
            else f"all {len(report.document_names)} documents")
    codes = (_names(report.code_paths, "code", 3) if s.codes_chosen
             else f"the {len(report.code_paths)} codes the coders applied")
    project = f", project {report.project}" if report.project else ""
    return (f"{heading}{project}: coders {', '.join(s.coders)}; {unit}; {docs}; {codes}; "
            f"exported {report.exported.isoformat()}")


def counts_titles(report: AgreementReport) -> list[str]:
    coders = report.settings.coders
    return ["Units", "All coders" if len(coders) > 2 else "Both", *[f"Only {c}" for c in coders], "Neither"]


def counts(report: AgreementReport, row: Row) -> list[Any]:
    c = row.counts
    return [c.units, c.both, *[c.only.get(name) for name in report.settings.coders], c.neither]


def measure_titles(report: AgreementReport) -> list[str]:
    return [LABELS[k] for k in report.measure_keys]


def values(report: AgreementReport, measures: dict[str, Any] | None) -> list[Any]:
    return [measures[k].value if measures else None for k in report.measure_keys]


def per_code_table(report: AgreementReport) -> tuple[list[str], list[list[Any]]]:
    """One row per code: pooled measures, documents, size-weighted means (the raw counts they come
    from are per document, in the per code x document table)."""
    titles = measure_titles(report)
    header = ["Code", *titles, "Documents", *[f"{t} (size-weighted mean)" for t in titles]]
    rows = [[r.code, *values(report, r.measures), r.documents, *values(report, r.weighted)]
            for r in report.per_code]
    return header, rows


def per_document_table(report: AgreementReport) -> tuple[list[str], list[list[Any]]]:
    """One row per code x document: measures, then the raw counts they were computed from."""
    header = ["Code", "Document", *measure_titles(report), *counts_titles(report)]
    rows = [[r.code, r.document, *values(report, r.measures), *counts(report, r)] for r in report.per_document]
    return header, rows


def category_table(report: AgreementReport) -> tuple[list[str], list[list[Any]]]:
    """One row per category; its child codes named below the category (their path less its prefix)."""
    header = ["Category", LABELS["krippendorff_alpha"], "Units", "Child codes compared"]
    rows = []
    for c in report.per_category:
        prefix = c.category + "/"
        names = [code[len(prefix):] if code.startswith(prefix) else code for code in c.codes]
        rows.append([c.category, c.alpha.value, c.units, "; ".join(names)])
    return header, rows


def overall_table(report: AgreementReport) -> tuple[list[str], list[list[Any]]]:
    header = ["Measure", "Pooled", "Size-weighted mean"]
    overall = report.overall
    if overall is None:
        return header, []
    rows: list[list[Any]] = [
        [LABELS[k], overall.measures[k].value, overall.weighted[k].value if overall.weighted else None]
        for k in report.measure_keys]
    rows += [[title, value, None] for title, value in zip(counts_titles(report), counts(report, overall),
                                                          strict=True)]
    return header, rows


def settings_table(report: AgreementReport) -> tuple[list[str], list[list[Any]]]:
    rows = []
    for key, value in report.settings_json().items():
        text = "; ".join(map(str, value)) if isinstance(value, list) else ("" if value is None else value)
        rows.append([key, text])
    return ["Setting", "Value"], rows


def _because(items: Sequence[tuple[str | None, str]]) -> str:
    """`Cohen's κ, Jaccard: reason` lines, measures sharing a reason on one line, in first-seen order."""
    by_reason: dict[str, list[str]] = {}
    for measure, reason in items:
        by_reason.setdefault(reason, [])
        if measure is not None:
            label = LABELS.get(measure, measure)
            if label not in by_reason[reason]:
                by_reason[reason].append(label)
    return "\n".join(f"{', '.join(m)}: {r}" if m else r for r, m in by_reason.items())


def grouped_notes(notes: Sequence[Note]) -> list[list[Any]]:
    """Rows of (where, code, documents, undefined values and why); see the module docstring."""
    places: dict[tuple[str, str | None], dict[str | None, list[tuple[str | None, str]]]] = {}
    for n in notes:
        places.setdefault((n.where, n.code), {}).setdefault(n.document, []).append((n.measure, n.reason))
    rows = []
    for (where, code), per_document in places.items():
        shared: dict[tuple[tuple[str | None, str], ...], list[str]] = {}
        for document, found in per_document.items():
            shared.setdefault(tuple(found), []).append(document or "")
        for items, documents in shared.items():
            rows.append([WHERE.get(where, where), code or "", ", ".join(d for d in documents if d),
                         _because(items)])
    return rows

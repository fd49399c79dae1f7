"""Computing an agreement report from a project: one bulk read of codings, then interval arithmetic.

Every coding of the chosen coders, documents and codes is read in one query and grouped by (code,
document); each group becomes unit types (character, paragraph) or segment counts, from which the
per code x document rows follow. Per-code rows pool (sum) those over documents and also carry the
size-weighted mean; the overall row pools over documents and codes. A code nobody coded in a document
still has a row (all units "neither"), so undefined values are reported, never skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from framework_qa.core.analysis.agreement import (
    DEFAULT_OVERLAP,
    AgreementTable,
    Interval,
    Measure,
    SegmentAgreement,
    Uncoded,
    Unit,
    character_unit_types,
    merge_unit_types,
    paragraph_unit_types,
    segment_agreement,
    two_coder_character_table,
)
from framework_qa.core.analysis.matrix.project_matrix import project_name
from framework_qa.core.model import Document
from framework_qa.core.project import Project

from .categories import category_rows
from .measures import (
    NOT_FOR_SEGMENTS,
    TWO_CODERS_ONLY,
    binary_counts,
    binary_keys,
    binary_measures,
    segment_counts,
    segment_keys,
    segment_measures,
    table_counts,
    table_measures,
    types_table,
    weighted_means,
)
from .methods import report_methods
from .result import AgreementReport, Counts, Note, Row
from .settings import ReportSettings, resolve

CodingTuple = tuple[int, int, int, int, int]  # document, code, coder, start, end
Grouped = dict[tuple[int, int], list[list[Interval]]]
NOT_APPLICABLE = (TWO_CODERS_ONLY, NOT_FOR_SEGMENTS)


def agreement_report(
    project: Project,
    coders: Sequence[str],
    *,
    documents: Sequence[str] | None = None,
    codes: Sequence[str] | None = None,
    unit: Unit | str = Unit.CHARACTER,
    overlap: float = DEFAULT_OVERLAP,
    uncoded: Uncoded | str = Uncoded.MISSING,
) -> AgreementReport:
    """Resolve the selection (names, paths; `overlap` a fraction) and compute the report."""
    tuples = project.store.coding_intervals([project.coder(c).id for c in coders])
    settings = resolve(
        project, coders, documents=documents, codes=codes, unit=unit, overlap=overlap, uncoded=uncoded,
        used=set(map(itemgetter(0, 1, 2), tuples)),  # distinct triples, gathered without a Python loop
    )
    return compute_report(project, settings, tuples)


def group_codings(tuples: Sequence[CodingTuple], settings: ReportSettings) -> Grouped:
    """Intervals per (code, document), one list per coder in the settings' coder order."""
    index = {cid: i for i, cid in enumerate(settings.coder_ids)}
    docs, codes = set(settings.document_ids), set(settings.code_ids)
    n = len(index)
    grouped: Grouped = {}
    get = grouped.get
    if (set(map(itemgetter(0), tuples)) <= docs and set(map(itemgetter(1), tuples)) <= codes
            and set(map(itemgetter(2), tuples)) <= index.keys()):  # three passes in C, not one in Python
        for doc, code, coder, start, end in tuples:  # nothing to leave out: the loop without the tests
            cell = get((code, doc))
            if cell is None:
                cell = grouped[(code, doc)] = [[] for _ in range(n)]
            cell[index[coder]].append((start, end))
        return grouped
    for doc, code, coder, start, end in tuples:
        if doc not in docs or code not in codes:
            continue
        i = index.get(coder)
        if i is None:
            continue
        cell = get((code, doc))
        if cell is None:
            cell = grouped[(code, doc)] = [[] for _ in range(n)]
        cell[i].append((start, end))
    return grouped


class _Cells:
    """Per code x document counts and measures for one unit and number of coders, and their pooling.

    Two coders at the character or paragraph level go through 2x2 tables (the fast path); more coders
    through unit types; the segment level through segment counts. A cell nobody coded is the same for
    every code of a document, so it is computed once per document.
    """

    def __init__(self, settings: ReportSettings, lengths: dict[int, int], spans: dict[int, list[Interval]]) -> None:
        self.settings, self.lengths, self.spans = settings, lengths, spans
        self.coders = list(settings.coders)
        self.n = len(self.coders)
        self.segment = settings.unit is Unit.SEGMENT
        self.tables = self.n == 2 and not self.segment
        self.q = len(settings.code_ids)
        self._nobody: dict[int, tuple[Any, Counts, dict[str, Measure]]] = {}

    def cell(self, doc_id: int, sets: list[list[Interval]] | None) -> tuple[Any, Counts, dict[str, Measure]]:
        if sets is None:
            cached = self._nobody.get(doc_id)
            if cached is None:
                cached = self._nobody[doc_id] = self._compute(doc_id, [[] for _ in range(self.n)], True)
            return cached
        return self._compute(doc_id, sets, False)

    def _compute(self, doc_id: int, sets: list[list[Interval]], nobody: bool) -> tuple[Any, Counts, dict[str, Measure]]:
        if self.segment:
            seg = segment_agreement(sets[0], sets[1], self.settings.overlap)
            return seg, segment_counts(seg, self.coders), segment_measures(seg, self.q)
        if self.tables and self.settings.unit is Unit.CHARACTER:
            table = two_coder_character_table(self.lengths[doc_id], sets[0], sets[1])
            return table, table_counts(table, self.coders), table_measures(table)
        types = _unit_types(self.settings.unit, sets, self.lengths[doc_id], self.spans.get(doc_id), nobody, self.n)
        if self.tables:
            table = types_table(types)
            return table, table_counts(table, self.coders), table_measures(table)
        return types, binary_counts(types, self.coders), binary_measures(types, self.n)

    def pool(self, items: Sequence[Any]) -> tuple[Any, Counts, dict[str, Measure]]:
        if self.segment:
            seg = sum(items, SegmentAgreement())
            return seg, segment_counts(seg, self.coders), segment_measures(seg, self.q)
        if self.tables:
            table = sum(items, AgreementTable())
            return table, table_counts(table, self.coders), table_measures(table)
        types = merge_unit_types(items)
        return types, binary_counts(types, self.coders), binary_measures(types, self.n)


def compute_report(
    project: Project, settings: ReportSettings, tuples: Sequence[CodingTuple] | None = None
) -> AgreementReport:
    """The report for resolved settings; `tuples` is the bulk read of `Store.coding_intervals` if at hand."""
    if tuples is None:
        tuples = project.store.coding_intervals(settings.coder_ids)
    grouped = group_codings(tuples, settings)
    docs = [project.document(d) for d in settings.document_ids]
    paths = [project.code_path(c) for c in settings.code_ids]
    segment = settings.unit is Unit.SEGMENT
    keys = segment_keys() if segment else binary_keys(len(settings.coders))
    report = AgreementReport(settings, [d.name for d in docs], paths, keys, project=project_name(project))
    report.notes.extend(Note(text) for text in settings.notes)
    report.notes.extend(_coverage_notes(tuples, settings, docs))
    lengths = {d.id: d.length for d in docs}
    spans: dict[int, list[Interval]] = {}
    if settings.unit is Unit.PARAGRAPH:
        spans = {d.id: [(s.start, s.end) for s in project.spans(d)] for d in docs}
    cells = _Cells(settings, lengths, spans)
    pooled_per_code: list[Any] = []
    for code_id, path in zip(settings.code_ids, paths, strict=True):
        items: list[Any] = []
        weighted_input: list[tuple[dict[str, Measure], float]] = []
        for doc in docs:
            item, counts, measures = cells.cell(doc.id, grouped.get((code_id, doc.id)))
            items.append(item)
            weighted_input.append((measures, counts.units))
            report.per_document.append(Row(code_id, path, doc.id, doc.name, counts, measures))
            _note_undefined(report, "per_document", measures, path, doc.name)
        pooled, counts, measures = cells.pool(items)
        pooled_per_code.append(pooled)
        weighted = weighted_means(weighted_input, keys)
        report.per_code.append(Row(code_id, path, None, None, counts, measures, weighted, len(docs)))
        _note_undefined(report, "per_code", measures, path, None)
    _, counts, measures = cells.pool(pooled_per_code)
    overall_weighted = weighted_means([(r.measures, r.counts.units) for r in report.per_document], keys)
    report.overall = Row(None, None, None, None, counts, measures, overall_weighted, len(docs))
    _note_undefined(report, "overall", measures, None, None)
    _note_not_applicable(report, segment, len(settings.coders))
    if segment:
        report.notes.append(Note("per-category alpha is computed at the character and paragraph levels only"))
    else:
        report.per_category = category_rows(project, settings, grouped, lengths, spans)
        for row in report.per_category:
            if row.alpha.value is None:
                report.notes.append(Note(row.alpha.reason or "", "per_category", "krippendorff_alpha", row.category))
    report.methods = report_methods(report)
    return report


def _unit_types(
    unit: Unit, sets: list[list[Interval]], length: int, spans: list[Interval] | None, nobody: bool, n: int
) -> dict[tuple[int | None, ...], int]:
    if unit is Unit.PARAGRAPH:
        assert spans is not None
        if nobody:
            units = sum(1 for s, e in spans if s < e)
            return {(0,) * n: units} if units else {}
        return paragraph_unit_types(spans, sets)
    if nobody:
        return {(0,) * n: length} if length > 0 else {}
    return character_unit_types(length, sets)


def _note_undefined(
    report: AgreementReport, where: str, measures: dict[str, Measure], code: str | None, document: str | None
) -> None:
    for key, measure in measures.items():
        if measure.value is None and measure.reason not in NOT_APPLICABLE:
            report.notes.append(Note(measure.reason or "", where, key, code, document))


def _note_not_applicable(report: AgreementReport, segment: bool, n: int) -> None:
    if segment:
        report.notes.append(Note(
            "cohen_kappa, krippendorff_alpha and jaccard are null throughout: " + NOT_FOR_SEGMENTS
            + "; brennan_prediger_kappa is reported instead"))
    elif n > 2:
        report.notes.append(Note("cohen_kappa is null throughout: " + TWO_CODERS_ONLY))


def _coverage_notes(tuples: Sequence[CodingTuple], settings: ReportSettings, docs: Sequence[Document]) -> list[Note]:
    """A coder with no codings at all in a document: that text counts as not coded by them, say so."""
    coded = set(map(itemgetter(0, 2), tuples))  # (document, coder), without a Python loop over codings
    notes = []
    for doc in docs:
        missing = [name for cid, name in zip(settings.coder_ids, settings.coders, strict=True)
                   if (doc.id, cid) not in coded]
        if missing:
            who = ", ".join(missing)
            notes.append(Note(f"{who} made no codings in this document; its text counts as not coded by "
                              f"{'them' if len(missing) > 1 else 'that coder'}", "settings",
                              document=doc.name))
    return notes

"""framework-qa's own analysis through its own archives: summaries, code origin and fields, saved views.

Export puts each charted summary in the standard too, as a Note referenced from the passages it rests
on (the codings of the cell: the code and its descendants in the case's documents) and linked to its
case and code, so another tool shows it beside the quotes. What the standard has no place for (code
origin, the exact definition / inclusion / exclusion, which summary belongs to which cell, saved
views) goes into the extension file (`refi.extension`), keyed by GUID. Quick keys are not in the
project (the window keeps them in the user's settings), so they are not exported.

Import of a file with the extension restores all of it and leaves the summary Notes out of the memos.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from framework_qa.core.analysis.matrix.spec import VIEW_KIND
from framework_qa.core.interop.refi import ImportReport, RefiNote
from framework_qa.core.interop.refi.values import derived_guid, parse_datetime
from framework_qa.core.project import Project

GuidOf = Callable[[str, str], str]  # (project GUID, kind) -> exchange GUID


def analysis_extension(project: Project, guid_of: GuidOf) -> tuple[dict[str, Any], tuple[RefiNote, ...]]:
    """The extension content and the summary Notes for `project`."""
    codes = {guid_of(c.guid, "code"): {"origin": c.origin, "definition": c.definition, "inclusion": c.inclusion,
                                       "exclusion": c.exclusion} for c in project.codes()}
    summaries: list[dict[str, Any]] = []
    notes: list[RefiNote] = []
    for s in project.summaries():
        case, code = project.case(s.case_id), project.code(s.code_id)
        ids = {code.id} | {d.id for d in project.descendants(code)}
        cited = [guid_of(c.guid, "coding") for d in project.case_documents(case)
                 for c in project.codings(document=d) if c.code_id in ids]
        case_guid, code_guid = guid_of(case.guid, "case"), guid_of(code.guid, "code")
        note_guid = derived_guid("summary", case_guid, code_guid)
        summaries.append({"case": case_guid, "code": code_guid, "text": s.text, "updated_at": s.updated_at,
                          "codings": cited, "note": note_guid})
        notes.append(RefiNote(note_guid, f"Summary: {case.name} × {project.code_path(code)}", s.text,
                              frozenset(cited) | {case_guid, code_guid}, created=parse_datetime(s.updated_at)))
    views = {VIEW_KIND: project.views(VIEW_KIND)} if project.views(VIEW_KIND) else {}
    return {"codes": codes, "summaries": summaries, "views": views}, tuple(notes)


def summary_note_guids(extension: dict[str, Any] | None) -> set[str]:
    """GUIDs of the Notes that carry summaries (left out of the memos on import)."""
    return {str(s.get("note")) for s in _list(extension, "summaries")}


def code_fields(extension: dict[str, Any] | None) -> dict[str, dict[str, str]]:
    """Code GUID -> its origin and exact fields, as exported."""
    codes = (extension or {}).get("codes")
    return {str(k): v for k, v in codes.items() if isinstance(v, dict)} if isinstance(codes, dict) else {}


def apply_analysis(project: Project, extension: dict[str, Any] | None, cases: dict[str, int],
                   codes: dict[str, int], report: ImportReport) -> int:
    """Inside the import command: restore summaries and saved views; returns the summaries written."""
    written = missing = kept = 0
    for s in _list(extension, "summaries"):
        case_id, code_id = cases.get(str(s.get("case"))), codes.get(str(s.get("code")))
        if case_id is None or code_id is None:
            missing += 1
            continue
        if project.summary(case_id, code_id):
            kept += 1
            continue
        project.write_summary(case_id, code_id, str(s.get("text", "")), str(s.get("updated_at") or "") or None)
        written += 1
    if written:
        report.brought_in.append(f"{written} charted summaries (framework matrix cells).")
    if kept:
        report.adjusted.append(f"{kept} summaries: the cell already had one in this project; it was kept.")
    if missing:
        report.dropped.append(f"{missing} summaries refer to a case or code not in the file; not brought in.")
    views = (extension or {}).get("views")
    for kind, by_name in (views.items() if isinstance(views, dict) else []):
        for name, spec in (by_name.items() if isinstance(by_name, dict) else []):
            if project.write_view(str(kind), str(name), spec):
                report.brought_in.append(f"Saved {kind} view {name!r}.")
            else:
                report.adjusted.append(f"Saved {kind} view {name!r}: one of that name exists; it was kept.")
    return written


def _list(extension: dict[str, Any] | None, key: str) -> list[dict[str, Any]]:
    value = (extension or {}).get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []

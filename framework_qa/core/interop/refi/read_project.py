"""Reading REFI-QDA projects: a .qdpx archive, or a bare .qde whose source files are absent."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

from .errors import RefiError
from .extension import read_extension
from .model import (
    ImportReport,
    RefiCase,
    RefiProject,
    RefiUser,
    RefiVariable,
    VariableType,
    VariableValue,
    iter_codes,
)
from .positions import map_span, offset_map
from .read_codes import check_namespace, child_text, read_code_tree
from .read_notes import note_links_from, raw_note_spans, read_notes
from .read_sources import NoteLinks, map_sources, read_text_source
from .safe_io import DEFAULT_LIMITS, ZipLimits, parse_xml, read_plain_file, read_zip
from .unkept import report_unkept
from .values import normalise_guid, parse_bool, parse_datetime

_TYPES: tuple[VariableType, ...] = ("Text", "Integer", "Float", "Date", "DateTime", "Boolean")
_OTHER_SOURCES = ("PictureSource", "PDFSource", "AudioSource", "VideoSource")


def read_qdpx(path: str | Path, limits: ZipLimits = DEFAULT_LIMITS) -> tuple[RefiProject, ImportReport]:
    """A .qdpx project; raises RefiError (and returns nothing) if the archive or its XML is refused."""
    path = Path(path)
    entries = read_zip(path, limits)
    roots = [n for n in entries if "/" not in n and n.lower().endswith(".qde")]
    if not roots:
        raise RefiError(f"{path.name}: no project file (.qde) at the top of the archive; not a REFI-QDA project.")
    preferred = [n for n in roots if n.lower() == "project.qde"]
    if len(roots) > 1 and not preferred:
        raise RefiError(f"{path.name}: several project files ({', '.join(sorted(roots))}); cannot tell which to read.")
    name = (preferred or roots)[0]
    root, namespace = parse_xml(entries[name], f"{path.name}/{name}")
    return read_project_xml(root, namespace, entries, path.name)


def read_qde(path: str | Path, limits: ZipLimits = DEFAULT_LIMITS) -> tuple[RefiProject, ImportReport]:
    """A bare project file: sources with inline text are read, the rest are reported as missing."""
    path = Path(path)
    root, namespace = parse_xml(read_plain_file(path, limits), path.name)
    return read_project_xml(root, namespace, {}, path.name)


def read_project_xml(
    root: Element, namespace: str, entries: dict[str, bytes], label: str
) -> tuple[RefiProject, ImportReport]:
    if root.tag != "Project":
        raise RefiError(f"{label}: not a REFI-QDA project (its root element is {root.tag!r}).")
    report = ImportReport()
    check_namespace(namespace, "project", label, report)
    origin = root.get("origin", "")
    users = tuple(
        RefiUser(normalise_guid(u.get("guid", "")), u.get("name", "") or u.get("id", ""))
        for u in root.findall("Users/User")
    )
    codes = read_code_tree(root.find("CodeBook/Codes"), report, label, origin)
    code_guids = {c.guid for c in iter_codes(codes)}
    note_links: NoteLinks = []
    for code_el in root.iter("Code"):
        for ref in code_el.findall("NoteRef"):
            note_links.append((normalise_guid(ref.get("targetGUID", "")), normalise_guid(code_el.get("guid", ""))))
    variables = tuple(_read_variable(v, report) for v in root.findall("Variables/Variable"))
    var_types = {v.guid: v.type_name for v in variables}
    raw_sources = []
    source_values: dict[str, tuple[str, dict[str, VariableValue]]] = {}
    for element in root.find("Sources") or []:
        if element.tag == "TextSource":
            raw = read_text_source(element, entries, report, note_links)
            if raw is not None:
                raw_sources.append(raw)
                values = _read_values(element, var_types, raw.name, report)
                if values:
                    source_values[raw.guid] = (raw.name, values)
        elif element.tag in _OTHER_SOURCES:
            report.dropped.append(
                f"{element.tag} {element.get('name', '')!r}: only text sources can be brought in."
            )
    links = note_links_from(root, note_links, report)
    spans = raw_note_spans(root, links, {r.guid for r in raw_sources})
    by_source: dict[str, list[tuple[int, int]]] = {}
    for source_guid, raw_spans in spans.values():
        if source_guid is not None:
            by_source.setdefault(source_guid, []).extend(raw_spans)
    sources, counting = map_sources(origin, raw_sources, code_guids, report, by_source)
    maps = {r.guid: offset_map(r.raw_text, counting) for r in raw_sources if r.guid in by_source}
    source_guids = {s.guid for s in sources}
    cases = _read_cases(root, var_types, source_guids, source_values, report)
    targets = code_guids | source_guids | {c.guid for c in cases}
    targets |= {sel.guid for s in sources for sel in s.selections}
    notes = read_notes(root, entries, links, targets, report, spans,
                       lambda guid, start, end: map_span(maps[guid], start, end) if guid in maps else None)
    report_unkept(root, report)
    if users:
        report.brought_in.append(f"{len(users)} users.")
    description = child_text(root, "Description")
    if description.strip():
        report.brought_in.append("The project description (kept as the project memo).")
    project = RefiProject(root.get("name", "") or Path(label).stem, origin, users, codes, variables, cases, sources,
                          notes, description, read_extension(entries, label, report))
    return project, report


def _read_variable(element: Element, report: ImportReport) -> RefiVariable:
    name = element.get("name", "")
    raw = element.get("typeOfVariable", "Text")
    type_name = next((t for t in _TYPES if t.lower() == raw.strip().lower()), None)
    if type_name is None:
        report.adjusted.append(f"Variable {name!r}: type {raw!r} unknown, read as Text.")
        type_name = "Text"
    return RefiVariable(normalise_guid(element.get("guid", "")), name, type_name)


def _parse_value(tag: str, text: str) -> VariableValue | None:
    text = text.strip() if tag != "TextValue" else text
    try:
        if tag == "TextValue":
            return text
        if tag == "BooleanValue":
            return parse_bool(text, False) if text.lower() in ("true", "false", "1", "0") else None
        if tag == "IntegerValue":
            return int(text)
        if tag == "FloatValue":
            return float(text)
        if tag == "DateValue":
            return date.fromisoformat(text[:10])
        if tag == "DateTimeValue":
            return parse_datetime(text)
    except ValueError:
        return None
    return None


def _read_values(
    element: Element, var_types: Mapping[str, str], owner: str, report: ImportReport
) -> dict[str, VariableValue]:
    values: dict[str, VariableValue] = {}
    for vv in element.findall("VariableValue"):
        ref = vv.find("VariableRef")
        guid = normalise_guid(ref.get("targetGUID", "")) if ref is not None else ""
        value_el = next((c for c in vv if c.tag != "VariableRef"), None)
        value = _parse_value(value_el.tag, value_el.text or "") if value_el is not None else None
        if guid not in var_types or value is None:
            report.dropped.append(f"{owner!r}: a variable value with no known variable or unreadable value was dropped.")
            continue
        values[guid] = value
    return values


def _read_cases(
    root: Element,
    var_types: Mapping[str, str],
    source_guids: set[str],
    source_values: dict[str, tuple[str, dict[str, VariableValue]]],
    report: ImportReport,
) -> tuple[RefiCase, ...]:
    cases = []
    for element in root.findall("Cases/Case"):
        name = element.get("name", "")
        refs = tuple(normalise_guid(r.get("targetGUID", "")) for r in element.findall("SourceRef"))
        kept = tuple(g for g in refs if g in source_guids)
        if len(kept) < len(refs):
            report.dropped.append(f"Case {name!r}: {len(refs) - len(kept)} link(s) to sources not brought in were dropped.")
        values = _read_values(element, var_types, f"Case {name}", report)
        cases.append(RefiCase(normalise_guid(element.get("guid", "")), name, kept, values,
                              child_text(element, "Description")))
    for guid, (name, values) in source_values.items():
        cases.append(RefiCase(normalise_guid(guid + ":case"), name, (guid,), values))
        report.adjusted.append(f"Source {name!r}: its variable values were attached to a new case of the same name.")
    if cases:
        report.brought_in.append(f"{len(cases)} cases.")
    return tuple(cases)

"""Reading Notes: their text, what they are about (NoteRef, Links), and their own text ranges.

A Note is about the items that point to it with a `NoteRef` (codes, sources, selections, codings, the
project) or that a `Link` joins to it. QualCoder writes a text annotation as a Note holding its own
`PlainTextSelection`, referenced from the `TextSource` it annotates: those positions are over that
source's text, counted as the producer counts, so they are mapped like the source's selections.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.etree.ElementTree import Element

from .model import ImportReport, RefiNote
from .read_codes import child_text
from .read_sources import NoteLinks, decode_text, find_entry
from .values import normalise_guid, parse_datetime

SpanMapper = Callable[[str, int, int], tuple[int, int] | None]  # (source GUID, start, end) -> code points


def note_links_from(root: Element, note_links: NoteLinks, report: ImportReport) -> NoteLinks:
    """All (note, target) pairs: the NoteRefs already collected, the project's own, and Links to notes."""
    note_guids = {normalise_guid(n.get("guid", "")) for n in root.findall("Notes/Note")}
    links = list(note_links)
    for ref in root.findall("NoteRef"):
        links.append((normalise_guid(ref.get("targetGUID", "")), ""))
    other_links = 0
    for link in root.findall("Links/Link"):
        origin, target = normalise_guid(link.get("originGUID", "")), normalise_guid(link.get("targetGUID", ""))
        if origin in note_guids:
            links.append((origin, target))
        elif target in note_guids:
            links.append((target, origin))
        else:
            other_links += 1
    if other_links:
        report.dropped.append(f"{other_links} links between codes or passages: framework-qa has no equivalent.")
    return links


def raw_note_spans(root: Element, links: NoteLinks, source_guids: set[str]) -> dict[str, tuple[str | None, list[tuple[int, int]]]]:
    """Note GUID -> (the source its ranges lie in, or None when no single source names it; raw spans)."""
    out: dict[str, tuple[str | None, list[tuple[int, int]]]] = {}
    for element in root.findall("Notes/Note"):
        spans = []
        for sel in element.findall("PlainTextSelection"):
            try:
                spans.append((int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))))
            except ValueError:
                continue
        if not spans:
            continue
        guid = normalise_guid(element.get("guid", ""))
        sources = {t for n, t in links if n == guid and t in source_guids}
        if not sources and len(source_guids) == 1:  # QualCoder refers only a source's first annotation
            sources = set(source_guids)
        out[guid] = (next(iter(sources)) if len(sources) == 1 else None, spans)
    return out


def read_notes(
    root: Element, entries: dict[str, bytes], links: NoteLinks, targets: set[str], report: ImportReport,
    spans: dict[str, tuple[str | None, list[tuple[int, int]]]], map_span: SpanMapper,
) -> tuple[RefiNote, ...]:
    notes = []
    lost = 0
    for element in root.findall("Notes/Note"):
        guid = normalise_guid(element.get("guid", ""))
        content = element.find("PlainTextContent")
        path = element.get("plainTextPath", "")
        text = (content.text or "") if content is not None else ""
        if content is None and path and (entry := find_entry(entries, path)) is not None:
            text = decode_text(entries[entry], element.get("name", ""), report).lstrip("\ufeff")
        text = text.replace("\r\n", "\n")
        description = child_text(element, "Description")
        if description and description != text:
            text = f"{description}\n\n{text}" if text else description
        wanted = {t for n, t in links if n == guid and t}
        source, raw = spans.get(guid, (None, []))
        mapped: list[tuple[int, int]] = []
        if source is not None:
            wanted.add(source)
            mapped = [m for s, e in raw if (m := map_span(source, s, e)) is not None]
        if len(mapped) < len(raw):
            report.adjusted.append(f"Memo {element.get('name', '') or guid!r}: {len(raw) - len(mapped)} text range(s) "
                                   "could not be placed in a source; the memo text was kept without them.")
        lost += len(wanted - targets)
        notes.append(RefiNote(guid, element.get("name", ""), text, frozenset(wanted & targets), tuple(mapped),
                              parse_datetime(element.get("creationDateTime"))))
    if lost:
        report.dropped.append(f"{lost} memo link(s) point to items not brought in; the memos were kept.")
    if notes:
        report.brought_in.append(f"{len(notes)} memos.")
    return tuple(notes)

"""Reading text sources and their selections, and mapping positions onto the stored text."""

from __future__ import annotations

import codecs
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from xml.etree.ElementTree import Element

from .model import ImportReport, RefiSelection, RefiSource
from .positions import Counting, OffsetMap, choose_counting, map_span, normalise_text, offset_map
from .read_codes import child_text
from .values import derived_guid, normalise_guid, parse_datetime

NoteLinks = list[tuple[str, str]]  # (note guid, target guid)


@dataclass
class RawSelection:
    guid: str
    start: int
    end: int
    codings: list[tuple[str, str | None]]  # (code guid, coding user)
    user: str | None
    created: datetime | None
    note: str


@dataclass
class RawSource:
    guid: str
    name: str
    raw_text: str
    description: str
    selections: list[RawSelection] = field(default_factory=list)


def decode_text(data: bytes, label: str, report: ImportReport) -> str:
    """Decoded file text, BOM kept (it is stripped when positions are mapped); UTF-8 unless a BOM says otherwise."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "\ufeff" + data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        report.adjusted.append(f"{label}: text is not UTF-8; read as Windows-1252.")
        return data.decode("cp1252", errors="replace")


def find_entry(entries: dict[str, bytes], reference: str) -> str | None:
    """The archive entry a plainTextPath names: internal://X or a bare X, in Sources/ or sources/ or the root."""
    ref = reference.strip()
    if ref.lower().startswith("internal://"):
        ref = ref[len("internal://") :]
    elif "://" in ref:
        return None
    ref = ref.lstrip("/").lower()
    wanted = {ref, f"sources/{ref}"}
    base = ref.rsplit("/", 1)[-1]
    fallback = None
    for name in entries:
        lowered = name.lower()
        if lowered in wanted:
            return name
        if lowered.rsplit("/", 1)[-1] == base:
            fallback = fallback or name
    return fallback


def read_text_source(
    element: Element, entries: dict[str, bytes], report: ImportReport, note_links: NoteLinks
) -> RawSource | None:
    """The source with raw positions, or None (reported) when its text is not in the file."""
    guid = normalise_guid(element.get("guid", ""))
    name = element.get("name", "").strip() or guid
    content = element.find("PlainTextContent")
    path = element.get("plainTextPath", "")
    if content is not None:
        raw_text = content.text or ""
    elif path and (entry := find_entry(entries, path)) is not None:
        raw_text = decode_text(entries[entry], name, report)
    else:
        why = "it lies outside the archive" if "://" in path and not path.startswith("internal://") else "its text is not in the file"
        report.dropped.append(f"Source {name!r}: {why} ({path or 'no plainTextPath'}); its codings were dropped too.")
        return None
    source = RawSource(guid, name, raw_text, child_text(element, "Description"))
    for ref in element.findall("NoteRef"):
        note_links.append((normalise_guid(ref.get("targetGUID", "")), guid))
    if element.findall("Coding"):
        report.dropped.append(f"Source {name!r}: codings of the whole document are not brought in, only of passages.")
    for sel in element.findall("PlainTextSelection"):
        sel_guid = normalise_guid(sel.get("guid", ""))
        try:
            start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
        except ValueError:
            report.dropped.append(f"Source {name!r}: a selection without readable positions was dropped.")
            continue
        codings = []
        for coding in sel.findall("Coding"):
            code_ref = coding.find("CodeRef")
            if code_ref is not None and code_ref.get("targetGUID"):
                user = coding.get("creatingUser")
                codings.append((normalise_guid(code_ref.get("targetGUID", "")), normalise_guid(user) if user else None))
            for note_ref in coding.findall("NoteRef"):
                note_links.append((normalise_guid(note_ref.get("targetGUID", "")), sel_guid))
        for note_ref in sel.findall("NoteRef"):
            note_links.append((normalise_guid(note_ref.get("targetGUID", "")), sel_guid))
        user = sel.get("creatingUser")
        source.selections.append(
            RawSelection(
                sel_guid,
                start,
                end,
                codings,
                normalise_guid(user) if user else None,
                parse_datetime(sel.get("creationDateTime")),
                child_text(sel, "Description").strip(),
            )
        )
    return source


def map_sources(
    origin: str, raw_sources: list[RawSource], code_guids: set[str], report: ImportReport,
    note_spans: Mapping[str, Sequence[tuple[int, int]]] | None = None,
) -> tuple[tuple[RefiSource, ...], Counting]:
    """Sources with positions mapped to code points of the normalised text, and the counting chosen.

    `note_spans` (source GUID -> raw spans of notes about it) take part in choosing the counting, as
    they are positions the same tool wrote over the same text.
    """
    extra = note_spans or {}
    choice = choose_counting(origin, [(s.raw_text, [(x.start, x.end) for x in s.selections]
                                       + list(extra.get(s.guid, ()))) for s in raw_sources])
    if any(s.selections for s in raw_sources) or any(extra.values()):
        report.counting = choice.counting.describe()
        report.word_start_share = choice.share
        others = ", ".join(
            f"{c.describe()} {v:.0%}" for c, v in choice.shares.items() if v is not None and c != choice.counting
        )
        report.adjusted.append(
            f"Positions read as {choice.counting.describe()} ({choice.reason}); "
            f"{(choice.share or 0.0):.0%} of coded passages start at a word boundary (other countings: {others})."
        )
    out = []
    for raw in raw_sources:
        omap = offset_map(raw.raw_text, choice.counting)
        text = normalise_text(raw.raw_text)
        selections: list[RefiSelection] = []
        for sel in raw.selections:
            selections.extend(_map_selection(raw.name, sel, omap, text, code_guids, report))
        out.append(RefiSource(raw.guid, raw.name, text, tuple(selections), raw.description))
        report.brought_in.append(f"Source {raw.name!r}: {len(text)} characters, {len(selections)} coded passages.")
    return tuple(out), choice.counting


def _map_selection(
    source_name: str, sel: RawSelection, omap: OffsetMap, text: str, code_guids: set[str], report: ImportReport
) -> list[RefiSelection]:
    """The selection on the normalised text, split per coder when several users coded it; [] when dropped."""
    where = f"Source {source_name!r}, selection {sel.start}-{sel.end}"
    span = map_span(omap, sel.start, sel.end)
    if span is None:
        why = "it is empty" if sel.start >= sel.end else "it falls outside the text"
        report.dropped.append(f"{where}: dropped because {why}.")
        return []
    known = [(c, u) for c, u in sel.codings if c in code_guids]
    if len(known) < len(sel.codings):
        report.dropped.append(f"{where}: {len(sel.codings) - len(known)} coding(s) refer to no code and were dropped.")
    if not known and not sel.note:
        if sel.codings:
            report.dropped.append(f"{where}: dropped because none of its codes exists.")
        else:
            report.dropped.append(f"{where}: dropped because it carries neither a code nor a comment.")
        return []
    by_user: dict[str | None, list[str]] = {}
    for code, user in known:
        key = user or sel.user
        if code not in by_user.setdefault(key, []):
            by_user[key].append(code)
    if not by_user:
        by_user[sel.user] = []
    if len(by_user) > 1:
        report.adjusted.append(f"{where}: coded by {len(by_user)} users, split into one passage per user.")
    out = []
    for index, (user, codes) in enumerate(by_user.items()):
        guid = sel.guid if index == 0 else derived_guid(sel.guid, user or "")
        out.append(RefiSelection(guid, span[0], span[1], tuple(codes), user, sel.created, sel.note if index == 0 else ""))
    return out

"""Bringing one coder's codings in from a copy of the project (blind coding in separate files).

A coder who worked in a copy sends it back; `merge_coder(target, copy_path, coder)` copies that coder's
codings into the target as one undoable command. Matching:
- documents by content (`content_hash`) first, then by name. A document matched only by name has different
  text, so each coding is kept only where the coded text is the same at the same position, or moved when
  that text occurs exactly once in the target's version; otherwise it is listed as not copied;
- codes by stable GUID first, then by path.
Nothing is dropped silently: documents and codes that could not be matched, and every coding not copied,
are in the report with the reason. A coding already in the target (same document, code, coder and range)
is not copied again, so merging twice changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError
from framework_qa.core.model import Coding, Document
from framework_qa.core.project import CodingRequest, Project, open_project


@dataclass(frozen=True, slots=True)
class Match:
    source: str
    target: str
    by: str  # "content", "name", "guid", "path"


@dataclass(frozen=True, slots=True)
class Skipped:
    document: str
    code: str
    start: int
    end: int
    reason: str


@dataclass
class MergeReport:
    coder: str
    source: str
    documents: list[Match] = field(default_factory=list)
    codes: list[Match] = field(default_factory=list)
    unmatched_documents: list[str] = field(default_factory=list)
    unmatched_codes: list[str] = field(default_factory=list)
    copied: int = 0
    moved: int = 0
    already_present: int = 0
    not_copied: list[Skipped] = field(default_factory=list)
    change: Change | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "coder": self.coder,
            "source": self.source,
            "copied": self.copied,
            "moved": self.moved,
            "already_present": self.already_present,
            "documents": [{"source": m.source, "target": m.target, "by": m.by} for m in self.documents],
            "codes": [{"source": m.source, "target": m.target, "by": m.by} for m in self.codes],
            "unmatched_documents": list(self.unmatched_documents),
            "unmatched_codes": list(self.unmatched_codes),
            "not_copied": [
                {"document": s.document, "code": s.code, "start": s.start, "end": s.end, "reason": s.reason}
                for s in self.not_copied
            ],
        }


@dataclass(frozen=True, slots=True)
class _SourceCoding:
    coding: Coding
    document: Document
    code_path: str
    code_guid: str
    text: str  # the coded text in the source


def _read_source(path: Path, coder: str) -> tuple[list[_SourceCoding], dict[int, str]]:
    with open_project(path) as source:
        found = source.find_coder(coder)
        if found is None:
            names = ", ".join(sorted(c.name for c in source.coders())) or "none"
            raise FqaError(f"{path.name} has no coder named '{coder}' (its coders: {names})")
        codings = source.codings(coders=[found.id])
        texts = {d: source.text(d) for d in {c.document_id for c in codings}}
        out = [
            _SourceCoding(c, source.document(c.document_id), source.code_path(c.code_id),
                          source.code(c.code_id).guid, texts[c.document_id][c.start:c.end])
            for c in codings
        ]
    return out, texts


def _match_documents(target: Project, docs: list[Document], report: MergeReport) -> dict[int, Document]:
    by_hash: dict[str, list[Document]] = {}
    for d in target.documents():
        by_hash.setdefault(d.content_hash, []).append(d)
    matched: dict[int, Document] = {}
    for doc in docs:
        same = by_hash.get(doc.content_hash, [])
        if same:
            best = next((d for d in same if d.name == doc.name), same[0])
            matched[doc.id] = best
            report.documents.append(Match(doc.name, best.name, "content"))
            continue
        named = next((d for d in target.documents() if d.name == doc.name), None)
        if named is not None:
            matched[doc.id] = named
            report.documents.append(Match(doc.name, named.name, "name"))
        else:
            report.unmatched_documents.append(doc.name)
    return matched


def _match_codes(target: Project, sources: list[_SourceCoding], report: MergeReport) -> dict[str, int]:
    by_guid = {c.guid: c for c in target.codes()}
    matched: dict[str, int] = {}
    for guid, path in dict.fromkeys((s.code_guid, s.code_path) for s in sources):
        code = by_guid.get(guid)
        if code is not None:
            matched[guid] = code.id
            report.codes.append(Match(path, target.code_path(code.id), "guid"))
            continue
        code = target.find_code(path)
        if code is not None:
            matched[guid] = code.id
            report.codes.append(Match(path, path, "path"))
        else:
            report.unmatched_codes.append(path)
    return matched


def merge_coder(target: Project, source_path: str | Path, coder: str) -> MergeReport:
    """Copy `coder`'s codings from the project file at `source_path` into `target` (one undoable command)."""
    source_path = Path(source_path)
    if source_path.resolve() == target.path.resolve():
        raise FqaError("merge from a copy of the project, not from the project itself")
    sources, _ = _read_source(source_path, coder)
    report = MergeReport(coder, source_path.name)
    docs = list({s.document.id: s.document for s in sources}.values())
    doc_map = _match_documents(target, docs, report)
    code_map = _match_codes(target, sources, report)
    existing_coder = target.find_coder(coder)
    present: set[tuple[int, int, int, int]] = set()
    if existing_coder is not None:
        present = {(c.document_id, c.code_id, c.start, c.end) for c in target.codings(coders=[existing_coder.id])}
    target_texts: dict[int, str] = {}
    requests: list[CodingRequest] = []
    for s in sources:
        c = s.coding
        doc = doc_map.get(c.document_id)

        def skip(reason: str, s: _SourceCoding = s) -> None:
            report.not_copied.append(Skipped(s.document.name, s.code_path, s.coding.start, s.coding.end, reason))

        if doc is None:
            skip("document not found in this project (neither its text nor its name)")
            continue
        code_id = code_map.get(s.code_guid)
        if code_id is None:
            skip("code not found in this project (neither its id nor its path)")
            continue
        start, end = c.start, c.end
        if doc.content_hash != s.document.content_hash:
            text = target_texts.setdefault(doc.id, target.text(doc))
            if text[start:end] != s.text:
                at = text.find(s.text)
                if not s.text or at < 0 or text.find(s.text, at + 1) >= 0:
                    skip("the document's text differs here and the coded text is not found exactly once")
                    continue
                start, end = at, at + len(s.text)
                report.moved += 1
        key = (doc.id, code_id, start, end)
        if key in present:
            report.already_present += 1
            continue
        present.add(key)
        requests.append(CodingRequest(doc.id, start, end, code_id, coder, c.memo))
    if requests:
        report.change = target.add_codings(
            requests, label=f"Merge {len(requests)} codings of '{coder}' from {source_path.name}")
    report.copied = len(requests)
    return report

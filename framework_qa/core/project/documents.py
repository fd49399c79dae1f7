"""Commands on documents: import, add, rename, reassign to a case, delete.

Methods whose docstring starts "Inside a running command" are write steps (see `cases.py`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError, ImportFailure
from framework_qa.core.model import Document, Span
from framework_qa.core.project.base import ProjectBase, now
from framework_qa.core.project.cases import CaseOps
from framework_qa.core.project.guids import free_guid

if TYPE_CHECKING:  # the readers themselves are imported where a file is read: they load python-docx
    from framework_qa.core.importers import ImportedText

Progress = Callable[[int, int, str], bool]  # (done, total, file name) -> keep going?


@dataclass
class ImportReport:
    """What a batch import did: documents added (by name), files that failed (with reasons)."""

    imported: list[str] = field(default_factory=list)
    failures: list[ImportFailure] = field(default_factory=list)
    cancelled: bool = False
    change: Change | None = None

    @property
    def ok(self) -> bool:
        return not self.failures


def content_hash(text: str) -> str:
    """SHA-256 of the text's UTF-8, hashed a million characters at a time so that a 200 MB transcript is
    never encoded whole beside its text (the digest is the same: UTF-8 of a concatenation is the
    concatenation of the UTF-8s)."""
    import hashlib  # OpenSSL's start-up is paid by an import, not by every read of the project

    digest = hashlib.sha256()
    for start in range(0, len(text), 1 << 20):
        digest.update(text[start:start + (1 << 20)].encode("utf-8"))
    return digest.hexdigest()


class DocumentOps(CaseOps, ProjectBase):
    def import_files(self, paths: Iterable[str | Path], *, case: str | None = None,
                     progress: Progress | None = None) -> ImportReport:
        """Read every file, then add all that could be read as one undoable command.

        A file that fails is reported and contributes nothing; the others still import. `progress`
        is called before each file and may return False to cancel (nothing is then imported).
        """
        from framework_qa.core.importers import read_transcript  # python-docx loads only for an import
        report = ImportReport()
        paths = list(paths)
        parsed: list[ImportedText] = []
        names = {d.name for d in self.documents()}
        for i, path in enumerate(paths):
            if progress is not None and not progress(i, len(paths), Path(path).name):
                report.cancelled = True
                return report
            try:
                item = read_transcript(path)
            except ImportFailure as failure:
                report.failures.append(failure)
                continue
            name = item.name
            if name in names:
                report.failures.append(ImportFailure(item.path, f"a document named '{name}' is already in the "
                                                                "project; rename the file or the document"))
                continue
            names.add(name)
            parsed.append(item)
        if progress is not None:
            progress(len(paths), len(paths), "")
        if parsed:
            report.change = self.add_imported(parsed, case=case)
            report.imported = [p.name for p in parsed]
        return report

    def add_imported(self, items: Sequence[ImportedText], *, case: str | None = None) -> Change:
        """Add transcripts already read (e.g. on a worker thread) as one undoable command.

        Each document is named after its file's stem; a name already in the project rejects the batch.
        """
        names = {d.name for d in self.documents()}
        for item in items:
            if item.name in names:
                raise FqaError(f"{item.name}: a document named '{item.name}' is already in the project")
            names.add(item.name)
        label = f"Import {len(items)} document{'s' if len(items) != 1 else ''}"

        from framework_qa.core.importers.files import display_name

        def body() -> None:
            for item in items:
                self.insert_document(item.name, item.text, spans=item.spans, fmt=item.format,
                                     original_name=display_name(item.path), case_id=self.ensure_case(case or item.name))
        _, change = self._run(label, body)
        return change

    def add_document(self, name: str, text: str, *, spans: Sequence[Span] | None = None,
                     format: str = "txt", original_name: str | None = None, case: str | None = None) -> Change:
        from framework_qa.core.importers.turns import normalise_newlines

        text = normalise_newlines(text)
        if any(d.name == name for d in self.documents()):
            raise FqaError(f"a document named '{name}' is already in the project")
        _, change = self._run(f"Add document '{name}'", lambda: self.insert_document(
            name, text, spans=spans, fmt=format, original_name=original_name or name,
            case_id=self.ensure_case(case or name)))
        return change

    def insert_document(self, name: str, text: str, *, case_id: int | None, spans: Sequence[Span] | None = None,
                        fmt: str = "txt", original_name: str | None = None, guid: str | None = None) -> int:
        """Inside a running command: store a document and return its id.

        `text` is stored exactly (its newlines already normalised), since every coding position indexes
        it; `spans` default to the speaker turns found in it, `original_name` to `name`. The new row gets
        `guid` when no document has it yet, else a fresh one. `name` must be free (`free_document_name`).
        """
        from framework_qa.core.importers.turns import split_spans

        span_list = list(spans) if spans is not None else split_spans(text)
        original = name if original_name is None else original_name
        return self._store.insert("documents", {
            "name": name, "original_name": original, "format": fmt, "text": text,
            "spans": json.dumps([[s.start, s.end, s.speaker] for s in span_list], ensure_ascii=False),
            "case_id": case_id, "imported_at": now(), "guid": free_guid(self._store, "documents", guid),
            "content_hash": content_hash(text), "length": len(text)})

    def free_document_name(self, wanted: str) -> str:
        """Inside a running command: `wanted` if no document has that name, else `wanted (n)`.

        n ≥ 2 is the least free; reads the file, not the cached `documents()`, so names taken earlier in
        the same command count.
        """
        name, n = wanted, 2
        while self._store.select("documents", ("id",), name=name):
            name, n = f"{wanted} ({n})", n + 1
        return name

    def rename_document(self, ref: int | str | Document, new_name: str) -> Change:
        doc = self.document(ref)
        new_name = new_name.strip()
        if not new_name:
            raise FqaError("a document needs a name")
        if any(d.name == new_name and d.id != doc.id for d in self.documents()):
            raise FqaError(f"a document named '{new_name}' is already in the project")
        _, change = self._run(f"Rename document '{doc.name}'",
                              lambda: self._store.update("documents", doc.id, {"name": new_name}))
        return change

    def set_document_case(self, ref: int | str | Document, case: str | None) -> Change:
        """Assign the document to the named case (created if new), or to no case."""
        doc = self.document(ref)
        label = f"Assign '{doc.name}' to case '{case}'" if case else f"Remove '{doc.name}' from its case"
        _, change = self._run(label, lambda: self._store.update(
            "documents", doc.id, {"case_id": self.ensure_case(case) if case else None}))
        return change

    def delete_document(self, ref: int | str | Document) -> Change:
        """Delete the document with its codings and memo."""
        doc = self.document(ref)

        def body() -> None:
            for row in self._store.codings(document_ids=[doc.id]):
                self._store.delete("codings", int(row["id"]))
            for row in self._store.select("memos", ("id",), target_kind="document", target_id=doc.id):
                self._store.delete("memos", int(row["id"]))
            self._store.delete("documents", doc.id)
        _, change = self._run(f"Delete document '{doc.name}'", body)
        return change

"""Commands on documents: import, add, rename, reassign to a case, delete."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError, ImportFailure
from framework_qa.core.importers import ImportedText, read_transcript
from framework_qa.core.model import Document, Span
from framework_qa.core.project.base import ProjectBase, new_guid, now

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
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class DocumentOps(ProjectBase):
    def import_files(self, paths: Iterable[str | Path], *, case: str | None = None,
                     progress: Progress | None = None) -> ImportReport:
        """Read every file, then add all that could be read as one undoable command.

        A file that fails is reported and contributes nothing; the others still import. `progress`
        is called before each file and may return False to cancel (nothing is then imported).
        """
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
            name = item.path.stem
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
            report.imported = [p.path.stem for p in parsed]
        return report

    def add_imported(self, items: Sequence[ImportedText], *, case: str | None = None) -> Change:
        """Add transcripts already read (e.g. on a worker thread) as one undoable command.

        Each document is named after its file's stem; a name already in the project rejects the batch.
        """
        names = {d.name for d in self.documents()}
        for item in items:
            if item.path.stem in names:
                raise FqaError(f"{item.path.name}: a document named '{item.path.stem}' is already in the project")
            names.add(item.path.stem)
        label = f"Import {len(items)} document{'s' if len(items) != 1 else ''}"

        def body() -> None:
            for item in items:
                self._insert_document(item.path.stem, item.text, item.spans, item.format, item.path.name, case)
        _, change = self._run(label, body)
        return change

    def add_document(self, name: str, text: str, *, spans: Sequence[Span] | None = None,
                     format: str = "txt", original_name: str | None = None, case: str | None = None) -> Change:
        from framework_qa.core.importers.turns import normalise_newlines, split_spans

        text = normalise_newlines(text)
        if any(d.name == name for d in self.documents()):
            raise FqaError(f"a document named '{name}' is already in the project")
        span_list = list(spans) if spans is not None else split_spans(text)
        _, change = self._run(f"Add document '{name}'", lambda: self._insert_document(
            name, text, span_list, format, original_name or name, case))
        return change

    def _insert_document(self, name: str, text: str, spans: Sequence[Span], fmt: str, original: str,
                         case: str | None) -> int:
        case_id = self._ensure_case(case or name)
        return self._store.insert("documents", {
            "name": name, "original_name": original, "format": fmt, "text": text,
            "spans": json.dumps([[s.start, s.end, s.speaker] for s in spans], ensure_ascii=False),
            "case_id": case_id, "imported_at": now(), "guid": new_guid(),
            "content_hash": content_hash(text), "length": len(text)})

    def _ensure_case(self, name: str) -> int:
        for row in self._store.select("cases", ("id",), name=name):
            return int(row["id"])
        return self._store.insert("cases", {"name": name, "guid": new_guid()})

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
            "documents", doc.id, {"case_id": self._ensure_case(case) if case else None}))
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

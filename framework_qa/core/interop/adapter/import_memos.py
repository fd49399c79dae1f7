"""Import steps for memos: notes and descriptions become memos of what they are about."""

from __future__ import annotations

from framework_qa.core.interop.refi import RefiNote
from framework_qa.core.model import MemoTarget

from .analysis import summary_note_guids
from .import_sources import SourceSteps


class MemoSteps(SourceSteps):
    """Notes about the project, documents, cases, codes and codings; a note with its own text range."""

    def attach_notes(self, notes: tuple[RefiNote, ...], keep_names: bool) -> None:
        code_ids = self.codes.ids
        summaries = summary_note_guids(self.refi.extension)
        for note in notes:
            if note.guid in summaries:
                continue
            text = note.text
            if keep_names and note.name.strip() and note.name.strip() not in text:
                text = f"{note.name.strip()}\n\n{text}" if text.strip() else note.name.strip()
            if not text.strip():
                continue
            if note.spans:
                self.attach_spans(note, text)
                continue
            if not note.target_guids:
                self.add_memo(("project", 0), text)
            for target in sorted(note.target_guids):
                if target in code_ids:
                    self.add_memo(("code", code_ids[target]), text)
                elif target in self.documents:
                    self.add_memo(("document", self.documents[target][0]), text)
                elif target in self.cases:
                    self.add_memo(("case", self.cases[target]), text)
                elif target in self.selections:
                    for coding_id in self.selections[target]:
                        self.add_coding_memo(coding_id, text)
                    self.outcome.memos += 1
                else:
                    self.report.dropped.append(f"Memo {note.name!r}: it is about an item not brought in; "
                                               "kept as a project memo.")
                    self.memos.setdefault(("project", 0), []).append(text)

    def add_memo(self, key: tuple[MemoTarget, int], text: str) -> None:
        """Collect a memo; a note repeating a description already collected for the item is not added twice
        (framework-qa and other tools write a memo both as a Description and as a Note)."""
        texts = self.memos.setdefault(key, [])
        if text not in texts:
            texts.append(text)

    def add_coding_memo(self, coding_id: int, text: str) -> None:
        """Add `text` to a coding's memo, unless the memo already says it (framework-qa writes a coding
        memo both as its selection's Description and as a Note about the selection)."""
        memo = self.project.coding(coding_id).memo  # read from the file, not a cache
        if text != memo:
            self.project.set_coding_memo(coding_id, "\n\n".join(t for t in (memo, text) if t))

    def attach_spans(self, note: RefiNote, text: str) -> None:
        """A note on passages of a source: a memo of the codings on exactly that passage, else kept in
        the document memo with the passage it is about."""
        source = next((t for t in sorted(note.target_guids) if t in self.documents), None)
        if source is None:
            self.report.adjusted.append(f"Memo {note.name or note.guid!r}: its passage lies in no source brought "
                                        "in; kept as a project memo.")
            self.add_memo(("project", 0), text)
            return
        doc_id, doc_text = self.documents[source]
        for start, end in note.spans:
            hits = self.spans.get((doc_id, start, end), [])
            for coding_id in hits:
                self.add_coding_memo(coding_id, text)
            if hits:
                self.report.adjusted.append(f"Memo on {start}-{end} of a source: kept as the memo of the "
                                            f"{len(hits)} coding(s) on exactly that passage.")
                continue
            excerpt = " ".join(doc_text[start:end].split())[:60]
            self.add_memo(("document", doc_id), f"Memo on {start}-{end} (“{excerpt}”): {text}")
            self.report.adjusted.append(f"Memo on {start}-{end} of a source: no coding covers exactly that passage "
                                        "(framework-qa memos need one), kept in the document memo with its range.")
        self.outcome.memos += 1

    def write_memos(self) -> None:
        for (kind, target_id), texts in self.memos.items():
            if self.project.append_memo(kind, target_id, "\n\n".join(texts)):
                self.report.adjusted.append(f"The {kind} memo already present was kept; the imported one was added below it.")
            self.outcome.memos += 1

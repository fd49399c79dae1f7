"""Import steps for documents and their codings: text kept exactly, each (selection, code) pair a coding
checked against the text it names."""

from __future__ import annotations

from framework_qa.core.importers.turns import normalise_newlines
from framework_qa.core.interop.refi import RefiSource
from framework_qa.core.interop.refi.values import derived_guid
from framework_qa.core.project.base import now

from .import_people import PeopleSteps


class SourceSteps(PeopleSteps):
    """Documents (each in a case) and the codings of their passages."""

    def document_name(self, wanted: str) -> str:
        name = wanted.strip() or "Untitled"
        free = self.project.free_document_name(name)
        if free != name:
            self.report.adjusted.append(f"Document {name!r}: the name was taken, imported as '{free}'.")
        return free

    def add_source(self, source: RefiSource, case_id: int | None) -> None:
        name = self.document_name(source.name)
        text = normalise_newlines(source.text)
        if case_id is None:
            case_id, created = self.ensure_case(name)
            self.outcome.cases += created
        doc_id = self.project.insert_document(name, text, case_id=case_id, original_name=source.name,
                                              guid=source.guid)
        self.outcome.documents += 1
        self.documents[source.guid] = (doc_id, text)
        if source.description.strip():
            self.memos.setdefault(("document", doc_id), []).append(source.description)
        self.add_selections(source, doc_id, text)

    def add_selections(self, source: RefiSource, doc_id: int, text: str) -> None:
        seen: set[tuple[int, int, int, int]] = set()
        mismatched = duplicates = 0
        for sel in source.selections:
            if not 0 <= sel.start < sel.end <= len(text) or text[sel.start:sel.end] != source.text[sel.start:sel.end]:
                mismatched += 1
                continue
            if not sel.code_guids:
                excerpt = " ".join(text[sel.start:sel.end].split())[:60]
                self.memos.setdefault(("document", doc_id), []).append(
                    f"Comment on {sel.start}-{sel.end} (“{excerpt}”): {sel.note}")
                self.report.adjusted.append(f"Source {source.name!r}, passage {sel.start}-{sel.end}: a comment "
                                            "without a code, kept in the document memo.")
                continue
            coder_id = self.coder_for(sel.user_guid)
            created = (sel.created.isoformat(timespec="seconds") if sel.created else now())
            for index, code_guid in enumerate(sel.code_guids):
                code_id = self.codes.ids[code_guid]
                key = (sel.start, sel.end, code_id, coder_id)
                if key in seen and not self.own:  # framework-qa's own twins are rows of their own
                    duplicates += 1
                    continue
                seen.add(key)
                wanted = sel.guid if index == 0 else derived_guid("coding", sel.guid, code_guid)
                coding_id = self.project.insert_coding(doc_id, sel.start, sel.end, code_id, coder_id, sel.note,
                                                       created_at=created, guid=wanted)
                self.selections.setdefault(sel.guid, []).append(coding_id)
                self.spans.setdefault((doc_id, sel.start, sel.end), []).append(coding_id)
                self.outcome.codings += 1
        if mismatched:
            self.report.dropped.append(f"Source {source.name!r}: {mismatched} passage(s) did not cover the text "
                                       "they name once stored, and were dropped.")
        if duplicates:
            self.report.dropped.append(f"Source {source.name!r}: {duplicates} coding(s) repeated the same code, "
                                       "coder and passage; kept once.")

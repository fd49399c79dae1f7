"""Bringing an exchange project or codebook into a framework-qa project as one undoable command.

What the exchange holds goes in under framework-qa's rules, and the report says where they differed:
- documents keep their text exactly (positions stay valid); a name already taken gets a suffix;
- users become coders (matched by name); a passage without a user is credited to `UNKNOWN_CODER`;
- each (selection, code) pair becomes a coding by the selection's user, after checking that the
  coding covers exactly the text the selection names; a comment-only selection is kept in the
  document memo, since a framework-qa coding needs a code;
- cases are matched by name; a document in no case gets a case of its own name, as framework-qa
  gives every document; a document in several cases stays in the first;
- variables become attributes (Integer/Float: number, Date/DateTime: date, others: text);
- notes become memos of the project, document, case or code they are about, or of the codings made
  from the selection they are about; several notes on one item are joined, a note repeating the item's
  Description is kept once; a note with its own text range (QualCoder's annotations) becomes the memo
  of the codings on exactly that passage, else stays in the document memo with its range;
- project and case Descriptions become the project and case memos;
- framework-qa's own extension restores code origins and fields, summaries and saved views.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from framework_qa.core.commands import Change
from framework_qa.core.importers.attributes import canonical
from framework_qa.core.importers.turns import normalise_newlines
from framework_qa.core.interop.refi import ImportReport, RefiCodebook, RefiNote, RefiProject, RefiSource
from framework_qa.core.interop.refi.model import VariableType, VariableValue
from framework_qa.core.interop.refi.values import derived_guid
from framework_qa.core.model import AttributeType, MemoTarget
from framework_qa.core.project import Project
from framework_qa.core.project.base import now

from .analysis import apply_analysis, code_fields, summary_note_guids
from .import_codes import CodeTreeWriter

UNKNOWN_CODER = "imported"
_KINDS: dict[VariableType, AttributeType] = {
    "Text": "text", "Boolean": "text", "Integer": "number", "Float": "number", "Date": "date", "DateTime": "date"}


@dataclass
class ImportOutcome:
    """What one import put into the project, beside the report of what it dropped or adjusted."""

    report: ImportReport
    documents: int = 0
    codes: int = 0
    codings: int = 0
    coders: list[str] = field(default_factory=list)
    cases: int = 0
    attribute_values: int = 0
    memos: int = 0
    codes_matched: int = 0  # codebook imports: codes already in the project by GUID
    codes_matched_by_path: list[str] = field(default_factory=list)  # ... or by path, GUID differing
    change: Change | None = None

    def summary(self) -> str:
        coders = f" by {_count(len(self.coders), 'coder')}" if self.coders else ""
        return (f"{_count(self.documents, 'document')}, {_count(self.codes, 'new code')}, "
                f"{_count(self.codings, 'coding')}{coders}, {_count(self.cases, 'case')}, "
                f"{_count(self.attribute_values, 'attribute value')}, {_count(self.memos, 'memo')}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _value_text(value: VariableValue) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date()
    return value


class _Writer:
    """One import's state while its command runs.

    Every write is one of the project's own write steps (`Project.ensure_case`, `insert_document`,
    `insert_coding`, ...), the same the project's commands are built from, so the rules for each row
    live in one place; this class only decides what the exchange's items become, and reports it.
    """

    def __init__(self, project: Project, refi: RefiProject, report: ImportReport) -> None:
        self.project = project
        self.refi = refi
        self.report = report
        self.outcome = ImportOutcome(report)
        self.codes = CodeTreeWriter(project, report, fields=code_fields(refi.extension))
        self.own = refi.origin.startswith("framework-qa")
        self.coders: dict[str, int] = {}  # user GUID -> coder id
        self.coder_names: dict[int, str] = {}
        self.cases: dict[str, int] = {}  # case GUID -> case id
        self.documents: dict[str, tuple[int, str]] = {}  # source GUID -> (document id, stored text)
        self.selections: dict[str, list[int]] = {}  # selection GUID -> coding ids
        self.memos: dict[tuple[MemoTarget, int], list[str]] = {}
        self.spans: dict[tuple[int, int, int], list[int]] = {}  # (document id, start, end) -> coding ids

    # ------------------------------------------------------------ people and cases
    def add_coder(self, name: str, guid: str | None = None) -> int:
        coder_id = self.project.ensure_coder(name, guid)
        self.coder_names[coder_id] = name
        return coder_id

    def add_users(self) -> None:
        for user in self.refi.users:
            name = user.name.strip() or f"user {user.guid[:8]}"
            self.coders[user.guid] = self.add_coder(name, user.guid)

    def coder_for(self, user_guid: str | None) -> int:
        if user_guid and user_guid in self.coders:
            return self.coders[user_guid]
        if user_guid:
            self.report.adjusted.append(f"User {user_guid} is not listed among the project's users; "
                                        f"their passages are credited to 'user {user_guid[:8]}'.")
            self.coders[user_guid] = self.add_coder(f"user {user_guid[:8]}", user_guid)
            return self.coders[user_guid]
        if "" not in self.coders:
            self.report.adjusted.append(f"Passages without a coder are credited to the coder '{UNKNOWN_CODER}'.")
            self.coders[""] = self.add_coder(UNKNOWN_CODER)
        return self.coders[""]

    def ensure_case(self, name: str, guid: str | None = None) -> tuple[int, bool]:
        """The case named `name` and whether this import created it."""
        existing = self.project.stored_case_id(name)
        if existing is not None:
            return existing, False
        return self.project.ensure_case(name, guid), True

    def add_cases(self) -> dict[str, int]:
        """Cases by GUID; returns each source GUID's case id (first case wins)."""
        membership: dict[str, int] = {}
        for n, case in enumerate(self.refi.cases, start=1):
            name = case.name.strip() or f"Case {n}"
            case_id, created = self.ensure_case(name, case.guid)
            self.outcome.cases += created
            if not created:
                self.report.adjusted.append(f"Case {name!r}: joined with the case of that name already present.")
            self.cases[case.guid] = case_id
            if case.description.strip():
                self.memos.setdefault(("case", case_id), []).append(case.description)
            for source in case.source_guids:
                if source in membership and membership[source] != case_id:
                    self.report.adjusted.append(f"Case {name!r}: a document belongs to several cases; "
                                                "framework-qa keeps one case per document, the first listed.")
                    continue
                membership[source] = case_id
        return membership

    def add_attributes(self) -> None:
        variables: dict[str, tuple[int, AttributeType, str]] = {}
        for var in self.refi.variables:
            name = var.name.strip() or f"variable {var.guid[:8]}"
            attribute = self.project.stored_attribute(name)
            if attribute is None:
                kind = _KINDS[var.type_name]
                variables[var.guid] = (self.project.ensure_attribute(name, kind), kind, name)
                if var.type_name in ("Boolean", "DateTime"):
                    kept = "text (true/false)" if var.type_name == "Boolean" else "a date (time of day dropped)"
                    self.report.adjusted.append(f"Variable {name!r} ({var.type_name}) kept as {kept}.")
            else:
                variables[var.guid] = (attribute.id, attribute.type, name)
        for case in self.refi.cases:
            case_id = self.cases[case.guid]
            for var_guid, value in case.values.items():
                attr_id, kind, name = variables[var_guid]
                try:
                    text = canonical(_value_text(value), kind)
                except ValueError as exc:
                    self.report.dropped.append(f"Case {case.name!r}, {name}: {exc} (the attribute holds {kind}s).")
                    continue
                if not text:
                    continue
                self.project.write_case_value(case_id, attr_id, text)
                self.outcome.attribute_values += 1

    # ------------------------------------------------------------ documents and codings
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

    # ------------------------------------------------------------ memos
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
                        memo = self.project.coding(coding_id).memo  # read from the file, not a cache
                        self.project.set_coding_memo(coding_id, "\n\n".join(t for t in (memo, text) if t))
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
                memo = self.project.coding(coding_id).memo  # read from the file, not a cache
                self.project.set_coding_memo(coding_id, "\n\n".join(t for t in (memo, text) if t))
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


def _run(project: Project, label: str, body: Callable[[], ImportOutcome]) -> ImportOutcome:
    """Run `body` as one of the project's commands (which first catches up on other writers' changes)."""
    outcome, change = project._run(label, body)
    outcome.change = change
    return outcome


def import_refi_project(project: Project, refi: RefiProject, report: ImportReport, label: str) -> ImportOutcome:
    """Bring `refi` into `project` as one undoable command named after `label` (the file's name)."""

    def body() -> ImportOutcome:
        writer = _Writer(project, refi, report)
        writer.add_users()
        writer.codes.add(refi.codes)
        membership = writer.add_cases()
        for source in refi.sources:
            writer.add_source(source, membership.get(source.guid))
        writer.add_attributes()
        if refi.description.strip():
            writer.add_memo(("project", 0), refi.description)
        writer.attach_notes(refi.notes, keep_names=not writer.own)
        writer.write_memos()
        apply_analysis(project, refi.extension, writer.cases, writer.codes.ids, report)
        writer.codes.summarise()
        out = writer.outcome
        out.codes = writer.codes.created
        out.coders = sorted(set(writer.coder_names[c] for c in writer.coders.values()))
        return out

    return _run(project, f"Import {label}", body)


def import_refi_codebook(project: Project, codebook: RefiCodebook, report: ImportReport, label: str) -> ImportOutcome:
    """Bring the codes of `codebook` into `project` as one undoable command; codes present by GUID, or
    else by path (same name under the same parent), are kept, and the outcome counts both matches."""

    def body() -> ImportOutcome:
        codes = CodeTreeWriter(project, report, match_paths=True)
        codes.add(codebook.codes)
        codes.summarise()
        return ImportOutcome(report, codes=codes.created, codes_matched=codes.matched,
                             codes_matched_by_path=list(codes.matched_paths))

    return _run(project, f"Import codebook {label}", body)


__all__ = ["UNKNOWN_CODER", "ImportOutcome", "import_refi_codebook", "import_refi_project"]

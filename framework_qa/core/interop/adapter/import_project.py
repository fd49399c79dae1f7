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
- project and case Descriptions become the project and case memos; a code's Description gives its
  definition, inclusion, exclusion and memo (see `descriptions`);
- framework-qa's own extension restores code origins and fields, summaries and saved views.
"""

from __future__ import annotations

from collections.abc import Callable

from framework_qa.core.interop.refi import ImportReport, RefiCodebook, RefiProject
from framework_qa.core.project import Project

from .analysis import apply_analysis
from .import_codes import CodeTreeWriter
from .import_memos import MemoSteps
from .import_people import UNKNOWN_CODER
from .outcome import ImportOutcome


class _Writer(MemoSteps):
    """One import's state while its command runs.

    Every write is one of the project's own write steps (`Project.ensure_case`, `insert_document`,
    `insert_coding`, ...), the same the project's commands are built from, so the rules for each row
    live in one place; the steps only decide what the exchange's items become, and report it.
    """


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
        for code_id, memo in writer.codes.memos.items():
            writer.add_memo(("code", code_id), memo)
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
        for code_id, memo in codes.memos.items():  # new codes only: they have no memo yet
            project.append_memo("code", code_id, memo)
        codes.summarise()
        return ImportOutcome(report, codes=codes.created, codes_matched=codes.matched,
                             codes_matched_by_path=list(codes.matched_paths), memos=len(codes.memos))

    return _run(project, f"Import codebook {label}", body)


__all__ = ["UNKNOWN_CODER", "ImportOutcome", "import_refi_codebook", "import_refi_project"]

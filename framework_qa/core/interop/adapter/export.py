"""A framework-qa project as the REFI-QDA exchange model, and the files written from it.

Mapping: coders are users; the code tree is the codebook (every code codable, colour kept, definition,
inclusion, exclusion and memo in the description, see `descriptions`); each document is a text source
whose passages are its codings, one selection per coding carrying the coding's GUID, coder, time and
memo; cases keep their documents and typed attribute values. Summaries, code origin and saved views:
see `analysis`. Positions are code points of the stored text, which the writer puts in
`sources/<GUID>.txt`.

Memos go where each peer reads them, and also as the standard's Notes:
- project memo: `Project/Description` (QualCoder, NVivo) and a Note the project's `NoteRef` names;
- document memo: `TextSource/Description` (QualCoder, NVivo, MAXQDA) and a Note its `NoteRef` names;
- case memo: `Case/Description` (QualCoder) and a Note joined to the case by a `Link` (a Case has no
  NoteRef in the schema; NVivo joins memos with Links);
- code memo: in `Code/Description` (QualCoder's code memo, MAXQDA's code memos, NVivo's node
  descriptions) and a Note its `NoteRef` names;
- coding memo: `PlainTextSelection/Description` (QualCoder's coding memo; NVivo writes one on every
  selection) and a Note the selection's `NoteRef` names.
A reader of framework-qa's files takes each memo once (see `import_memos`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from framework_qa.core.interop.refi import (
    RefiCase,
    RefiCode,
    RefiCodebook,
    RefiNote,
    RefiProject,
    RefiSelection,
    RefiSource,
    RefiUser,
    RefiVariable,
    write_qdc,
    write_qdpx,
)
from framework_qa.core.interop.refi.model import VariableType, VariableValue
from framework_qa.core.interop.refi.values import derived_guid, is_valid_guid, parse_datetime
from framework_qa.core.model import Attribute, Code
from framework_qa.core.project import Project

from .analysis import analysis_extension
from .descriptions import compose_description

ORIGIN = "framework-qa"


def exchange_guid(guid: str, kind: str) -> str:
    """The GUID written for an item: its own when it is one, else a stable one derived from it."""
    return guid.strip("{}").lower() if is_valid_guid(guid) else derived_guid(kind, guid)


def _code_tree(project: Project) -> tuple[RefiCode, ...]:
    def build(code: Code) -> RefiCode:
        return RefiCode(
            guid=exchange_guid(code.guid, "code"),
            name=code.name,
            colour=code.colour.lower() if code.colour else None,
            description=compose_description(code.definition, code.inclusion, code.exclusion,
                                            project.memo("code", code.id)),
            is_codable=True,
            children=tuple(build(c) for c in project.children(code)),
        )

    return tuple(build(c) for c in project.children(None))


def _variable_type(attribute: Attribute, values: list[str]) -> VariableType:
    if attribute.type == "date":
        return "Date"
    if attribute.type == "number":
        return "Integer" if all(float(v).is_integer() for v in values) else "Float"
    return "Text"


def _typed(value: str, type_name: VariableType) -> VariableValue:
    if type_name == "Integer":
        return int(float(value))
    if type_name == "Float":
        return float(value)
    if type_name == "Date":
        return date.fromisoformat(value)
    return value


def _variables_and_cases(project: Project) -> tuple[tuple[RefiVariable, ...], tuple[RefiCase, ...]]:
    values = project.case_values()
    variables: list[RefiVariable] = []
    for attribute in project.attributes():
        present = [v[attribute.name] for v in values.values() if attribute.name in v]
        guid = derived_guid("attribute", attribute.name)
        variables.append(RefiVariable(guid, attribute.name, _variable_type(attribute, present)))
    by_name = {v.name: v for v in variables}
    cases = []
    for case in project.cases():
        typed = {
            by_name[name].guid: _typed(text, by_name[name].type_name)
            for name, text in values.get(case.id, {}).items()
        }
        docs = tuple(exchange_guid(d.guid, "document") for d in project.case_documents(case))
        cases.append(RefiCase(exchange_guid(case.guid, "case"), case.name, docs, typed, project.memo("case", case.id)))
    return tuple(variables), tuple(cases)


def _sources(project: Project) -> tuple[RefiSource, ...]:
    coders = {c.id: exchange_guid(c.guid, "coder") for c in project.coders()}
    codes = {c.id: exchange_guid(c.guid, "code") for c in project.codes()}
    sources = []
    for doc in project.documents():
        selections = tuple(
            RefiSelection(
                guid=exchange_guid(coding.guid, "coding"),
                start=coding.start,
                end=coding.end,
                code_guids=(codes[coding.code_id],),
                user_guid=coders[coding.coder_id],
                created=parse_datetime(coding.created_at),
                note=coding.memo,
            )
            for coding in project.codings(document=doc)
        )
        sources.append(RefiSource(exchange_guid(doc.guid, "document"), doc.name, project.text(doc), selections,
                                  project.memo("document", doc.id)))
    return tuple(sources)


def _notes(project: Project) -> tuple[RefiNote, ...]:
    names: dict[str, dict[int, tuple[str, str]]] = {
        "document": {d.id: (exchange_guid(d.guid, "document"), d.name) for d in project.documents()},
        "case": {c.id: (exchange_guid(c.guid, "case"), c.name) for c in project.cases()},
        "code": {c.id: (exchange_guid(c.guid, "code"), project.code_path(c)) for c in project.codes()},
    }
    notes = []
    for memo in project.memos():
        if not memo.text.strip():
            continue
        if memo.target_kind == "project":
            notes.append(RefiNote(derived_guid("memo", "project"), "Project memo", memo.text,
                              created=parse_datetime(memo.updated_at)))
            continue
        target = names[memo.target_kind].get(memo.target_id)
        if target is None:  # a memo left behind by a deleted item: nothing to attach it to
            continue
        guid, label = target
        name = f"Memo on {memo.target_kind} {label}"
        notes.append(RefiNote(derived_guid("memo", memo.target_kind, guid), name, memo.text, frozenset({guid}),
                              created=parse_datetime(memo.updated_at)))
    return tuple(notes)


def _coding_notes(sources: tuple[RefiSource, ...], code_paths: dict[str, str]) -> tuple[RefiNote, ...]:
    """Each coding memo also as a Note about its selection (beside the selection's Description)."""
    return tuple(
        RefiNote(derived_guid("coding-memo", sel.guid), f"Memo on a coding of {code_paths[sel.code_guids[0]]}",
                 sel.note, frozenset({sel.guid}), created=sel.created)
        for source in sources for sel in source.selections if sel.note.strip())


def project_to_refi(project: Project) -> RefiProject:
    """The whole project in the exchange model, framework-qa's own analysis in its extension."""
    users = tuple(RefiUser(exchange_guid(c.guid, "coder"), c.name) for c in project.coders())
    variables, cases = _variables_and_cases(project)
    extension, summary_notes = analysis_extension(project, exchange_guid)
    sources = _sources(project)
    code_paths = {exchange_guid(c.guid, "code"): project.code_path(c) for c in project.codes()}
    return RefiProject(
        name=project.path.stem,
        origin=ORIGIN,
        users=users,
        codes=_code_tree(project),
        variables=variables,
        cases=cases,
        sources=sources,
        notes=_notes(project) + _coding_notes(sources, code_paths) + summary_notes,
        description=project.memo("project"),
        extension=extension,
    )


def export_warnings(project: Project) -> list[str]:
    """What a peer will do differently with this export: QualCoder (and Taguette, whose names are flat)
    merge codes that share a name, wherever they sit in the tree."""
    paths: dict[str, list[str]] = {}
    for code in project.codes():
        paths.setdefault(code.name, []).append(project.code_path(code))
    return [f"Codes {', '.join(repr(p) for p in where)} share the name {name!r} under different parents; "
            "QualCoder merges codes of the same name on import." for name, where in paths.items() if len(where) > 1]


def codebook_to_refi(project: Project) -> RefiCodebook:
    return RefiCodebook(origin=ORIGIN, codes=_code_tree(project))


def export_qdpx(project: Project, path: str | Path) -> RefiProject:
    """Write the project as a .qdpx (atomically: a failed export leaves no file); returns what was written."""
    refi = project_to_refi(project)
    write_qdpx(refi, path)
    return refi


def export_qdc(project: Project, path: str | Path) -> RefiCodebook:
    codebook = codebook_to_refi(project)
    write_qdc(codebook, path)
    return codebook

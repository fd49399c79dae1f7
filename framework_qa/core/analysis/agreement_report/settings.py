"""What an agreement report compares: coders, documents, codes, unit, and the settings that change numbers.

`resolve(project, ...)` turns names and paths as a user types them into ids, checks them (at least two
distinct coders, known documents and codes, an overlap in (0, 1]) and fills the defaults: all documents,
and every code any of the chosen coders applied in them. A code with children stands for itself only: its
children's codings are not folded in (a note in the report says so).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from framework_qa.core.analysis.agreement import DEFAULT_OVERLAP, Uncoded, Unit
from framework_qa.core.errors import FqaError
from framework_qa.core.project import Project


@dataclass(frozen=True, slots=True)
class ReportSettings:
    """Resolved selection: ids in display order (documents by name, codes in tree order)."""

    coder_ids: tuple[int, ...]
    coders: tuple[str, ...]
    document_ids: tuple[int, ...]
    code_ids: tuple[int, ...]
    unit: Unit = Unit.CHARACTER
    overlap: float = DEFAULT_OVERLAP
    uncoded: Uncoded = Uncoded.MISSING
    notes: tuple[str, ...] = field(default=())
    """Remarks about the selection itself (parent codes standing for themselves, coders without codings)."""
    documents_chosen: bool = False
    """True when the user named the documents (else: every document of the project)."""
    codes_chosen: bool = False
    """True when the user named the codes (else: every code the coders applied in those documents)."""


def resolve(
    project: Project,
    coders: Sequence[str],
    *,
    documents: Sequence[str] | None = None,
    codes: Sequence[str] | None = None,
    unit: Unit | str = Unit.CHARACTER,
    overlap: float = DEFAULT_OVERLAP,
    uncoded: Uncoded | str = Uncoded.MISSING,
    used: Collection[tuple[int, int, int]] | None = None,
) -> ReportSettings:
    """Check and complete a selection. `overlap` is a fraction (0.9 = 90 %).

    `used` is the (document, code, coder) ids that have codings, for the default code selection; when None
    it is read from the project.
    """
    try:
        unit = Unit(unit)
    except ValueError:
        raise FqaError(f"unknown unit '{unit}': use character, paragraph or segment") from None
    uncoded = Uncoded(uncoded)
    if not 0 < overlap <= 1:
        raise FqaError(f"the segment overlap must be above 0 % and at most 100 % (got {overlap * 100:g} %)")
    coder_records = [project.coder(name) for name in coders]
    if len({c.id for c in coder_records}) < 2:
        raise FqaError("agreement needs at least two different coders")
    if len({c.id for c in coder_records}) != len(coder_records):
        raise FqaError("each coder can be named only once")
    if unit is Unit.SEGMENT and len(coder_records) != 2:
        raise FqaError("the segment unit compares exactly two coders; use character or paragraph for more")
    docs = [project.document(name) for name in documents] if documents else project.documents()
    doc_ids = tuple(dict.fromkeys(d.id for d in docs))
    coder_ids = tuple(c.id for c in coder_records)
    notes: list[str] = []
    if codes:
        chosen = [project.code(path) for path in codes]
        tree = {c.id: i for i, c in enumerate(project.codes())}
        code_ids = tuple(sorted(dict.fromkeys(c.id for c in chosen), key=tree.__getitem__))
    else:
        if used is None:
            used = [(d, c, k) for d, c, k, _, _ in project.store.coding_intervals([c.id for c in coder_records])]
        wanted_docs, wanted_coders = set(doc_ids), set(coder_ids)
        applied = {c for d, c, k in used if d in wanted_docs and k in wanted_coders}
        code_ids = tuple(c.id for c in project.codes() if c.id in applied)
    for code_id in code_ids:
        if project.children(code_id):
            notes.append(
                f"'{project.code_path(code_id)}' has child codes; it stands for itself: only codings with "
                "this code, not with its children, are compared"
            )
    return ReportSettings(
        coder_ids=coder_ids,
        coders=tuple(c.name for c in coder_records),
        document_ids=doc_ids,
        code_ids=code_ids,
        unit=unit,
        overlap=overlap,
        uncoded=uncoded,
        notes=tuple(notes),
        documents_chosen=bool(documents),
        codes_chosen=bool(codes),
    )

"""The framework matrix over an open project: the thin layer that reads the project once and hands
plain data to `compute_matrix`, plus excerpts, summary drafts, saved matrices and a DataFrame."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from framework_qa.core.analysis.matrix.grid import Matrix, compute_matrix
from framework_qa.core.analysis.matrix.report import MatrixReport, build_report
from framework_qa.core.analysis.matrix.spec import VIEW_KIND, MatrixSpec
from framework_qa.core.references import ReferenceBook

if TYPE_CHECKING:
    import pandas as pd

    from framework_qa.core.project import Project

DRAFT_QUOTE_WORDS = 14
VALUES = ("codings", "characters", "presence", "coverage", "summary")


def build_matrix(project: Project, spec: MatrixSpec | None = None) -> Matrix:
    """Compute the matrix for `spec` (default: all cases x every leaf code, all coders)."""
    spec = spec or MatrixSpec()
    return compute_matrix(
        spec,
        cases=[(c.id, c.name) for c in project.cases()],
        codes=project.codes(),
        documents=[(d.id, d.case_id, d.length) for d in project.documents()],
        codings=project.store.coding_tuples(),
        values=project.case_values(),
        types={a.name: a.type for a in project.attributes()},
        summaries={(s.case_id, s.code_id): s.text for s in project.summaries()},
        coder_ids={c.name: c.id for c in project.coders()})


def matrix_report(project: Project, matrix: Matrix, title: str = "Framework matrix") -> MatrixReport:
    return build_report(matrix, title=title, book=ReferenceBook.for_project(project), text_of=project.text,
                        coder_names={c.id: c.name for c in project.coders()}, project=project_name(project))


def project_name(project: Project) -> str:
    """The name a title row gives the project: its file name without extension (a server project: the
    last part of its address)."""
    try:
        stem = project.path.stem
    except (AttributeError, TypeError, ValueError):
        stem = ""
    return stem or project.location.rstrip("/").rpartition("/")[2]


def matrix_dataframe(project: Project, spec: MatrixSpec | None = None, value: str = "codings") -> pd.DataFrame:
    """Case x code DataFrame (index: case names; columns: code paths) of one cell value: `codings`,
    `characters`, `presence` (0/1), `coverage` (share of the case's text) or `summary`."""
    import pandas as pd

    if value not in VALUES:
        raise ValueError(f"value is one of {', '.join(VALUES)}")
    m = build_matrix(project, spec)
    get: dict[str, Any] = {"codings": m.codings_count, "characters": m.characters, "coverage": m.coverage,
                           "summary": m.summary, "presence": lambda r, c: int(m.codings_count(r, c) > 0)}
    data = [[get[value](r, c) for c in range(len(m.columns))] for r in range(len(m.rows))]
    frame = pd.DataFrame(data, index=pd.Index([row.name for row in m.rows], name="case"),
                         columns=[col.path for col in m.columns])
    if m.spec.group_by:
        frame.insert(0, m.spec.group_by, [row.group for row in m.rows])
    return frame


@dataclass(frozen=True, slots=True)
class Excerpt:
    document_id: int
    start: int
    end: int
    reference: str
    coder: str
    code: str
    text: str


def cell_excerpts(project: Project, matrix: Matrix, r: int, c: int) -> list[Excerpt]:
    """The coded excerpts behind one cell, in text order, each with its reference."""
    book = ReferenceBook.for_project(project)
    coders = {c.id: c.name for c in project.coders()}
    texts: dict[int, str] = {}
    out = []
    for doc, code, coder, start, end in matrix.cell_codings(r, c):
        if doc not in texts:
            texts[doc] = project.text(doc)
        out.append(Excerpt(doc, start, end, book.reference(doc, start), coders.get(coder, ""),
                           project.code_path(code), texts[doc][start:end]))
    return out


def short_quote(text: str, words: int = DRAFT_QUOTE_WORDS) -> str:
    parts = text.split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + " …"


def draft_summary(excerpts: list[Excerpt]) -> str:
    """A starting point for a summary: one line per distinct passage, `P03 ¶12: "short quote"`."""
    seen: set[tuple[int, int, int]] = set()
    lines = []
    for e in excerpts:
        key = (e.document_id, e.start, e.end)
        if key not in seen:
            seen.add(key)
            lines.append(f"{e.reference}: \u201c{short_quote(e.text)}\u201d")
    return "\n".join(lines)


def draft_cell_summary(project: Project, matrix: Matrix, r: int, c: int) -> bool:
    """Fill an empty summary with a draft from its excerpts; never overwrites text. True if written."""
    row, col = matrix.rows[r], matrix.columns[c]
    if project.summary(row.case_id, col.code_id).strip():
        return False
    draft = draft_summary(cell_excerpts(project, matrix, r, c))
    if not draft:
        return False
    project.set_summary(row.case_id, col.code_id, draft)
    return True


def saved_matrices(project: Project) -> dict[str, MatrixSpec]:
    return {name: MatrixSpec.from_dict(spec) for name, spec in project.views(VIEW_KIND).items()}


def save_matrix(project: Project, name: str, spec: MatrixSpec) -> None:
    project.save_view(VIEW_KIND, name, spec.to_dict())


def delete_matrix(project: Project, name: str) -> None:
    project.delete_view(VIEW_KIND, name)

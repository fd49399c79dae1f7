"""A matrix made ready for export: every value as text or number, with references and quotes.

`MatrixReport` is what the exporters (xlsx, docx, csv) read; it holds no project objects, so the
exporters are pure writers. A cell's references are the distinct `P03 ¶12` places of its codings, in
text order; the quotes are every coding of every cell (the evidence a summary rests on), with the
coding's full text (clipped to what one spreadsheet cell holds).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from framework_qa.core.analysis.matrix.grid import Matrix
from framework_qa.core.references import ReferenceBook

MAX_QUOTE = 32_000  # a spreadsheet cell holds 32,767 characters


@dataclass(frozen=True, slots=True)
class ReportColumn:
    path: str
    name: str
    definition: str
    framework: str


@dataclass(frozen=True, slots=True)
class ReportRow:
    case: str
    group: str | None
    values: tuple[str, ...]  # attribute values, in `MatrixReport.attributes` order ("" when missing)


@dataclass(frozen=True, slots=True)
class ReportCell:
    summary: str
    codings: int
    characters: int
    references: tuple[str, ...]
    # (code path below the column's code, summary) of each descendant with a summary, filled only when
    # the cell has no summary of its own: a parent code's column then still shows what was charted
    children: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    case: str
    code: str
    reference: str
    coder: str
    text: str


@dataclass(frozen=True, slots=True)
class Frequency:
    column: ReportColumn
    codings: int
    characters: int
    cases_coded: int
    by_group: tuple[int, ...]  # codings per group, in `MatrixReport.groups` order


@dataclass(frozen=True)
class MatrixReport:
    title: str
    coders: str          # who coded what is shown, e.g. "all coders" or "amira, ben"
    filters: str         # the rows filter as typed, "" for all cases
    group_by: str | None
    attributes: tuple[str, ...]
    rows: tuple[ReportRow, ...]
    columns: tuple[ReportColumn, ...]
    cells: tuple[tuple[ReportCell, ...], ...]  # [row][column]
    quotes: tuple[Quote, ...]
    project: str = ""    # the project's name (its file name without extension), for title rows
    exported: date = field(default_factory=date.today)

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.group for r in self.rows if r.group is not None))

    def frameworks(self) -> list[tuple[str, list[int]]]:
        """Column indices grouped by framework, in first-appearance order."""
        out: dict[str, list[int]] = {}
        for i, col in enumerate(self.columns):
            out.setdefault(col.framework, []).append(i)
        return list(out.items())

    def frequencies(self) -> list[Frequency]:
        groups = self.groups
        out = []
        for c, col in enumerate(self.columns):
            per_group = dict.fromkeys(groups, 0)
            coded = total = chars = 0
            for r, row in enumerate(self.rows):
                cell = self.cells[r][c]
                total += cell.codings
                chars += cell.characters
                coded += cell.codings > 0
                if row.group is not None:
                    per_group[row.group] += cell.codings
            out.append(Frequency(col, total, chars, coded, tuple(per_group.values())))
        return out


def build_report(matrix: Matrix, *, title: str, book: ReferenceBook, text_of: Callable[[int], str],
                 coder_names: Mapping[int, str], project: str = "") -> MatrixReport:
    """Assemble the report; `text_of(document_id)` is called once per document with codings shown."""
    texts: dict[int, str] = {}
    attrs = tuple(matrix.attributes)
    if matrix.spec.group_by in attrs:  # the grouping attribute first
        attrs = (matrix.spec.group_by, *(a for a in attrs if a != matrix.spec.group_by))
    rows = tuple(ReportRow(row.name, row.group, tuple(matrix.values.get(row.case_id, {}).get(a, "")
                                                      for a in attrs)) for row in matrix.rows)
    columns = tuple(ReportColumn(c.path, c.name, c.definition, c.framework) for c in matrix.columns)
    cells: list[tuple[ReportCell, ...]] = []
    quotes: list[Quote] = []
    for r, row in enumerate(matrix.rows):
        line: list[ReportCell] = []
        for c, col in enumerate(matrix.columns):
            refs: dict[str, None] = {}
            for doc, _code, coder, start, end in matrix.cell_codings(r, c):
                ref = book.reference(doc, start)
                refs[ref] = None
                if doc not in texts:
                    texts[doc] = text_of(doc)
                quotes.append(Quote(row.name, col.path, ref, coder_names.get(coder, ""),
                                    texts[doc][start:end][:MAX_QUOTE]))
            own = matrix.summary(r, c)
            children = () if own.strip() else _child_summaries(matrix, row.case_id, col.descendants)
            line.append(ReportCell(own, matrix.codings_count(r, c), matrix.characters(r, c), tuple(refs),
                                   children))
        cells.append(tuple(line))
    spec = matrix.spec
    coders = "all coders" if spec.coders is None else ", ".join(spec.coders)
    return MatrixReport(title, coders, "; ".join(str(w) for w in spec.where), spec.group_by, attrs, rows,
                        columns, tuple(cells), tuple(quotes), project)


def _child_summaries(matrix: Matrix, case_id: int,
                     descendants: Sequence[tuple[int, str]]) -> tuple[tuple[str, str], ...]:
    found = ((label, matrix.summaries.get((case_id, cid), "").strip()) for cid, label in descendants)
    return tuple((label, text) for label, text in found if text)


def join_references(refs: Sequence[str]) -> str:
    """`P03 ¶12, ¶15; P04 ¶2`: references of one document share its name."""
    by_doc: dict[str, list[str]] = {}
    for ref in refs:
        doc, _, para = ref.rpartition(" ")
        by_doc.setdefault(doc, []).append(para)
    return "; ".join(f"{doc} {', '.join(paras)}" for doc, paras in by_doc.items())

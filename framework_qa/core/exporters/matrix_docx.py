"""The framework matrix as a Word document (python-docx), for a paper's appendix.

One landscape table per framework, using the page width (a framework with more than `CODES_PER_TABLE`
codes is cut between whole categories by `layout.plan_parts`, each part naming its categories). When a
framework has categories, a category row sits above its codes; both header rows repeat on every page.
Rows are cases (under a shaded group line when the matrix is grouped) and may break across pages, so no
page is left half empty; the case column is as narrow as the case names allow. Each cell holds the
analyst's summary (a parent code without one: its sub-codes' summaries, each named) and, below it in
small grey type, the codings count and the references. Every table has a caption (framework, cases,
coders, date); the codes' definitions follow as a table, so the appendix explains itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell, _Row

from framework_qa.core.analysis.matrix.report import MatrixReport, ReportCell, join_references
from framework_qa.core.exporters.layout import Part, caption, plan_parts
from framework_qa.core.exporters.matrix_sheets import COUNTING_NOTE

CODES_PER_TABLE = 8  # code columns of one table across landscape A4 (a category of seven plus a stray code)
MIN_CASE_CM, MAX_CASE_CM = 1.2, 4.0
GREY = RGBColor(0x55, 0x5F, 0x6B)


def _landscape(doc: Any) -> float:
    """Set A4 landscape with modest margins; returns the usable width in cm."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    return 29.7 - 3.0


def _repeat_header(row: _Row) -> None:
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _write(cell: _Cell, text: str, *, size: float = 9, bold: bool = False, colour: RGBColor | None = None,
           first: bool = True) -> None:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(2)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    if colour is not None:
        run.font.color.rgb = colour


def evidence_line(cell: ReportCell) -> str:
    if not cell.codings:
        return ""
    noun = "coding" if cell.codings == 1 else "codings"
    return f"{cell.codings} {noun} · {join_references(cell.references)}"


def _fill_cell(target: _Cell, cell: ReportCell) -> None:
    """The summary (or, for a parent code without one, each child's summary under its name), then the
    codings count and references in small grey type."""
    summary = cell.summary.strip()
    evidence = evidence_line(cell)
    if summary:
        for i, para in enumerate(summary.split("\n")):
            _write(target, para, first=i == 0)
    elif cell.children:
        for i, (label, text) in enumerate(cell.children):
            _write(target, f"{label}: ", bold=True, first=i == 0)
            target.paragraphs[-1].add_run(text).font.size = Pt(9)
    if evidence:
        _write(target, evidence, size=7.5, colour=GREY, first=not summary and not cell.children)
    if not summary and not evidence and not cell.children:
        _write(target, "–", colour=GREY)


def _set_widths(table: Table, widths: list[Cm]) -> None:
    """Widths on the grid (read by LibreOffice) and on every cell (read by Word)."""
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width
    for line in table.rows:
        for cell, width in zip(line.cells, widths, strict=False):
            cell.width = width


def case_width(report: MatrixReport) -> Cm:
    """As narrow as the longest case name (bold 9 pt, about 0.2 cm a character) allows."""
    longest = max([len("Case"), *(len(w) for row in report.rows for w in row.case.split())])
    return Cm(min(MAX_CASE_CM, max(MIN_CASE_CM, 0.21 * longest + 0.45)))


def _header_rows(table: Table, report: MatrixReport, part: Part) -> int:
    """The category row (when the framework has categories) and the code row; returns how many."""
    bands = part.has_categories
    codes = table.rows[1 if bands else 0]
    if bands:
        top = table.rows[0]
        first = 1
        for band in part.bands:
            cell = top.cells[first]
            if len(band.columns) > 1:
                cell = cell.merge(top.cells[first + len(band.columns) - 1])
            _write(cell, band.category or "", bold=True)
            first += len(band.columns)
        case = top.cells[0].merge(codes.cells[0])
        _write(case, "Case", bold=True)
    else:
        _write(codes.cells[0], "Case", bold=True)
    for i, c in enumerate(part.columns, start=1):
        _write(codes.cells[i], report.columns[c].name, bold=True)
    for line in table.rows[:2 if bands else 1]:
        _repeat_header(line)
        for cell in line.cells:
            _shade(cell, "DDE3EA")
    return 2 if bands else 1


def _table(doc: Any, report: MatrixReport, part: Part, usable_cm: float) -> Table:
    columns = part.columns
    table = doc.add_table(rows=2 if part.has_categories else 1, cols=1 + len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    first = case_width(report)
    code_width = Cm((usable_cm - first.cm) / max(1, len(columns)))
    _header_rows(table, report, part)
    group = None
    for r, row in enumerate(report.rows):
        if report.group_by and row.group != group:
            group = row.group
            line = table.add_row()
            merged = line.cells[0].merge(line.cells[-1])
            _write(merged, f"{report.group_by}: {group}", bold=True)
            _shade(merged, "F1F3F5")
        line = table.add_row()
        _write(line.cells[0], row.case, bold=True)
        for i, c in enumerate(columns, start=1):
            _fill_cell(line.cells[i], report.cells[r][c])
    _set_widths(table, [first] + [code_width] * len(columns))
    return table


def _definitions(doc: Any, report: MatrixReport, usable_cm: float) -> None:
    """The charted codes and their definitions, so the appendix explains its own columns."""
    doc.add_heading("Code definitions", level=2)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.autofit = False
    for cell, title in zip(table.rows[0].cells, ("Framework", "Code", "Definition"), strict=True):
        _write(cell, title, bold=True)
        _shade(cell, "DDE3EA")
    _repeat_header(table.rows[0])
    for column in report.columns:
        line = table.add_row()
        below = column.path.removeprefix(column.framework + "/")
        _write(line.cells[0], column.framework)
        _write(line.cells[1], below)
        _write(line.cells[2], column.definition.strip() or "(no definition)",
               colour=None if column.definition.strip() else GREY)
    _set_widths(table, [Cm(5.0), Cm(7.0), Cm(usable_cm - 12.0)])


def write_matrix_docx(report: MatrixReport, path: str | Path) -> None:
    """Write the document; raises OSError when the file cannot be written."""
    doc = Document()
    usable = _landscape(doc)
    doc.styles["Normal"].font.size = Pt(9)
    doc.add_heading(report.title + (f": {report.project}" if report.project else ""), level=1)
    doc.add_paragraph(caption(report) + (f"; rows: {report.filters}" if report.filters else "") + ".")
    note = doc.add_paragraph(COUNTING_NOTE + " References: document ¶ paragraph or speaker turn. A parent "
                             "code without a summary of its own shows its sub-codes' summaries, each named.")
    note.runs[0].font.size = Pt(8)
    for number, part in enumerate(plan_parts(report, CODES_PER_TABLE), start=1):
        doc.add_heading(part.heading, level=2)
        _table(doc, report, part, usable)
        doc.add_paragraph(f"Table {number}. {caption(report, part)}.", style="Caption")
    if report.columns:
        _definitions(doc, report, usable)
    doc.save(str(path))

"""The framework matrix as a Word document (python-docx), for a paper's appendix.

One landscape table per framework (a framework with many codes is split into tables of at most
`CODES_PER_TABLE` code columns, so text stays readable when printed). The header row repeats on every
page; rows are cases (under a shaded group line when the matrix is grouped); each cell holds the
analyst's summary and, below it in small type, the codings count and the references it rests on.
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
from framework_qa.core.exporters.matrix_xlsx import COUNTING_NOTE

CODES_PER_TABLE = 5
CASE_WIDTH = Cm(2.6)
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


def _keep_row_together(row: _Row) -> None:
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:cantSplit")
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
    summary = cell.summary.strip()
    evidence = evidence_line(cell)
    if summary:
        for i, para in enumerate(summary.split("\n")):
            _write(target, para, first=i == 0)
    if evidence:
        _write(target, evidence, size=7.5, colour=GREY, first=not summary)
    if not summary and not evidence:
        _write(target, "–", colour=GREY)


def _table(doc: Any, report: MatrixReport, columns: list[int], usable_cm: float) -> Table:
    table = doc.add_table(rows=1, cols=1 + len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    code_width = Cm((usable_cm - CASE_WIDTH.cm) / max(1, len(columns)))
    widths = [CASE_WIDTH] + [code_width] * len(columns)
    header = table.rows[0]
    _repeat_header(header)
    _write(header.cells[0], "Case", bold=True)
    for i, c in enumerate(columns, start=1):
        _write(header.cells[i], report.columns[c].name, bold=True)
    for cell in header.cells:
        _shade(cell, "DDE3EA")
    group = None
    for r, row in enumerate(report.rows):
        if report.group_by and row.group != group:
            group = row.group
            line = table.add_row()
            merged = line.cells[0].merge(line.cells[-1])
            _write(merged, f"{report.group_by}: {group}", bold=True)
            _shade(merged, "F1F3F5")
        line = table.add_row()
        _keep_row_together(line)
        _write(line.cells[0], row.case, bold=True)
        for i, c in enumerate(columns, start=1):
            _fill_cell(line.cells[i], report.cells[r][c])
    for line in table.rows:
        for cell, width in zip(line.cells, widths, strict=False):
            cell.width = width
    return table


def write_matrix_docx(report: MatrixReport, path: str | Path) -> None:
    doc = Document()
    usable = _landscape(doc)
    doc.styles["Normal"].font.size = Pt(9)
    doc.add_heading(report.title, level=1)
    about = (f"{len(report.rows)} cases; coders: {report.coders}; rows: {report.filters or 'all cases'}"
             + (f"; grouped by {report.group_by}" if report.group_by else "") + ".")
    doc.add_paragraph(about)
    note = doc.add_paragraph(COUNTING_NOTE + " References: document ¶ paragraph or speaker turn.")
    note.runs[0].font.size = Pt(8)
    for framework, columns in report.frameworks():
        parts = [columns[i:i + CODES_PER_TABLE] for i in range(0, len(columns), CODES_PER_TABLE)]
        for n, part in enumerate(parts, start=1):
            suffix = f" (part {n} of {len(parts)})" if len(parts) > 1 else ""
            doc.add_heading(f"{framework}{suffix}", level=2)
            _table(doc, report, part, usable)
    doc.save(str(path))

"""The framework matrix as an Excel workbook (openpyxl, write-only mode for speed), set up for reading
on screen and for printing in an appendix.

Sheets: the matrix, either one "Matrix" sheet when all its code columns fit one landscape page, or a
"Matrix N <framework>" sheet per framework with its tables of `layout.plan_parts` (the same cut as the
Word export) stacked one under the other (a table taller than a page gets a sheet of its own:
`matrix_grids`); then "Counts" (codings per case x code, shaded by a colour scale) and "Presence" (0/1),
in tables of at most 30 codes under bands naming their frameworks; "Quotes" (every coded excerpt with its
reference, one row per quote and the coders who coded it alike, case and code merged down their rows),
"Code frequency" and "About". Every table sheet starts with a title row (project, codes, cases and
filter, coders, export date); a matrix table then has a band row naming the framework or category above
its codes, then the header row (each code's path and definition as a comment on it), then one row per
case with its attributes (numbers and dates stored as such, the headers turned upright so the columns
stay narrow) and one wrapped cell per code. Sheets print landscape, one page wide, the title (and a
single table's band and header rows) and the case column on every page, page breaks between stacked
tables; widths fit their content and never break a header word; rows are as tall as their wrapped text.

Safety contract: no cell is ever a formula. Text that a spreadsheet would read as one (the rule of
`cell_safety`: starting with `=`, `+`, `-`, `@`, tab, CR or their full-width forms), header cells included,
is written as a string cell with Excel's quote prefix, so it shows as typed and stays text when edited.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.utils import get_column_letter

from framework_qa.core.analysis.matrix.report import MatrixReport, ReportCell, join_references

from .layout import summary_text
from .matrix_sheets import COUNTING_NOTE, MatrixSheet, matrix_sheets
from .xlsx_sheets import (
    CHARS_PER_UNIT,
    LINE_POINTS,
    RowWriter,
    Styler,
    fit_width,
    header_cells,
    merge,
    print_setup,
    row_height,
    set_widths,
    styled,
)

__all__ = ["COUNTING_NOTE", "column_titles", "matrix_cell_text", "row_height", "sheet_values",
           "write_bare_xlsx", "write_matrix_xlsx"]

Sheet = tuple[str, list[list[Any]]]


def matrix_cell_text(cell: ReportCell) -> str:
    """What a matrix cell shows: the summary (or its children's, labelled), then `[n codings: P03 ¶12,
    ¶15]` (empty when neither)."""
    summary = summary_text(cell)
    parts = [summary] if summary else []
    if cell.codings:
        noun = "coding" if cell.codings == 1 else "codings"
        parts.append(f"[{cell.codings} {noun}: {join_references(cell.references)}]")
    return "\n\n".join(parts)


def column_titles(report: MatrixReport) -> list[str]:
    """Code names as headers; a name shared by two columns is shown by its full path."""
    names = [c.name for c in report.columns]
    return [c.name if names.count(c.name) == 1 else c.path for c in report.columns]


def sheet_values(report: MatrixReport) -> list[Sheet]:
    """Every sheet's cell values, row by row (also the benchmark's bare-write baseline)."""
    return [(s.name, s.rows) for s in matrix_sheets(report, column_titles(report), matrix_cell_text)]


def _matrix_sheet(wb: Workbook, st: Styler, report: MatrixReport, sheet: MatrixSheet) -> None:
    """A case x code sheet: its tables (`sheet.blocks`) one under the other, each a band row, a header
    row (code definitions as comments; attributes, and on number sheets the codes, upright) and a row
    per case; page breaks between tables as `matrix_grids` planned them."""
    from openpyxl.worksheet.pagebreak import Break

    ws = wb.create_sheet(sheet.name)
    nlead = 1 + len(report.attributes)
    ws.freeze_panes = f"B{sheet.title_rows + 1}"
    print_setup(ws, title_rows=f"1:{sheet.title_rows}")
    set_widths(ws, sheet.widths)
    merge(ws, sheet.merges)
    for row in sheet.breaks:
        ws.row_breaks.append(Break(id=row))
    text_style = st.wrap if sheet.kind == "matrix" else st.number
    rows = RowWriter(ws, [st.first] + [st.top] * (nlead - 1) + [text_style] * (len(sheet.widths) - nlead), st.date)
    rows.append([styled(ws, sheet.rows[0][0], st.title)])
    code_style = st.header if sheet.kind == "matrix" else st.rotated
    starts = {b.header_row - 1: b for b in sheet.blocks}  # 1-based band rows
    r = 2
    while r <= len(sheet.rows):
        block = starts.get(r)
        if block is None:
            rows.append(sheet.rows[r - 1], sheet.heights[r - 1])
            r += 1
            continue
        rows.append(header_cells(ws, st.band, sheet.rows[r - 1]), sheet.heights[r - 1])
        notes = [None] * nlead + [f"{report.columns[c].path}\n\n{report.columns[c].definition}".strip()
                                  for c in block.columns]
        styles = [st.header] + [st.rotated] * (nlead - 1) + [code_style] * len(block.columns)
        rows.append([header_cells(ws, style, [name], [note])[0] for style, name, note
                     in zip(styles, sheet.rows[r], notes, strict=True)], sheet.heights[r])
        if sheet.kind == "counts" and block.columns and block.rows:
            first, last = get_column_letter(nlead + 1), get_column_letter(nlead + len(block.columns))
            area = f"{first}{block.header_row + 1}:{last}{block.header_row + block.rows}"
            ws.conditional_formatting.add(area, ColorScaleRule(start_type="min", start_color="FFFFFF",
                                                               end_type="max", end_color="F4A259"))
        r += 2


def _table_sheet(wb: Workbook, st: Styler, title: str, values: list[list[Any]], styles: Sequence[Any],
                 widths: Sequence[float], *, wrap_from: int | None = None, freeze: str = "B3") -> None:
    """A plain table under a title row: header at row 2, rows tall enough for the wrapped columns."""
    ws = wb.create_sheet(title)
    ws.freeze_panes = freeze
    print_setup(ws, title_rows="1:2", title_cols=None)
    set_widths(ws, widths)
    rows = RowWriter(ws, styles, st.date)
    rows.append([styled(ws, values[0][0], st.title)])
    rows.append(header_cells(ws, st.header, values[1]), row_height(values[1], widths))
    for row in values[2:]:
        rows.append(row, row_height(row, widths) if wrap_from is not None else None)


def _quotes_sheet(wb: Workbook, st: Styler, sheet: MatrixSheet) -> None:
    """The Quotes table: case and code cells merged down their rows (each row still holds its values, so
    a filter keeps working); a code's run of rows grows at its end when its wrapped path needs more."""
    ws = wb.create_sheet(sheet.name)
    ws.freeze_panes = "C3"
    print_setup(ws, title_rows="1:2", title_cols=None)
    set_widths(ws, sheet.widths)
    merge(ws, sheet.merges)
    body = sheet.rows[2:]
    fits = [int((w - 1) * CHARS_PER_UNIT) for w in sheet.widths]

    def row_points(row: list[Any]) -> float:  # most quotes fit one line: decide that without wrapping
        if len(row[4]) <= fits[4] and len(row[2]) <= fits[2] and len(row[3]) <= fits[3] and "\n" not in row[4]:
            return LINE_POINTS
        return row_height(["", "", *row[2:]], sheet.widths, prose=(4,)) or LINE_POINTS

    heights = [row_points(row) for row in body]
    names: dict[tuple[Any, ...], float] = {}
    start = 0
    for i in range(1, len(body) + 1):
        if i == len(body) or body[i][:2] != body[start][:2]:
            key = tuple(body[start][:2])
            if key not in names:
                names[key] = row_height(body[start][:2], sheet.widths) or LINE_POINTS
            heights[i - 1] += max(0.0, names[key] - sum(heights[start:i]))
            start = i
    rows = RowWriter(ws, [st.first, st.wrap, st.top, st.top, st.wrap], st.date)
    rows.append([styled(ws, sheet.rows[0][0], st.title)])
    rows.append(header_cells(ws, st.header, sheet.rows[1]), row_height(sheet.rows[1], sheet.widths))
    for row, height in zip(body, heights, strict=True):
        rows.append(row, height if height > LINE_POINTS else None)


def write_matrix_xlsx(report: MatrixReport, path: str | Path) -> None:
    """Write the workbook; raises OSError when the file cannot be written."""
    sheets = matrix_sheets(report, column_titles(report), matrix_cell_text)
    wb = Workbook(write_only=True)
    st = Styler(wb)
    for sheet in sheets:
        if sheet.kind in ("matrix", "counts"):
            _matrix_sheet(wb, st, report, sheet)
    values = {s.name: s.rows for s in sheets}
    _quotes_sheet(wb, st, next(s for s in sheets if s.name == "Quotes"))
    freq = values["Code frequency"]
    ncols = len(freq[1])
    widths = [fit_width((r[0] for r in freq[2:]), header="Framework", high=30),
              fit_width((r[1] for r in freq[2:]), header="Code", high=70)] + [11.0] * (ncols - 2)
    _table_sheet(wb, st, "Code frequency", freq, [st.wrap, st.wrap] + [st.number] * 3 + [st.percent]
                 + [st.number] * (ncols - 6), widths, wrap_from=0, freeze="C3")
    ws = wb.create_sheet("About")
    print_setup(ws, title_rows="1:1", title_cols=None)
    set_widths(ws, [16, 100])
    rows = RowWriter(ws, [st.first, st.wrap], st.date)
    for row in values["About"]:
        rows.append(row, row_height(row, [16, 100]))
    wb.save(str(path))


def write_bare_xlsx(sheets: Sequence[Sheet], path: str | Path) -> None:
    """The same values with nothing else: the baseline the export's cost is measured against."""
    wb = Workbook(write_only=True)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(str(path))


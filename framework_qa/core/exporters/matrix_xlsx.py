"""The framework matrix as an Excel workbook (openpyxl, write-only mode for speed).

Sheets: "Matrix" (one row per case with its attributes, one column per code: the summary, then the
codings count and references; wrapped text, header row and first column frozen, each code's path and
definition as a comment on its header), "Quotes" (every coded excerpt with its reference), "Counts"
(codings per case x code, shaded by a colour scale), "Presence" (0/1), "Code frequency" and "About"
(what the matrix shows and how figures are counted).

Safety contract: no cell is ever a formula. Text that a spreadsheet would read as one (the rule of
`cell_safety`: starting with `=`, `+`, `-`, `@`, tab, CR or their full-width forms), header cells included,
is written as a string cell with Excel's quote prefix, so it shows as typed and stays text when edited.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from framework_qa.core.analysis.matrix.report import MatrixReport, ReportCell, join_references

from .cell_safety import looks_like_formula

Sheet = tuple[str, list[list[Any]]]
COUNTING_NOTE = (
    "Codings: the number of codings of the column's code or any of its descendants in the case's "
    "documents (a coding shows in every column whose code it falls under). Characters: the coded text, "
    "counting overlapping codings once. Presence: 1 when the case has at least one such coding.")


def matrix_cell_text(cell: ReportCell) -> str:
    """What a matrix cell shows: the summary, then `n codings: P03 ¶12, ¶15` (empty when neither)."""
    parts = [cell.summary.strip()] if cell.summary.strip() else []
    if cell.codings:
        noun = "coding" if cell.codings == 1 else "codings"
        parts.append(f"[{cell.codings} {noun}: {join_references(cell.references)}]")
    return "\n\n".join(parts)


def column_titles(report: MatrixReport) -> list[str]:
    """Code names as headers; a name shared by two columns is shown by its full path."""
    names = [c.name for c in report.columns]
    return [c.name if names.count(c.name) == 1 else c.path for c in report.columns]


def _lead(report: MatrixReport) -> list[str]:
    return ["Case", *report.attributes]


def _row_lead(report: MatrixReport, r: int) -> list[Any]:
    row = report.rows[r]
    return [row.case, *row.values]


def row_height(texts: Sequence[Any], widths: Sequence[float]) -> float | None:
    """Points for a row of wrapped text (None: one line suffices); spreadsheet programs do not grow
    rows to fit text when they open a file, so the export estimates it (~1.1 characters per width unit)."""
    lines = 1
    for text, width in zip(texts, widths, strict=False):
        if isinstance(text, str) and len(text) > width or (isinstance(text, str) and "\n" in text):
            per_line = max(1, int(width * 1.1))
            lines = max(lines, sum(-(-max(1, len(part)) // per_line) for part in text.split("\n")))
    return None if lines == 1 else min(409.0, 15.0 * lines)


def sheet_values(report: MatrixReport) -> list[Sheet]:
    """Every sheet's cell values, row by row (also the benchmark's bare-write baseline)."""
    titles = column_titles(report)
    lead = _lead(report)
    n = len(report.columns)
    matrix = [[*lead, *titles]] + [[*_row_lead(report, r), *(matrix_cell_text(c) for c in line)]
                                   for r, line in enumerate(report.cells)]
    quotes = [["Case", "Code", "Reference", "Coder", "Quote"]] + [
        [q.case, q.code, q.reference, q.coder, q.text] for q in report.quotes]
    counts = [[*lead, *titles]] + [[*_row_lead(report, r), *(c.codings for c in line)]
                                   for r, line in enumerate(report.cells)]
    presence = [[*lead, *titles]] + [[*_row_lead(report, r), *(int(c.codings > 0) for c in line)]
                                     for r, line in enumerate(report.cells)]
    groups = report.groups
    freq: list[list[Any]] = [["Framework", "Code", "Codings", "Characters", "Cases coded", "Share of cases",
             *(f"Codings: {g}" for g in groups)]]
    for f in report.frequencies():
        share = f.cases_coded / len(report.rows) if report.rows else 0.0
        freq.append([f.column.framework, f.column.path, f.codings, f.characters, f.cases_coded,
                     round(share, 4), *f.by_group])
    about = [["Title", report.title], ["Cases", len(report.rows)], ["Codes", n],
             ["Coders", report.coders], ["Rows filter", report.filters or "all cases"],
             ["Grouped by", report.group_by or "not grouped"], ["Counting", COUNTING_NOTE]]
    return [("Matrix", matrix), ("Quotes", quotes), ("Counts", counts), ("Presence", presence),
            ("Code frequency", freq), ("About", about)]


class _Styler:
    """Prepared styles, copied onto cells as whole style arrays (much faster than per-attribute sets)."""

    def __init__(self, wb: Workbook) -> None:
        ws = wb.create_sheet("_styles")
        self.sheet = ws
        self.header = self._make(ws, font=Font(bold=True), fill=PatternFill("solid", fgColor="DDE3EA"),
                                 alignment=Alignment(wrap_text=True, vertical="top"))
        self.wrap = self._make(ws, alignment=Alignment(wrap_text=True, vertical="top"))
        self.first = self._make(ws, font=Font(bold=True), alignment=Alignment(vertical="top"))
        self.top = self._make(ws, alignment=Alignment(vertical="top"))
        self.percent = self._make(ws, number_format="0%")
        wb.remove(ws)

    @staticmethod
    def _make(ws: Any, **attrs: Any) -> Any:
        cell = WriteOnlyCell(ws)
        for key, value in attrs.items():
            setattr(cell, key, value)
        return cell._style


def _cell(ws: Any, value: Any, style: Any = None) -> Any:
    cell = WriteOnlyCell(ws, value=value)
    if style is not None:
        cell._style = copy(style)
    if isinstance(value, str) and looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


class _PreparedCell(Cell):
    """A cell reused for every value of one column and style: its style is registered with the workbook
    once, where a plain cell hashes its style array again for every value the writer streams out."""

    __slots__ = ("_registered_style",)

    def __init__(self, ws: Any, style: Any, quote: bool) -> None:
        super().__init__(ws)
        if style is not None:
            self._style = copy(style)  # type: ignore[misc]  # a slot of the base class
        if quote:
            self.quotePrefix = True  # type: ignore[misc]
        self._registered_style = Cell.style_id.fget(self)  # type: ignore[attr-defined]

    @property
    def style_id(self) -> int:
        return self._registered_style

    @property
    def has_style(self) -> bool:
        return self._registered_style != 0


class _RowWriter:
    """Streams rows into a write-only sheet, one fixed style per column, with optional row heights.

    openpyxl's own `append` re-infers every value's type (and reads text starting with `=` as a
    formula); here each column reuses one prepared cell per style, and the type is set directly:
    text is always a string cell (with the quote prefix when it looks like a formula), numbers are
    numbers. Characters XML cannot hold are dropped, and text is clipped to what a cell holds. This
    plugs into the sheet's row conversion (`_values_to_row`), which the writer consumes row by row.
    Row heights go straight into the attributes the writer puts on each `<row>` (the sheet's
    `row_dimensions`, which a write-only sheet reads nowhere else), instead of one RowDimension object
    per row, whose validated attributes cost more than the row's cells.
    """

    def __init__(self, ws: Any, styles: Sequence[Any]) -> None:
        self.ws = ws
        self.plain = [_PreparedCell(ws, style, False) for style in styles]
        self.risky = [_PreparedCell(ws, style, True) for style in styles]
        self.heights: dict[int, dict[str, str]] = {}
        self.rows_written = 0
        ws._values_to_row = self._values_to_row
        ws.row_dimensions = self.heights

    def _values_to_row(self, values: Sequence[Any], row_idx: int) -> Any:
        for col_idx, value in enumerate(values, 1):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                text = ILLEGAL_CHARACTERS_RE.sub("", value)[:32_767]
                cell = (self.risky if looks_like_formula(text) else self.plain)[col_idx - 1]
                cell._value, cell.data_type = text, "s"
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cell = self.plain[col_idx - 1]
                cell._value, cell.data_type = value, "n"
            elif isinstance(value, Cell):  # a cell prepared elsewhere (a header with a comment)
                cell = value
            else:
                cell = self.plain[col_idx - 1]
                cell.value = value
            cell.column, cell.row = col_idx, row_idx
            yield cell

    def append(self, row: Sequence[Any], height: float | None = None) -> None:
        """Writes `row` as the sheet's next row, `height` points tall (None: the default height)."""
        self.rows_written += 1
        if height is not None:
            self.heights[self.rows_written] = {"ht": f"{height:g}", "customHeight": "1"}
        self.ws.append(row)


def _header(ws: Any, st: _Styler, titles: Sequence[str], comments: Sequence[str | None] = ()) -> list[Any]:
    cells = []
    for i, title in enumerate(titles):
        cell = _cell(ws, title, st.header)
        note = comments[i] if i < len(comments) else None
        if note:
            cell.comment = Comment(note, "framework-qa", width=320, height=160)
        cells.append(cell)
    return cells


def _widths(ws: Any, widths: Sequence[float]) -> None:
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


PRINT_WIDTH = 170  # column width units that print legibly (at about 90 %) across one landscape A4 page


def _print_setup(ws: Any, widths: Sequence[float]) -> None:
    """Landscape A4, header row and case column repeated, scaled so the sheet is as many pages wide as
    its columns need at a readable size, and printed across before down (a case's row stays together)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.pageOrder = "overThenDown"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = max(1, math.ceil(sum(widths) / PRINT_WIDTH))
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"
    ws.print_title_cols = "A:A"


def write_matrix_xlsx(report: MatrixReport, path: str | Path) -> None:
    sheets = dict(sheet_values(report))
    wb = Workbook(write_only=True)
    st = _Styler(wb)
    nlead = len(_lead(report))
    ncode = len(report.columns)
    notes = [None] * nlead + [f"{c.path}\n\n{c.definition}".strip() for c in report.columns]
    lead_widths = [14] + [14] * (nlead - 1)

    for title in ("Matrix", "Counts", "Presence"):
        ws = wb.create_sheet(title)
        ws.freeze_panes = "B2"
        wide = title == "Matrix"
        widths = lead_widths + [42 if wide else 14] * ncode
        _print_setup(ws, widths)
        _widths(ws, widths)
        values = sheets[title]
        rows = _RowWriter(ws, [st.first] + [st.top] * (nlead - 1) + [st.wrap if wide else None] * ncode)
        rows.append(_header(ws, st, values[0], notes), row_height(values[0], widths))
        for row in values[1:]:
            rows.append(row, row_height(row, widths) if wide else None)
        if title == "Counts" and ncode and report.rows:
            area = f"{get_column_letter(nlead + 1)}2:{get_column_letter(nlead + ncode)}{len(report.rows) + 1}"
            ws.conditional_formatting.add(area, ColorScaleRule(start_type="min", start_color="FFFFFF",
                                                               end_type="max", end_color="F4A259"))

    ws = wb.create_sheet("Quotes")
    ws.freeze_panes = "A2"
    _print_setup(ws, [12, 36, 14, 12, 90])
    _widths(ws, [12, 36, 14, 12, 90])
    values = sheets["Quotes"]
    rows = _RowWriter(ws, [st.top, st.top, st.top, st.top, st.wrap])
    rows.append(_header(ws, st, values[0]))
    for row in values[1:]:
        long = len(row[4]) > 90 or "\n" in row[4]
        rows.append(row, row_height(row[4:], [90]) if long else None)

    ws = wb.create_sheet("Code frequency")
    ws.freeze_panes = "C2"
    values = sheets["Code frequency"]
    _widths(ws, [26, 48] + [13] * (len(values[0]) - 2))
    rows = _RowWriter(ws, [None] * 5 + [st.percent] + [None] * (len(values[0]) - 6))
    rows.append(_header(ws, st, values[0]))
    for row in values[1:]:
        rows.append(row)

    ws = wb.create_sheet("About")
    _widths(ws, [16, 100])
    rows = _RowWriter(ws, [st.first, st.wrap])
    for row in sheets["About"]:
        rows.append(row)
    wb.save(str(path))


def write_bare_xlsx(sheets: Sequence[Sheet], path: str | Path) -> None:
    """The same values with nothing else: the baseline the export's cost is measured against."""
    wb = Workbook(write_only=True)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(str(path))

"""Shared machinery of the write-only workbooks (matrix and agreement): styles, fast typed rows, widths,
row heights and print set-up.

Why here: both workbooks must print the same way (landscape A4, one page wide, header rows and the
first column repeated on every page, bordered and wrapped cells) and store values with their types
(numbers as numbers, dates as dates), and the matrix export must stay within 1.5x a bare openpyxl write,
so styles are prepared once and rows are streamed without openpyxl's per-value type inference.

Safety contract (see `cell_safety`): text a spreadsheet would read as a formula is written as a string
cell with the quote prefix; nothing is ever written as a formula.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from copy import copy
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from .cell_safety import looks_like_formula

HEADER_FILL = "DDE3EA"
BAND_FILL = "EEF1F5"
_THIN = Side(style="thin", color="9AA5B1")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
CHARS_PER_UNIT = 1.15  # characters of 11 pt Calibri prose per column-width unit, roughly
BOLD = 0.88  # bold headers are about an eighth wider than plain text
LINE_POINTS = 15.0
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]{0,14})")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,10}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DATE_FORMAT = "yyyy-mm-dd"


def typed(value: Any) -> Any:
    """An attribute value as a spreadsheet should store it: `6` -> 6, `2.5` -> 2.5, `2024-03-01` -> a
    date; anything else (`25-34`, `007`, free text) stays text, so nothing is changed by the conversion."""
    if not isinstance(value, str):
        return value
    if _INTEGER.fullmatch(value):
        return int(value)
    if _DECIMAL.fullmatch(value):
        return float(value)
    if _DATE.fullmatch(value):
        try:
            return datetime.strptime(value, "%Y-%m-%d")
        except ValueError:
            return value
    return value


def longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


def longest_line(text: Any) -> int:
    if not isinstance(text, str):
        return len(str(text)) if text is not None else 0
    return max((len(line) for line in text.split("\n")), default=0)


def fit_width(texts: Iterable[Any], *, header: str = "", low: float = 4, high: float = 60) -> float:
    """A column width (units) that shows its longest line up to `high`, never narrower than the header's
    longest word (so a wrapped header is never broken mid-word)."""
    content = max((longest_line(t) for t in texts), default=0)
    floor = max(low, longest_word(header) / (CHARS_PER_UNIT * BOLD) + 2)
    return max(floor, min(high, content / CHARS_PER_UNIT + 2))


_BREAKS = re.compile(r"[^ -]+-*|-+| +")
WRAP_EXACTLY = 3  # a line longer than this many lines is estimated by its length (prose wraps evenly)


def wrapped_lines(line: str, per_line: int, exact: bool = True) -> int:
    """Lines a spreadsheet shows for `line` wrapped at `per_line` characters: greedy, breaking at spaces
    and after hyphens (not at `/`, so a code path wraps only at its spaces), a word longer than a line cut
    where it overflows. Not `exact` (prose, quick): by its length, a tenth more for carried words."""
    if len(line) <= per_line:
        return 1
    if not exact or len(line) > WRAP_EXACTLY * per_line:
        return -(-len(line) * 11 // (per_line * 10))  # a tenth more for the words carried over
    lines, used = 1, 0
    for piece in _BREAKS.findall(line):
        if not piece:
            continue
        if piece.isspace():
            used += len(piece)  # spaces at a line's end do not wrap
            continue
        if used + len(piece) > per_line and used:
            lines, used = lines + 1, 0
        while len(piece) > per_line:
            lines, piece = lines + 1, piece[per_line:]
        used += len(piece)
    return lines


def lines_needed(text: Any, width: float, exact: bool = True) -> int:
    if not isinstance(text, str) or not text:
        return 1
    per_line = max(1, int((width - 1) * CHARS_PER_UNIT))
    return sum(wrapped_lines(part, per_line, exact) for part in text.split("\n"))


def row_height(texts: Sequence[Any], widths: Sequence[float], prose: Sequence[int] = ()) -> float | None:
    """Points for a row of wrapped text (None: one line suffices). Spreadsheet programs do not grow rows
    to fit text when they open a file, so the export estimates it. Columns listed in `prose` are
    estimated by length (quick), the others wrapped word by word (names, short text)."""
    lines = 1
    for i, (text, width) in enumerate(zip(texts, widths, strict=False)):
        if isinstance(text, str) and (len(text) * 1.0 > (width - 1) * CHARS_PER_UNIT or "\n" in text):
            lines = max(lines, lines_needed(text, width, i not in prose))
    return None if lines == 1 else min(409.0, LINE_POINTS * lines)


class Styler:
    """Prepared styles, copied onto cells as whole style arrays (much faster than per-attribute sets)."""

    def __init__(self, wb: Workbook) -> None:
        ws = wb.create_sheet("_styles")
        top_wrap = Alignment(wrap_text=True, vertical="top")
        self.title = self._make(ws, font=Font(bold=True, size=12))
        self.title_wrap = self._make(ws, font=Font(bold=True, size=12), alignment=top_wrap)
        self.header = self._make(ws, font=Font(bold=True), fill=PatternFill("solid", fgColor=HEADER_FILL),
                                 alignment=top_wrap, border=BORDER)
        self.band = self._make(ws, font=Font(bold=True, italic=True),
                               fill=PatternFill("solid", fgColor=BAND_FILL), alignment=top_wrap, border=BORDER)
        self.rotated = self._make(ws, font=Font(bold=True), fill=PatternFill("solid", fgColor=HEADER_FILL),
                                  alignment=Alignment(text_rotation=90, vertical="bottom", horizontal="center"),
                                  border=BORDER)
        self.wrap = self._make(ws, alignment=top_wrap, border=BORDER)
        self.first = self._make(ws, font=Font(bold=True), alignment=top_wrap, border=BORDER)
        self.top = self._make(ws, alignment=Alignment(vertical="top"), border=BORDER)
        self.number = self._make(ws, alignment=Alignment(vertical="top", horizontal="right"), border=BORDER)
        self.date = self._make(ws, alignment=Alignment(vertical="top"), border=BORDER, number_format=DATE_FORMAT)
        self.fraction = self._make(ws, alignment=Alignment(vertical="top"), border=BORDER, number_format="0.000")
        self.percent = self._make(ws, alignment=Alignment(vertical="top"), border=BORDER, number_format="0%")
        wb.remove(ws)

    @staticmethod
    def _make(ws: Any, **attrs: Any) -> Any:
        cell = WriteOnlyCell(ws)
        for key, value in attrs.items():
            setattr(cell, key, value)
        return cell._style


def styled(ws: Any, value: Any, style: Any = None) -> Any:
    """One write-only cell with a prepared style (text that looks like a formula is quoted)."""
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


class RowWriter:
    """Streams rows into a write-only sheet, one fixed style per column, with optional row heights.

    openpyxl's own `append` re-infers every value's type (and reads text starting with `=` as a
    formula); here each column reuses one prepared cell per style, and the type is set directly:
    text is always a string cell (with the quote prefix when it looks like a formula), numbers are
    numbers, dates are dates in the `date` style. Characters XML cannot hold are dropped, and text is
    clipped to what a cell holds. This plugs into the sheet's row conversion (`_values_to_row`), which
    the writer consumes row by row. Row heights go straight into the attributes the writer puts on each
    `<row>` (the sheet's `row_dimensions`, which a write-only sheet reads nowhere else), instead of one
    RowDimension object per row, whose validated attributes cost more than the row's cells.
    """

    def __init__(self, ws: Any, styles: Sequence[Any], date_style: Any = None) -> None:
        self.ws = ws
        self.plain = [_PreparedCell(ws, style, False) for style in styles]
        self.risky = [_PreparedCell(ws, style, True) for style in styles]
        self.dates = _PreparedCell(ws, date_style, False) if date_style is not None else None
        self.heights: dict[int, dict[str, str]] = {}
        self.rows_written = 0
        ws._values_to_row = self._values_to_row
        ws.row_dimensions = self.heights

    def _values_to_row(self, values: Sequence[Any], row_idx: int) -> Any:
        last = len(self.plain) - 1
        for col_idx, value in enumerate(values, 1):
            if isinstance(value, Cell):  # a cell prepared elsewhere (a header with a comment)
                cell = value
            elif value is None or value == "":
                cell = self.plain[min(col_idx - 1, last)]  # empty but bordered
                cell._value, cell.data_type = None, "n"
            elif isinstance(value, str):
                text = ILLEGAL_CHARACTERS_RE.sub("", value)[:32_767]
                cell = (self.risky if looks_like_formula(text) else self.plain)[min(col_idx - 1, last)]
                cell._value, cell.data_type = text, "s"
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cell = self.plain[min(col_idx - 1, last)]
                cell._value, cell.data_type = value, "n"
            elif isinstance(value, datetime) and self.dates is not None:
                cell = self.dates
                cell.value = value
            else:
                cell = self.plain[min(col_idx - 1, last)]
                cell.value = value
            cell.column, cell.row = col_idx, row_idx
            yield cell

    def append(self, row: Sequence[Any], height: float | None = None) -> None:
        """Writes `row` as the sheet's next row, `height` points tall (None: the default height)."""
        self.rows_written += 1
        if height is not None:
            self.heights[self.rows_written] = {"ht": f"{height:g}", "customHeight": "1"}
        self.ws.append(row)


def header_cells(ws: Any, style: Any, titles: Sequence[Any], comments: Sequence[str | None] = ()) -> list[Any]:
    cells = []
    for i, title in enumerate(titles):
        cell = styled(ws, title, style)
        note = comments[i] if i < len(comments) else None
        if note:
            cell.comment = Comment(note, "framework-qa", width=320, height=160)
        cells.append(cell)
    return cells


def merge(ws: Any, ranges: Sequence[str]) -> None:
    """Merge every range of `ranges` (e.g. `A3:A9`) at once: openpyxl's `merged_cells.add` compares a new
    range with every earlier one, quadratic in a Quotes sheet of thousands of merged runs."""
    from openpyxl.worksheet.cell_range import CellRange, MultiCellRange

    ws.merged_cells = MultiCellRange([CellRange(r) for r in ranges])


def set_widths(ws: Any, widths: Sequence[float]) -> None:
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = round(width, 1)


def print_setup(ws: Any, *, title_rows: str, title_cols: str | None = "A:A") -> None:
    """Landscape A4 with narrow margins, scaled to one page wide (as many pages down as needed), with
    the header rows (and the first column) printed on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.pageOrder = "overThenDown"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5, header=0.2, footer=0.2)
    ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols
    ws.oddFooter.center.text = "&A, page &P of &N"

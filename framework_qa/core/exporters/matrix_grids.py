"""The case x code sheets of the matrix workbook (summaries, Counts, Presence) as values and geometry:
which printed tables ("blocks") go on which sheet, their rows, widths, row heights and page breaks.

Why blocks: a framework cut into several tables (Persuasive Systems Design by category) printed one
sheet per table leaves most pages nearly empty when there are few cases. So the tables of one framework
are stacked on one sheet, one under the other, each with its band row (framework or category) and its
header row, with a page break before a table that would not fit in what is left of a page, so no table
is cut. That holds only while every table fits a page by itself: otherwise each table keeps a sheet of
its own, whose header rows repeat on every printed page. Counts and Presence stack the same way, in
tables of at most `COUNT_COLUMNS` codes, so their numbers print large enough to read.

Heights are estimates in points before scaling (`xlsx_sheets.row_height`); a page holds
`PRINTABLE_POINTS` at 100 %, more as fit-to-width shrinks a wide table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from framework_qa.core.analysis.matrix.report import MatrixReport, ReportCell

from .layout import Part
from .xlsx_sheets import BOLD, LINE_POINTS, fit_width, row_height, typed

PAGE_UNITS = 220     # column-width units of a matrix sheet across one landscape A4 page (printed at ~65 %)
PAGE_AT_FULL_SIZE = 140.0  # column-width units across landscape A4 printed at 100 %
PRINTABLE_POINTS = 500.0   # landscape A4 (595 pt) less 0.5 in margins and the repeated title row, at 100 %
COUNT_WIDTH = 5.0    # a count column under an upright header
COUNT_COLUMNS = 30   # code columns of one printed table of Counts or Presence
ROTATED_POINTS_PER_CHAR = 7.0  # a bold character stood upright (LibreOffice may substitute a wider font)


@dataclass
class Block:
    columns: list[int]  # report column indices, in sheet order
    header_row: int     # 1-based sheet row of its header (its band row is the row above)
    rows: int           # case rows under the header
    spans: list[tuple[int, int]] = field(default_factory=list)  # band labels: 0-based first column, columns


@dataclass
class MatrixSheet:
    name: str
    kind: str                   # "matrix" (summaries), "counts" (numbers), "table" (the other sheets)
    columns: list[int]          # report column indices of the first block
    rows: list[list[Any]]       # every row's values, title row first
    header_row: int             # 1-based row of the (first block's) header
    widths: list[float] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    heights: list[float | None] = field(default_factory=list)  # per row; None: the default height
    breaks: list[int] = field(default_factory=list)  # rows after which a printed page ends

    @property
    def title_rows(self) -> int:
        """Rows repeated on every printed page: title, band and header of a single table, else the title."""
        return self.header_row if len(self.blocks) <= 1 else 1


def lead(report: MatrixReport) -> tuple[list[str], list[list[Any]], list[float]]:
    header = ["Case", *report.attributes]
    values = [[row.case, *(typed(v) for v in row.values)] for row in report.rows]
    widths = [fit_width((v[i] for v in values), header=header[i] if i == 0 else "", low=5,
                        high=28 if i == 0 else 18) for i in range(len(header))]
    return header, values, widths


def _band_row(parts: Sequence[Part], nlead: int, full: bool, row: int,
              frameworks_only: bool = False) -> tuple[list[Any], list[str], list[tuple[int, int]]]:
    """The row naming each band's category (`full`: `framework › category`) over its columns, or with
    `frameworks_only` each framework over all its columns (number columns are too narrow for more)."""
    spans: list[tuple[str, int]] = []
    for part in parts:
        for band in part.bands:
            label = band.category or part.framework
            if frameworks_only:
                label = part.framework
            elif full and band.category:
                label = f"{part.framework} › {band.category}"
            if frameworks_only and spans and spans[-1][0] == label:
                spans[-1] = (label, spans[-1][1] + len(band.columns))
            else:
                spans.append((label, len(band.columns)))
    values: list[Any] = [""] * nlead
    merges, cells = [], []
    for label, width in spans:
        first = len(values) + 1
        cells.append((first - 1, width))
        values += [label] + [""] * (width - 1)
        if width > 1:
            merges.append(f"{get_column_letter(first)}{row}:{get_column_letter(len(values))}{row}")
    return values, merges, cells


def grid_sheet(report: MatrixReport, name: str, kind: str, tables: Sequence[Sequence[Part]], titles: Sequence[str],
               value: Callable[[ReportCell], Any], title: str, *, full_labels: bool) -> MatrixSheet:
    """A sheet of `tables` stacked (each a list of parts side by side), a blank row between them."""
    header, lead_values, lead_widths = lead(report)
    n = len(header)
    rows: list[list[Any]] = [[title]]
    heights: list[float | None] = [None]
    widths, merges = list(lead_widths), []
    blocks: list[Block] = []
    for parts in tables:
        if blocks:
            rows.append([])
            heights.append(None)
        columns = [c for p in parts for c in p.columns]
        band, band_merges, spans = _band_row(parts, n, full_labels or len(tables) > 1, len(rows) + 1, kind != "matrix")
        body = [[*lead_values[r], *(value(report.cells[r][c]) for c in columns)] for r in range(len(report.rows))]
        if kind == "matrix":
            share = max(18.0, (PAGE_UNITS - sum(lead_widths)) / max(1, len(columns)))
            own = [fit_width((row[n + i] for row in body), header=titles[c], low=12, high=share)
                   for i, c in enumerate(columns)]
        else:
            own = [COUNT_WIDTH] * len(columns)
        before = widths[n:]  # a column as wide as the widest table needs it
        widths[n:] = [max(a, b) for a, b in zip(before, own, strict=False)] + before[len(own):] + own[len(before):]
        names = [*header, *(titles[c] for c in columns)]
        blocks.append(Block(columns, len(rows) + 2, len(body), spans))
        merges += band_merges
        rows += [band, names, *body]
        heights += [None, None] + [None] * len(body)
    for block in blocks:  # heights once the widths are final
        first = block.header_row - 2
        heights[first] = max((row_height([rows[first][c]], [sum(widths[c:c + w]) * BOLD]) or 0.0
                              for c, w in block.spans), default=0.0) or None
        heights[first + 1] = _header_height(rows[first + 1], widths, n, kind)
        if kind == "matrix":
            for r in range(first + 2, first + 2 + block.rows):
                heights[r] = row_height(rows[r], widths)
    sheet = MatrixSheet(name, kind, blocks[0].columns if blocks else [], rows, blocks[0].header_row if blocks else 3,
                        widths, merges, blocks, heights)
    sheet.breaks = page_breaks(sheet) or []
    return sheet


def _header_height(names: Sequence[Any], widths: Sequence[float], nlead: int, kind: str) -> float:
    """Attribute headers (and, on number sheets, code headers) stand upright; the rest wrap."""
    upright = [len(str(t)) for i, t in enumerate(names) if 0 < i and (i < nlead or kind != "matrix")]
    flat = row_height([t if i == 0 or (i >= nlead and kind == "matrix") else "" for i, t in enumerate(names)],
                      widths) or LINE_POINTS
    rotated = ROTATED_POINTS_PER_CHAR * max(upright, default=0) + 8
    return min(409.0, max(flat, rotated if upright else 0.0))


def may_stack(report: MatrixReport) -> bool:
    """False when a table of these cases cannot fit a page however the sheet is scaled (one line a case
    on a sheet `PAGE_UNITS` wide): spares building a stacked sheet only to find it cannot be."""
    return len(report.rows) * LINE_POINTS <= PRINTABLE_POINTS / min(1.0, PAGE_AT_FULL_SIZE / PAGE_UNITS)


def page_points(widths: Sequence[float]) -> float:
    """Unscaled points of rows one printed page holds once fit-to-width has shrunk the sheet."""
    return PRINTABLE_POINTS / min(1.0, PAGE_AT_FULL_SIZE / max(1.0, sum(widths)))


def _block_points(sheet: MatrixSheet, block: Block) -> float:
    rows = range(block.header_row - 2, block.header_row + block.rows)
    return sum(sheet.heights[r] or LINE_POINTS for r in rows)


def page_breaks(sheet: MatrixSheet) -> list[int] | None:
    """Rows after which a page ends so that no stacked table is cut; None when a table is taller than a
    page by itself (it cannot share a sheet then)."""
    page = page_points(sheet.widths)
    breaks: list[int] = []
    used = 0.0
    for block in sheet.blocks:
        need = _block_points(sheet, block) + (LINE_POINTS if used else 0.0)
        if _block_points(sheet, block) > page:
            return None
        if used and used + need > page:
            breaks.append(block.header_row - 2)  # after the blank row above the table's band row
            used = _block_points(sheet, block)
        else:
            used += need
    return breaks


def pack(parts: Sequence[Part], columns: int) -> list[list[Part]]:
    """Consecutive parts side by side while they total at most `columns` code columns."""
    tables: list[list[Part]] = []
    used = 0
    for part in parts:
        if not tables or used + len(part.columns) > columns:
            tables.append([])
            used = 0
        tables[-1].append(part)
        used += len(part.columns)
    return tables

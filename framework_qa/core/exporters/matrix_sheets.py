"""The matrix workbook's sheets as values and geometry (no openpyxl): what `matrix_xlsx` writes and the
benchmark's bare write copies.

Why apart: the cut into sheets, the title and band rows, typed attribute values and the column widths
are decisions about content; keeping them out of the writer keeps both small and lets the benchmark
write exactly the same values without the styling.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from framework_qa.core.analysis.matrix.report import MatrixReport, ReportCell

from .layout import Part, caption, plan_parts, title_line
from .xlsx_sheets import fit_width, typed

COUNTING_NOTE = (
    "Codings: the number of codings of the column's code or any of its descendants in the case's "
    "documents (a coding shows in every column whose code it falls under). Characters: the coded text, "
    "counting overlapping codings once. Presence: 1 when the case has at least one such coding.")
MAX_COLUMNS = 8      # code columns of one printed matrix sheet (a category of seven plus a stray code)
PAGE_UNITS = 220     # column-width units of a matrix sheet across one landscape A4 page (printed at ~65 %)
COUNT_WIDTH = 5.0    # a count column under an upright header
QUOTES_UNITS = 190   # the Quotes table across one landscape page (printed at ~75 %)
QUOTE_CODE_WIDTH = 32  # a code's path wraps in its merged cell beside its quotes
_BAD_NAME = re.compile(r"[\[\]:*?/\\]")


@dataclass
class MatrixSheet:
    name: str
    kind: str                   # "matrix" (summaries) or "counts" (numbers: Counts and Presence)
    columns: list[int]          # report column indices, in sheet order
    rows: list[list[Any]]       # every row's values, title row first
    header_row: int             # 1-based row of the header (rows above it repeat when printed)
    widths: list[float] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)


def sheet_name(number: int, part: Part) -> str:
    """`Matrix 2 Primary task support`: a sheet name (at most 31 characters, none of `[]:*?/\\`)."""
    label = ", ".join(dict.fromkeys(b.category for b in part.bands if b.category)) or part.framework
    return _BAD_NAME.sub(" ", f"Matrix {number} {label}")[:31].rstrip()


def _lead(report: MatrixReport) -> tuple[list[str], list[list[Any]], list[float]]:
    header = ["Case", *report.attributes]
    values = [[row.case, *(typed(v) for v in row.values)] for row in report.rows]
    widths = [fit_width((v[i] for v in values), header=header[i] if i == 0 else "", low=5,
                        high=28 if i == 0 else 18) for i in range(len(header))]
    return header, values, widths


def _band_row(report: MatrixReport, parts: Sequence[Part], nlead: int, one_sheet: bool,
              row: int) -> tuple[list[Any], list[str]]:
    from openpyxl.utils import get_column_letter

    values: list[Any] = [""] * nlead
    merges = []
    for part in parts:
        for band in part.bands:
            label = band.category or part.framework
            if one_sheet and band.category:
                label = f"{part.framework} › {band.category}"
            first = len(values) + 1
            values += [label] + [""] * (len(band.columns) - 1)
            if len(band.columns) > 1:
                merges.append(f"{get_column_letter(first)}{row}:{get_column_letter(len(values))}{row}")
    return values, merges


def _matrix(report: MatrixReport, name: str, parts: Sequence[Part], one_sheet: bool, titles: Sequence[str],
            text: Callable[[ReportCell], str]) -> MatrixSheet:
    header, lead, lead_widths = _lead(report)
    columns = [c for p in parts for c in p.columns]
    band, merges = _band_row(report, parts, len(header), one_sheet, 2)
    body = [[*lead[r], *(text(report.cells[r][c]) for c in columns)] for r in range(len(report.rows))]
    share = max(18.0, (PAGE_UNITS - sum(lead_widths)) / max(1, len(columns)))
    n = len(header)
    widths = lead_widths + [fit_width((row[n + i] for row in body), header=titles[c], low=12, high=share)
                            for i, c in enumerate(columns)]
    title = title_line(report, parts[0] if len(parts) == 1 else None)
    rows = [[title], band, [*header, *(titles[c] for c in columns)], *body]
    return MatrixSheet(name, "matrix", columns, rows, 3, widths, merges)


def _numbers(report: MatrixReport, name: str, titles: Sequence[str], value: Callable[[ReportCell], int],
             what: str) -> MatrixSheet:
    header, lead, lead_widths = _lead(report)
    columns = list(range(len(report.columns)))
    body = [[*lead[r], *(value(cell) for cell in line)] for r, line in enumerate(report.cells)]
    rows = [[f"{what}: {title_line(report)}"], [*header, *titles], *body]
    return MatrixSheet(name, "counts", columns, rows, 2, lead_widths + [COUNT_WIDTH] * len(columns))


def quotes_sheet(report: MatrixReport) -> MatrixSheet:
    """Every coded excerpt, grouped: a quote several coders coded alike is one row naming them all, and
    the case and code (columns A and B) are shown once for the rows of that code in that case, in cells
    merged down those rows, so a printed page is not filled with the same names. `widths` fit the names; the quote takes the rest."""
    merged: dict[tuple[str, str, str, str], list[str]] = {}
    for q in report.quotes:
        coders = merged.setdefault((q.case, q.code, q.reference, q.text), [])
        if q.coder not in coders:
            coders.append(q.coder)
    body = [[case, code, reference, ", ".join(coders), text]
            for (case, code, reference, text), coders in merged.items()]
    merges, start = [], 0
    for i in range(1, len(body) + 1):
        if i == len(body) or body[i][:2] != body[start][:2]:
            if i - start > 1:
                merges += [f"{c}{start + 3}:{c}{i + 2}" for c in "AB"]
            start = i
    widths = [fit_width((r[0] for r in body), header="Case", high=14),
              fit_width((r[1] for r in body), header="Code", low=12, high=QUOTE_CODE_WIDTH),
              fit_width((r[2] for r in body), header="Reference", high=16),
              fit_width((r[3] for r in body), header="Coders", high=18)]
    widths.append(max(60.0, QUOTES_UNITS - sum(widths)))
    rows = [[f"Quotes: {title_line(report)}"], ["Case", "Code", "Reference", "Coders", "Quote"], *body]
    return MatrixSheet("Quotes", "table", [], rows, 2, widths, merges)


def matrix_sheets(report: MatrixReport, titles: Sequence[str],
                  text: Callable[[ReportCell], str]) -> list[MatrixSheet]:
    """Every sheet, in workbook order; the tables other than the matrix are `MatrixSheet`s too, with
    only `name` and `rows` meaningful."""
    parts = plan_parts(report, MAX_COLUMNS)
    if len(report.columns) <= MAX_COLUMNS or not parts:
        out = [_matrix(report, "Matrix", parts, True, titles, text)]
    else:
        out = [_matrix(report, sheet_name(i, p), [p], False, titles, text) for i, p in enumerate(parts, 1)]
    out.append(_numbers(report, "Counts", titles, lambda c: c.codings, "Codings per case and code"))
    out.append(_numbers(report, "Presence", titles, lambda c: int(c.codings > 0), "Presence (1: coded)"))
    out.append(quotes_sheet(report))
    groups = report.groups
    freq: list[list[Any]] = [[f"Code frequency: {title_line(report)}"],
                             ["Framework", "Code", "Codings", "Characters", "Cases coded", "Share of cases",
                              *(f"Codings: {g}" for g in groups)]]
    for f in report.frequencies():
        share = f.cases_coded / len(report.rows) if report.rows else 0.0
        freq.append([f.column.framework, f.column.path, f.codings, f.characters, f.cases_coded,
                     round(share, 4), *f.by_group])
    out.append(MatrixSheet("Code frequency", "table", [], freq, 2))
    exported = datetime(report.exported.year, report.exported.month, report.exported.day)
    about: list[list[Any]] = [["Title", report.title], ["Project", report.project or "(unnamed)"], ["Exported", exported],
             ["Cases", len(report.rows)], ["Codes", len(report.columns)], ["Coders", report.coders],
             ["Rows filter", report.filters or "all cases"], ["Grouped by", report.group_by or "not grouped"],
             ["Shown", caption(report)], ["Counting", COUNTING_NOTE]]
    out.append(MatrixSheet("About", "table", [], about, 0))
    return out

"""The matrix workbook's sheets as values and geometry (no openpyxl): what `matrix_xlsx` writes and the
benchmark's bare write copies.

Why apart: the cut into sheets, the title and band rows, typed attribute values and the column widths
are decisions about content; keeping them out of the writer keeps both small and lets the benchmark
write exactly the same values without the styling.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from framework_qa.core.analysis.matrix.report import MatrixReport, ReportCell

from .layout import Part, caption, plan_parts, title_line
from .matrix_grids import COUNT_COLUMNS, MatrixSheet, grid_sheet, may_stack, pack, page_breaks
from .xlsx_sheets import fit_width

COUNTING_NOTE = (
    "Codings: the number of codings of the column's code or any of its descendants in the case's "
    "documents (a coding shows in every column whose code it falls under). Characters: the coded text, "
    "counting overlapping codings once. Presence: 1 when the case has at least one such coding.")
MAX_COLUMNS = 8      # code columns of one printed matrix table (a category of seven plus a stray code)
QUOTES_UNITS = 190   # the Quotes table across one landscape page (printed at ~75 %)
QUOTE_CODE_WIDTH = 32  # a code's path wraps in its merged cell beside its quotes
_BAD_NAME = re.compile(r"[\[\]:*?/\\]")


def sheet_name(number: int, part: Part | None, framework: str = "") -> str:
    """`Matrix 2 Primary task support`: a sheet name (at most 31 characters, none of `[]:*?/\\`)."""
    label = (", ".join(dict.fromkeys(b.category for b in part.bands if b.category)) or part.framework
             if part is not None else framework)
    return _BAD_NAME.sub(" ", f"Matrix {number} {label}")[:31].rstrip()


def _matrix_sheets(report: MatrixReport, titles: Sequence[str], text: Callable[[ReportCell], str]) -> list[MatrixSheet]:
    """One "Matrix" sheet when every code fits one table; else a sheet per framework with its tables
    stacked, or (a table taller than a page) a sheet per table."""
    parts = plan_parts(report, MAX_COLUMNS)
    if len(report.columns) <= MAX_COLUMNS or not parts:
        return [grid_sheet(report, "Matrix", "matrix", [parts], titles, text,
                           title_line(report, parts[0] if len(parts) == 1 else None), full_labels=True)]
    out: list[MatrixSheet] = []
    for framework in dict.fromkeys(p.framework for p in parts):
        own = [p for p in parts if p.framework == framework]
        if len(own) > 1 and may_stack(report):
            stacked = grid_sheet(report, sheet_name(len(out) + 1, None, framework), "matrix", [[p] for p in own],
                                 titles, text, title_line(report, None), full_labels=False)
            if page_breaks(stacked) is not None:
                out.append(stacked)
                continue
        for part in own:
            out.append(grid_sheet(report, sheet_name(len(out) + 1, part), "matrix", [[part]], titles, text,
                                  title_line(report, part), full_labels=False))
    return out


def _numbers(report: MatrixReport, name: str, titles: Sequence[str], value: Callable[[ReportCell], int],
             what: str) -> MatrixSheet:
    """Counts or Presence: tables of at most `COUNT_COLUMNS` codes stacked, or (a table taller than a
    page) every code in one table, its header rows repeated on every page."""
    parts = plan_parts(report, COUNT_COLUMNS)
    title = f"{what}: {title_line(report)}"
    if may_stack(report):
        sheet = grid_sheet(report, name, "counts", pack(parts, COUNT_COLUMNS), titles, value, title,
                           full_labels=True)
        if len(sheet.blocks) == 1 or page_breaks(sheet) is not None:
            return sheet
    return grid_sheet(report, name, "counts", [parts], titles, value, title, full_labels=True)


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
    names = [{r[i] for r in body} for i in range(4)]  # few distinct names among many quotes
    widths = [fit_width(names[0], header="Case", high=14),
              fit_width(names[1], header="Code", low=12, high=QUOTE_CODE_WIDTH),
              fit_width(names[2], header="Reference", high=16),
              fit_width(names[3], header="Coders", high=18)]
    widths.append(max(60.0, QUOTES_UNITS - sum(widths)))
    rows = [[f"Quotes: {title_line(report)}"], ["Case", "Code", "Reference", "Coders", "Quote"], *body]
    return MatrixSheet("Quotes", "table", [], rows, 2, widths, merges)


def matrix_sheets(report: MatrixReport, titles: Sequence[str],
                  text: Callable[[ReportCell], str]) -> list[MatrixSheet]:
    """Every sheet, in workbook order; the tables other than the matrix are `MatrixSheet`s too, with
    only `name` and `rows` meaningful."""
    out = _matrix_sheets(report, titles, text)
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

"""The agreement report as an Excel workbook (openpyxl, write-only mode).

Sheets: "Per code" (pooled over documents, with the size-weighted mean), "Per code x document",
"Per category", "Overall", "Raw counts" (the unit counts of every code x document), "Settings", "Methods"
(the paragraph to paste into a paper) and "Notes" (why each empty value is undefined). Agreement values are
fractions 0..1 shown as numbers with three decimals; an undefined value is an empty cell and its reason is
in "Notes".

Safety contract: no cell is ever a formula. Text a spreadsheet would read as one (the rule of
`cell_safety`: starting with `=`, `+`, `-`, `@`, tab, CR or their full-width forms), header cells included,
is written as a string cell with Excel's quote prefix.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from framework_qa.core.analysis.agreement_report import LABELS, AgreementReport, Row

from .cell_safety import looks_like_formula
from .xlsx_sheets import BORDER, HEADER_FILL, fit_width, print_setup, row_height

NUMBER_FORMAT = "0.000"


def _cell(ws: Any, value: Any, *, bold: bool = False, wrap: bool = False, number: bool = False) -> Any:
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    cell.border = BORDER
    if bold:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    if wrap or isinstance(value, str):  # names wrap at spaces and slashes rather than being clipped
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if number and isinstance(value, float):
        cell.number_format = NUMBER_FORMAT
    return cell


def _append(ws: Any, values: Sequence[Any], *, header: bool = False, numbers_from: int | None = None) -> None:
    """Appends a row as tall as its wrapped text (a write-only sheet reads a row's height from its
    dimensions when the row is written, and spreadsheet programs do not grow rows on opening)."""
    ws.fqa_rows += 1
    height = row_height(values, ws.fqa_widths)
    if height is not None:
        ws.row_dimensions[ws.fqa_rows].height = height
    ws.append([
        _cell(ws, v, bold=header, number=numbers_from is not None and i >= numbers_from)
        for i, v in enumerate(values)
    ])


def _sheet(wb: Workbook, title: str, widths: Sequence[float]) -> Any:
    """A sheet printed landscape, one page wide, its header row and first column on every page."""
    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    print_setup(ws, title_rows="1:1")
    ws.fqa_widths, ws.fqa_rows = list(widths), 0  # for `_append`'s row heights
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    return ws


def write_agreement_xlsx(report: AgreementReport, path: str | Path) -> None:
    """Write the report; raises OSError when the file cannot be written."""
    wb = Workbook(write_only=True)
    keys = report.measure_keys
    coders = list(report.settings.coders)
    measure_titles = [LABELS[k] for k in keys]
    counts_titles = ["Units", "All coders" if len(coders) > 2 else "Both", *[f"Only {c}" for c in coders], "Neither"]

    def counts(r: Row) -> list[Any]:
        return [r.counts.units, r.counts.both, *[r.counts.only.get(c) for c in coders], r.counts.neither]

    def values(measures: dict[str, Any]) -> list[Any]:
        return [measures[k].value for k in keys]

    code_width = fit_width([r.code for r in report.per_code], header="Code", low=20, high=45)
    measure_widths = [fit_width([], header=t, low=12) for t in measure_titles]  # no header broken mid-word
    ws = _sheet(wb, "Per code", [code_width, *measure_widths, 12, *measure_widths])
    _append(ws, ["Code", *measure_titles, "Documents", *[f"{t} (size-weighted mean)" for t in measure_titles]],
            header=True)
    for r in report.per_code:
        _append(ws, [r.code, *values(r.measures), r.documents, *values(r.weighted or {})], numbers_from=1)

    ws = _sheet(wb, "Per code x document", [code_width, 20] + [12] * (len(keys) + len(counts_titles)))
    _append(ws, ["Code", "Document", *measure_titles, *counts_titles], header=True)
    for r in report.per_document:
        _append(ws, [r.code, r.document, *values(r.measures), *counts(r)], numbers_from=2)

    ws = _sheet(wb, "Per category", [50, 14, 12, 80])
    _append(ws, ["Category", LABELS["krippendorff_alpha"], "Units", "Child codes compared"], header=True)
    for c in report.per_category:
        _append(ws, [c.category, c.alpha.value, c.units, "; ".join(c.codes)], numbers_from=1)

    ws = _sheet(wb, "Overall", [40, 14, 14])
    _append(ws, ["Measure", "Pooled", "Size-weighted mean"], header=True)
    overall = report.overall
    if overall is not None:
        for key in keys:
            weighted = overall.weighted[key].value if overall.weighted else None
            _append(ws, [LABELS[key], overall.measures[key].value, weighted], numbers_from=1)
        for title, value in zip(counts_titles, counts(overall), strict=True):
            _append(ws, [title, value])

    ws = _sheet(wb, "Raw counts", [code_width, 20] + [12] * len(counts_titles))
    _append(ws, ["Code", "Document", *counts_titles], header=True)
    for r in report.per_document:
        _append(ws, [r.code, r.document, *counts(r)])

    ws = _sheet(wb, "Settings", [28, 100])
    _append(ws, ["Setting", "Value"], header=True)
    for key, value in report.settings_json().items():
        text = "; ".join(map(str, value)) if isinstance(value, list) else ("" if value is None else value)
        _append(ws, [key, text])

    ws = _sheet(wb, "Methods", [120])
    _append(ws, ["Methods paragraph"], header=True)
    _append(ws, [report.methods])

    ws = _sheet(wb, "Notes", [14, 40, 16, 24, 90])
    _append(ws, ["Where", "Code", "Document", "Measure", "Reason"], header=True)
    for n in report.notes:
        _append(ws, [n.where, n.code, n.document, n.measure, n.reason])
    wb.save(str(path))

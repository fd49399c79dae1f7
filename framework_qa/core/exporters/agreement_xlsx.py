"""The agreement report as an Excel workbook (openpyxl, write-only mode), set up for reading and printing.

Sheets: "Per code" (pooled over documents, with the size-weighted mean), "Per code x document" (each
code in each document: the measures and the raw counts they come from), "Per category", "Overall",
"Settings", "Methods" (the paragraph to paste into a paper, on its own sheet) and "Notes" (why each empty
value is undefined, documents sharing a reason on one row). Every sheet starts with a title row naming
the project, coders, unit, documents and codes compared, and the date; then a header row; both repeat on
every printed page. Sheets print landscape, one page wide; names wrap rather than being clipped and are
never broken mid-word. Agreement values are fractions 0..1 stored as numbers shown with three decimals,
counts are whole numbers; an undefined value is an empty cell and its reason is in "Notes".

Safety contract: no cell is ever a formula. Text a spreadsheet would read as one (the rule of
`cell_safety`: starting with `=`, `+`, `-`, `@`, tab, CR or their full-width forms), header cells included,
is written as a string cell with Excel's quote prefix.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from framework_qa.core.analysis.agreement_report import AgreementReport

from . import agreement_tables as tables
from .xlsx_sheets import (
    BOLD,
    RowWriter,
    Styler,
    fit_width,
    header_cells,
    print_setup,
    row_height,
    set_widths,
    styled,
)

MEASURE_WIDTH = 11.0
COUNT_WIDTH = 9.0
METHODS_WIDTH = 110.0  # fits landscape A4 at 100 %: LibreOffice does not scale a one-column sheet, it cuts it


def _sheet(wb: Workbook, st: Styler, name: str, title: str, header: Sequence[str], rows: Sequence[Sequence[Any]],
           styles: Sequence[Any], widths: Sequence[float], *, wrapped: bool = True,
           counts_from: int | None = None) -> None:
    """A table under a title row (merged across the table, wrapped), printed with rows 1-2 on every
    page. `wrapped`: rows get heights for their wrapped text (else one line each). Rows from index
    `counts_from` on hold whole numbers (shown without decimals) in the columns styled as fractions."""
    ws = wb.create_sheet(name)
    ws.freeze_panes = "B3"
    print_setup(ws, title_rows="1:2", title_cols=None)  # one page wide: nothing to repeat
    set_widths(ws, widths)
    if len(widths) > 1:
        ws.merged_cells.add(f"A1:{get_column_letter(len(widths))}1")
    writer = RowWriter(ws, styles, st.date)
    writer.append([styled(ws, title, st.title_wrap)], row_height([title], [sum(widths) * 0.85]))
    writer.append(header_cells(ws, st.header, header), row_height(header, [w * BOLD for w in widths]))
    for i, row in enumerate(rows):
        if counts_from is not None and i >= counts_from:
            row = [styled(ws, v, st.number) if style is st.fraction else v
                   for v, style in zip(row, styles, strict=False)]
        writer.append(row, row_height(row, widths) if wrapped else None)


def write_agreement_xlsx(report: AgreementReport, path: str | Path) -> None:
    """Write the report; raises OSError when the file cannot be written."""
    wb = Workbook(write_only=True)
    st = Styler(wb)
    nmeasures, ncounts = len(report.measure_keys), len(tables.counts_titles(report))
    measures, numbers = [st.fraction] * nmeasures, [st.number] * ncounts
    code_width = fit_width(report.code_paths, header="Code", low=20, high=70)

    header, rows = tables.per_code_table(report)
    widths = [code_width] + [fit_width([], header=t, low=MEASURE_WIDTH) for t in header[1:]]
    _sheet(wb, st, "Per code", tables.title_line(report, "Inter-coder agreement per code, pooled over documents"), header, rows,
           [st.wrap, *measures, st.number, *measures], widths)

    header, rows = tables.per_document_table(report)
    doc_width = fit_width(report.document_names, header="Document", high=30)
    widths = [code_width, doc_width] + [fit_width([], header=t, low=MEASURE_WIDTH) for t in header[2:2 + nmeasures]]
    widths += [fit_width([], header=t, low=COUNT_WIDTH) for t in header[2 + nmeasures:]]
    _sheet(wb, st, "Per code x document", tables.title_line(report, "Inter-coder agreement per code x document"), header, rows,
           [st.wrap, st.wrap, *measures, *numbers], widths)

    header, rows = tables.category_table(report)
    widths = [fit_width((r[0] for r in rows), header="Category", low=20, high=50), 14, 10, 100]
    _sheet(wb, st, "Per category", tables.title_line(report, "Inter-coder agreement per category (Krippendorff's α over child codes)"),
           header, rows, [st.first, st.fraction, st.number, st.wrap], widths)

    header, rows = tables.overall_table(report)
    _sheet(wb, st, "Overall", tables.title_line(report, "Inter-coder agreement overall, pooled over codes and documents"), header,
           rows, [st.first, st.fraction, st.fraction], [30, 14, 20], counts_from=len(report.measure_keys))

    header, rows = tables.settings_table(report)
    _sheet(wb, st, "Settings", tables.title_line(report, "Settings of the inter-coder agreement"), header, rows, [st.first, st.wrap],
           [24, 120])

    _sheet(wb, st, "Methods", tables.title_line(report, "Methods paragraph of the inter-coder agreement"), ["Methods paragraph"],
           [[report.methods]], [st.wrap], [METHODS_WIDTH])

    rows = tables.grouped_notes(report.notes)
    widths = [20, fit_width((r[1] for r in rows), header="Code", low=12, high=45),
              fit_width((r[2] for r in rows), header="Documents", high=24), 90]
    _sheet(wb, st, "Notes", tables.title_line(report, "Why values of the inter-coder agreement are undefined"), tables.NOTES_HEADER, rows,
           [st.first, st.wrap, st.wrap, st.wrap], widths)
    wb.save(str(path))

"""The framework matrix as CSV: one row per case x code pair (long format, easy to load into R or pandas).

Columns: case, the case attributes (the grouping attribute first), framework, code (path), codings, characters,
presence (0/1), summary, references. Written as UTF-8 with a byte-order mark so spreadsheet programs
detect the encoding. A spreadsheet program opening the file would run text that starts like a formula
(`=`, `+`, `-`, `@`, tab, CR), so such text gets a leading apostrophe, the spreadsheet convention for
"this is text"; numbers are written as they are.
"""

from __future__ import annotations

import csv
from pathlib import Path

from framework_qa.core.analysis.matrix.report import MatrixReport, join_references

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: object) -> object:
    """Text that a spreadsheet would read as a formula, neutralised; numbers and other text unchanged."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value


def write_matrix_csv(report: MatrixReport, path: str | Path) -> None:
    lead = ["case", *report.attributes]
    with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([*lead, "framework", "code", "codings", "characters", "presence", "summary",
                      "references"])
        for row, line in zip(report.rows, report.cells, strict=True):
            first = [row.case, *row.values]
            for col, cell in zip(report.columns, line, strict=True):
                out.writerow([csv_text(v) for v in (
                    *first, col.framework, col.path, cell.codings, cell.characters, int(cell.codings > 0),
                    cell.summary, join_references(cell.references))])

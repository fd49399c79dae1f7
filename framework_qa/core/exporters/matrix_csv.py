"""The framework matrix as CSV: one row per case x code pair (long format, easy to load into R or pandas).

Columns: case, the case attributes (the grouping attribute first), framework, code (path), codings, characters,
presence (0/1), summary, references. Written as UTF-8 with a byte-order mark so spreadsheet programs
detect the encoding; values are written as they are (a CSV holds data, not formulas — use the xlsx
export to hand a matrix to people who will open it in a spreadsheet).
"""

from __future__ import annotations

import csv
from pathlib import Path

from framework_qa.core.analysis.matrix.report import MatrixReport, join_references


def write_matrix_csv(report: MatrixReport, path: str | Path) -> None:
    lead = ["case", *report.attributes]
    with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([*lead, "framework", "code", "codings", "characters", "presence", "summary",
                      "references"])
        for row, line in zip(report.rows, report.cells, strict=True):
            first = [row.case, *row.values]
            for col, cell in zip(report.columns, line, strict=True):
                out.writerow([*first, col.framework, col.path, cell.codings, cell.characters,
                              int(cell.codings > 0), cell.summary, join_references(cell.references)])

"""The framework matrix as CSV: one row per case x code pair (long format, easy to load into R or pandas).

Columns: case, the case attributes (the grouping attribute first), framework, code (path), codings, characters,
presence (0/1), summary, references. Written as UTF-8 with a byte-order mark so spreadsheet programs
detect the encoding. Every field, the header row (attribute names) included, goes through
`cell_safety.csv_text`: text a spreadsheet would run as a formula gets a leading apostrophe; numbers are
written as they are.
"""

from __future__ import annotations

import csv
from pathlib import Path

from framework_qa.core.analysis.matrix.report import MatrixReport, join_references

from .cell_safety import csv_text

__all__ = ["csv_text", "write_matrix_csv"]


def write_matrix_csv(report: MatrixReport, path: str | Path) -> None:
    lead = ["case", *report.attributes]
    with Path(path).open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([csv_text(v) for v in (*lead, "framework", "code", "codings", "characters", "presence",
                                             "summary", "references")])
        for row, line in zip(report.rows, report.cells, strict=True):
            first = [row.case, *row.values]
            for col, cell in zip(report.columns, line, strict=True):
                out.writerow([csv_text(v) for v in (
                    *first, col.framework, col.path, cell.codings, cell.characters, int(cell.codings > 0),
                    cell.summary, join_references(cell.references))])

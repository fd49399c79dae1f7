"""Every spreadsheet export, reopened: no header or cell a spreadsheet would run as a formula, numbers stay
numbers (the one rule of `cell_safety`, applied to matrix CSV, matrix xlsx and agreement xlsx)."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from framework_qa import new_project
from framework_qa.core.analysis.agreement_report import agreement_report
from framework_qa.core.analysis.matrix.report import MatrixReport, Quote, ReportCell, ReportColumn, ReportRow
from framework_qa.core.exporters.agreement_xlsx import write_agreement_xlsx
from framework_qa.core.exporters.cell_safety import csv_text, looks_like_formula
from framework_qa.core.exporters.matrix_csv import write_matrix_csv
from framework_qa.core.exporters.matrix_xlsx import write_matrix_xlsx
from tests.core.analysis.agreement_report.agreement_support import fill

HOSTILE = ['=HYPERLINK("http://evil","x")', "@SUM(1+1)", "-1_000", "+1", "-inf", "-2+3+cmd|' /C calc'!A0",
           "\uff1d1+1", "\uff0bcmd", "\uff0d1", "\uff20SUM(A1)", "\tTab", "\rCR", "=1"]
SAFE = ["plain", "-3", "-0.25", "3", "", "1e5", "a=b"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_is_protected(text: str) -> None:
    assert looks_like_formula(text) and csv_text(text) == "'" + text


@pytest.mark.parametrize("text", SAFE)
def test_plain_text_and_plain_negative_numerals_are_left_alone(text: str) -> None:
    assert not looks_like_formula(text) and csv_text(text) == text


def test_numbers_are_never_touched() -> None:
    assert csv_text(-1) == -1 and csv_text(-0.5) == -0.5 and csv_text(float("-inf")) == float("-inf")


def _hostile_report() -> MatrixReport:
    attributes = (HOSTILE[0], HOSTILE[1], "weeks")
    rows = tuple(ReportRow(case, HOSTILE[6], (HOSTILE[i + 2], HOSTILE[i + 3], "-3"))
                 for i, case in enumerate(HOSTILE[:4]))
    columns = tuple(ReportColumn(f"{HOSTILE[i]}/{HOSTILE[i + 4]}", HOSTILE[i + 4], HOSTILE[i + 1], HOSTILE[i + 7])
                    for i in range(3))
    cells = tuple(tuple(ReportCell(HOSTILE[(r + c) % len(HOSTILE)], r + c, 10 * c, (HOSTILE[c + 5],))
                        for c in range(3)) for r in range(4))
    quotes = tuple(Quote(HOSTILE[i], HOSTILE[i + 1], HOSTILE[i + 2], HOSTILE[i + 3], HOSTILE[i + 4])
                   for i in range(5))
    return MatrixReport("=title", "@coders", "+filter", HOSTILE[0], attributes, rows, columns, cells, quotes)


def test_matrix_csv_protects_every_header_and_field(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    write_matrix_csv(_hostile_report(), path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    header = table[0]
    assert header[:3] == ["case", "'" + HOSTILE[0], "'" + HOSTILE[1]]
    fields = [f for row in table for f in row]
    assert not [f for f in fields if looks_like_formula(f)]
    assert "'-1_000" in fields and "'+1" in fields and "'-inf" in fields and "-3" in fields
    for row in table[1:]:
        codings, characters, presence = row[6:9]
        assert codings.isdigit() and characters.isdigit() and presence in ("0", "1")


def _check_workbook(path: Path) -> tuple[int, int]:
    """Every cell: never a formula; risky text quoted; returns (protected text cells, number cells)."""
    book = openpyxl.load_workbook(path)
    protected = numbers = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and looks_like_formula(cell.value):
                    assert cell.data_type == "s" and cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
                    protected += 1
                elif isinstance(cell.value, int | float):
                    assert cell.data_type == "n"
                    numbers += 1
    return protected, numbers


def test_matrix_xlsx_protects_every_header_and_cell(tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    write_matrix_xlsx(_hostile_report(), path)
    protected, numbers = _check_workbook(path)
    assert protected > 20 and numbers > 10
    header = [c.value for c in openpyxl.load_workbook(path)["Matrix"][3]]  # under the title and band rows
    assert header[1:3] == [HOSTILE[0], HOSTILE[1]]


def test_agreement_xlsx_protects_every_header_and_cell(tmp_path: Path) -> None:
    code_a, code_b, doc = "=cmd|' -C calc'!A0", "@SUM(1+1)", "\uff1dcmd"
    path = tmp_path / "agreement.xlsx"
    with new_project(tmp_path / "agreement.fqa") as project:
        fill(project, {doc: "a" * 40}, [code_a, code_b],
             {doc: {"A": {code_a: [(0, 5)], code_b: [(6, 9)]}, "B": {code_a: [(0, 6)]}}})
        write_agreement_xlsx(agreement_report(project, ["A", "B"]), path)
    protected, numbers = _check_workbook(path)
    assert protected >= 4 and numbers > 0

"""Exported matrices reopened and checked cell by cell: xlsx (formula-like text stays text, sheets,
frozen panes, header comments), docx (landscape, repeated header rows, references) and csv."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from framework_qa.core.analysis.matrix import MatrixSpec, build_matrix, matrix_report
from framework_qa.core.analysis.matrix.report import MatrixReport
from framework_qa.core.exporters.matrix_csv import write_matrix_csv
from framework_qa.core.exporters.matrix_docx import write_matrix_docx
from framework_qa.core.exporters.matrix_xlsx import (
    column_titles,
    matrix_cell_text,
    sheet_values,
    write_matrix_xlsx,
)
from framework_qa.core.project import Project
from tests.core.analysis.matrix.conftest import build_small

RISKY = ["=SUM(A1:A3)", "+44 1234", "-minus first", "@handle", "\tTabbed", "\rCarriage"]


@pytest.fixture
def report(tmp_path: Path) -> MatrixReport:
    p: Project = build_small(tmp_path / "x.fqa")
    for i, text in enumerate(RISKY[:3]):
        p.set_summary("alpha", ["Alliance/Goal", "Alliance/Task", "Alliance/Bond/Sub"][i], text)
    p.set_summary("beta", "Guilt", RISKY[3])
    p.set_summary("gamma", "Guilt", RISKY[4])
    p.set_summary("gamma", "Alliance/Goal", RISKY[5])
    rep = matrix_report(p, build_matrix(p, MatrixSpec(group_by="gender")), "Test matrix")
    p.close()
    return rep


def test_xlsx_cells_match_the_report_and_nothing_is_a_formula(report: MatrixReport, tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    write_matrix_xlsx(report, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Matrix", "Counts", "Presence", "Quotes", "Code frequency", "About"]
    for title, rows in sheet_values(report):
        sheet = book[title]
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(r, c)
                assert cell.data_type != "f", (title, r, c, cell.value)
                expected = None if value == "" else value
                if isinstance(expected, str):
                    expected = expected.replace("\r", "")  # XML normalises CR away
                    got = (cell.value or "").replace("\r", "")
                    assert got == expected, (title, r, c)
                else:
                    assert cell.value == expected, (title, r, c)
    texts = [c.value for row in book["Matrix"].iter_rows() for c in row if isinstance(c.value, str)]
    for risky in RISKY[:4]:  # (leading whitespace of a summary is trimmed in the cell)
        assert any(t.startswith(risky) for t in texts), risky
    quoted = [c for row in book["Matrix"].iter_rows() for c in row
              if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))]
    assert quoted and all(c.quotePrefix for c in quoted)
    assert [q.value for q in book["Quotes"]["E"][1:]][:1] == ["Second interview text here."]


def test_xlsx_layout_freezes_headers_and_explains_codes(report: MatrixReport, tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    write_matrix_xlsx(report, path)
    sheet = openpyxl.load_workbook(path)["Matrix"]
    assert sheet.freeze_panes == "B2"
    assert [c.value for c in sheet[1]][:4] == ["Case", "gender", "weeks", "started"]
    goal = sheet.cell(1, 5)
    assert goal.value == "Goal" and "Alliance/Goal" in goal.comment.text and "Goal definition" in goal.comment.text
    assert sheet.cell(2, 5).alignment.wrap_text
    assert sheet.column_dimensions["E"].width >= 30
    # printed across then down, scaled to whole pages wide, with the case column and header repeated
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
    assert sheet.page_setup.pageOrder == "overThenDown" and sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_cols == "$A:$A" and sheet.print_title_rows == "$1:$1"
    counts = openpyxl.load_workbook(path)["Counts"]
    assert [counts.cell(r, 6).value for r in range(2, 5)] == [2, 0, 0]  # Task: alpha, gamma, beta (grouped)


def test_xlsx_rows_of_long_wrapped_text_are_tall_enough_and_headers_styled(tmp_path: Path) -> None:
    """Spreadsheet programs do not grow rows on opening, so long summaries and quotes get explicit heights;
    short rows keep the default height."""
    p: Project = build_small(tmp_path / "x.fqa")
    p.set_summary("alpha", "Alliance/Goal", "A long summary of what this participant said. " * 12)
    rep = matrix_report(p, build_matrix(p, MatrixSpec()), "Tall rows")
    p.close()
    path = tmp_path / "m.xlsx"
    write_matrix_xlsx(rep, path)
    book = openpyxl.load_workbook(path)
    matrix = book["Matrix"]
    alpha = next(r for r in range(2, matrix.max_row + 1) if matrix.cell(r, 1).value == "alpha")
    expected = 15.0 * -(-len(matrix_cell_text(rep.cells[alpha - 2][0])) // int(42 * 1.1))
    assert matrix.row_dimensions[alpha].height >= min(409.0, expected - 15.0) > 15.0
    short = [r for r in range(2, matrix.max_row + 1) if r != alpha
             and all(len(str(c.value or "")) < 40 for c in matrix[r])]
    assert short and all(matrix.row_dimensions[r].height is None for r in short)
    assert matrix.cell(1, 1).font.bold and matrix.cell(1, 5).fill.fgColor.rgb.endswith("DDE3EA")
    assert matrix.cell(2, 1).font.bold and not matrix.cell(2, 5).font.bold


def test_matrix_cell_text_has_summary_then_count_and_references(report: MatrixReport) -> None:
    alpha_task = report.cells[0][1]
    assert matrix_cell_text(alpha_task) == "+44 1234\n\n[2 codings: A1 ¶2]"
    assert column_titles(report) == ["Goal", "Task", "Sub", "Guilt"]


def test_docx_has_landscape_tables_with_repeated_headers_and_references(report: MatrixReport,
                                                                        tmp_path: Path) -> None:
    path = tmp_path / "m.docx"
    write_matrix_docx(report, path)
    doc = Document(str(path))
    assert doc.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert doc.sections[0].page_width > doc.sections[0].page_height
    assert len(doc.tables) == 2  # Alliance, Emergent themes
    alliance = doc.tables[0]
    assert [c.text for c in alliance.rows[0].cells] == ["Case", "Goal", "Task", "Sub"]
    assert alliance.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert alliance.rows[1].cells[0].text == "gender: female"
    assert alliance.rows[2].cells[0].text == "alpha"
    assert alliance.rows[2].cells[2].text == "+44 1234\n2 codings · A1 ¶2"
    assert alliance.rows[2].cells[1].text.startswith("=SUM(A1:A3)\n2 codings · A2 ¶1, ¶2")
    assert doc.tables[1].rows[0].cells[1].text == "Guilt"


def test_csv_has_one_row_per_case_and_code(report: MatrixReport, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    write_matrix_csv(report, path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(report.rows) * len(report.columns)
    first = rows[1]
    assert (first["case"], first["code"], first["codings"], first["characters"], first["summary"],
            first["references"]) == ("alpha", "Alliance/Task", "2", "30", "'+44 1234", "A1 ¶2")
    assert first["gender"] == "female" and first["weeks"] == "6"


def test_csv_text_that_looks_like_a_formula_is_neutralised_but_numbers_are_not(report: MatrixReport,
                                                                               tmp_path: Path) -> None:
    from framework_qa.core.exporters.matrix_csv import csv_text

    path = tmp_path / "m.csv"
    write_matrix_csv(report, path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        summaries = {row["summary"] for row in csv.DictReader(fh)}
    assert {"'=SUM(A1:A3)", "'-minus first", "'@handle", "'\tTabbed"} <= summaries
    assert not any(s.startswith(("=", "+", "-", "@", "\t")) for s in summaries)
    assert csv_text("-3.5") == "-3.5" and csv_text(7) == 7 and csv_text("plain") == "plain"

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
    raw = openpyxl.load_workbook(path, read_only=True)  # the cells as stored, merged ranges' cells included
    for title, rows in sheet_values(report):
        stored = [list(r) for r in raw[title].iter_rows()]
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                cell = stored[r - 1][c - 1]
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
    assert [q.value for q in book["Quotes"]["E"][2:]][:1] == ["Second interview text here."]
    raw.close()


def test_xlsx_prints_one_page_wide_with_title_band_and_typed_values(report: MatrixReport, tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    write_matrix_xlsx(report, path)
    sheet = openpyxl.load_workbook(path)["Matrix"]
    assert sheet.freeze_panes == "B4"
    title = sheet.cell(1, 1).value
    assert title.startswith("Test matrix, project x: ") and "coders: all coders" in title and "exported" in title
    assert [c.value for c in sheet[2]][4:7] == ["Alliance", None, "Alliance › Bond"]
    assert "E2:F2" in {str(r) for r in sheet.merged_cells.ranges}
    assert [c.value for c in sheet[3]][:4] == ["Case", "gender", "weeks", "started"]
    goal = sheet.cell(3, 5)
    assert goal.value == "Goal" and "Alliance/Goal" in goal.comment.text and "Goal definition" in goal.comment.text
    assert sheet.cell(4, 5).alignment.wrap_text and sheet.cell(4, 5).border.left.style == "thin"
    assert sheet.cell(3, 2).alignment.text_rotation == 90  # attribute headers upright: narrow columns
    # numbers and dates stored as such
    assert sheet.cell(4, 3).data_type == "n" and sheet.cell(4, 3).value == 6
    assert sheet.cell(4, 4).is_date
    # landscape, one page wide, title/band/header rows and the case column on every page
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0 and sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_cols == "$A:$A" and sheet.print_title_rows == "$1:$3"
    # no header word is wider than its column
    for cell in sheet[3][4:]:
        width = sheet.column_dimensions[cell.column_letter].width
        assert max(len(w) for w in cell.value.split()) <= width * 1.15, cell.value
    counts = openpyxl.load_workbook(path)["Counts"]
    assert counts.cell(2, 5).value == "Alliance" and counts.cell(3, 6).value == "Task"  # band, header
    assert [counts.cell(r, 6).value for r in range(4, 7)] == [2, 0, 0]  # Task: alpha, gamma, beta (grouped)
    assert counts.page_setup.fitToWidth == 1 and counts.print_title_rows == "$1:$3"


def _wide(tmp_path: Path, summary: str = "") -> MatrixReport:
    p: Project = build_small(tmp_path / "x.fqa")
    for k in range(9):
        p.add_code(f"Technique {k}", parent="Alliance/Bond", origin="deductive")
    for case in ("alpha", "beta", "gamma"):
        if summary:
            p.set_summary(case, "Alliance/Bond/Technique 0", summary)
    rep = matrix_report(p, build_matrix(p, MatrixSpec()), "Wide")
    p.close()
    return rep


def test_xlsx_stacks_a_wide_frameworks_tables_on_one_sheet_with_their_own_headers(tmp_path: Path) -> None:
    """More codes than one table holds: the framework's tables (cut as in the Word export, the category
    above) stand one under the other on one sheet, each with its band and header rows."""
    from framework_qa.core.exporters.layout import plan_parts

    rep = _wide(tmp_path)
    parts = [p for p in plan_parts(rep, 8) if p.framework == "Alliance"]
    assert len(parts) >= 2 and all(len(part.columns) <= 8 for part in parts)
    path = tmp_path / "m.xlsx"
    write_matrix_xlsx(rep, path)
    book = openpyxl.load_workbook(path)
    assert [n for n in book.sheetnames if n.startswith("Matrix")] == ["Matrix 1 Alliance", "Matrix 2 Emergent themes"]
    ws = book["Matrix 1 Alliance"]
    headers = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Case"]
    assert len(headers) == len(parts)  # a header row per table, a band row above each
    bands = [c.value for r in headers for c in ws[r - 1] if c.value]
    assert bands.count("Alliance › Bond") == 2
    assert ws.print_title_rows == "$1:$1" and ws.page_setup.fitToWidth == 1  # only the title repeats
    assert all(ws.cell(r, 5).font.bold for r in headers) and ws.cell(headers[1] + 1, 1).value == "alpha"


def test_xlsx_gives_each_table_its_own_sheet_when_one_is_taller_than_a_page(tmp_path: Path) -> None:
    rep = _wide(tmp_path, "A very long summary of what the participant said about this technique. " * 30)
    path = tmp_path / "m.xlsx"
    write_matrix_xlsx(rep, path)
    book = openpyxl.load_workbook(path)
    sheets = [n for n in book.sheetnames if n.startswith("Matrix ")]
    assert len(sheets) >= 3 and sheets[-1].endswith("Emergent themes")
    for name in sheets:  # one table each: title, band and header rows repeat on every page
        assert book[name].print_title_rows == "$1:$3" and book[name].cell(3, 1).value == "Case"
    assert sum(1 for n in sheets for c in book[n][2] if c.value == "Bond") == 2


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
    alpha = next(r for r in range(4, matrix.max_row + 1) if matrix.cell(r, 1).value == "alpha")
    width = matrix.column_dimensions["E"].width
    text = matrix_cell_text(rep.cells[alpha - 4][0])
    expected = 15.0 * -(-len(text) // int((width - 1) * 1.15))
    assert matrix.row_dimensions[alpha].height >= min(409.0, expected - 15.0) > 15.0
    short = [r for r in range(4, matrix.max_row + 1) if r != alpha
             and all(len(str(c.value or "")) < 12 for c in matrix[r])]
    assert short and all(matrix.row_dimensions[r].height is None for r in short)
    assert matrix.cell(3, 1).font.bold and matrix.cell(3, 5).fill.fgColor.rgb.endswith("DDE3EA")
    assert matrix.cell(4, 1).font.bold and not matrix.cell(4, 5).font.bold


def test_matrix_cell_text_has_summary_then_count_and_references(report: MatrixReport) -> None:
    alpha_task = report.cells[0][1]
    assert matrix_cell_text(alpha_task) == "+44 1234\n\n[2 codings: A1 ¶2]"
    assert column_titles(report) == ["Goal", "Task", "Sub", "Guilt"]


def test_docx_has_landscape_tables_with_category_rows_captions_and_definitions(report: MatrixReport,
                                                                              tmp_path: Path) -> None:
    path = tmp_path / "m.docx"
    write_matrix_docx(report, path)
    doc = Document(str(path))
    assert doc.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert doc.sections[0].page_width > doc.sections[0].page_height
    assert len(doc.tables) == 3  # Alliance, Emergent themes, code definitions
    alliance = doc.tables[0]
    # the category row above its codes, then the code row; both repeat on every page
    assert [c.text for c in alliance.rows[0].cells] == ["Case", "", "", "Bond"]
    assert [c.text for c in alliance.rows[1].cells] == ["Case", "Goal", "Task", "Sub"]
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is not None for row in alliance.rows[:2])
    assert alliance.rows[2]._tr.trPr is None or alliance.rows[2]._tr.trPr.find(qn("w:cantSplit")) is None
    assert alliance.rows[2].cells[0].text == "gender: female"
    assert alliance.rows[3].cells[0].text == "alpha"
    assert alliance.rows[3].cells[2].text == "+44 1234\n2 codings · A1 ¶2"
    assert alliance.rows[3].cells[1].text.startswith("=SUM(A1:A3)\n2 codings · A2 ¶1, ¶2")
    # the case column as narrow as its names allow; the code columns share the rest of the page
    case, *codes = [col.width for col in alliance.columns]
    assert case.cm < 2.0 and all(abs(w - codes[0]) < 2 for w in codes) and codes[0].cm > 7
    assert doc.tables[1].rows[0].cells[1].text == "Guilt"
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert len(captions) == 2 and captions[0].startswith("Table 1. Alliance; 3 cases; grouped by gender")
    definitions = doc.tables[2]
    assert [c.text for c in definitions.rows[0].cells] == ["Framework", "Code", "Definition"]
    assert [c.text for c in definitions.rows[1].cells][:2] == ["Alliance", "Goal"]
    assert "Goal definition" in definitions.rows[1].cells[2].text


def test_parent_code_cells_gather_their_childrens_summaries(tmp_path: Path) -> None:
    p: Project = build_small(tmp_path / "x.fqa")
    p.set_summary("alpha", "Alliance/Goal", "Wants to sleep")
    p.set_summary("alpha", "Alliance/Bond/Sub", "Trusts the voice")
    p.set_summary("beta", "Alliance", "Own parent summary")
    p.set_summary("beta", "Alliance/Goal", "Not shown under the parent")
    rep = matrix_report(p, build_matrix(p, MatrixSpec(columns=["Alliance"])), "Parents")
    p.close()
    alpha = rep.cells[[r.case for r in rep.rows].index("alpha")][0]
    assert alpha.children == (("Goal", "Wants to sleep"), ("Bond/Sub", "Trusts the voice"))
    assert matrix_cell_text(alpha).startswith("Goal: Wants to sleep\nBond/Sub: Trusts the voice")
    beta = rep.cells[[r.case for r in rep.rows].index("beta")][0]
    assert beta.children == () and matrix_cell_text(beta).startswith("Own parent summary")
    path = tmp_path / "m.docx"
    write_matrix_docx(rep, path)
    row = next(r for r in Document(str(path)).tables[0].rows if r.cells[0].text == "alpha")
    labels = [run.text for para in row.cells[1].paragraphs for run in para.runs if run.bold]
    assert labels[:2] == ["Goal: ", "Bond/Sub: "]


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


def test_xlsx_quotes_group_coders_and_merge_case_and_code_down_their_rows(tmp_path: Path) -> None:
    """A quote two coders coded alike is one row naming both; the case and code of a run of quotes are
    one merged cell each (each row still holds them, for filters); the sheet prints like the others."""
    p: Project = build_small(tmp_path / "x.fqa")
    text = p.text(p.document("A1").id)
    begin = text.index("It felt w")  # ben's coding of Sub, now amira's too
    p.add_coding("A1", begin, begin + len("It felt w"), "Alliance/Bond/Sub", "amira")
    rep = matrix_report(p, build_matrix(p, MatrixSpec()), "Quotes")
    p.close()
    path = tmp_path / "m.xlsx"
    write_matrix_xlsx(rep, path)
    ws = openpyxl.load_workbook(path)["Quotes"]
    assert ws["A1"].value.startswith("Quotes: Quotes, project x") and ws["A1"].font.bold
    assert [c.value for c in ws[2]] == ["Case", "Code", "Reference", "Coders", "Quote"]
    assert ws.print_title_rows == "$1:$2" and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    raw = openpyxl.load_workbook(path, read_only=True)
    rows = [[c.value for c in r] for r in raw["Quotes"].iter_rows(min_row=3)]
    raw.close()
    warm = [r for r in rows if r[4] == "It felt w"]
    assert len(warm) == 1 and warm[0][:2] == ["alpha", "Alliance/Bond/Sub"]
    assert sorted(warm[0][3].split(", ")) == ["amira", "ben"]
    for q in rep.quotes:  # every quote and coder is there
        assert any(r[:3] == [q.case, q.code, q.reference] and r[4] == q.text and q.coder in r[3].split(", ")
                   for r in rows), q
    assert len(rows) == len(rep.quotes) - 1
    task = [i + 3 for i, r in enumerate(rows) if r[:2] == ["alpha", "Alliance/Task"]]
    assert len(task) == 2
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {f"A{task[0]}:A{task[-1]}", f"B{task[0]}:B{task[-1]}"} <= merged
    assert ws.cell(task[0], 5).alignment.wrap_text and ws.cell(task[0], 5).border.left.style == "thin"


def test_wrapped_lines_count_lines_as_spreadsheets_wrap_words() -> None:
    from framework_qa.core.exporters.xlsx_sheets import wrapped_lines

    assert wrapped_lines("aaaaa bbbbb ccccc", 9) == 3  # words carried over: by length alone it would be 2
    path = "Persuasive Systems Design/Primary task support/Self-monitoring"
    # "Persuasive Systems " / "Design/Primary task " / "support/Self-" / "monitoring"
    assert wrapped_lines(path, 20) == 4 and wrapped_lines(path, len(path)) == 1
    assert wrapped_lines("x" * 25, 10) == 3  # a word longer than a line is cut where it overflows
    assert wrapped_lines("x" * 900, 100) == 10  # long prose: by length, a tenth more for carried words


def test_page_breaks_fall_between_stacked_tables_never_inside_one() -> None:
    from framework_qa.core.exporters.matrix_grids import Block, MatrixSheet, page_breaks, page_points

    widths = [10.0, 100.0]
    page = page_points(widths)
    rows = 1 + 4 + 1 + 4 + 1 + 4  # title; band, header, two cases; blank; ...
    heights: list[float | None] = [None] * rows
    for first in (1, 6, 11):  # each table: band 15, header 30, two cases of a third of a page
        heights[first:first + 4] = [15.0, 30.0, page / 3, page / 3]
    sheet = MatrixSheet("S", "matrix", [0], [[]] * rows, 3, widths, blocks=[Block([0], 3, 2), Block([0], 8, 2),
                                                                            Block([0], 13, 2)], heights=heights)
    assert page_breaks(sheet) == [6, 11]  # after each blank row: every table starts a page
    heights[3:5] = heights[8:10] = heights[13:15] = [page / 10, page / 10]
    assert page_breaks(sheet) == []  # all three fit one page
    heights[3] = page  # a table taller than a page cannot share a sheet
    assert page_breaks(sheet) is None

"""The agreement workbook reopened with openpyxl: title rows naming the selection, print set-up, typed
values, raw counts beside the measures, the methods paragraph on its own sheet, grouped notes that keep
every note."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from framework_qa import Project, new_project
from framework_qa.core.analysis.agreement_report import LABELS, AgreementReport, Note, agreement_report
from framework_qa.core.exporters.agreement_tables import grouped_notes
from framework_qa.core.exporters.agreement_xlsx import write_agreement_xlsx
from framework_qa.core.exporters.xlsx_sheets import LINE_POINTS, lines_needed
from tests.core.analysis.agreement_report.agreement_support import fill

SHEETS = ["Per code", "Per code x document", "Per category", "Overall", "Settings", "Methods", "Notes"]
TEXT = "The app felt like a friend. " * 6


@pytest.fixture
def study(tmp_path: Path) -> Iterator[Project]:
    with new_project(tmp_path / "study.fqa") as project:
        fill(project, {"D1": TEXT, "D2": TEXT, "D3": TEXT},
             ["Alliance", "Alliance/Goal", "Alliance/Task", "Persuasive Systems Design",
              "Persuasive Systems Design/System credibility support",
              "Persuasive Systems Design/System credibility support/Verifiability"],
             {"D1": {"A": {"Alliance/Goal": [(0, 20)], "Alliance/Task": [(30, 60)]},
                     "B": {"Alliance/Goal": [(0, 15)], "Alliance/Task": [(30, 50)]}},
              "D2": {"A": {"Persuasive Systems Design/System credibility support/Verifiability": [(5, 25)]},
                     "B": {"Persuasive Systems Design/System credibility support/Verifiability": [(5, 20)]}},
              "D3": {"A": {"Alliance/Goal": [(40, 80)]}, "B": {"Alliance/Goal": [(40, 70)]}}})
        yield project


def _write(report: AgreementReport, tmp_path: Path) -> openpyxl.Workbook:
    path = tmp_path / "agreement.xlsx"
    write_agreement_xlsx(report, path)
    return openpyxl.load_workbook(path)


def test_every_sheet_has_a_title_row_and_prints_landscape_one_page_wide(study: Project, tmp_path: Path) -> None:
    book = _write(agreement_report(study, ["A", "B"]), tmp_path)
    assert book.sheetnames == SHEETS
    today = date.today().isoformat()
    for ws in book:
        title = ws["A1"].value
        assert ", project study: coders A, B; character level; all 3 documents; the 3 codes the coders applied; " \
               f"exported {today}" in title, ws.title
        assert ws["A1"].font.bold and ws["A1"].alignment.wrap_text
        if ws.max_column > 1:  # the title spans the table, so it wraps within the printed width
            assert f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}1" in {str(r) for r in ws.merged_cells.ranges}
        assert ws.print_title_rows == "$1:$2" and ws.freeze_panes == "B3"
        assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        for cell in ws[2]:  # header cells: styled, wrapped, never a word wider than the column
            assert cell.font.bold and cell.alignment.wrap_text and cell.border.bottom.style == "thin"
            width = ws.column_dimensions[cell.column_letter].width
            assert max(len(w) for w in cell.value.split()) <= width, (ws.title, cell.value)
    assert book["Per code"]["A1"].value.startswith("Inter-coder agreement per code, pooled over documents")


def test_values_are_typed_and_the_raw_counts_stand_beside_the_measures(study: Project, tmp_path: Path) -> None:
    report = agreement_report(study, ["A", "B"])
    ws = _write(report, tmp_path)["Per code x document"]
    header = [c.value for c in ws[2]]
    assert header == ["Code", "Document", "Agreement", "Cohen's κ", "Krippendorff's α", "Jaccard", "Units", "Both",
                      "Only A", "Only B", "Neither"]
    rows = {(r[0].value, r[1].value): r for r in ws.iter_rows(min_row=3)}
    assert len(rows) == len(report.per_document) == 9
    goal = rows[("Alliance/Goal", "D1")]
    assert [c.value for c in goal[6:]] == [len(TEXT), 15, 5, 0, len(TEXT) - 20]
    assert all(c.data_type == "n" and isinstance(c.value, int) for c in goal[6:])
    assert goal[2].value == pytest.approx(1 - 5 / len(TEXT)) and goal[2].number_format == "0.000"
    assert goal[0].alignment.wrap_text and goal[0].border.left.style == "thin"
    undefined = rows[("Alliance/Task", "D2")]  # nobody coded Task there: kappa undefined, an empty cell
    assert undefined[3].value is None and undefined[2].value == 1
    # a code path prints on one line: its column fits it
    long = "Persuasive Systems Design/System credibility support/Verifiability"
    assert ws.column_dimensions["A"].width * 1.15 >= len(long)
    overall = {r[0].value: r for r in _write(report, tmp_path)["Overall"].iter_rows(min_row=3)}
    assert overall["Cohen's κ"][1].number_format == "0.000" and isinstance(overall["Cohen's κ"][1].value, float)
    assert overall["Units"][1].value == 3 * 3 * len(TEXT) and overall["Units"][1].number_format == "General"
    per_code = _write(report, tmp_path)["Per code"]
    assert [c.value for c in per_code[2]][5] == "Documents" and per_code["F3"].value == 3


def test_methods_paragraph_has_its_own_sheet_tall_enough_to_show_it(study: Project, tmp_path: Path) -> None:
    report = agreement_report(study, ["A", "B"])
    ws = _write(report, tmp_path)["Methods"]
    assert ws.max_row == 3 and ws.max_column == 1
    assert ws["A2"].value == "Methods paragraph" and ws["A3"].value == report.methods
    assert ws["A3"].alignment.wrap_text
    width = ws.column_dimensions["A"].width
    assert ws.row_dimensions[3].height >= LINE_POINTS * lines_needed(report.methods, width)
    assert ws.print_title_cols is None and width <= 130  # LibreOffice cuts a column wider than the page


def test_title_names_the_documents_and_codes_when_they_were_chosen(study: Project, tmp_path: Path) -> None:
    report = agreement_report(study, ["A", "B"], documents=["D1", "D3"], codes=["Alliance/Goal"])
    title = _write(report, tmp_path)["Overall"]["A1"].value
    assert "documents D1, D3; code Alliance/Goal;" in title


def test_notes_are_grouped_by_code_and_reason_and_none_is_lost(study: Project, tmp_path: Path) -> None:
    report = agreement_report(study, ["A", "B"])
    ws = _write(report, tmp_path)["Notes"]
    assert [c.value for c in ws[2]] == ["Where", "Code", "Documents", "Undefined values and why"]
    rows = [[c.value or "" for c in r] for r in ws.iter_rows(min_row=3)]
    per_document = [n for n in report.notes if n.where == "per_document"]
    assert per_document and len(rows) < len(report.notes)
    for note in report.notes:
        label = LABELS.get(note.measure or "", "")
        assert any(row[1] == (note.code or "") and (note.document or "") in row[2].split(", ")
                   and any(line.endswith(note.reason) and label in line for line in row[3].split("\n"))
                   for row in rows), note


def test_grouped_notes_share_a_row_only_when_measures_and_reasons_match() -> None:
    notes = [Note("no variation", "per_document", "cohen_kappa", "Goal", "D1"),
             Note("no variation", "per_document", "jaccard", "Goal", "D1"),
             Note("no variation", "per_document", "cohen_kappa", "Goal", "D2"),
             Note("no variation", "per_document", "jaccard", "Goal", "D2"),
             Note("all the same", "per_document", "cohen_kappa", "Goal", "D3"),
             Note("B made no codings in this document", "settings", document="D3")]
    assert grouped_notes(notes) == [
        ["Per code x document", "Goal", "D1, D2", "Cohen's κ, Jaccard: no variation"],
        ["Per code x document", "Goal", "D3", "Cohen's κ: all the same"],
        ["Selection", "", "D3", "B made no codings in this document"],
    ]

"""Case attribute tables: typed columns from CSV and XLSX, keyed by case name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from framework_qa import Project
from framework_qa.core.errors import FqaError, ImportFailure
from framework_qa.core.importers.attributes import read_attribute_table


def test_csv_columns_get_number_date_and_text_types(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("case,age_band,weeks,started\nP01,25-34,9,2026-01-05\nP02,45-54,3.5,2026-02-01\n")
    table = read_attribute_table(path)
    assert table.types == {"age_band": "text", "weeks": "number", "started": "date"}
    assert table.rows["P02"] == {"age_band": "45-54", "weeks": "3.5", "started": "2026-02-01"}


def test_xlsx_with_real_dates_and_numbers(tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Participant", "weeks", "started"])
    sheet.append(["P01", 9, dt.datetime(2026, 1, 5)])
    sheet.append(["P02", 4, None])
    book.save(path)
    table = read_attribute_table(path)
    assert table.types == {"weeks": "number", "started": "date"}
    assert table.rows["P01"] == {"weeks": "9", "started": "2026-01-05"}
    assert table.rows["P02"] == {"weeks": "4"}


@pytest.mark.parametrize("content, reason", [
    ("case\nP01\n", "no attribute columns"),
    ("case,age\n", "at least one case row"),
    ("case,age\nP01,3\nP01,4\n", "row 3 repeats case 'P01'"),
    ("case,age\n,3\n", "row 2 has no case name"),
])
def test_malformed_tables_are_refused_with_the_row(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(ImportFailure, match=reason):
        read_attribute_table(path)


def test_import_creates_cases_and_keeps_existing_types(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("case,weeks\nP01,9\nP02,3\n")
    project.import_attributes(path)
    assert {c.name for c in project.cases()} == {"P01", "P02"}
    assert project.case_values()[project.case("P01").id] == {"weeks": "9"}
    path.write_text("case,weeks\nP03,lots\n")
    with pytest.raises(FqaError, match="weeks of P03"):
        project.import_attributes(path)
    assert project.find_case("P03") is None

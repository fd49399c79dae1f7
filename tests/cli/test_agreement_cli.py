"""`framework-qa agreement` and `framework-qa merge-coder`: JSON shape, table output, xlsx, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from framework_qa import new_project, open_project
from tests.cli.cli_support import run


@pytest.fixture
def study(tmp_path: Path) -> Path:
    path = tmp_path / "study.fqa"
    with new_project(path) as project:
        project.add_document("D", "x" * 50)
        project.add_document("E", "y" * 30)
        project.add_code("Trust")
        project.add_code("=SUM(A1)")  # text that a spreadsheet would take for a formula
        project.add_coding("D", 0, 25, "Trust", "A")
        project.add_coding("D", 0, 20, "Trust", "B")
        project.add_coding("D", 25, 35, "Trust", "B")
        project.add_coding("E", 0, 5, "=SUM(A1)", "A")
    return path


def test_json_has_the_documented_shape_with_fractions_and_nulls(capsys: pytest.CaptureFixture[str], study: Path) -> None:
    code, out, _ = run(capsys, "agreement", study, "--coders", "A", "B", "--json")
    assert code == 0
    data = json.loads(out)
    assert {"unit", "coders", "per_document", "per_code", "per_category", "overall", "notes", "settings",
            "methods"} <= set(data)
    assert data["unit"] == "character" and data["coders"] == ["A", "B"]
    row = next(r for r in data["per_document"] if r["code"] == "Trust" and r["document"] == "D")
    assert {"code", "document", "units", "both", "only", "neither", "percent_agreement", "cohen_kappa",
            "krippendorff_alpha"} <= set(row)
    assert row["only"] == {"A": 5, "B": 10} and row["cohen_kappa"] == pytest.approx(0.40)
    trust = next(r for r in data["per_code"] if r["code"] == "Trust")
    assert {"code", "units", "percent_agreement", "cohen_kappa", "krippendorff_alpha"} <= set(trust)
    undefined = next(r for r in data["per_document"] if r["code"] == "Trust" and r["document"] == "E")
    assert undefined["cohen_kappa"] is None
    assert any(n.get("code") == "Trust" and n.get("document") == "E" and n["measure"] == "cohen_kappa"
               for n in data["notes"])
    for r in data["per_document"]:
        assert r["percent_agreement"] is None or 0 <= r["percent_agreement"] <= 1
    assert "character level" in data["methods"]


def test_segment_overlap_is_a_percentage_on_the_command_line(capsys: pytest.CaptureFixture[str], study: Path) -> None:
    code, out, _ = run(capsys, "agreement", study, "--coders", "A", "B", "--unit", "segment", "--overlap", "75",
                       "--codes", "Trust", "--json")
    data = json.loads(out)
    assert code == 0 and data["settings"]["overlap"] == pytest.approx(0.75)
    assert "75 %" in data["methods"]
    row = next(r for r in data["per_document"] if r["document"] == "D")
    assert (row["units"], row["both"]) == (3, 2)  # [0,25) vs [0,20): 20/25 = 0.8 >= 0.75


def test_human_output_is_a_table_per_code_and_the_methods_paragraph(
    capsys: pytest.CaptureFixture[str], study: Path
) -> None:
    code, out, _ = run(capsys, "agreement", study, "--coders", "A", "B", "--documents", "D")
    assert code == 0
    assert "Trust" in out and "0.400" in out and "OVERALL" in out
    assert "Methods:" in out and "over 1 document" in out


def test_xlsx_report_has_every_sheet_and_no_formulas(
    capsys: pytest.CaptureFixture[str], study: Path, tmp_path: Path
) -> None:
    target = tmp_path / "agreement.xlsx"
    code, _, _ = run(capsys, "agreement", study, "--coders", "A", "B", "--xlsx", target)
    assert code == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Per code", "Per code x document", "Per category", "Overall", "Settings",
                               "Methods", "Notes"]
    cells = [c for ws in book for row in ws.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert any(c.value == "=SUM(A1)" and c.data_type == "s" for c in cells)
    assert book["Methods"]["A3"].value.startswith("Agreement was computed")


@pytest.mark.parametrize("args", [
    ["--coders", "A"],
    ["--coders", "A", "Nobody"],
    ["--coders", "A", "B", "--overlap", "0"],
    ["--coders", "A", "B", "--overlap", "150"],
    ["--coders", "A", "B", "--codes", "No such code"],
    ["--coders", "A", "B", "--documents", "Z"],
])
def test_bad_input_is_one_error_line_and_exit_1(capsys: pytest.CaptureFixture[str], study: Path, args: list[str]) -> None:
    code, out, err = run(capsys, "agreement", study, *args)
    assert code == 1 and out == ""
    assert err.startswith("framework-qa: error: ") and err.count("\n") == 1


def test_missing_project_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "agreement", tmp_path / "none.fqa", "--coders", "A", "B")
    assert code == 1 and "no such project file" in err


def test_merge_coder_brings_codings_in_and_reports_json(
    capsys: pytest.CaptureFixture[str], study: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.fqa"
    shutil.copy(study, copy)
    with open_project(copy) as other:
        other.add_coding("E", 10, 20, "Trust", "C")
    code, out, _ = run(capsys, "merge-coder", study, copy, "--coder", "C", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["copied"] == 1 and data["unmatched_documents"] == [] and data["not_copied"] == []
    code, out, _ = run(capsys, "merge-coder", study, copy, "--coder", "C")
    assert code == 0 and "copied 0 codings" in out and "1 already present" in out
    code, _, err = run(capsys, "merge-coder", study, copy, "--coder", "Nobody")
    assert code == 1 and "no coder named 'Nobody'" in err

"""`framework-qa summary` and `framework-qa matrix`: JSON shape, filters, coders, columns and exports."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from framework_qa import open_project
from framework_qa.cli.main import main
from tests.core.analysis.matrix.conftest import build_small


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "cli.fqa"
    build_small(p).close()
    return p


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["matrix", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_summary_sets_the_cell_and_the_json_shows_it(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(path), "--case", "alpha", "--code", "Alliance/Task", "--text", "Useful."]) == 0
    capsys.readouterr()
    data = run_json(capsys, str(path))
    assert set(data) == {"rows", "columns", "cells"}
    assert data["rows"] == ["alpha", "beta", "gamma"]
    assert data["columns"] == ["Alliance/Goal", "Alliance/Task", "Alliance/Bond/Sub", "Guilt"]
    assert len(data["cells"]) == 12
    cell = next(c for c in data["cells"] if c["case"] == "alpha" and c["code"] == "Alliance/Task")
    assert cell == {"case": "alpha", "code": "Alliance/Task", "codings": 2, "characters": 30, "summary": "Useful."}
    with open_project(path) as p:
        assert p.summary(p.case("alpha").id, p.code("Alliance/Task").id) == "Useful."


def test_codes_name_columns_with_descendants_and_expand_gives_children(path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, str(path), "--codes", "Alliance", "Guilt")
    assert data["columns"] == ["Alliance", "Guilt"]
    assert [c["codings"] for c in data["cells"] if c["code"] == "Alliance"] == [6, 1, 0]
    data = run_json(capsys, str(path), "--expand", "Alliance")
    assert data["columns"] == ["Alliance/Goal", "Alliance/Task", "Alliance/Bond"]


def test_where_and_coders_filter(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, str(path), "--where", "weeks>4", "--where", "gender=female", "--coders", "ben",
                    "--codes", "Alliance")
    assert data["rows"] == ["alpha", "gamma"]
    assert [c["codings"] for c in data["cells"]] == [3, 0]
    assert run_json(capsys, str(path), "--where", "weeks<=3")["rows"] == ["beta"]
    assert run_json(capsys, str(path), "--where", "started>=2024-01-01")["rows"] == ["alpha", "beta"]


@pytest.mark.parametrize(("args", "message"), [
    (["--where", "colour=red"], "no case attribute named 'colour'"),
    (["--coders", "zoe"], "no coder named 'zoe'"),
    (["--codes", "Nope"], "no code 'Nope'"),
    (["--where", "gender>x"], "text attribute"),
])
def test_errors_are_one_line(path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    assert main(["matrix", str(path), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_exports_write_files(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert main(["matrix", str(path), "--xlsx", str(out / "m.xlsx"), "--docx", str(out / "m.docx"),
                 "--csv", str(out / "m.csv")]) == 0
    assert "wrote" in capsys.readouterr().out
    assert openpyxl.load_workbook(out / "m.xlsx")["Matrix"]["A4"].value == "alpha"  # title, band, header rows
    assert (out / "m.docx").stat().st_size > 0 and (out / "m.csv").read_text(encoding="utf-8-sig").startswith("case,")


def test_plain_output_is_a_table(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["matrix", str(path), "--group-by", "gender"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["case", "gender"] and lines[2].split()[:2] == ["alpha", "female"]

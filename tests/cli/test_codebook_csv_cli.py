"""`export-codebook PROJECT x.csv` writes Taguette's codebook CSV; `import-codebook x.csv PROJECT` reads it
(and Taguette's own) back, matching codes by path and reporting what was created, matched and changed."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from framework_qa import open_project
from tests.cli.cli_support import run
from tests.core.interop.refi.conftest import REFI_SHARED


def _tree(path: Path) -> list[tuple[str, str, str, str]]:
    with open_project(path) as project:
        return [(project.code_path(c), c.definition, c.inclusion, c.exclusion) for c in project.codes()]


def test_round_trip_into_a_fresh_project_gives_the_same_tree_names_and_definitions(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_project(demo) as project:  # names a spreadsheet would run, and spaces, must survive too
        project.add_code("=SUM(A1)", definition="-1 day", inclusion="@x")
        project.add_code("+child", parent="=SUM(A1)")
        project.update_code(project.code("Working alliance/Goal").id, definition="'+keep")
        codings = project.coding_counts()
        bond = project.code("Working alliance/Bond")
    code, out, err = run(capsys, "export-codebook", demo, tmp_path / "cb.csv")
    assert (code, err) == (0, "") and out == f"Wrote {tmp_path / 'cb.csv'}: 63 codes.\n"
    table = list(csv.reader((tmp_path / "cb.csv").read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    assert table[0] == ["tag", "description", "number of highlights", "number of documents"]
    rows = {r[0]: r for r in table[1:]}
    assert rows["'=SUM(A1)"][1] == "'-1 day\n\nInclusion: @x" and "'=SUM(A1)/+child" in rows
    assert int(rows["Working alliance/Bond"][2]) == codings.get(bond.id, 0) > 0

    code, out, _ = run(capsys, "import-codebook", tmp_path / "cb.csv", tmp_path / "fresh.fqa", "--json")
    report = json.loads(out)
    assert code == 0 and report["created"] and report["codes"] == 63 and report["dropped"] == []
    assert _tree(tmp_path / "fresh.fqa") == _tree(demo)


def test_importing_the_export_into_its_own_project_matches_every_code_by_path(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _tree(demo)
    run(capsys, "export-codebook", demo, tmp_path / "cb.csv")
    code, out, _ = run(capsys, "import-codebook", tmp_path / "cb.csv", demo)
    assert code == 0 and ": 0 documents, 0 new codes," in out.splitlines()[0]
    assert "61 code(s) matched a code already in the project by path" in out
    assert _tree(demo) == before


def test_a_taguette_csv_is_imported_with_names_as_written_and_the_report_says_what_changed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = REFI_SHARED / "samples" / "produced" / "taguette-1.5.2-codebook.csv"
    if not source.is_file():
        pytest.skip("REFI-QDA sample material is not present")
    code, out, _ = run(capsys, "import-codebook", source, tmp_path / "p.fqa")
    assert code == 0 and ": 0 documents, 10 new codes," in out.splitlines()[0]
    assert "'Barriers/time'" in out and "Dropped: none" in out
    paths = [p for p, *_ in _tree(tmp_path / "p.fqa")]
    assert "Parent::Child" in paths and "  spaced  " in paths and "Barriers/time" in paths
    with open_project(tmp_path / "p.fqa") as project:
        barriers = project.code("Barriers")
        assert (barriers.definition, barriers.inclusion) == ("Obstacles to use.\nSecond line.", "anything blocking")

    code, out, _ = run(capsys, "import-codebook", source, tmp_path / "p.fqa", "--json")  # again: all matched
    report = json.loads(out)
    assert code == 0 and report["codes"] == 0 and report["codes_matched_by_guid"] == 10


def test_a_csv_that_is_not_a_codebook_is_one_error_line_and_no_project(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("document,start,end\nx,1,2\n", encoding="utf-8")
    code, out, err = run(capsys, "import-codebook", bad, tmp_path / "p.fqa")
    assert code != 0 and out == "" and len(err.splitlines()) == 1
    assert err.startswith("framework-qa: error: bad.csv: not a codebook CSV")
    assert not (tmp_path / "p.fqa").exists()

"""Codebook CSV in Taguette's shape: reading Taguette's files and our own, and writing cells safely."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from framework_qa.core.interop.codebook_csv import (
    CodebookRow,
    protect,
    read_codebook_csv,
    tag_guid,
    unprotect,
    write_codebook_csv,
)
from framework_qa.core.interop.refi import RefiError, read_qdc
from framework_qa.core.interop.refi.model import iter_codes
from tests.core.interop.refi.conftest import REFI_SHARED

TAGUETTE_CSV = REFI_SHARED / "samples" / "produced" / "taguette-1.5.2-codebook.csv"
TAGUETTE_QDC = REFI_SHARED / "samples" / "produced" / "taguette-1.5.2-codebook.qdc"


def _write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize("text", ["=1+1", "+1", "-x", "@sum", "\tx", "'=x", "''+1", "'plain", "plain", "-3", "",
                                  "＝ full width"])
def test_protect_is_undone_exactly_by_unprotect(text: str) -> None:
    cell = protect(text)
    assert unprotect(cell) == text
    assert not cell.startswith(("=", "+", "@", "\t", "＝")) or cell == text == "-3"


def test_the_real_taguette_csv_keeps_names_as_written_and_reads_slash_as_a_level() -> None:
    if not TAGUETTE_CSV.is_file():
        pytest.skip("REFI-QDA sample material is not present")
    codebook, report = read_codebook_csv(TAGUETTE_CSV)
    top = [c.name for c in codebook.codes]
    assert top == ["interesting", "Barriers", "Barriers.cost", "Parent::Child", "Café – naïve ☕ 😀",
                   'A & B <c> "q"', "  spaced  ", "Interesting", "empty-desc"]
    barriers = codebook.codes[1]
    assert [c.name for c in barriers.children] == ["time"]
    assert barriers.description == "Obstacles to use.\nSecond line.\n\nInclusion: anything blocking"
    assert "'Barriers/time'" in " ".join(report.adjusted) and report.dropped == []
    assert report.brought_in == ["10 codes."]


def test_guids_are_the_ones_taguette_writes_for_the_same_tags() -> None:
    if not TAGUETTE_QDC.is_file():
        pytest.skip("REFI-QDA sample material is not present")
    qdc, _ = read_qdc(TAGUETTE_QDC)
    assert {c.name: c.guid for c in qdc.codes}["Parent::Child"] == tag_guid("Parent::Child")
    assert {c.name: c.guid for c in qdc.codes}["  spaced  "] == tag_guid("  spaced  ")


@pytest.mark.parametrize("column", ["tag", "Name", "PATH"])
def test_any_one_of_taguettes_path_columns_is_read(tmp_path: Path, column: str) -> None:
    path = _write(tmp_path / "c.csv", f"extra,{column}\nx,Work\n")
    codebook, _ = read_codebook_csv(path)
    assert [c.name for c in codebook.codes] == ["Work"] and codebook.codes[0].description == ""


@pytest.mark.parametrize("header", ["tag,name,description", "code,description", ""])
def test_a_file_without_exactly_one_path_column_is_refused_in_one_line(tmp_path: Path, header: str) -> None:
    path = _write(tmp_path / "c.csv", f"{header}\nWork,x\n" if header else "")
    with pytest.raises(RefiError) as exc:
        read_codebook_csv(path)
    assert str(exc.value).startswith("c.csv: not a codebook CSV") and "\n" not in str(exc.value)


def test_parents_without_rows_repeats_empty_levels_and_blank_rows_are_reported(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.csv", "tag,description\nA/B,child\n,\nA/B,again\n/C//D/,x\n   ,y\nA,the parent\n")
    codebook, report = read_codebook_csv(path)
    (a, c) = codebook.codes
    assert (a.name, a.description, [k.name for k in a.children]) == ("A", "the parent", ["B"])
    assert a.children[0].description == "child"
    assert (c.name, [k.name for k in c.children]) == ("C", ["D"])
    adjusted, dropped = " ".join(report.adjusted), " ".join(report.dropped)
    assert "Row 5: tag '/C//D/' has empty levels" in adjusted and "Code 'C' has no row of its own" in adjusted
    assert "Code 'A' has no row" not in adjusted  # its row came later
    assert "Row 4: tag 'A/B' repeats row 2" in dropped and "Row 6: no code name" in dropped


def test_a_windows_1252_file_is_read_and_said_so(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes("tag,description\nCafé,naïve\n".encode("cp1252"))
    codebook, report = read_codebook_csv(path)
    assert codebook.codes[0].name == "Café" and "Windows-1252" in report.adjusted[0]


def test_written_file_has_taguettes_header_protected_cells_and_reads_back(tmp_path: Path) -> None:
    rows = [CodebookRow("=cmd", "@risky\ndescription", 3, 2), CodebookRow("=cmd/-child", "", 0, 0),
            CodebookRow("  spaced  ", "'+quoted", 1, 1)]
    out = tmp_path / "cb.csv"
    write_codebook_csv(rows, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbftag,description,number of highlights,number of documents\r\n")
    table = list(csv.reader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert table[1] == ["'=cmd", "'@risky\ndescription", "3", "2"]
    assert table[2][0] == "'=cmd/-child" and table[3][1] == "''+quoted"
    codebook, report = read_codebook_csv(out)
    (cmd, spaced) = codebook.codes
    assert (cmd.name, cmd.description, cmd.children[0].name) == ("=cmd", "@risky\ndescription", "-child")
    assert (spaced.name, spaced.description) == ("  spaced  ", "'+quoted")
    assert len(iter_codes(codebook.codes)) == 3 and report.dropped == []

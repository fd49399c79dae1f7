"""Case attribute tables within the input policy: hostile or odd files get one line, quickly."""

from __future__ import annotations

import io
import os
import resource
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from framework_qa.core.errors import ImportFailure
from framework_qa.core.importers import limits
from framework_qa.core.importers.attributes import read_attribute_table


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)  # type: ignore[union-attr]
    book.save(path)
    return path


def test_an_xlsx_bomb_is_refused_from_its_directory_fast(tmp_path: Path) -> None:
    source = _workbook(tmp_path / "ok.xlsx", [["case", "age"], ["P01", 3]])
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, old.read(info))
        with new.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            chunk = b"<si><t>x</t></si>" * 65536
            for _ in range(600 * limits.MB // len(chunk)):
                member.write(chunk)
    assert path.stat().st_size < 2 * limits.MB
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with pytest.raises(ImportFailure, match=r"bomb\.xlsx: the \.xlsx would unpack to 599 MB .over 64 MB is refused."):
        read_attribute_table(path)
    assert time.perf_counter() - start < 2
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50 * 1024  # KB: nothing inflated


def test_a_sheet_with_too_many_cells_is_refused_before_openpyxl_parses_it(tmp_path: Path) -> None:
    source = _workbook(tmp_path / "ok.xlsx", [["case", "age"], ["P01", 3]])
    path = tmp_path / "wide.xlsx"
    row = b'<row r="2">' + b'<c r="B2"><v>1</v></c>' * (limits.MAX_TABLE_CELLS + 1) + b"</row>"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":  # stored: no 'zip bomb' ratio to refuse it by
                new.writestr(info, data.replace(b"</sheetData>", row + b"</sheetData>"), zipfile.ZIP_STORED)
            else:
                new.writestr(info, data)
    start = time.perf_counter()
    with pytest.raises(ImportFailure, match="a worksheet has over 250,000 cells"):
        read_attribute_table(path)
    assert time.perf_counter() - start < 2


def test_a_huge_csv_line_is_refused_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("case,notes\nP01," + "x" * (limits.MAX_CELL_CHARS + 10) + "\n")
    with pytest.raises(ImportFailure, match="long.csv: not a readable CSV table .a cell is longer than 131,072"):
        read_attribute_table(path)


def test_too_many_cells_are_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("case," + "," * limits.MAX_TABLE_CELLS + "\nP01,3\n")
    with pytest.raises(ImportFailure, match="over 250,000 cells are refused"):
        read_attribute_table(path)


def test_files_over_the_table_size_limit_are_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as fh:
        fh.truncate(limits.MAX_TABLE_FILE_BYTES + 1)
    with pytest.raises(ImportFailure, match="too large .17 MB; attribute tables over 16 MB are refused"):
        read_attribute_table(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"pipe{suffix}"
    os.mkfifo(path)
    with pytest.raises(ImportFailure, match="is a named pipe"):
        read_attribute_table(path)


def test_an_encrypted_or_old_workbook_says_so(tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ImportFailure, match="encrypted .password-protected. or an old-style .xls"):
        read_attribute_table(path)


def test_a_formula_cell_gives_its_saved_value_and_csv_formulas_stay_text(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    _workbook(tmp_path / "f.xlsx", [["case", "score", "label"], ["P01", "=1+1", "=A2"]])
    with zipfile.ZipFile(tmp_path / "f.xlsx") as old, zipfile.ZipFile(buffer, "w") as new:
        for info in old.infolist():  # as Excel saves it: the formula with its last computed value
            data = old.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>")
            new.writestr(info, data)
    (tmp_path / "saved.xlsx").write_bytes(buffer.getvalue())
    table = read_attribute_table(tmp_path / "saved.xlsx")
    assert table.types["score"] == "number" and table.rows["P01"] == {"score": "2"}  # =A2 never computed
    csv_path = tmp_path / "f.csv"
    csv_path.write_text('case,link\nP01,"=HYPERLINK(""http://x"")"\n')
    assert read_attribute_table(csv_path).rows["P01"] == {"link": '=HYPERLINK("http://x")'}


def test_nan_and_infinity_are_text_not_numbers(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("case,nickname,weeks\nP01,Nan,1e999\nP02,Inf,3\n")
    table = read_attribute_table(path)
    assert table.types == {"nickname": "text", "weeks": "text"}
    assert table.rows["P01"] == {"nickname": "Nan", "weeks": "1e999"}


def test_odd_file_names_are_escaped_in_the_message(tmp_path: Path) -> None:
    path = tmp_path / "a\nb.csv"
    path.write_text("case\nP01\n")
    with pytest.raises(ImportFailure) as caught:
        read_attribute_table(path)
    assert str(caught.value).startswith("a\\nb.csv: ") and "\n" not in str(caught.value)

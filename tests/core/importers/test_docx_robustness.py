"""Hostile and malformed .docx files: refused within bounded time and memory, or read despite the damage."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from framework_qa.core.errors import ImportFailure
from framework_qa.core.importers import read_transcript
from tests.core.importers.docx_fixtures import (
    DOCUMENT,
    edit_first_cell_properties,
    rewrite_member,
    set_declared_size,
    write_bomb_docx,
    write_table_docx,
)

TABLE_TEXT = "Interviewer: Before the table.\ncell 1\ncell 2\ncell 3\ncell 4\nP01: After the table."


def _refusal(path: Path) -> tuple[str, float, int]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ImportFailure) as info:
            read_transcript(path)
        return str(info.value), time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_zip_bomb_is_refused_from_the_directory_before_inflating(tmp_path: Path) -> None:
    path = write_bomb_docx(tmp_path / "bomb.docx", inflated_mb=40)
    assert path.stat().st_size < 1024 * 1024
    message, seconds, peak = _refusal(path)
    assert message.startswith("bomb.docx: ") and "zip bomb" in message and "\n" not in message
    assert seconds < 2 and peak < 20 * 1024 * 1024


def test_a_lying_zip_header_is_caught_while_inflating(tmp_path: Path) -> None:
    path = write_bomb_docx(tmp_path / "liar.docx", inflated_mb=40)
    set_declared_size(path, DOCUMENT, 2000)  # the directory now claims a small, innocent part
    message, seconds, peak = _refusal(path)
    assert message.startswith("liar.docx: not a valid .docx (part word/document.xml")
    assert seconds < 2 and peak < 20 * 1024 * 1024


def test_an_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.docx"
    with path.open("wb") as fh:  # sparse: the size is on record, the disk stays empty
        fh.truncate(101 * 1024 * 1024)
    message, seconds, _ = _refusal(path)
    assert message.startswith("huge.docx: the file is too large") and seconds < 1


@pytest.mark.parametrize("edits", [
    [("<w:vMerge/>", 0)],  # python-docx: "no tr above topmost tr in w:tbl"
    [('<w:gridSpan w:val="x"/>', 0)],  # python-docx: "invalid literal for int()"
    [('<w:gridSpan w:val="2"/>', 0), ("<w:vMerge/>", 3)],  # python-docx: "no tc element at grid_offset"
    [('<w:gridSpan w:val="99"/>', 1)],
], ids=["merge-in-top-row", "span-not-a-number", "merge-below-nothing", "span-past-grid"])
def test_malformed_tables_still_import_every_cell_once_in_reading_order(
        tmp_path: Path, edits: list[tuple[str, int]]) -> None:
    path = write_table_docx(tmp_path / "table.docx")
    for properties, cell in edits:
        edit_first_cell_properties(path, properties, cell=cell)
    assert read_transcript(path).text == TABLE_TEXT


def test_an_empty_merged_continuation_cell_is_not_read_twice(tmp_path: Path) -> None:
    path = write_table_docx(tmp_path / "merged.docx")
    rewrite_member(path, DOCUMENT, lambda xml: xml.replace(b"<w:t>cell 3</w:t>", b""))
    edit_first_cell_properties(path, '<w:vMerge w:val="restart"/>', cell=0)
    edit_first_cell_properties(path, "<w:vMerge/>", cell=2)
    assert read_transcript(path).text == TABLE_TEXT.replace("cell 3\n", "")


@pytest.mark.parametrize("xml, reason", [
    (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>', "declares a DTD"),
    (b"<w:document", "not well-formed XML"),
    (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>', "no document body"),
])
def test_broken_document_xml_gets_one_line(tmp_path: Path, xml: bytes, reason: str) -> None:
    path = rewrite_member(write_table_docx(tmp_path / "broken.docx"), DOCUMENT, xml)
    message, _, _ = _refusal(path)
    assert message.startswith("broken.docx: not a valid .docx") and reason in message and "\n" not in message

"""Real .docx files written by python-docx, and ways to damage their XML the way broken tools do."""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path

import docx

DOCUMENT = "word/document.xml"


def write_table_docx(path: Path) -> Path:
    """A document with a paragraph, a 2x2 table ('A1'..'B2') and a closing paragraph."""
    document = docx.Document()
    document.add_paragraph("Interviewer: Before the table.")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate(("12", "34")):
        for c, label in enumerate(row):
            table.cell(r, c).text = f"cell {label}"
    document.add_paragraph("P01: After the table.")
    document.save(str(path))
    return path


def rewrite_member(path: Path, name: str, edit: object, *, level: int = 6) -> Path:
    """Replace member `name` of the zip at `path` by `edit(old_bytes)` (or by bytes `edit`)."""
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members[name] = edit(members[name]) if callable(edit) else edit  # type: ignore[assignment]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
        for member, data in members.items():
            target.writestr(member, data)
    return path


def edit_first_cell_properties(path: Path, properties: str, *, cell: int = 0) -> Path:
    """Insert `properties` (e.g. '<w:vMerge/>') into the tcPr of the `cell`-th table cell."""
    def edit(xml: bytes) -> bytes:
        text = xml.decode("utf-8")
        matches = list(re.finditer(r"<w:tcPr>", text))
        at = matches[cell].end()
        return (text[:at] + properties + text[at:]).encode("utf-8")
    return rewrite_member(path, DOCUMENT, edit)


def set_declared_size(path: Path, name: str, size: int) -> Path:
    """Make the zip's central directory claim that member `name` inflates to `size` bytes (a lying header)."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + name_len] == name.encode():
            struct.pack_into("<I", data, at + 24, size)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def write_bomb_docx(path: Path, inflated_mb: int) -> Path:
    """A valid-looking .docx whose document.xml inflates to about `inflated_mb` MB of repeated paragraphs."""
    write_table_docx(path)
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist() if info.filename != DOCUMENT}
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w='
            b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    paragraph = b"<w:p><w:r><w:t>All work and no play.</w:t></w:r></w:p>" * 1000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for member, data in members.items():
            target.writestr(member, data)
        with target.open(DOCUMENT, "w", force_zip64=True) as out:
            out.write(head)
            for _ in range(inflated_mb * 1024 * 1024 // len(paragraph)):
                out.write(paragraph)
            out.write(b"</w:body></w:document>")
    return path

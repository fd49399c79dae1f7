"""Variants real tools write are read: names, folders, namespaces, BOMs, colours, GUID spellings."""

from __future__ import annotations

import zipfile
from pathlib import Path

from framework_qa.core.interop.refi import read_qdc, read_qdpx

GUID = "{AAAAAAAA-1111-4222-8333-44444444444%s}"


def _qde(namespace: str, path: str, selections: str) -> bytes:
    return (
        '\ufeff<?xml version="1.0" encoding="utf-8"?>\r\n'
        f'<Project xmlns="{namespace}" name="t" origin="ATLAS.ti 9">\r\n'
        f'<CodeBook><Codes><Code guid="{GUID % 1}" name="A::B" isCodable="true" color="rgb(255, 0, 16)"/>'
        f'<Code guid="{GUID % 2}" name="C" isCodable="true" color="#11223344"/></Codes></CodeBook>\r\n'
        f'<Sources><TextSource guid="{GUID % 3}" name="doc" plainTextPath="{path}">{selections}</TextSource></Sources>'
        "</Project>"
    ).encode()


def _selection(n: int, start: int, end: int, body: str) -> str:
    return f'<PlainTextSelection guid="{GUID % (4 + n)}" startPosition="{start}" endPosition="{end}">{body}</PlainTextSelection>'


def _archive(tmp_path: Path, qde_name: str, folder: str, qde: bytes, text: bytes) -> Path:
    path = tmp_path / "t.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(qde_name, qde)
        archive.writestr(f"{folder}/{GUID[1:-1] % 3}.txt", text)
    return path


def test_variant_archive_is_read_with_positions_guids_colours_hierarchy_and_memos(tmp_path: Path) -> None:
    text = "\ufeffFirst line\r\nSecond line here\r\n".encode()
    coded = f'<Coding guid="{GUID % 9}"><CodeRef targetGUID="{GUID % 1}"/></Coding>'
    sels = (
        _selection(0, 11, 17, coded)  # "Second" with CRLF counted as 1 (ATLAS.ti)
        + _selection(1, 0, 5, "<Description>a comment</Description>")
        + _selection(2, 5, 5, coded)
        + _selection(3, 100, 120, coded)
    )
    qde = _qde("urn:QDA-XML:project:0:10", f"{GUID[1:-1] % 3}.txt", sels)
    project, report = read_qdpx(_archive(tmp_path, "My Study.qde", "Sources", qde, text))
    (source,) = project.sources
    assert source.guid == "aaaaaaaa-1111-4222-8333-444444444443"
    assert source.text == "First line\nSecond line here\n"
    coded_sel, commented = source.selections
    assert source.text[coded_sel.start : coded_sel.end] == "Second"
    assert report.counting == "code points, CRLF as 1"
    assert coded_sel.code_guids == ("aaaaaaaa-1111-4222-8333-444444444441",)
    assert commented.note == "a comment" and commented.code_guids == ()
    assert len([line for line in report.dropped if "empty" in line or "outside" in line]) == 2
    (a, c) = project.codes
    assert (a.name, a.is_codable, [b.name for b in a.children]) == ("A", False, ["B"])
    assert a.children[0].colour == "#ff0010" and c.colour == "#112233"
    assert any("project:0:10" in line for line in report.adjusted)


def test_codebook_with_old_namespace_and_empty_sets_is_read(tmp_path: Path) -> None:
    path = tmp_path / "c.qdc"
    path.write_bytes(
        b'\xef\xbb\xbf<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:0:4" origin="ATLAS.ti">'
        b'<Codes><Code guid="{BBBBBBBB-1111-4222-8333-444444444444}" name="x" isCodable="false">'
        b"<Description>line\r\nbreak</Description></Code></Codes><Sets/></CodeBook>"
    )
    codebook, report = read_qdc(path)
    (code,) = codebook.codes
    assert code.guid == "bbbbbbbb-1111-4222-8333-444444444444"
    assert code.description == "line\nbreak" and not code.is_codable
    assert any("codebook:0:4" in line for line in report.adjusted)

"""Hostile files are refused with a clear message before anything is returned."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from framework_qa.core.interop.refi import RefiError, ZipLimits, read_qdc, read_qdpx

QDE = b'<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"/>'


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize("entry", ["../evil.txt", "sources/../../evil.txt", "/etc/evil", "C:/evil.txt", "..\\evil.txt"])
def test_entry_leaving_the_archive_folder_is_refused(tmp_path: Path, entry: str) -> None:
    path = _zip(tmp_path / "bad.qdpx", {"project.qde": QDE, entry: b"x"})
    with pytest.raises(RefiError, match="points outside the archive"):
        read_qdpx(path)


def test_billion_laughs_doctype_is_refused(tmp_path: Path) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<Project xmlns="urn:QDA-XML:project:1.0" name="&lol3;"/>'
    )
    path = _zip(tmp_path / "laughs.qdpx", {"project.qde": laughs})
    with pytest.raises(RefiError, match="DTD or entities"):
        read_qdpx(path)


def test_external_entity_in_a_codebook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.qdc"
    path.write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="00000000-0000-0000-0000-000000000001"'
        b' name="&x;" isCodable="true"/></Codes></CodeBook>'
    )
    with pytest.raises(RefiError, match="DTD or entities"):
        read_qdc(path)


def test_archive_with_too_many_entries_is_refused(tmp_path: Path) -> None:
    entries = {f"sources/{i}.txt": b"" for i in range(60)} | {"project.qde": QDE}
    path = _zip(tmp_path / "many.qdpx", entries)
    with pytest.raises(RefiError, match="61 entries"):
        read_qdpx(path, ZipLimits(max_entries=50))


def test_highly_compressed_entry_is_refused_as_a_possible_bomb(tmp_path: Path) -> None:
    path = _zip(tmp_path / "bomb.qdpx", {"project.qde": QDE, "sources/a.txt": b"\0" * (20 * 1024**2)})
    with pytest.raises(RefiError, match="archive bomb"):
        read_qdpx(path)


def test_archive_unpacking_beyond_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path / "big.qdpx", {"project.qde": QDE, "sources/a.txt": b"abc" * 10_000})
    with pytest.raises(RefiError, match="unpacks to more than"):
        read_qdpx(path, ZipLimits(max_total_bytes=20_000))


def test_file_that_is_no_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plain.qdpx"
    path.write_text("hello")
    with pytest.raises(RefiError, match="plain.qdpx: not a readable"):
        read_qdpx(path)

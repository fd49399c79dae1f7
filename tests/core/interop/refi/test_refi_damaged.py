"""Damaged archives, symbolic links and absurdly deep code trees: one clear line each, never a traceback."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from framework_qa.core.interop.refi import RefiError, read_qdc, read_qde, read_qdpx
from framework_qa.core.interop.refi.read_codes import MAX_CODE_DEPTH

QDE = b'<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"/>'
TEXT = " ".join(f"word{i} {i * 7919 % 1000}" for i in range(4000)).encode()


def _zip(path: Path, entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def _damage(path: Path, member: str, at: int, data: bytes) -> None:
    """Overwrite bytes of `member`'s stored (compressed) data, `at` bytes into it."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    raw = bytearray(path.read_bytes())
    name_len = int.from_bytes(raw[info.header_offset + 26 : info.header_offset + 28], "little")
    extra_len = int.from_bytes(raw[info.header_offset + 28 : info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len + at
    raw[start : start + len(data)] = data
    path.write_bytes(bytes(raw))


def _one_line(exc: pytest.ExceptionInfo[RefiError], *parts: str) -> None:
    message = str(exc.value)
    assert "\n" not in message
    for part in parts:
        assert part in message


def test_corrupt_deflate_data_names_the_file_and_the_entry(tmp_path: Path) -> None:
    path = _zip(tmp_path / "broken.qdpx", {"project.qde": QDE, "sources/a.txt": TEXT})
    _damage(path, "sources/a.txt", 0, b"\xff" * 8)  # block type 3 does not exist: zlib.error
    with pytest.raises(RefiError) as exc:
        read_qdpx(path)
    _one_line(exc, "broken.qdpx", "sources/a.txt", "damaged")


def test_crc_mismatch_names_the_file_and_the_entry(tmp_path: Path) -> None:
    path = _zip(tmp_path / "crc.qdpx", {"project.qde": QDE, "sources/a.txt": TEXT}, zipfile.ZIP_STORED)
    _damage(path, "sources/a.txt", 100, b"#")
    with pytest.raises(RefiError) as exc:
        read_qdpx(path)
    _one_line(exc, "crc.qdpx", "sources/a.txt", "CRC")


def test_truncated_archive_is_refused_in_one_line(tmp_path: Path) -> None:
    path = _zip(tmp_path / "cut.qdpx", {"project.qde": QDE, "sources/a.txt": TEXT})
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(RefiError) as exc:
        read_qdpx(path)
    _one_line(exc, "cut.qdpx")


def test_symbolic_link_entry_refuses_the_archive(tmp_path: Path) -> None:
    path = tmp_path / "link.qdpx"
    link = zipfile.ZipInfo("sources/a.txt")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", QDE.replace(b"/>", b"><Sources><TextSource guid="
                         b'"00000000-0000-0000-0000-000000000001" name="a" plainTextPath="internal://a.txt"/>'
                         b"</Sources></Project>"))
        archive.writestr(link, "/etc/passwd")
    with pytest.raises(RefiError) as exc:
        read_qdpx(path)
    _one_line(exc, "link.qdpx", "sources/a.txt", "symbolic link")


def _nested_codes(depth: int) -> str:
    opening = "".join(f'<Code guid="00000000-0000-0000-0000-{i:012d}" name="c{i}" isCodable="true">' for i in range(depth))
    return f"<Codes>{opening}{'</Code>' * depth}</Codes>"


@pytest.mark.parametrize("depth", [MAX_CODE_DEPTH + 1, 500, 5000])
def test_codes_nested_beyond_the_limit_are_refused(tmp_path: Path, depth: int) -> None:
    qdc = tmp_path / "deep.qdc"
    qdc.write_text(f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0">{_nested_codes(depth)}</CodeBook>')
    with pytest.raises(RefiError) as exc:
        read_qdc(qdc)
    _one_line(exc, "deep.qdc", f"{MAX_CODE_DEPTH} levels")
    qde = tmp_path / "deep.qde"
    qde.write_text(f'<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook>{_nested_codes(depth)}'
                   "</CodeBook></Project>")
    with pytest.raises(RefiError) as exc:
        read_qde(qde)
    _one_line(exc, "deep.qde", f"{MAX_CODE_DEPTH} levels")


def test_codes_nested_up_to_the_limit_are_read(tmp_path: Path) -> None:
    qdc = tmp_path / "deep.qdc"
    qdc.write_text(f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0">{_nested_codes(MAX_CODE_DEPTH)}</CodeBook>')
    codebook, _ = read_qdc(qdc)
    code, depth = codebook.codes[0], 1
    while code.children:
        code, depth = code.children[0], depth + 1
    assert depth == MAX_CODE_DEPTH


def test_flattened_names_nested_beyond_the_limit_are_refused(tmp_path: Path) -> None:
    qdc = tmp_path / "flat.qdc"
    name = "::".join(f"c{i}" for i in range(500))
    qdc.write_text(f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti 9"><Codes><Code guid="00000000-'
                   f'0000-0000-0000-000000000001" name="{name}" isCodable="true"/></Codes></CodeBook>')
    with pytest.raises(RefiError) as exc:
        read_qdc(qdc)
    _one_line(exc, "flat.qdc", f"{MAX_CODE_DEPTH} levels")


def test_a_named_pipe_or_a_folder_is_refused_without_blocking(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    os.mkfifo(tmp_path / "pipe.qdpx")
    (tmp_path / "folder.qde").mkdir()
    for name in ("pipe.qdpx", "folder.qde"):
        result = subprocess.run([sys.executable, "-m", "framework_qa.cli.main", "import-qdpx",
                                 str(tmp_path / name), str(tmp_path / f"{name}.fqa")],
                                capture_output=True, text=True, timeout=30)
        assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "not a regular file" in result.stderr or "is a folder" in result.stderr

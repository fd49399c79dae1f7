"""Folders, named pipes, devices, links and file names that are not UTF-8: one clear line, never a hang."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from framework_qa import open_project
from framework_qa.core.errors import ImportFailure
from framework_qa.core.importers import read_transcript
from framework_qa.core.importers.files import display_name

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX special files")


def _message(path: Path) -> str:
    with pytest.raises(ImportFailure) as info:
        read_transcript(path)
    message = str(info.value)
    message.encode("utf-8")  # printable on any UTF-8 stream: no lone surrogates
    assert "\n" not in message
    return message


@posix_only
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "live.txt"
    os.mkfifo(fifo)
    started = time.perf_counter()
    assert _message(fifo) == "live.txt: is a named pipe (FIFO), not a regular file"
    assert time.perf_counter() - started < 1


@posix_only
def test_a_device_behind_a_transcript_name_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zeros.txt"
    link.symlink_to("/dev/zero")
    assert _message(link) == "zeros.txt: is a device, not a regular file"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").mkdir()
    assert _message(tmp_path / "notes.txt") == "notes.txt: is a folder, not a file"


@posix_only
def test_a_link_to_a_regular_file_is_followed_and_a_dangling_one_reported(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("P01: hello\n", encoding="utf-8")
    (tmp_path / "chosen.txt").symlink_to(target)
    imported = read_transcript(tmp_path / "chosen.txt")
    assert imported.text == "P01: hello\n" and imported.name == "chosen"
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    assert _message(tmp_path / "gone.txt") == "gone.txt: is a link to a file that does not exist"


@posix_only
@pytest.mark.skipif(sys.getfilesystemencoding() != "utf-8", reason="needs a UTF-8 file system encoding")
def test_a_name_that_is_not_utf8_is_escaped_in_every_message(tmp_path: Path) -> None:
    latin1 = tmp_path / os.fsdecode(b"caf\xe9 interview.txt")
    latin1.write_bytes(b"P01: ok\n")
    imported = read_transcript(latin1)
    assert imported.name == "caf\\xe9 interview"
    latin1.write_bytes(b"")
    assert _message(latin1) == "caf\\xe9 interview.txt: the file is empty"
    docx = tmp_path / os.fsdecode(b"caf\xe9.docx")
    docx.write_bytes(b"not a zip at all")
    assert _message(docx).startswith("caf\\xe9.docx: not a valid .docx")


def test_control_characters_in_a_name_cannot_split_the_line(tmp_path: Path) -> None:
    assert display_name(Path("a\nb\t\x1b.txt")) == "a\\nb\\t\\x1b.txt"
    path = tmp_path / "two\nlines.txt"
    path.write_bytes(b"")
    assert _message(path) == "two\\nlines.txt: the file is empty"


def test_a_transcript_whose_name_is_not_utf8_imports_under_its_escaped_name(tmp_path: Path) -> None:
    """The success path too: the document is stored and listed under the escaped name, no traceback."""
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9 P01.txt")
    with open(raw, "wb") as fh:
        fh.write(b"Interviewer: Hello?\nP01: Hi.\n")
    result = subprocess.run([sys.executable, "-m", "framework_qa.cli.main", "new", str(tmp_path / "s.fqa")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    result = subprocess.run([sys.executable, "-m", "framework_qa.cli.main", "import", str(tmp_path / "s.fqa"),
                             os.fsdecode(raw)], capture_output=True, text=True)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    with open_project(tmp_path / "s.fqa") as project:
        assert [d.name for d in project.documents()] == ["caf\\xe9 P01"]
        assert project.documents()[0].original_name == "caf\\xe9 P01.txt"


def test_a_plain_text_transcript_larger_than_the_docx_limit_still_imports(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    line = "P01: " + "word " * 40 + "\n"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(line * (110 * 1024 * 1024 // len(line) + 1))
    assert path.stat().st_size > 110 * 1024 * 1024
    item = read_transcript(path)
    assert len(item.text) > 110 * 1024 * 1024 - 10 and item.spans[-1].end <= len(item.text)

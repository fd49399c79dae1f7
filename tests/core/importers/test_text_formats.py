"""Plain-text transcripts: encodings detected correctly, line endings normalised, nothing else changed."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from framework_qa.core.errors import ImportFailure
from framework_qa.core.importers import read_transcript

TEXT = "Interviewer: Was it “helpful”?\nP03: Yes – mostly. Café at 3am 😀 with Zoë.\n"


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
])
def test_unicode_encodings_with_and_without_bom_give_the_same_text(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "P03.txt"
    path.write_bytes(bom + TEXT.replace("\n", "\r\n").encode(encoding))
    imported = read_transcript(path)
    assert imported.text == TEXT
    assert imported.speakers == ["Interviewer", "P03"]


def test_legacy_windows_1252_is_decoded_not_mangled(tmp_path: Path) -> None:
    text = TEXT.replace(" 😀", "")
    path = tmp_path / "P04.txt"
    path.write_bytes(text.encode("cp1252"))
    imported = read_transcript(path)
    assert imported.text == text and imported.encoding == "windows-1252"


def test_only_line_endings_change(tmp_path: Path) -> None:
    raw = "P01: a\r\nb\rc\n\n  indented\ttab  \n"
    path = tmp_path / "x.md"
    path.write_bytes(raw.encode("utf-8"))
    assert read_transcript(path).text == "P01: a\nb\nc\n\n  indented\ttab  \n"


def test_spans_are_paragraphs_with_speakers_and_continuations(tmp_path: Path, interview_file: Path) -> None:
    imported = read_transcript(interview_file)
    spans = imported.spans
    assert [s.speaker for s in spans] == ["Interviewer", "P01", "P01", "Interviewer", "P01"]
    assert imported.text[spans[2].start:spans[2].end] == "It sort of did, after a few weeks."
    assert all(imported.text[s.start:s.end].strip() for s in spans)


def test_a_one_off_label_is_not_taken_for_a_speaker(tmp_path: Path) -> None:
    path = tmp_path / "n.txt"
    path.write_text("Note: recorded online.\nInterviewer: Hi.\nP1: Hi.\nInterviewer: So?\nP1: So.\n", encoding="utf-8")
    assert read_transcript(path).spans[0].speaker is None


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n ", "no text"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("controls.txt", bytes(range(1, 9)) * 20, "binary"),
    ("bad16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "not valid utf-16"),
    ("undecodable.txt", b"caf\x81\x8d\x8f\x90\x9d", "cannot decode"),
    ("notes.pdf", b"%PDF-1.4", "unknown file type"),
])
def test_bad_text_input_gets_one_clear_reason_naming_the_file(tmp_path: Path, name: str, content: bytes,
                                                               reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFailure) as info:
        read_transcript(path)
    assert str(info.value).startswith(f"{name}: ")
    assert reason in str(info.value).lower()


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match="gone.txt: no such file"):
        read_transcript(tmp_path / "gone.txt")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_zero_bytes(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "P08.txt"
    path.write_bytes(TEXT.encode(encoding))
    imported = read_transcript(path)
    assert imported.text == TEXT
    assert (imported.encoding, imported.encoding_guessed) == (encoding, True)


def test_utf8_with_stray_windows_1252_bytes_decodes_each_part(tmp_path: Path) -> None:
    path = tmp_path / "P09.txt"
    path.write_bytes("P09: café naïve, Zoë – fine.\n".encode() + b"Interviewer: \x93Quoted\x94 caf\xe9.\n")
    imported = read_transcript(path)
    assert imported.text == "P09: café naïve, Zoë – fine.\nInterviewer: “Quoted” café.\n"
    assert (imported.encoding, imported.encoding_guessed) == ("utf-8+windows-1252", True)


def test_encoding_guess_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "P10.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    assert (read_transcript(path).encoding, read_transcript(path).encoding_guessed) == ("utf-8", False)
    path.write_bytes(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))
    assert read_transcript(path).encoding_guessed is False
    path.write_bytes("Zoë: café".encode("cp1252"))
    assert (read_transcript(path).encoding, read_transcript(path).encoding_guessed) == ("windows-1252", True)


def test_a_text_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(1025 * 1024 * 1024)  # sparse: no disk used
    with pytest.raises(ImportFailure, match=r"huge.txt: the file is too large \(1025 MB; transcripts over 1024 MB"):
        read_transcript(path)

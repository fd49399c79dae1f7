"""Word and subtitle transcripts: reading order, tables, merged cues, broken files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from framework_qa.core.errors import ImportFailure
from framework_qa.core.importers import read_transcript


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Interview P05")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Participant", "P05"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "Merged note"
    document.add_paragraph("Interviewer: How did it go?")
    run_par = document.add_paragraph()
    run_par.add_run("P05: ").bold = True
    run_par.add_run("Well 😀, the chart helped.")
    document.add_paragraph("Interviewer: Thanks.")
    document.save(str(path))
    return path


def test_docx_reads_paragraphs_and_table_cells_in_reading_order(tmp_path: Path) -> None:
    imported = read_transcript(make_docx(tmp_path / "P05.docx"))
    assert imported.text == ("Interview P05\nParticipant\nP05\nMerged note\nInterviewer: How did it go?\n"
                             "P05: Well 😀, the chart helped.\nInterviewer: Thanks.")
    assert imported.format == "docx"
    assert imported.speakers == ["Interviewer", "P05"]


def test_corrupt_docx_is_refused(tmp_path: Path) -> None:
    good = make_docx(tmp_path / "good.docx").read_bytes()
    path = tmp_path / "torn.docx"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(ImportFailure, match="torn.docx: not a valid .docx"):
        read_transcript(path)


def test_zip_without_word_parts_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ImportFailure, match="fake.docx: not a valid .docx"):
        read_transcript(path)


def test_encrypted_docx_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "secret.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ImportFailure, match="secret.docx: the document is encrypted"):
        read_transcript(path)


def test_vtt_cues_merge_into_speaker_turns(tmp_path: Path) -> None:
    path = tmp_path / "P03.vtt"
    path.write_text(
        "WEBVTT\n\nNOTE recorded remotely\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Interviewer>How was it?</v>\n\n"
        "00:00:04.500 --> 00:00:07.000\n<v P03>Good, <i>really</i>.\n\n"
        "00:00:07.000 --> 00:00:09.000\n<v P03>Robin &amp; me got on.\n\n"
        "00:00:09.000 --> 00:00:10.000\nAnd the reminders.\n\n"
        "00:00:10.000 --> 00:00:12.000\n<v Interviewer>Thanks.\n", encoding="utf-8")
    imported = read_transcript(path)
    assert imported.text == ("Interviewer: How was it?\nP03: Good, really. Robin & me got on. And the reminders.\n"
                             "Interviewer: Thanks.")
    assert [s.speaker for s in imported.spans] == ["Interviewer", "P03", "Interviewer"]


def test_srt_speakers_from_name_prefixes(tmp_path: Path) -> None:
    path = tmp_path / "P07.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nInterviewer: Hello.\n\n2\n00:00:02,000 --> 00:00:03,000\n"
                    "P07: Hi there.\n\n3\n00:00:03,000 --> 00:00:04,000\nP07: Second cue.\n", encoding="utf-8")
    assert read_transcript(path).text == "Interviewer: Hello.\nP07: Hi there. Second cue."


@pytest.mark.parametrize("content, reason", [
    ("not a subtitle file\n", "not a WebVTT file"),
    ("WEBVTT\n\nno cues here\n", "no subtitle cues"),
])
def test_broken_vtt_is_refused(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.vtt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFailure, match=f"bad.vtt: {reason}"):
        read_transcript(path)

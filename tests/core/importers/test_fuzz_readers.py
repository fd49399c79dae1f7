"""Fuzzing the transcript readers: any input gives a transcript whose spans lie inside its text, or one
FqaError line. Any other exception, or a span outside the text, fails. Inputs that once failed are kept
in regressions/ and replayed by test_regressions_stay_fixed (attribute tables: test_fuzz_attributes.py)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framework_qa.core.errors import FqaError
from framework_qa.core.importers import TRANSCRIPT_SUFFIXES, read_transcript

REGRESSIONS = Path(__file__).parent / "regressions"
FUZZ = settings(max_examples=350, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIECES = ["<v ", "<v.loud Ana>", "</v>", "<", ">", "<i>", "&amp;", "&lt;", ":", "P01: ", "Interviewer:",
          "**Ana**:", "\n", "\r\n", "\r", " ", "\t", "WEBVTT", "-->", "00:00:01.000 --> 00:00:02.000",
          "1", "00:00:01,000 --> 00:00:02,000", "\ufeff", "é", "😀", "\x00", "\x85", "\u2028"]
WORDS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40).map("".join)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"])


RUNS: dict[str, int] = {}


def check(path: Path) -> None:
    """The fuzz oracle: a consistent transcript, or an FqaError naming the file on one line."""
    RUNS[path.suffix] = RUNS.get(path.suffix, 0) + 1
    try:
        imported = read_transcript(path)
    except FqaError as exc:
        assert "\n" not in str(exc)
        return
    text = imported.text
    assert text.strip() and "\r" not in text
    previous_end = -1
    for span in imported.spans:
        assert previous_end < span.start <= span.end <= len(text)
        assert text[span.start:span.end].strip()
        previous_end = span.end


@st.composite
def encoded_text(draw: st.DrawFn) -> bytes:
    text = draw(WORDS)
    raw = text.encode(draw(ENCODINGS), "replace")
    if draw(st.booleans()):  # splice in stray bytes
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(max_size=6)) + raw[at:]
    return raw


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.mark.parametrize("suffix", [".txt", ".md", ".vtt", ".srt"])
def test_fuzz_text_and_subtitle_readers(workdir: Path, suffix: str) -> None:
    path = workdir / f"fuzz{suffix}"
    header = st.sampled_from([b"", b"WEBVTT\n\n", b"1\n00:00:01,000 --> 00:00:02,000\n"])

    @FUZZ
    @given(head=header, body=st.one_of(encoded_text(), st.binary(max_size=300)))
    def run(head: bytes, body: bytes) -> None:
        path.write_bytes(head + body)
        check(path)

    run()
    assert RUNS[suffix] >= 350, RUNS


CELL_DAMAGE = ["<w:vMerge/>", '<w:vMerge w:val="restart"/>', '<w:gridSpan w:val="x"/>',
               '<w:gridSpan w:val="99"/>', '<w:gridSpan w:val="-1"/>', '<w:gridSpan w:val="0"/>',
               '<w:gridSpan w:val="9999999999999"/>', '<w:tcW w:w="x" w:type="y"/>', '<w:hMerge/>']
XML_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=30)
# built once: hypothesis validates every new strategy object, which costs more than a small read
ZERO_TO_3, ONE_TO_3, ZERO_TO_4, ZERO_TO_5 = st.integers(0, 3), st.integers(1, 3), st.integers(0, 4), st.integers(0, 5)
DAMAGE = st.lists(st.sampled_from(CELL_DAMAGE), max_size=2)


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _base_members() -> dict[str, bytes]:
    """The parts of a real .docx written by python-docx; the fuzzer replaces word/document.xml."""
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_table(rows=1, cols=1)
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source:
        return {info.filename: source.read(info) for info in source.infolist()}


BASE = _base_members()


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r></w:p>"


@st.composite
def damaged_docx(draw: st.DrawFn) -> bytes:
    blocks = [_paragraph(draw(XML_TEXT)) for _ in range(draw(ZERO_TO_3))]
    rows = []
    for _ in range(draw(ONE_TO_3)):
        cells = []
        for _ in range(draw(ONE_TO_3)):
            damage = "".join(draw(DAMAGE))
            inner = _paragraph(draw(XML_TEXT)) if draw(ZERO_TO_5) else "<w:tbl><w:tr><w:tc>" + \
                _paragraph(draw(XML_TEXT)) + "</w:tc></w:tr></w:tbl><w:p/>"
            cells.append(f"<w:tc><w:tcPr>{damage}</w:tcPr>{inner}</w:tc>")
        rows.append("<w:tr>" + "".join(cells) + "</w:tr>")
    grid = "".join("<w:gridCol/>" for _ in range(draw(ZERO_TO_3)))
    blocks.insert(draw(st.integers(0, len(blocks))), f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")
    data = (f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>{"".join(blocks)}'
            "</w:body></w:document>").encode()
    if draw(ZERO_TO_4) == 0:  # byte-level damage to the XML
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=4)) + data[at + draw(st.integers(0, 4)):]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in BASE.items():
            target.writestr(name, data if name == "word/document.xml" else content)
    raw = out.getvalue()
    if draw(ZERO_TO_5) == 0:  # damage to the zip itself
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(max_size=8)) + raw[at + draw(st.integers(0, 8)):]
    return raw


def test_fuzz_docx_reader(workdir: Path) -> None:
    path = workdir / "fuzz.docx"

    @settings(FUZZ, max_examples=250)
    @given(raw=damaged_docx())
    def run(raw: bytes) -> None:
        path.write_bytes(raw)
        check(path)

    run()
    assert RUNS[".docx"] >= 250, RUNS
    print(f"fuzzed inputs per reader: {RUNS}")


@pytest.mark.parametrize("path", sorted(p for p in REGRESSIONS.iterdir() if p.suffix in TRANSCRIPT_SUFFIXES),
                         ids=lambda p: p.name)
def test_regressions_stay_fixed(path: Path) -> None:
    check(path)

"""Files in the peers' shapes: QualCoder's descriptions and annotations, counting trusted, nothing dropped unsaid."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from framework_qa import open_project
from framework_qa.core.interop.adapter import import_project_file, report_text
from framework_qa.core.interop.refi import read_qdc, read_qdpx
from framework_qa.core.interop.refi.positions import choose_counting

SAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "refi-qda" / "samples"
U, C, K, S, CS = ("00000000-0000-4000-8000-00000000000" + d for d in "12345")
TEXT = "P01: Great app 😀 really helped me.\nP01: Loved it 🎉 mostly."


def _qualcoder_qdpx(path: Path, extra: str = "") -> Path:
    """A QualCoder 4-shaped export: BOM text, Descriptions as memos, an annotation Note with its own range."""
    start = TEXT.index("eally")
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="qc" origin="QualCoder 4.0 Beta">
<Users><User guid="{U}" name="amira"/></Users>
<CodeBook><Codes><Code guid="{K}" name="X" isCodable="true"/></Codes></CodeBook>
<Cases><Case guid="{CS}" name="P01"><Description>Case memo from QualCoder.</Description>
<SourceRef targetGUID="{S}"/></Case></Cases>
<Sources><TextSource guid="{S}" name="D1" plainTextPath="internal://{S}.txt">
<PlainTextSelection guid="00000000-0000-4000-8000-000000000006" startPosition="{start}" endPosition="{start + 12}"
 creatingUser="{U}"><Coding guid="00000000-0000-4000-8000-000000000007" creatingUser="{U}">
<CodeRef targetGUID="{K}"/></Coding></PlainTextSelection>
<NoteRef targetGUID="00000000-0000-4000-8000-000000000008"/></TextSource></Sources>
<Notes><Note guid="00000000-0000-4000-8000-000000000008" creatingUser="{U}">
<PlainTextContent>On the coded passage.</PlainTextContent>
<PlainTextSelection guid="00000000-0000-4000-8000-000000000009" startPosition="{start}" endPosition="{start + 12}"/>
</Note><Note guid="00000000-0000-4000-8000-00000000000a" creatingUser="{U}">
<PlainTextContent>On a passage nobody coded.</PlainTextContent>
<PlainTextSelection guid="00000000-0000-4000-8000-00000000000b" startPosition="0" endPosition="3"/></Note></Notes>
{extra}<Description>Project memo from QualCoder.</Description>
</Project>"""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", qde)
        z.writestr(f"sources/{S}.txt", ("\ufeff" + TEXT).encode("utf-8"))
    return path


def test_qualcoder_descriptions_and_annotations_become_memos(tmp_path: Path) -> None:
    result = import_project_file(_qualcoder_qdpx(tmp_path / "qc.qdpx"), tmp_path / "p.fqa")
    assert result.outcome.report.dropped == []
    with open_project(tmp_path / "p.fqa") as p:
        (coding,) = p.codings()
        assert p.text("D1")[coding.start:coding.end] == "eally helped"
        assert coding.memo == "On the coded passage."
        assert p.memo("project") == "Project memo from QualCoder."
        assert p.memo("case", p.case("P01").id) == "Case memo from QualCoder."
        assert "Memo on 0-3 (“P01”): On a passage nobody coded." in p.memo("document", p.document("D1").id)


def test_what_framework_qa_does_not_keep_is_listed_and_an_empty_sets_is_not(tmp_path: Path) -> None:
    extra = (f'<Sets><Set guid="00000000-0000-4000-8000-00000000000c" name="Group A">'
             f'<MemberSource targetGUID="{S}"/></Set></Sets>')
    _, report = read_qdpx(_qualcoder_qdpx(tmp_path / "qc.qdpx", extra))
    assert any("Sets: 1 set(s)" in line and "'Group A'" in line for line in report.dropped)
    empty = tmp_path / "taguette.qdc"
    empty.write_text('<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.5.2">'
                     f'<Codes><Code guid="{K}" name="a" isCodable="true"/></Codes><Sets/></CodeBook>')
    _, report = read_qdc(empty)
    assert report.dropped == [] and any("empty <Sets/>" in line for line in report.adjusted)


def test_a_trusted_producer_is_not_overridden_by_the_word_boundary_heuristic() -> None:
    raw = "Great app 😀 really helped 🎉 mostly"
    spans = [(raw.index("eally"), raw.index("eally") + 5), (raw.index("ostly"), raw.index("ostly") + 5)]
    for origin in ("framework-qa", "QualCoder 4.0 Beta"):
        choice = choose_counting(origin, [(raw, spans)])
        assert not choice.counting.utf16 and "trusted" in choice.reason
    assert "heuristic" in choose_counting("SomeTool", [(raw, spans)]).reason


def test_qualcoder_emoji_export_imports_exactly(tmp_path: Path) -> None:
    path = SAMPLES / "produced" / "qualcoder-4.0b-emoji-export.qdpx"
    if not path.exists():
        pytest.skip("REFI-QDA samples are not present")
    result = import_project_file(path, tmp_path / "p.fqa")
    assert "trusted, no heuristic" in report_text("Imported", result.outcome)
    with open_project(tmp_path / "p.fqa") as p:
        text = p.text(p.documents()[0])
        assert sorted(text[c.start:c.end] for c in p.codings()) == ["Great app", "eally helped", "ostly"]

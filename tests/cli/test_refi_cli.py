"""REFI-QDA on the command line: every real sample imported, exports written, hostile files refused."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from framework_qa import open_project
from framework_qa.core.interop.refi.positions import starts_at_word
from tests.cli.cli_support import run
from tests.support.demo import demo_file

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "refi-qda"
NVIVO = ["oltas0517.qdpx", "oltas.qdpx", "OltasSzkepticizmus_17June.qdpx"]
OTHERS = ["2025-06-16_ICLS_Conf_Themes_ALL_just10.qdpx", "blank-atlas-project.qdpx", "target-atlas-project.qdpx"]
QDE = b'<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"/>'



def _sample(name: str) -> Path:
    path = SHARED / "samples" / name
    if not path.exists():
        pytest.skip("REFI-QDA sample material is not present")
    return path


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _guid(raw: str) -> str:
    return raw.strip().strip("{}").lower()


def _expected_codings(path: Path) -> tuple[int, dict[str, str]]:
    """Straight from the archive, without the package: the number of distinct (selection, code, user)
    codings, and each selection's text, cut in UTF-16 units over the stored file (as NVivo counts)."""
    with zipfile.ZipFile(path) as archive:
        qde = next(n for n in archive.namelist() if n.endswith(".qde"))
        root = ElementTree.fromstring(archive.read(qde))
        files = {n.rsplit("/", 1)[-1].lower(): n for n in archive.namelist()}
        count = 0
        texts: dict[str, str] = {}
        for source in (e for e in root.iter() if _local(e.tag) == "TextSource"):
            name = source.get("plainTextPath", "").replace("internal://", "").lower()
            raw = archive.read(files[name]).decode("utf-8").lstrip("\ufeff").encode("utf-16-le")
            for sel in (e for e in source if _local(e.tag) == "PlainTextSelection"):
                start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
                texts[_guid(sel.get("guid", ""))] = raw[2 * start:2 * end].decode("utf-16-le").replace("\r\n", "\n")
                pairs = set()
                for coding in (e for e in sel if _local(e.tag) == "Coding"):
                    ref = next(e for e in coding if _local(e.tag) == "CodeRef")
                    pairs.add((ref.get("targetGUID"), coding.get("creatingUser") or sel.get("creatingUser")))
                count += len(pairs)
    return count, texts


@pytest.mark.parametrize("name", NVIVO)
def test_nvivo_sample_imports_every_coding_on_its_text_and_at_word_boundaries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = _sample(name)
    code, out, err = run(capsys, "import-qdpx", path, tmp_path / "p.fqa", "--json")
    assert code == 0, err
    report = json.loads(out)
    expected_count, expected_texts = _expected_codings(path)
    with open_project(tmp_path / "p.fqa") as project:
        codings = project.codings()
        assert len(codings) == report["codings"] == expected_count
        texts = {d.id: project.text(d) for d in project.documents()}
        matched = [c for c in codings if c.guid in expected_texts]
        assert len(matched) >= len(expected_texts) * 0.9
        for c in matched:
            assert texts[c.document_id][c.start:c.end] == expected_texts[c.guid]
        share = sum(starts_at_word(texts[c.document_id], c.start) for c in codings) / len(codings)
    assert share >= 0.95
    assert report["counting"] == "UTF-16 code units, CRLF as 2"
    assert report["created"] and all("rich-text original" in line for line in report["dropped"])


@pytest.mark.parametrize("name", OTHERS)
def test_other_tools_samples_import_with_their_documents_and_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = _sample(name)
    with zipfile.ZipFile(path) as archive:
        qde = next(n for n in archive.namelist() if n.endswith(".qde"))
        elements = list(ElementTree.fromstring(archive.read(qde)).iter())
    code, out, err = run(capsys, "import-qdpx", path, tmp_path / "p.fqa", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["documents"] == sum(_local(e.tag) == "TextSource" for e in elements)
    assert report["codes"] == sum(_local(e.tag) == "Code" for e in elements)
    assert report["codings"] == sum(_local(e.tag) == "Coding" for e in elements)


def test_bare_qde_sample_reports_each_missing_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "import-qdpx", _sample("Project.qde"), tmp_path / "p.fqa")
    assert code == 0
    assert "its text is not in the file" in out and "Dropped:" in out


def test_codebook_sample_imports_its_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "import-codebook", _sample("codebook.qdc"), tmp_path / "p.fqa", "--json")
    assert code == 0
    with open_project(tmp_path / "p.fqa") as project:
        assert len(project.codes()) == json.loads(out)["codes"] > 0


def test_export_commands_write_files_that_import_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    demo_file(tmp_path / "demo.fqa")
    assert run(capsys, "export-qdpx", tmp_path / "demo.fqa", tmp_path / "d.qdpx")[0] == 0
    code, out, _ = run(capsys, "export-codebook", tmp_path / "demo.fqa", tmp_path / "d.qdc")
    assert code == 0 and "61 codes" in out
    code, out, _ = run(capsys, "import-qdpx", tmp_path / "d.qdpx", tmp_path / "back.fqa")
    assert code == 0 and "688 codings by 2 coders" in out and "Positions read as code points" in out


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>'
          b'<Project xmlns="urn:QDA-XML:project:1.0" name="&b;"/>')
HOSTILE = {
    "traversal": ({"project.qde": QDE, "../evil.txt": b"x"}, "points outside"),
    "absolute": ({"project.qde": QDE, "/etc/evil": b"x"}, "points outside"),
    "doctype": ({"project.qde": LAUGHS}, "DTD or entities"),
    "bomb": ({"project.qde": QDE, "sources/a.txt": b"\0" * (20 * 1024**2)}, "archive bomb"),
    "entries": ({"project.qde": QDE} | {f"sources/{i}.txt": b"" for i in range(10_001)}, "entries"),
    "not xml": ({"project.qde": b"<Project"}, "not well-formed"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_project_file_is_refused_and_leaves_an_existing_project_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    entries, reason = HOSTILE[case]
    bad = _zip(tmp_path / "bad.qdpx", entries)
    demo_file(tmp_path / "demo.fqa")
    digest = hashlib.sha256((tmp_path / "demo.fqa").read_bytes()).hexdigest()
    code, out, err = run(capsys, "import-qdpx", bad, tmp_path / "demo.fqa")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "bad.qdpx" in err and reason in err
    assert hashlib.sha256((tmp_path / "demo.fqa").read_bytes()).hexdigest() == digest
    assert not (tmp_path / "evil.txt").exists()


@pytest.mark.parametrize("case", ["traversal", "doctype", "bomb"])
def test_hostile_project_file_does_not_leave_a_new_project_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    bad = _zip(tmp_path / "bad.qdpx", HOSTILE[case][0])
    code, _, err = run(capsys, "import-qdpx", bad, tmp_path / "new.fqa")
    assert code == 1 and "bad.qdpx" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.qdpx"]


def test_codebook_with_external_entity_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "xxe.qdc"
    bad.write_bytes(b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                    b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code name="&x;"'
                    b' guid="00000000-0000-0000-0000-000000000001" isCodable="true"/></Codes></CodeBook>')
    code, _, err = run(capsys, "import-codebook", bad, tmp_path / "new.fqa")
    assert code == 1 and "xxe.qdc" in err and "DTD or entities" in err
    assert not (tmp_path / "new.fqa").exists()

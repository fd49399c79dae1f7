"""Memos are exported where QualCoder, MAXQDA and NVivo read them, stay schema-valid, and read back once.

Where the peers put memos, from the real exports in ../shared/refi-qda: NVivo 12 writes a `Description`
on the Project, every TextSource, every PlainTextSelection and every Code; MAXQDA 24 writes its code
memos as `Code/Description`; ATLAS.ti writes Notes (`PlainTextContent`) joined by `Links`; QualCoder's
importer reads `Project`, `Case`, `TextSource`, `Code` and `PlainTextSelection` Descriptions as the
project, case, document, code and coding memos (its `refi.py`).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element, fromstring, tostring

import pytest
import xmlschema

from framework_qa import Project, new_project, open_project
from framework_qa.core.interop.adapter import (
    export_qdc,
    export_qdpx,
    import_codebook_file,
    import_project_file,
)
from tests.core.interop.refi.conftest import REFI_SHARED

NS = "{urn:QDA-XML:project:1.0}"
MEMOS = {"project": "Aim: the app's alliance.", "document": "Interview held online 😀.",
         "case": "P01 joined late.", "code": "Watch the bond\n\nInclusion: this line is memo text, not a field"}


def _project(path: Path) -> Project:
    project = new_project(path)
    project.add_document("P01", "P01: The app felt like a friend 😀, really.\n")
    project.add_code("Bond", definition="Emotional tie.", inclusion="warmth")
    project.add_coding("P01", 9, 30, "Bond", "amira", "Coding memo: irony?")
    project.set_memo("project", 0, MEMOS["project"])
    project.set_memo("document", project.document("P01").id, MEMOS["document"])
    project.set_memo("case", project.cases()[0].id, MEMOS["case"])
    project.set_memo("code", project.code("Bond").id, MEMOS["code"])
    return project


def _memos(project: Project) -> dict[str, str]:
    return {"project": project.memo("project"), "document": project.memo("document", project.document("P01").id),
            "case": project.memo("case", project.cases()[0].id), "code": project.memo("code", project.code("Bond").id)}


def _qde(path: Path) -> Element:
    with zipfile.ZipFile(path) as archive:
        return fromstring(archive.read("project.qde"))


def _note_text(root: Element, guid: str) -> str:
    note = next(n for n in root.iter(f"{NS}Note") if n.get("guid") == guid)
    return note.findtext(f"{NS}PlainTextContent") or ""


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    with _project(tmp_path / "study.fqa") as project:
        export_qdpx(project, tmp_path / "study.qdpx")
    return tmp_path / "study.qdpx"


def test_each_memo_is_a_description_where_peers_read_it_and_a_note_the_item_names(exported: Path) -> None:
    root = _qde(exported)
    assert root.findtext(f"{NS}Description") == MEMOS["project"]
    assert _note_text(root, root.find(f"{NS}NoteRef").get("targetGUID", "")) == MEMOS["project"]  # type: ignore[union-attr]
    source = root.find(f"{NS}Sources/{NS}TextSource")
    assert source is not None and source.findtext(f"{NS}Description") == MEMOS["document"]
    assert _note_text(root, source.find(f"{NS}NoteRef").get("targetGUID", "")) == MEMOS["document"]  # type: ignore[union-attr]
    case = root.find(f"{NS}Cases/{NS}Case")
    assert case is not None and case.findtext(f"{NS}Description") == MEMOS["case"]
    link = next(k for k in root.iter(f"{NS}Link") if k.get("targetGUID") == case.get("guid"))
    assert _note_text(root, link.get("originGUID", "")) == MEMOS["case"]
    code = root.find(f"{NS}CodeBook/{NS}Codes/{NS}Code")
    assert code is not None
    assert code.findtext(f"{NS}Description") == ("Emotional tie.\n\nInclusion: warmth\n\nMemo: " + MEMOS["code"])
    assert _note_text(root, code.find(f"{NS}NoteRef").get("targetGUID", "")) == MEMOS["code"]  # type: ignore[union-attr]
    selection = source.find(f"{NS}PlainTextSelection")
    assert selection is not None and selection.findtext(f"{NS}Description") == "Coding memo: irony?"
    assert _note_text(root, selection.find(f"{NS}NoteRef").get("targetGUID", "")) == "Coding memo: irony?"  # type: ignore[union-attr]


def test_the_export_and_the_codebook_validate_against_both_schemas(exported: Path, tmp_path: Path) -> None:
    refi_shared = REFI_SHARED
    if not (refi_shared / "schemas").is_dir():
        pytest.skip("REFI-QDA schemas are not present")
    with zipfile.ZipFile(exported) as archive:
        xmlschema.XMLSchema(str(refi_shared / "schemas" / "Project-mrt2019.xsd")).validate(
            archive.read("project.qde").decode("utf-8"))
    with open_project(tmp_path / "study.fqa") as project:
        export_qdc(project, tmp_path / "codes.qdc")
    xmlschema.XMLSchema(str(refi_shared / "schemas" / "Codebook-mrt2019.xsd")).validate(str(tmp_path / "codes.qdc"))


def test_reading_the_export_back_gives_every_memo_once(exported: Path, tmp_path: Path) -> None:
    result = import_project_file(exported, tmp_path / "back.fqa")
    assert result.outcome.report.dropped == []
    with open_project(tmp_path / "back.fqa") as project:
        assert _memos(project) == MEMOS
        assert [c.memo for c in project.codings()] == ["Coding memo: irony?"]
        bond = project.code("Bond")
        assert (bond.definition, bond.inclusion, bond.exclusion) == ("Emotional tie.", "warmth", "")


def test_a_peer_that_keeps_only_descriptions_gives_the_code_memo_back(exported: Path, tmp_path: Path) -> None:
    """QualCoder or MAXQDA re-exporting our project: Descriptions kept, our Notes and extension gone."""
    root_xml = _qde(exported)
    for parent in list(root_xml.iter()):
        for child in list(parent):
            if child.tag in (f"{NS}Notes", f"{NS}Links", f"{NS}NoteRef"):
                parent.remove(child)
    with zipfile.ZipFile(exported) as src, zipfile.ZipFile(tmp_path / "peer.qdpx", "w") as out:
        for name in src.namelist():
            if name == "project.qde":
                out.writestr(name, tostring(root_xml, encoding="unicode").replace('origin="framework-qa"',
                                                                                  'origin="QualCoder 4.0 Beta"'))
            elif not name.startswith("framework-qa"):
                out.writestr(name, src.read(name))
    import_project_file(tmp_path / "peer.qdpx", tmp_path / "peer.fqa")
    with open_project(tmp_path / "peer.fqa") as project:
        assert _memos(project) == MEMOS
        assert [c.memo for c in project.codings()] == ["Coding memo: irony?"]
        assert project.code("Bond").definition == "Emotional tie."


def test_a_codebook_carries_code_memos_into_a_new_project(tmp_path: Path) -> None:
    with _project(tmp_path / "study.fqa") as project:
        export_qdc(project, tmp_path / "codes.qdc")
    result = import_codebook_file(tmp_path / "codes.qdc", tmp_path / "new.fqa")
    assert result.outcome.memos == 1
    with open_project(tmp_path / "new.fqa") as project:
        bond = project.code("Bond")
        assert project.memo("code", bond.id) == MEMOS["code"]
        assert (bond.definition, bond.inclusion) == ("Emotional tie.", "warmth")


def test_maxqdas_code_memos_arrive_as_the_codes_definitions(tmp_path: Path) -> None:
    """MAXQDA 24 writes a code's memo as its Description (307 codes in the ICLS sample, no Notes)."""
    sample = REFI_SHARED / "samples" / "2025-06-16_ICLS_Conf_Themes_ALL_just10.qdpx"
    if not sample.is_file():
        pytest.skip("REFI-QDA sample material is not present")
    result = import_project_file(sample, tmp_path / "icls.fqa")
    assert result.outcome.codes == 307
    with open_project(tmp_path / "icls.fqa") as project:
        code = next(c for c in project.codes() if c.name == "THEME - Affinity Spaces (Gee)")
        assert code.definition == "Apply this code when a study uses Gee's concept of affinity spaces."
        assert sum(1 for c in project.codes() if c.definition) == 307

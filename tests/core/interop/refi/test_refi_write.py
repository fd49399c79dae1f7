"""Written projects and codebooks validate against the REFI-QDA 1.0 schemas and read back unchanged."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import xmlschema

from framework_qa.core.interop.refi import (
    RefiCase,
    RefiCode,
    RefiCodebook,
    RefiError,
    RefiNote,
    RefiProject,
    RefiSelection,
    RefiSource,
    RefiUser,
    RefiVariable,
    read_qdc,
    read_qdpx,
    write_qdc,
    write_qdpx,
)

G = "0000000{}-aaaa-4bbb-8ccc-00000000000{}".format


def _project() -> RefiProject:
    text = "Interviewer: 😀 How was it?\nP01: Fine, «really» fine.\n"
    child = RefiCode(G(1, 2), "Trust", "#ff0000", "Definition: trust.\nInclusion: x.\nExclusion: y.")
    parent = RefiCode(G(1, 1), "Relations", None, "", False, (child,))
    sel = RefiSelection(
        G(3, 1), text.index("Fine"), text.index("fine.") + 4, (G(1, 2),), G(9, 1), datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    )
    commented = RefiSelection(G(3, 2), 0, 11, (), G(9, 1), None, "who speaks")
    source = RefiSource(G(2, 1), "P01", text, (sel, commented), "first interview")
    variables = (RefiVariable(G(4, 1), "age", "Integer"), RefiVariable(G(4, 2), "score", "Float"),
                 RefiVariable(G(4, 3), "born", "Date"), RefiVariable(G(4, 4), "consent", "Boolean"),
                 RefiVariable(G(4, 5), "site", "Text"))
    values = {G(4, 1): 42, G(4, 2): 0.00001, G(4, 3): date(1980, 2, 3), G(4, 4): True, G(4, 5): "Leeds"}
    case = RefiCase(G(5, 1), "P01", (G(2, 1),), values, "Case description")
    when = datetime(2024, 5, 2, 9, 30, tzinfo=UTC)
    notes = (
        RefiNote(G(6, 1), "Memo on trust", "Trust shifts.", frozenset({G(1, 2), G(3, 1)}), created=when),
        RefiNote(G(6, 2), "Case memo", "About P01.", frozenset({G(5, 1)}), created=when),
        RefiNote(G(6, 3), "Project memo", "Overall.", frozenset(), created=when),
        RefiNote(G(6, 4), "Annotation", "Look here.", frozenset({G(2, 1)}), ((15, 26),), when),
    )
    return RefiProject("Study", "framework-qa 0.1.0", (RefiUser(G(9, 1), "Ann"),), (parent,), variables, (case,),
                       (source,), notes, "Project description", {"format": "framework-qa-analysis", "version": 1,
                                                                 "codes": {G(1, 2): {"origin": "emergent"}}})


def test_written_project_validates_against_the_project_schema(refi_shared: Path, tmp_path: Path) -> None:
    path = tmp_path / "out.qdpx"
    write_qdpx(_project(), path)
    schema = xmlschema.XMLSchema(refi_shared / "schemas" / "Project-mrt2019.xsd")
    with zipfile.ZipFile(path) as archive:
        schema.validate(archive.read("project.qde").decode("utf-8"))
        assert sorted(archive.namelist()) == ["framework-qa/analysis.json", "project.qde", f"sources/{G(2, 1)}.txt"]
        assert f'plainTextPath="internal://{G(2, 1)}.txt"' in archive.read("project.qde").decode()


def test_project_round_trips_through_qdpx_unchanged(tmp_path: Path) -> None:
    project = _project()
    write_qdpx(project, tmp_path / "out.qdpx")
    again, report = read_qdpx(tmp_path / "out.qdpx")
    assert again == project
    assert report.counting == "code points, CRLF as 1" and report.word_start_share == 1.0
    assert not report.dropped


def test_project_imported_from_another_tool_is_written_as_framework_qa(tmp_path: Path) -> None:
    project = _project()
    write_qdpx(RefiProject(project.name, "NVivo for Windows 12.6", sources=project.sources[:1],
                           codes=project.codes, users=project.users), tmp_path / "out.qdpx")
    again, _ = read_qdpx(tmp_path / "out.qdpx")
    assert again.origin == "framework-qa" and again.sources == project.sources


def test_codebook_validates_and_round_trips(refi_shared: Path, tmp_path: Path) -> None:
    codebook = RefiCodebook("framework-qa 0.1.0", _project().codes)
    write_qdc(codebook, tmp_path / "codes.qdc")
    xmlschema.XMLSchema(refi_shared / "schemas" / "Codebook-mrt2019.xsd").validate(str(tmp_path / "codes.qdc"))
    assert read_qdc(tmp_path / "codes.qdc")[0] == codebook


def test_real_codebook_rewritten_becomes_schema_valid(refi_shared: Path, tmp_path: Path) -> None:
    codebook, _ = read_qdc(refi_shared / "samples" / "codebook.qdc")
    write_qdc(codebook, tmp_path / "codes.qdc")
    xmlschema.XMLSchema(refi_shared / "schemas" / "Codebook-mrt2019.xsd").validate(str(tmp_path / "codes.qdc"))


@pytest.mark.parametrize("sample", ["oltas0517.qdpx", "2025-06-16_ICLS_Conf_Themes_ALL_just10.qdpx"])
def test_real_project_rewritten_validates_and_keeps_its_coded_text(
    refi_shared: Path, tmp_path: Path, sample: str
) -> None:
    project, _ = read_qdpx(refi_shared / "samples" / sample)
    write_qdpx(project, tmp_path / "out.qdpx")
    with zipfile.ZipFile(tmp_path / "out.qdpx") as archive:
        xmlschema.XMLSchema(refi_shared / "schemas" / "Project-mrt2019.xsd").validate(
            archive.read("project.qde").decode("utf-8")
        )
    again, _ = read_qdpx(tmp_path / "out.qdpx")
    assert again.sources == project.sources and again.codes == project.codes


def test_passage_outside_its_text_is_refused_and_no_file_is_left(tmp_path: Path) -> None:
    bad = RefiSource(G(2, 1), "P", "short", (RefiSelection(G(3, 1), 2, 99, ()),))
    with pytest.raises(RefiError, match="outside its text"):
        write_qdpx(RefiProject("x", sources=(bad,)), tmp_path / "out.qdpx")
    assert list(tmp_path.iterdir()) == []


def test_empty_codebook_cannot_be_written(tmp_path: Path) -> None:
    with pytest.raises(RefiError, match="at least one"):
        write_qdc(RefiCodebook(), tmp_path / "codes.qdc")

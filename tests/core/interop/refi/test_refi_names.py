"""Producer rules for code names: `::` is a hierarchy only from ATLAS.ti; names are kept as written,
and what had to change is in the report's Adjusted list."""

from __future__ import annotations

from pathlib import Path

import pytest

from framework_qa import open_project
from framework_qa.core.interop.adapter import import_codebook_file, import_project_file
from framework_qa.core.interop.refi import read_qdc

GUID = "aaaaaaaa-1111-4222-8333-4444444444%02d"


def _qdc(tmp_path: Path, origin: str, names: list[str]) -> Path:
    codes = "".join(f'<Code guid="{GUID % n}" name="{name}" isCodable="true"/>' for n, name in enumerate(names))
    path = tmp_path / "c.qdc"
    path.write_text(f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="{origin}"><Codes>{codes}</Codes></CodeBook>',
                    encoding="utf-8")
    return path


def _paths(project_path: Path) -> list[str]:
    with open_project(project_path) as project:
        return [project.code_path(c) for c in project.codes()]


@pytest.mark.parametrize("origin", ["Taguette 1.5.2", "QualCoder 4.0 Beta", "MAXQDA 24", "NVivo 14", ""])
def test_double_colon_is_part_of_the_name_from_every_producer_but_atlas(tmp_path: Path, origin: str) -> None:
    codebook, report = read_qdc(_qdc(tmp_path, origin, ["Parent::Child", "Parent"]))
    assert [c.name for c in codebook.codes] == ["Parent::Child", "Parent"]
    assert not any("placed under" in line for line in report.adjusted)


@pytest.mark.parametrize("origin", ["ATLAS.ti 8.4.0 573", "ATLAS.ti for Windows 23.2.3.27778"])
def test_atlas_ti_flattened_names_become_a_hierarchy(tmp_path: Path, origin: str) -> None:
    codebook, report = read_qdc(_qdc(tmp_path, origin, ["Parent::Child", "  Kept  "]))
    parent, kept = codebook.codes
    assert (parent.name, [c.name for c in parent.children], kept.name) == ("Parent", ["Child"], "  Kept  ")
    assert "Code 'Parent::Child' placed under 'Parent' as 'Child'." in report.adjusted


def test_names_keep_their_spaces_and_a_slash_is_replaced_and_reported(tmp_path: Path) -> None:
    result = import_codebook_file(_qdc(tmp_path, "QualCoder 3.6", ["  spaced  ", "spaced", "a/b", "  "]),
                                  tmp_path / "p.fqa")
    assert _paths(tmp_path / "p.fqa") == ["  spaced  ", "spaced", "a∕b", "(unnamed code)"]
    adjusted = result.outcome.report.adjusted
    assert "Code 'a/b': '/' separates code paths in framework-qa, so the name became 'a∕b'." in adjusted
    assert "A code without a name ('  ') was named '(unnamed code)'." in adjusted


def test_a_spaced_name_matches_by_path_only_the_same_spaced_name(tmp_path: Path) -> None:
    import_codebook_file(_qdc(tmp_path, "Taguette 1.5.2", ["Work"]), tmp_path / "p.fqa")
    other = tmp_path / "other.qdc"
    other.write_text(_qdc(tmp_path, "Taguette 1.5.2", ["Work "]).read_text().replace("44444444", "55555555"))
    result = import_codebook_file(other, tmp_path / "p.fqa")
    assert result.outcome.codes == 1 and result.outcome.codes_matched_by_path == []
    assert _paths(tmp_path / "p.fqa") == ["Work", "Work "]


def test_the_real_taguette_codebook_keeps_its_names(refi_shared: Path, tmp_path: Path) -> None:
    result = import_codebook_file(refi_shared / "samples" / "produced" / "taguette-1.5.2-codebook.qdc",
                                  tmp_path / "p.fqa")
    paths = _paths(tmp_path / "p.fqa")
    assert "Parent::Child" in paths and "  spaced  " in paths and "Barriers∕time" in paths
    assert "Interesting" in paths and "interesting" in paths and len(paths) == 10
    assert any("'Barriers/time'" in line for line in result.outcome.report.adjusted)


def test_a_qualcoder_project_keeps_double_colon_names(tmp_path: Path) -> None:
    qde = tmp_path / "p.qde"
    qde.write_text(
        '<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="QualCoder 4.0 Beta"><CodeBook><Codes>'
        f'<Code guid="{GUID % 1}" name="Parent::Child" isCodable="true"/></Codes></CodeBook></Project>',
        encoding="utf-8")
    import_project_file(qde, tmp_path / "p.fqa")
    assert _paths(tmp_path / "p.fqa") == ["Parent::Child"]

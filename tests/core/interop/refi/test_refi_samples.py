"""Every real export in the shared samples is read; counts are checked against an independent parse."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from framework_qa.core.interop.refi import read_qdc, read_qde, read_qdpx
from framework_qa.core.interop.refi.model import iter_codes
from framework_qa.core.interop.refi.positions import starts_at_word

NVIVO = ["oltas0517.qdpx", "oltas.qdpx", "OltasSzkepticizmus_17June.qdpx"]
QDPX = NVIVO + ["2025-06-16_ICLS_Conf_Themes_ALL_just10.qdpx", "blank-atlas-project.qdpx", "target-atlas-project.qdpx"]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _independent_counts(path: Path) -> tuple[int, int, int]:
    """Selections, codes and text sources counted straight from the XML, without the package."""
    with zipfile.ZipFile(path) as archive:
        qde = next(n for n in archive.namelist() if n.endswith(".qde"))
        root = ElementTree.fromstring(archive.read(qde))
    elements = list(root.iter())
    selections = sum(_local(e.tag) == "PlainTextSelection" for e in elements)
    codes = sum(_local(e.tag) == "Code" for e in elements)
    sources = sum(_local(e.tag) == "TextSource" for e in elements)
    return selections, codes, sources


@pytest.mark.parametrize("name", QDPX)
def test_every_sample_project_is_read_with_all_its_selections_codes_and_sources(refi_shared: Path, name: str) -> None:
    path = refi_shared / "samples" / name
    project, report = read_qdpx(path)
    selections, codes, sources = _independent_counts(path)
    assert sum(len(s.selections) for s in project.sources) == selections
    assert len(iter_codes(project.codes)) == codes
    assert len(project.sources) == sources
    assert all("Sets" in line or "rich-text original" in line for line in report.dropped)


@pytest.mark.parametrize("name", NVIVO)
def test_nvivo_positions_are_read_as_utf16_units_and_coded_passages_start_at_word_boundaries(
    refi_shared: Path, name: str
) -> None:
    project, report = read_qdpx(refi_shared / "samples" / name)
    assert report.counting == "UTF-16 code units, CRLF as 2"
    starts = [(s.text, sel.start) for s in project.sources for sel in s.selections]
    share = sum(starts_at_word(text, start) for text, start in starts) / len(starts)
    assert share >= 0.95
    assert report.word_start_share == pytest.approx(share)


def test_nvivo_windows_and_mac_exports_of_the_same_texts_code_the_same_passages(refi_shared: Path) -> None:
    windows, _ = read_qdpx(refi_shared / "samples" / "oltas0517.qdpx")
    mac, _ = read_qdpx(refi_shared / "samples" / "OltasSzkepticizmus_17June.qdpx")

    def passages(project) -> set[str]:  # type: ignore[no-untyped-def]
        return {s.text[sel.start : sel.end] for s in project.sources for sel in s.selections}

    mac_passages = passages(mac)
    assert len(mac_passages & passages(windows)) >= 0.9 * len(mac_passages)


def test_nvivo_windows_text_is_stored_without_bom_or_carriage_returns(refi_shared: Path) -> None:
    project, _ = read_qdpx(refi_shared / "samples" / "oltas0517.qdpx")
    for source in project.sources:
        assert "\r" not in source.text and not source.text.startswith("\ufeff")
        assert any(ord(ch) > 0xFFFF for ch in source.text)


def test_atlas_flattened_hierarchy_is_rebuilt_and_missing_source_files_are_reported(refi_shared: Path) -> None:
    project, report = read_qde(refi_shared / "samples" / "Project.qde")
    coke = next(c for c in project.codes if c.name == "Coke")
    assert coke.guid == "7496ba52-9c8d-4396-8fab-cc438614e453"
    assert {c.name for c in coke.children} == {"full-fat Coke", "diet Coke"}
    assert not any("::" in c.name for c in iter_codes(project.codes))
    assert project.sources == ()
    assert any("text is not in the file" in line for line in report.dropped)
    memo = next(n for n in project.notes if n.name == "My favorite Coke ad")
    assert "Director’s cut" in memo.text


def test_atlas_nested_codes_and_upper_case_guids_are_normalised(refi_shared: Path) -> None:
    project, _ = read_qdpx(refi_shared / "samples" / "target-atlas-project.qdpx")
    (commits,) = project.codes
    assert commits.guid == "a182cd3a-d83c-4d8c-bc80-26d9103ec6d6"
    assert len(commits.children) == 2
    assert {u.name for u in project.users} == {"Enric Llagostera", "ATLAS.ti"}


def test_maxqda_codes_keep_colour_and_description(refi_shared: Path) -> None:
    project, _ = read_qdpx(refi_shared / "samples" / "2025-06-16_ICLS_Conf_Themes_ALL_just10.qdpx")
    first = project.codes[0]
    assert first.colour == "#ef8256" and first.description.startswith("This category encompasses")
    assert all(len(s.text) > 30000 for s in project.sources)


def test_taguette_codebook_with_empty_sets_is_read(refi_shared: Path) -> None:
    codebook, report = read_qdc(refi_shared / "samples" / "codebook.qdc")
    assert [c.name for c in codebook.codes] == ["xsd:element name", "CodeBook", "Variables"]
    assert codebook.origin == "Taguette 1.4.1"

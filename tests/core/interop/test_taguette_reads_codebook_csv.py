"""Taguette's own codebook import code (taguette 1.5.2, `taguette.import_codebook`) run on framework-qa's
codebook CSV: what a Taguette user ends up with, checked without a server or network.

Taguette's web handler calls `import_codebook.list_tags` on the uploaded bytes, then checks each tag with
`validate.tag_path` and `validate.description` before inserting it; both steps run here. Taguette reads
codebooks only as CSV (it has no .qdc or .qdpx import), so the CSV is the one file to check.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from taguette import import_codebook, validate

from framework_qa import open_project
from framework_qa.core.demo import build_demo
from framework_qa.core.interop.adapter.descriptions import compose_description
from framework_qa.core.interop.adapter.export_csv import export_codebook_csv


def _taguette_reads(path: Path) -> list[dict[str, str]]:
    """The tags Taguette's import would insert from the file at `path` (its upload handler's steps)."""
    tags = import_codebook.list_tags(io.BytesIO(path.read_bytes()))
    for tag in tags:
        validate.tag_path(tag["path"])
        validate.description(tag["description"])
    return tags


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, list[tuple[str, str]]]:
    """The demo codebook plus names that test encodings and CSV quoting, exported as CSV; with each
    code's (path, description) as framework-qa holds them."""
    build_demo(tmp_path / "demo.fqa").close()
    with open_project(tmp_path / "demo.fqa") as project:
        project.add_code("Café – naïve ☕ 😀", definition="unicode 😀, \"quoted\", a comma")
        project.add_code('A & B <c> "q"', definition="line one\nline two", inclusion="markup <b>")
        project.add_code("Child", parent="Café – naïve ☕ 😀", exclusion="not this")
        project.add_code("Parent::Child")
        export_codebook_csv(project, tmp_path / "codebook.csv")
        held = [(project.code_path(c), compose_description(c.definition, c.inclusion, c.exclusion))
                for c in project.codes()]
    return tmp_path / "codebook.csv", held


def test_taguette_reads_every_code_with_its_path_and_description(
        exported: tuple[Path, list[tuple[str, str]]]) -> None:
    path, held = exported
    tags = _taguette_reads(path)
    assert [(t["path"], t["description"]) for t in tags] == [(p, d.strip()) for p, d in held]
    by_path = {t["path"]: t["description"] for t in tags}
    assert len(by_path) == len(tags) == 65  # the 61 demo codes and the four above, none merged
    assert by_path["Café – naïve ☕ 😀"] == 'unicode 😀, "quoted", a comma'  # UTF-8 detected (the BOM)
    assert by_path["Café – naïve ☕ 😀/Child"] == "Exclusion: not this"
    assert by_path['A & B <c> "q"'] == "line one\nline two\n\nInclusion: markup <b>"
    assert by_path["Parent::Child"] == ""
    assert "Working alliance/Goal" in by_path and "Working alliance" in by_path


def test_a_name_a_spreadsheet_would_run_reaches_taguette_with_its_guard_apostrophe(tmp_path: Path) -> None:
    """framework-qa's CSV keeps cells from running as formulas in a spreadsheet; Taguette does not undo
    that guard, so such a tag keeps the apostrophe (and its leading and trailing spaces are trimmed by
    Taguette itself, as it trims its own exports)."""
    build_demo(tmp_path / "demo.fqa").close()
    with open_project(tmp_path / "demo.fqa") as project:
        project.add_code("=SUM(A1)", definition="-1 day")
        project.add_code("  spaced  ")
        export_codebook_csv(project, tmp_path / "codebook.csv")
    by_path = {t["path"]: t["description"] for t in _taguette_reads(tmp_path / "codebook.csv")}
    assert by_path["'=SUM(A1)"] == "'-1 day"
    assert "spaced" in by_path and "  spaced  " not in by_path

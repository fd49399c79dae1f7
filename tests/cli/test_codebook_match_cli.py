"""`import-codebook` of a codebook the project already has matches its codes, by GUID then by path."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest

from framework_qa import open_project
from framework_qa.core.demo import build_demo
from tests.cli.cli_support import run


def _codes(path: Path) -> list[tuple[str, str]]:
    with open_project(path) as project:
        return sorted((project.code_path(c), c.guid) for c in project.codes())


def test_exporting_and_importing_a_codebook_into_the_same_project_creates_nothing(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _codes(demo)
    assert run(capsys, "export-codebook", demo, tmp_path / "cb.qdc")[0] == 0
    code, out, _ = run(capsys, "import-codebook", tmp_path / "cb.qdc", demo, "--json")
    report = json.loads(out)
    assert code == 0 and report["codes"] == 0
    assert report["codes_matched_by_guid"] == 61 and report["codes_matched_by_path"] == []
    assert "61 code(s) were already in the project (same identifier)" in " ".join(report["adjusted"])
    assert _codes(demo) == before


def test_a_codebook_with_the_same_paths_but_other_guids_matches_by_path(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As another tool, or a colleague's rebuilt demo, writes it: every GUID differs, names do not."""
    before = _codes(demo)
    assert run(capsys, "export-codebook", demo, tmp_path / "cb.qdc")[0] == 0
    text = (tmp_path / "cb.qdc").read_text(encoding="utf-8")
    other = re.sub(r'guid="[^"]+"', lambda _: f'guid="{str(uuid.uuid4()).upper()}"', text)
    assert other != text
    (tmp_path / "other.qdc").write_text(other, encoding="utf-8")
    code, out, _ = run(capsys, "import-codebook", tmp_path / "other.qdc", demo)
    assert code == 0
    assert out.splitlines()[0].endswith(": 0 documents, 0 new codes, 0 codings, 0 cases, 0 attribute values, 0 memos.")
    assert "61 code(s) matched a code already in the project by path" in out
    assert "'Working alliance/Bond'" in out and "and 51 more" in out
    assert _codes(demo) == before  # nothing new, no "Feeling judged (2)", GUIDs kept


def test_a_rebuilt_projects_emergent_themes_match_by_path_and_new_codes_are_added(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Framework codes share GUIDs everywhere; emergent themes get fresh ones in every project."""
    build_demo(tmp_path / "other.fqa").close()  # built again, not copied: its emergent themes get new GUIDs
    assert run(capsys, "code", tmp_path / "other.fqa", "--document", "P01", "--start", "0", "--end", "5",
               "--code", "Feeling judged/By the app", "--coder", "ben", "--emergent")[0] == 0
    assert run(capsys, "export-codebook", tmp_path / "other.fqa", tmp_path / "cb.qdc")[0] == 0
    code, out, _ = run(capsys, "import-codebook", tmp_path / "cb.qdc", demo, "--json")
    report = json.loads(out)
    assert code == 0 and report["codes"] == 1 and report["codes_matched_by_guid"] == 57
    assert sorted(report["codes_matched_by_path"]) == sorted(
        ["Ambivalence about attachment", "Feeling judged", "Guilt about missed days", "Privacy worries"])
    paths = [p for p, _ in _codes(demo)]
    assert "Feeling judged/By the app" in paths and not any(p.endswith("(2)") for p in paths)

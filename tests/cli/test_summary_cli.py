"""`framework-qa summary`: an analyst's existing summary is never replaced without --replace or --append."""

from __future__ import annotations

from pathlib import Path

import pytest

from framework_qa import open_project
from tests.cli.cli_support import run
from tests.core.analysis.matrix.conftest import build_small

CELL = ("--case", "alpha", "--code", "Alliance/Task")
OLD = "Reminders carry the task bond; she says the app 'kept her honest' through week six (¶4)."


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "cli.fqa"
    build_small(p).close()
    return p


@pytest.fixture
def charted(path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(capsys, "summary", path, *CELL, "--text", OLD) == (0, "summary set: alpha × Alliance/Task\n", "")
    return path


def stored(path: Path) -> str:
    with open_project(path) as p:
        return p.summary(p.case("alpha").id, p.code("Alliance/Task").id)


@pytest.mark.parametrize("text", ["New text.", ""])
def test_an_existing_summary_is_refused_and_left_unchanged(charted: Path, capsys: pytest.CaptureFixture[str],
                                                           text: str) -> None:
    before = charted.read_bytes()
    code, out, err = run(capsys, "summary", charted, *CELL, "--text", text)
    assert code == 1 and out == ""
    assert err.startswith("framework-qa: error: alpha × Alliance/Task already has a summary")
    assert err.count("\n") == 1 and '("Reminders carry the task bond; she says' in err
    assert "--replace" in err and "--append" in err and OLD not in err  # quoted, not dumped
    assert stored(charted) == OLD and charted.read_bytes() == before


def test_replace_replaces(charted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "summary", charted, *CELL, "--text", "New.", "--replace") == (
        0, "summary replaced: alpha × Alliance/Task\n", "")
    assert stored(charted) == "New."


def test_append_adds_below_with_a_blank_line(charted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "summary", charted, *CELL, "--append", "--text", "Also: goals.") == (
        0, "summary appended: alpha × Alliance/Task\n", "")
    assert stored(charted) == f"{OLD}\n\nAlso: goals."


def test_empty_text_with_replace_clears_it(charted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "summary", charted, *CELL, "--text", "", "--replace") == (
        0, "summary removed: alpha × Alliance/Task\n", "")
    assert stored(charted) == ""
    with open_project(charted) as p:
        assert p.summaries() == []


@pytest.mark.parametrize(("args", "message"), [
    (["--text", "", "--append"], "--append needs a non-empty --text"),
    (["--text", "x", "--append", "--replace"], "give --replace or --append, not both"),
])
def test_misuse_is_one_line_and_changes_nothing(charted: Path, capsys: pytest.CaptureFixture[str],
                                                args: list[str], message: str) -> None:
    code, out, err = run(capsys, "summary", charted, *CELL, *args)
    assert (code, out) == (1, "") and err.startswith(f"framework-qa: error: {message}") and err.count("\n") == 1
    assert stored(charted) == OLD


@pytest.mark.parametrize("flag", [[], ["--replace"], ["--append"]])
def test_an_empty_cell_is_written_as_before(path: Path, capsys: pytest.CaptureFixture[str], flag: list[str]) -> None:
    assert run(capsys, "summary", path, *CELL, "--text", "First.", *flag)[0] == 0
    assert stored(path) == "First."


def test_empty_text_on_an_empty_cell_is_still_accepted(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "summary", path, *CELL, "--text", "") == (0, "summary removed: alpha × Alliance/Task\n", "")
    assert stored(path) == ""

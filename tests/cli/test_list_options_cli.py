"""List options (`--codes`, `--coders`, `--documents`, `--expand`): repeating one adds to it, never replaces it.

Researchers coming from NVivo or MAXQDA write `--codes A --codes B`; argparse's plain `nargs="+"` kept only
B, silently. Each test runs a real command both ways and wants the same output.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from framework_qa import new_project
from framework_qa.cli.common import ListOption
from tests.cli.cli_support import run
from tests.core.analysis.matrix.conftest import build_small


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    parser.add_argument("--codes", action=ListOption, default=[])
    parser.add_argument("--coders", action=ListOption)
    return parser


@pytest.mark.parametrize("argv", [
    ["--codes", "A", "B", "C"],
    ["--codes", "A", "--codes", "B", "--codes", "C"],
    ["--codes", "A", "B", "--codes", "C"],
    ["--codes", "A", "--codes", "B", "C", "A"],
    ["--codes=A", "--codes", "B", "A", "--codes", "C", "B"],
])
def test_every_form_gives_the_values_in_order_without_duplicates(argv: list[str]) -> None:
    assert _parser().parse_args(argv).codes == ["A", "B", "C"]


def test_defaults_stay_as_given_and_are_not_changed_in_place() -> None:
    parser = _parser()
    args = parser.parse_args([])
    assert args.codes == [] and args.coders is None
    parser.parse_args(["--codes", "A"])
    assert parser.parse_args([]).codes == []


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.fqa"
    build_small(path).close()
    return path


def _matrix(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> dict:
    code, out, err = run(capsys, "matrix", path, *args, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


@pytest.mark.parametrize(("repeated", "spaced", "columns"), [
    (["--codes", "Alliance", "--codes", "Guilt"], ["--codes", "Alliance", "Guilt"], ["Alliance", "Guilt"]),
    (["--expand", "Alliance", "--expand", "Alliance/Bond"], ["--expand", "Alliance", "Alliance/Bond"],
     ["Alliance/Goal", "Alliance/Task", "Alliance/Bond", "Alliance/Bond/Sub"]),
    (["--codes", "Guilt", "--codes", "Alliance", "Guilt"], ["--codes", "Guilt", "Alliance"], ["Guilt", "Alliance"]),
])
def test_matrix_columns_repeat(small: Path, capsys: pytest.CaptureFixture[str], repeated: list[str],
                               spaced: list[str], columns: list[str]) -> None:
    data = _matrix(capsys, small, *repeated)
    assert data == _matrix(capsys, small, *spaced)
    assert data["columns"] == columns
    assert {c["code"] for c in data["cells"]} == set(columns)


def test_matrix_coders_repeat(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    both = _matrix(capsys, small, "--codes", "Alliance", "--coders", "amira", "--coders", "ben")
    assert both == _matrix(capsys, small, "--codes", "Alliance", "--coders", "amira", "ben")
    assert both == _matrix(capsys, small, "--codes", "Alliance")  # amira and ben are every coder
    assert both != _matrix(capsys, small, "--codes", "Alliance", "--coders", "ben")


@pytest.fixture
def study(tmp_path: Path) -> Path:
    path = tmp_path / "study.fqa"
    with new_project(path) as project:
        project.add_document("D", "x" * 50)
        project.add_document("E", "y" * 30)
        project.add_code("Trust")
        project.add_code("Doubt")
        for coder, end in (("A", 25), ("B", 20), ("C", 30)):
            project.add_coding("D", 0, end, "Trust", coder)
            project.add_coding("E", 0, end - 15, "Doubt", coder)
    return path


def _agreement(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> dict:
    code, out, err = run(capsys, "agreement", path, *args, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def test_agreement_list_options_repeat(study: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repeated = _agreement(capsys, study, "--coders", "A", "--coders", "B", "C", "--codes", "Trust", "--codes",
                          "Doubt", "--documents", "D", "--documents", "E", "--coders", "A")
    spaced = _agreement(capsys, study, "--coders", "A", "B", "C", "--codes", "Trust", "Doubt",
                        "--documents", "D", "E")
    assert repeated == spaced
    assert repeated["coders"] == ["A", "B", "C"]
    assert [r["code"] for r in repeated["per_code"]] == ["Trust", "Doubt"]
    assert {(r["code"], r["document"]) for r in repeated["per_document"]} >= {("Trust", "D"), ("Doubt", "E")}
    assert {r["document"] for r in repeated["per_document"]} == {"D", "E"}


def test_agreement_coder_named_twice_counts_once(study: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "agreement", study, "--coders", "A", "--coders", "A")
    assert code == 1 and out == ""
    assert err.startswith("framework-qa: error: ") and err.count("\n") == 1


def test_every_list_option_of_every_command_uses_list_option() -> None:
    """A new `nargs="+"` option elsewhere would bring the silent dropping back."""
    from framework_qa.cli.main import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    lists = [(name, a.dest) for name, command in sub.choices.items() for a in command._actions
             if a.option_strings and a.nargs in ("+", "*")]
    assert len(lists) >= 6
    assert all(isinstance(a, ListOption) for command in sub.choices.values() for a in command._actions
               if a.option_strings and a.nargs in ("+", "*"))

"""The whole-process benchmark modes run end to end on tiny sizes and report what their targets are
stated for: each a wall-time line with the ratio and PASS/over, then the same runs in CPU time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from framework_qa import open_project

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "benchmarks", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()


def _target_line(line: str, baseline: str) -> None:
    assert "median" in line and f"x {baseline}" in line and ("PASS" in line or "over" in line), line


@pytest.mark.parametrize(("args", "baseline"), [
    (("import", "--process", "--docs", "2", "--words", "200", "--repeat", "1"), "bare python-docx process"),
    (("agreement", "--process", "--docs", "3", "--words", "200", "--codes", "3", "--codings", "60", "--repeat", "1"),
     "numpy per-character process"),
])
def test_import_and_agreement_as_whole_processes(args: tuple[str, ...], baseline: str, tmp_path: Path) -> None:
    lines = _run(*args, *(("--cache", str(tmp_path)) if args[0] == "agreement" else ()))
    _target_line(lines[-2], baseline)
    assert lines[-1].startswith("  same runs in CPU time: median") and f"x {baseline}" in lines[-1]
    if args[0] == "agreement":  # the run checked both sides computed the same values
        assert "largest difference from the numpy values: 0.00e+00" in "\n".join(lines)


def test_quick_commands_against_python_c_pass() -> None:
    lines = [line for line in _run("startup", "--cli", "--repeat", "1") if not line.startswith("  ")]
    assert [line.split(":")[0] for line in lines] == [
        "framework-qa --help", "framework-qa documents", "framework-qa codes", "framework-qa codings",
        "framework-qa text P01"]
    for line in lines:
        _target_line(line, "python -c pass")
        assert "target < 1" in line and "target <= 8x" in line


def test_opening_a_project_in_the_window_until_usable(tmp_path: Path) -> None:
    lines = _run("open", "--window", "--docs", "4", "--words", "150", "--codings", "30", "--repeat", "1",
                 "--cache", str(tmp_path))
    (path,) = tmp_path.glob("*.fqa")  # the project it built and kept (--cache)
    with open_project(path) as project:
        first = project.documents()[0]
        expected = f"showing 4 documents listed, {first.name} open ({len(project.text(first))} characters)"
    assert f"at its first paint the window was {expected}" in lines, lines
    assert lines[-2].startswith("peak memory of the window process: ") and "target < 1024 MB" in lines[-2]
    _target_line(lines[-1], "bare PySide6 empty window")

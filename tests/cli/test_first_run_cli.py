"""The first hour, in real processes: `demo` opens the window, a machine without Qt's xcb libraries gets
one line naming the packages, and `--help` or `documents` load none of the heavy libraries."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("numpy", "pandas", "whoosh", "docx", "openpyxl", "yaml", "krippendorff", "xmlschema", "PySide6")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "FRAMEWORK_QA_NO_OPEN")}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path), **extra)
    return env


def _cli(tmp_path: Path, *args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "framework_qa", *args], capture_output=True, text=True,
                          timeout=timeout, env=_env(tmp_path, **env), cwd=ROOT)


@pytest.fixture
def x_display() -> Iterator[str]:
    """A real X server (Xvfb) for the length of a test, skipped where there is none."""
    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb is not installed")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as fh:
        number = fh.readline().strip()
    try:
        if not number:
            pytest.skip("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_demo_opens_the_window_it_built(tmp_path: Path, x_display: str) -> None:
    result = _cli(tmp_path, "demo", str(tmp_path / "demo.fqa"), DISPLAY=x_display,
                  FRAMEWORK_QA_QUIT_AFTER_SHOW="1")
    assert result.returncode == 0, result.stderr
    created, shown = result.stdout.splitlines()[:2]
    assert created.startswith("created ") and "10 documents" in created
    assert shown.startswith("shown at ")  # the window painted (and did not wait on the coder question)


def test_demo_with_no_open_or_the_variable_starts_no_window(tmp_path: Path) -> None:
    """A display that does not exist: opening would fail, so success means no window was tried."""
    first = _cli(tmp_path, "demo", str(tmp_path / "a.fqa"), "--no-open", DISPLAY=":987")
    second = _cli(tmp_path, "demo", str(tmp_path / "b.fqa"), DISPLAY=":987", FRAMEWORK_QA_NO_OPEN="1")
    for result in (first, second):
        assert result.returncode == 0 and result.stderr == ""
        assert result.stdout.count("\n") == 1 and "10 documents" in result.stdout


def test_demo_without_a_display_says_how_to_open_it(tmp_path: Path) -> None:
    result = _cli(tmp_path, "demo", str(tmp_path / "demo.fqa"))
    assert result.returncode == 0
    assert f"framework-qa gui {tmp_path / 'demo.fqa'}" in result.stdout.splitlines()[-1]


def test_missing_xcb_libraries_are_named_with_install_commands(tmp_path: Path) -> None:
    """`FRAMEWORK_QA_LDD` stands in for ldd, as on a fresh desktop without libxcb-cursor0 and libxcb-icccm4."""
    fake = tmp_path / "ldd"
    fake.write_text("#!/bin/sh\necho '\tlibxcb.so.1 => /lib/libxcb.so.1 (0x1)'\n"
                    "echo '\tlibxcb-cursor.so.0 => not found'\necho '\tlibxcb-icccm.so.4 => not found'\n")
    fake.chmod(0o755)
    (tmp_path / "p.fqa").write_bytes(b"")
    for args in (("gui", str(tmp_path / "p.fqa")), ("demo", str(tmp_path / "demo.fqa"))):
        result = _cli(tmp_path, *args, DISPLAY=":987", FRAMEWORK_QA_LDD=str(fake))
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("framework-qa: error: ")
        assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in result.stderr
        assert "sudo dnf install xcb-util-cursor xcb-util-wm" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_wayland_session_or_offscreen_skips_the_xcb_check(tmp_path: Path) -> None:
    from framework_qa.cli import display
    fake = tmp_path / "ldd"
    fake.write_text("#!/bin/sh\necho '\tlibxcb-cursor.so.0 => not found'\n")
    fake.chmod(0o755)
    cases = [({"DISPLAY": ":1", "WAYLAND_DISPLAY": "wayland-0"}, False),
             ({"DISPLAY": ":1", "QT_QPA_PLATFORM": "offscreen"}, False),
             ({"DISPLAY": ":1", "QT_QPA_PLATFORM": "xcb"}, True), ({}, False)]
    for env, expected in cases:
        saved = dict(os.environ)
        try:
            for key in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
                os.environ.pop(key, None)
            os.environ.update(env, FRAMEWORK_QA_LDD=str(fake))
            assert (display.xcb_problem() is not None) is expected, env
        finally:
            os.environ.clear()
            os.environ.update(saved)


@pytest.mark.parametrize("args", [("--help",), ("documents", "{project}", "--json"), ("new", "--help")])
def test_quick_commands_load_no_heavy_library(tmp_path: Path, args: tuple[str, ...]) -> None:
    """What `--help` and `documents` import, read from `sys.modules` in the process that ran them."""
    project = tmp_path / "p.fqa"
    assert _cli(tmp_path, "new", str(project), "--framework", "alliance").returncode == 0
    script = ("import sys, runpy, json\n"
              "sys.argv = ['framework-qa', *json.loads(sys.argv[1])]\n"
              "try:\n    runpy.run_module('framework_qa', run_name='__main__')\n"
              "except SystemExit:\n    pass\n"
              "sys.stderr.write(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n")
    argv = [a.replace("{project}", str(project)) for a in args]
    result = subprocess.run([sys.executable, "-c", script, json.dumps(argv)], capture_output=True, text=True,
                            timeout=60, env=_env(tmp_path), cwd=ROOT)
    loaded = set(json.loads(result.stderr.splitlines()[-1]))
    assert result.stdout, result.stderr
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))

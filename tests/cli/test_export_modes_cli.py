"""Exported .qdpx and .qdc files get the permissions the umask gives every new file, like other exports."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.demo import demo_file

ROOT = Path(__file__).resolve().parents[2]


def _export(umask: int, *args: object) -> None:
    def set_umask() -> None:
        os.umask(umask)
    result = subprocess.run([sys.executable, "-m", "framework_qa", *map(str, args)], capture_output=True,
                            text=True, timeout=120, cwd=ROOT, preexec_fn=set_umask)
    assert result.returncode == 0, result.stderr


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_exports_follow_the_umask(tmp_path: Path, umask: int, expected: int) -> None:
    demo_file(tmp_path / "demo.fqa")
    _export(umask, "export-qdpx", tmp_path / "demo.fqa", tmp_path / "d.qdpx")
    _export(umask, "export-codebook", tmp_path / "demo.fqa", tmp_path / "d.qdc")
    _export(umask, "matrix", tmp_path / "demo.fqa", "--csv", tmp_path / "m.csv")  # an export of another kind
    assert _mode(tmp_path / "d.qdpx") == _mode(tmp_path / "d.qdc") == _mode(tmp_path / "m.csv") == expected
    assert not list(tmp_path.glob(".export-*"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_replaced_export_keeps_the_permissions_it_had(tmp_path: Path) -> None:
    demo_file(tmp_path / "demo.fqa")
    target = tmp_path / "d.qdc"
    target.write_bytes(b"old")
    target.chmod(0o640)
    _export(0o022, "export-codebook", tmp_path / "demo.fqa", target)
    assert _mode(target) == 0o640 and target.read_bytes().startswith(b"<?xml")

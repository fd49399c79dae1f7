"""Fixtures shared by the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.demo import demo_file


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A fresh copy of the demo project, closed: the commands open it themselves."""
    return demo_file(tmp_path / "demo.fqa")

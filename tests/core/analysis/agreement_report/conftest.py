"""Fixtures for agreement tests: an empty project file (helpers in agreement_support)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from framework_qa import Project, new_project


@pytest.fixture
def empty_project(tmp_path: Path) -> Iterator[Project]:
    with new_project(tmp_path / "agreement.fqa") as project:
        yield project

"""Fixtures shared by the GUI tests: a small real project (with settings kept out of the user's own),
and a session on it as coder `amira`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from framework_qa import Project
from framework_qa.gui.session import Session
from tests.gui.coding_widgets_support import build_project, isolate_settings


@pytest.fixture
def study(tmp_path: Path) -> Iterator[Project]:
    isolate_settings(tmp_path / "settings")
    with build_project(tmp_path / "study.fqa") as project:
        yield project


@pytest.fixture
def session(study: Project) -> Session:
    return Session(study, "amira")

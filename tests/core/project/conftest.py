"""The project commands run on both back ends: a project file and a server project."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from framework_qa import Project, new_project


@pytest.fixture(params=["file", "server"])
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Project]:
    target = tmp_path / "study.fqa" if request.param == "file" else request.getfixturevalue("server_address")
    with new_project(target, ["alliance", "psd"]) as p:
        yield p

"""Shared fixtures: real project files in a temporary folder, real transcript files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from framework_qa import Project, new_project  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

INTERVIEW = (
    "Interviewer: What did you hope the app would do?\n"
    "\n"
    "P01: Honestly? I wanted the panic to stop 😅 before meetings.\n"
    "It sort of did, after a few weeks.\n"
    "\n"
    "Interviewer: And Robin, the guide?\n"
    "\n"
    "P01: Robin felt like someone was there. Odd, I know.\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with new_project(tmp_path / "study.fqa", ["alliance", "psd"]) as p:
        yield p


@pytest.fixture
def interview_file(tmp_path: Path) -> Path:
    path = tmp_path / "P01.txt"
    path.write_text(INTERVIEW, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    """A real PostgreSQL server for the session (see tests/support/postgres.py)."""
    from tests.support import postgres

    if postgres.binaries() is None:
        pytest.skip("no PostgreSQL binaries: install Debian's postgresql package to run server tests")
    server = postgres.start()
    yield server
    server.stop()


@pytest.fixture
def server_address(pg_server: object) -> str:
    """The address of a fresh, empty database on the test server."""
    return pg_server.new_database()  # type: ignore[attr-defined, no-any-return]

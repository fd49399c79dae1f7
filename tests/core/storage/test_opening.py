"""Choosing the back end for what the user names: a path (given as text or as a `Path`) opens or creates
an SQLite project file and never loads the PostgreSQL driver."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from framework_qa.core.errors import FqaError
from framework_qa.core.storage import SCHEMA_VERSION, Store
from framework_qa.core.storage.opening import open_store


def test_a_path_creates_then_opens_a_project_file(tmp_path: Path) -> None:
    path = tmp_path / "studies" / "alliance.fqa"
    created = open_store(str(path), create=True)
    assert isinstance(created, Store) and created.path == path and created.location == str(path)
    created.close()
    with pytest.raises(FqaError, match="^alliance.fqa: a file with this name already exists$"):
        open_store(path, create=True)
    opened = open_store(path)
    assert isinstance(opened, Store) and opened.schema_version == SCHEMA_VERSION
    opened.close()
    with pytest.raises(FqaError, match="^missing.fqa: no such project file$"):
        open_store(tmp_path / "missing.fqa")
    with pytest.raises(FqaError, match="^studies: is a folder, not a project file$"):
        open_store(tmp_path / "studies")


def test_opening_a_file_never_loads_the_postgresql_driver(tmp_path: Path) -> None:
    script = ("import sys; from framework_qa.core.storage.opening import open_store; "
              f"open_store({str(tmp_path / 'a.fqa')!r}, create=True).close(); "
              "print('psycopg' in sys.modules, 'framework_qa.core.storage.server.store' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_a_postgresql_address_is_never_taken_for_a_file_path() -> None:
    address = "postgresql://amira@127.0.0.1:1/alliance"  # nothing listens on port 1
    with pytest.raises(FqaError) as refused:
        open_store(address)
    message = str(refused.value)
    assert "no such project file" not in message and "127.0.0.1" in message

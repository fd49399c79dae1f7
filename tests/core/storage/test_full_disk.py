"""A disk that fills up while an undo or redo writes its rows back: one line naming the project file,
and nothing half written. SQLite's `max_page_count` makes the file full at its present size, which is
what a full disk does to it (no mock: the real write fails in SQLite)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from framework_qa import new_project
from framework_qa.core.errors import FqaError


def test_a_redo_on_a_full_disk_fails_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "full.fqa"
    with new_project(path) as project:
        project.add_document("P01", "Interviewer: Why?\nP01: Because it helped.\n" * 4000)
        project.undo()
        other = sqlite3.connect(path)  # reclaim the freed pages, so the redo must grow the file
        other.execute("VACUUM")
        other.close()
        store = project.store
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(FqaError, match=r"^full.fqa: database or disk is full$"):
            project.redo()
        assert project.documents() == []
        store._conn.execute("PRAGMA max_page_count = 1073741823")  # room again: the redo goes through
        project.redo()
        assert [d.name for d in project.documents()] == ["P01"]

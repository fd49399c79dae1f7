"""The project file: schema versions, migrations, refusal of foreign or newer files, atomic writes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from framework_qa import new_project, open_project
from framework_qa.core.errors import FqaError, ProjectVersionError
from framework_qa.core.storage import SCHEMA_VERSION, Store
from framework_qa.core.storage.schema import MIGRATIONS


def test_new_file_has_current_schema_wal_and_foreign_keys(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.fqa", create=True)
    assert store.schema_version == SCHEMA_VERSION
    conn = sqlite3.connect(tmp_path / "a.fqa")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"codings_document", "codings_code", "codings_coder"} <= indexes
    store.close()


def test_version_1_file_is_migrated_forward_keeping_its_data_and_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.fqa"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + "\nPRAGMA user_version = 1;")
    conn.execute("INSERT INTO cases (name, guid) VALUES ('P01', 'g1')")
    conn.commit()
    conn.close()
    with open_project(path) as project:
        assert project.store.schema_version == SCHEMA_VERSION
        assert [c.name for c in project.cases()] == ["P01"]
        project.set_summary("P01", project.add_code("Theme").created_id("codes"), "migrated table works")
        assert project.summaries()[0].text == "migrated table works"
    assert (tmp_path / "old.fqa.v1-backup").exists()


def test_file_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.fqa"
    new_project(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ProjectVersionError, match="newer framework-qa"):
        open_project(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", [b"", b"hello, not a database", b"SQLite format 3\x00" + b"\x00" * 84])
def test_files_that_are_not_projects_are_refused_with_their_name(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.fqa"
    path.write_bytes(content)
    with pytest.raises(FqaError, match="notes.fqa"):
        open_project(path)


def test_missing_project_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FqaError, match="no such project file"):
        open_project(tmp_path / "absent.fqa")


def test_creating_over_an_existing_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.fqa"
    path.write_text("keep me")
    with pytest.raises(FqaError, match="already exists"):
        new_project(path)
    assert path.read_text() == "keep me"


def test_a_command_that_fails_midway_writes_nothing(tmp_path: Path) -> None:
    with new_project(tmp_path / "p.fqa") as project:
        project.add_document("D1", "Some text here")

        def body() -> None:
            project.store.insert("cases", {"name": "half", "guid": "g-half"})
            raise RuntimeError("crash inside the command")
        with pytest.raises(RuntimeError):
            project.undo_stack.run("Broken", body)
        assert project.find_case("half") is None
        assert project.undo_stack.undo_label == "Add document 'D1'"
    with open_project(tmp_path / "p.fqa") as again:
        assert again.find_case("half") is None


def test_killed_process_loses_only_the_uncommitted_command(tmp_path: Path) -> None:
    """A process killed inside a transaction leaves the file as of the last committed command."""
    import subprocess
    import sys

    path = tmp_path / "k.fqa"
    with new_project(path) as project:
        project.add_document("D1", "Committed text")
    script = (
        "import os, framework_qa\n"
        f"p = framework_qa.open_project({str(path)!r})\n"
        "def body():\n"
        "    p.store.insert('cases', {'name': 'in-flight', 'guid': 'g-k'})\n"
        "    os._exit(9)\n"
        "p.undo_stack.run('Killed', body)\n"
    )
    assert subprocess.run([sys.executable, "-c", script]).returncode == 9
    with open_project(path) as project:
        assert [d.name for d in project.documents()] == ["D1"]
        assert project.find_case("in-flight") is None


def test_version_2_file_gets_unique_sibling_codes_ids_never_reused_and_a_feed(tmp_path: Path) -> None:
    """A file written before many writers were guarded: twin sibling codes (which a race could create)
    are renamed so the new unique index holds, and ids freed by deletions are not handed out again."""
    path = tmp_path / "v2.fqa"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + MIGRATIONS[1] + "\nPRAGMA user_version = 2;")
    conn.executemany("INSERT INTO codes (id, guid, parent_id, name, colour, origin) VALUES (?, ?, ?, ?, '#fff', "
                     "'emergent')", [(1, "a", None, "Trust"), (2, "b", None, "Trust"), (3, "c", 1, "Trust"),
                                     (4, "d", 1, "Trust"), (5, "e", None, "Gone")])
    conn.execute("DELETE FROM codes WHERE id = 5")
    conn.commit()
    conn.close()
    with open_project(path) as project:
        assert sorted(project.code_path(c) for c in project.codes()) == \
            ["Trust", "Trust (2)", "Trust/Trust", "Trust/Trust (4)"]
        new_id = project.add_code("Fresh").created_id("codes")
        assert new_id > 4
        project.undo()
        assert project.add_code("Fresh again").created_id("codes") > new_id
    assert (tmp_path / "v2.fqa.v2-backup").exists()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("SELECT COUNT(*) FROM changes").fetchone()[0] == 3  # add, undo, add
    conn.close()


def test_two_programs_opening_an_old_file_at_once_migrate_it_once(tmp_path: Path) -> None:
    path = tmp_path / "v2.fqa"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + MIGRATIONS[1] + "\nPRAGMA user_version = 2;")
    conn.close()
    script = ("import sys\nfrom framework_qa import open_project\n"
              "with open_project(sys.argv[1]) as p: print(len(p.codes()))\n")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], results
    with open_project(path) as project:
        assert project.store.schema_version == SCHEMA_VERSION


def test_rows_record_the_account_that_created_and_changed_them(tmp_path: Path) -> None:
    import getpass

    with new_project(tmp_path / "a.fqa") as project:
        code = project.add_code("Trust").created_id("codes")
        project.update_code(code, definition="d")
        row = project.store.row("codes", code)
    assert row is not None and row["created_by"] == row["changed_by"] == getpass.getuser()
    assert row["changed_at"].endswith("Z")

"""Opening and creating a project file: what the file carries, which files are refused and how, when an
upgrade copies the file first, and a second program migrating the same file at the same moment."""

from __future__ import annotations

import sqlite3
import sys
import threading
import time
from pathlib import Path

import pytest

from framework_qa import new_project, open_project
from framework_qa.core.errors import FqaError, ProjectBusy
from framework_qa.core.storage import SCHEMA_VERSION, Store
from framework_qa.core.storage.schema import MIGRATIONS
from framework_qa.core.storage.store import APPLICATION_ID, _statements


def old_file(path: Path, version: int, *, wal: bool = True) -> None:
    """A project file as framework-qa `version` wrote it."""
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.executescript("".join(MIGRATIONS[:version]) + f"\nPRAGMA user_version = {version};")
    conn.close()


def backups(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "backup" in p.name)


def test_a_new_file_is_marked_as_ours_in_its_header_even_inside_new_folders(tmp_path: Path) -> None:
    path = tmp_path / "team" / "2026" / "study.fqa"
    Store(path, create=True).close()
    header = path.read_bytes()[:100]
    assert header.startswith(b"SQLite format 3\x00")
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID  # SQLite's application_id field
    Store(tmp_path / "team" / "second.fqa", create=True).close()  # the folder exists now: fine too
    assert sorted(p.name for p in (tmp_path / "team").iterdir()) == ["2026", "second.fqa"]


def test_opening_writes_to_the_file_with_a_full_sync_and_a_write_ahead_log(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.fqa", create=True)
    try:
        assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.location == str(tmp_path / "a.fqa") and store.identity is None
    finally:
        store.close()


def test_an_sqlite_file_of_another_program_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "budget.fqa"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE expenses (amount REAL)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(FqaError, match=r"^budget.fqa: not a framework-qa project \(no project tables\)$"):
        open_project(path)
    assert path.read_bytes() == before
    assert backups(tmp_path) == []


def test_only_an_upgrade_copies_the_file_first(tmp_path: Path) -> None:
    new_project(tmp_path / "new.fqa").close()
    with open_project(tmp_path / "new.fqa") as project:
        project.add_code("Trust")
    assert backups(tmp_path) == []
    old_file(tmp_path / "old.fqa", 2)
    open_project(tmp_path / "old.fqa").close()
    open_project(tmp_path / "old.fqa").close()  # upgraded once: opening it again copies nothing
    assert backups(tmp_path) == ["old.fqa.v2-backup"]
    conn = sqlite3.connect(tmp_path / "old.fqa.v2-backup")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()


def test_an_upgrade_that_finds_a_dangling_reference_refuses_and_keeps_the_copy(tmp_path: Path) -> None:
    path = tmp_path / "v2.fqa"
    old_file(path, 2)
    conn = sqlite3.connect(path)  # foreign keys are off by default: another tool could write this
    conn.execute("INSERT INTO codes (id, guid, parent_id, name, colour, origin) "
                 "VALUES (1, 'g', 99, 'Orphan', '#fff', 'emergent')")
    conn.commit()
    conn.close()
    with pytest.raises(FqaError, match=r"^v2.fqa: the project refers to rows that do not exist; it was "
                                       r"upgraded, and the file before the upgrade kept as a backup$"):
        open_project(path)
    assert backups(tmp_path) == ["v2.fqa.v2-backup"]


def test_a_current_file_opens_without_scanning_its_references(tmp_path: Path) -> None:
    """The reference check runs after an upgrade only: opening a large project must not read every row."""
    path = tmp_path / "p.fqa"
    new_project(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO codes (id, guid, parent_id, name, colour, origin) "
                 "VALUES (1, 'g', 99, 'Orphan', '#fff', 'emergent')")
    conn.commit()
    conn.close()
    with open_project(path) as project:
        assert project.store.row("codes", 1)["name"] == "Orphan"


def test_a_program_opening_a_file_another_is_upgrading_waits_and_upgrades_it_once(tmp_path: Path) -> None:
    """Both programs read version 2; the other one takes the write lock first and applies migration 3.
    This one waits for the lock, sees version 3 and goes on with migration 4 only."""
    path = tmp_path / "v2.fqa"
    old_file(path, 2)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    opened: list[Store] = []
    failed: list[BaseException] = []

    def open_it() -> None:
        try:
            opened.append(Store(path))
        except BaseException as exc:  # handed to the test thread
            failed.append(exc)

    opener = threading.Thread(target=open_it)
    opener.start()
    deadline = time.monotonic() + 10
    while not (tmp_path / "v2.fqa.v2-backup").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)  # the opener is now waiting for the write lock
    assert opener.is_alive()
    for statement in _statements(MIGRATIONS[2]):
        other.execute(statement)
    other.execute("PRAGMA user_version = 3")
    other.execute("COMMIT")
    other.close()
    opener.join(timeout=20)
    assert not failed, failed
    store = opened[0]
    try:
        assert store.schema_version == SCHEMA_VERSION
        assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        store.set_wait_handler(None)
        with store.transaction():
            store.insert("cases", {"name": "P01", "guid": "g1"})
        assert [r["name"] for r in store.select("cases")] == ["P01"]
    finally:
        store.close()


def test_a_project_opened_by_one_thread_serves_another(tmp_path: Path) -> None:
    """A window opens a project in a worker thread (a slow disk, an upgrade) and then uses it itself."""
    path = tmp_path / "p.fqa"
    new_project(path).close()
    opened: list[Store] = []
    opener = threading.Thread(target=lambda: opened.append(Store(path)))
    opener.start()
    opener.join()
    store = opened[0]
    with store.transaction():
        store.insert("cases", {"name": "P01", "guid": "g1"})
    assert [r["name"] for r in store.select("cases")] == ["P01"]
    store.close()


def test_opening_a_file_another_program_holds_exclusively_says_busy(tmp_path: Path) -> None:
    """A file still in SQLite's rollback journal (as a version 1 file may be) while another program
    writes it: opening cannot switch it to the write-ahead log yet, and says the project is busy."""
    path = tmp_path / "v1.fqa"
    old_file(path, 1, wal=False)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(ProjectBusy, match="^the project is busy"):
            Store(path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    with open_project(path) as project:  # once the other program is done, it opens and upgrades
        assert project.store.schema_version == SCHEMA_VERSION


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a folder where no file can be created")
def test_creating_a_project_where_no_file_can_be_written_names_the_file() -> None:
    with pytest.raises(FqaError, match=r"^study.fqa: the project file cannot be written \(unable to open"):
        Store(Path("/proc/study.fqa"), create=True)


def test_a_closed_project_answers_a_late_look_at_the_feed_with_one_line(tmp_path: Path) -> None:
    """A window's poll timer may fire once more after the project was closed."""
    store = Store(tmp_path / "late.fqa", create=True)
    store.close()
    with pytest.raises(FqaError, match="^late.fqa: Cannot operate on a closed database"):
        store.news()


def test_a_migration_script_is_split_into_statements_whatever_its_comments() -> None:
    script = ("CREATE TABLE notes (\n"
              "    id INTEGER PRIMARY KEY, -- the note's number; a ';' here ends nothing\n"
              "    body TEXT\n"
              ");\n"
              "CREATE INDEX notes_body ON notes (body);\n"
              "  \n")
    statements = list(_statements(script))
    assert len(statements) == 2 and statements[1] == "CREATE INDEX notes_body ON notes (body);"
    conn = sqlite3.connect(":memory:")
    for statement in statements:
        conn.execute(statement)
    assert [r[1] for r in conn.execute("PRAGMA table_info(notes)")] == ["id", "body"]
    conn.close()


def test_a_current_project_opens_at_once_while_another_program_writes_to_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only an upgrade takes the write lock: opening an up-to-date file reads, and never waits."""
    path = tmp_path / "p.fqa"
    with new_project(path) as project:
        project.add_code("Trust")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(Store, "wait_limit", 0.3)
    try:
        store = Store(path)
        try:
            assert [r["name"] for r in store.select("codes")] == ["Trust"]
        finally:
            store.close()
    finally:
        other.execute("ROLLBACK")
        other.close()

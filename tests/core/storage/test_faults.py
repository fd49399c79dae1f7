"""SQLite's errors as the sentences a user reads (storage/faults.py), for each kind of error, with the
exceptions sqlite3 itself raises: a held lock, each broken invariant, an unwritable or damaged file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from framework_qa.core.errors import ConstraintViolation, FqaError, ProjectBusy, ProjectDamaged
from framework_qa.core.storage import faults

PATH = Path("/data/study.fqa")


def _raised(sql: str, *setup: str) -> sqlite3.Error:
    """The error sqlite3 raises for `sql` after `setup`, in a database in memory."""
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    for statement in setup:
        conn.execute(statement)
    with pytest.raises(sqlite3.Error) as raised:
        conn.execute(sql)
    conn.close()
    return raised.value


@pytest.mark.parametrize("text", ["database is locked", "database table is locked", "database is busy"])
def test_a_held_lock_is_busy(text: str) -> None:
    error = faults.translate(sqlite3.OperationalError(text), PATH)
    assert type(error) is ProjectBusy and str(error) == faults.BUSY_MESSAGE
    assert faults.is_busy(sqlite3.OperationalError(text))


def test_only_an_operational_error_about_a_lock_is_busy() -> None:
    assert not faults.is_busy(sqlite3.OperationalError("no such table: codes"))
    assert not faults.is_busy(sqlite3.IntegrityError("the row is locked"))  # not a lock of the file


@pytest.mark.parametrize("table, sentence", [
    ("documents", "a document of this name is already in the project"),
    ("codes", "a code of this name already exists at that place in the codebook"),
    ("mystery", "a value that must be unique is taken"),
])
def test_a_taken_name_names_what_is_taken(table: str, sentence: str) -> None:
    assert faults.unique_message(table) == sentence + faults.TAKEN
    assert faults.unique_message(table, identifier=True) == (
        f"an item with this identifier is already in the project ({table}){faults.TAKEN}")


def test_broken_invariants_become_sentences() -> None:
    unique = _raised("INSERT INTO documents VALUES ('P01')", "CREATE TABLE documents (name TEXT UNIQUE)",
                     "INSERT INTO documents VALUES ('P01')")
    error = faults.translate(unique, PATH)
    assert type(error) is ConstraintViolation
    assert str(error) == "a document of this name is already in the project" + faults.TAKEN
    guid = _raised("INSERT INTO codes VALUES ('g')", "CREATE TABLE codes (guid TEXT UNIQUE)",
                   "INSERT INTO codes VALUES ('g')")
    assert str(faults.translate(guid, PATH)) == f"an item with this identifier is already in the project (codes){faults.TAKEN}"
    sibling = _raised("INSERT INTO codes VALUES (1, 'Bond')", "CREATE TABLE codes (parent INT, name TEXT)",
                      "CREATE UNIQUE INDEX codes_sibling_name ON codes (parent, name)",
                      "INSERT INTO codes VALUES (1, 'Bond')")
    assert str(faults.translate(sibling, PATH)) == faults.unique_message("codes")
    gone = _raised("INSERT INTO codings VALUES (9)", "CREATE TABLE codes (id INTEGER PRIMARY KEY)",
                   "CREATE TABLE codings (code_id INT REFERENCES codes (id))")
    assert str(faults.translate(gone, PATH)) == faults.GONE
    check = _raised("INSERT INTO codings VALUES (5, 2)", "CREATE TABLE codings (s INT, e INT, CHECK (s < e))")
    assert str(faults.translate(check, PATH)) == "a value is out of range (s < e)"
    not_null = _raised("INSERT INTO codes VALUES (NULL)", "CREATE TABLE codes (name TEXT NOT NULL)")
    assert str(faults.translate(not_null, PATH)) == "NOT NULL constraint failed: codes.name"


@pytest.mark.parametrize("text", ["disk I/O error", "attempt to write a readonly database",
                                  "unable to open database file"])
def test_an_unwritable_file_names_the_file_and_what_to_check(text: str) -> None:
    error = faults.translate(sqlite3.OperationalError(text), PATH)
    assert type(error) is FqaError
    assert str(error) == f"study.fqa: the project file cannot be written ({text}); check the disk and the file's permissions"


def test_a_damaged_file_points_to_the_newest_backup_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "study.fqa"
    error = faults.translate(sqlite3.DatabaseError("file is not a database"), path)
    assert type(error) is ProjectDamaged
    assert str(error) == (f"the project file is damaged at {path} (file is not a database); restore it from your "
                          "latest backup copy, or ask for help before writing to it again")
    for name in ("study.fqa.v2-backup", "study.fqa.v4-backup", "study.fqa.v3-backup", "other.fqa.v9-backup"):
        (tmp_path / name).write_bytes(b"")
    assert str(faults.damaged(path, "malformed")) == (
        f"the project file is damaged at {path} (malformed); restore the backup study.fqa.v4-backup, or ask for "
        "help before writing to it again")


def test_other_errors_name_the_file_and_say_what_sqlite_said() -> None:
    for error in (sqlite3.OperationalError("no such table: codes"), sqlite3.ProgrammingError("closed database")):
        translated = faults.translate(error, PATH)
        assert type(translated) is FqaError and str(translated) == f"study.fqa: {error}"

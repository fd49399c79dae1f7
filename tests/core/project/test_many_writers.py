"""Several writers on one project file: each scenario with two `Project`s on one real file (or a real
second process), asserting what the file holds afterwards."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from framework_qa import Project, new_project, open_project
from framework_qa.core.commands import Change
from framework_qa.core.errors import ConstraintViolation, EditConflict, FqaError, NotFound

TEXT = "Interviewer: Why?\nP01: I trusted it. Robin felt real.\n"
BOND = "Working alliance/Bond"


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Project, Project]]:
    """Process A and process B: two projects open on one file, as two programs would have it."""
    path = tmp_path / "study.fqa"
    with new_project(path, ["alliance"]) as a:
        a.add_document("P01", TEXT)
        a.undo_stack.clear()
        with open_project(path) as b:
            yield a, b


def in_file(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def cli(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "framework_qa.cli.main", *map(str, args)],
                          capture_output=True, text=True, timeout=60, env={**os.environ, **(env or {})})


def test_undo_refuses_to_overwrite_a_rename_by_another_writer(pair: tuple[Project, Project]) -> None:
    a, b = pair
    a.update_code(BOND, definition="The affective tie")
    b.update_code(BOND, name="Rapport")
    with pytest.raises(EditConflict, match=r"code 'Bond' was renamed to 'Rapport' since; undo .* skipped"):
        a.undo()
    assert in_file(a.path, "SELECT name, definition FROM codes WHERE name IN ('Bond', 'Rapport')") == \
        [("Rapport", "The affective tie")]
    assert not a.undo_stack.can_undo and not a.undo_stack.can_redo  # the refused step left the history
    assert a.code("Working alliance/Rapport").definition == "The affective tie"


def test_undo_and_redo_keep_another_writers_memo(pair: tuple[Project, Project]) -> None:
    a, b = pair
    coding_id = a.add_coding("P01", 18, 33, BOND, "amira").created_id("codings")
    a.update_coding(coding_id, memo="mine")
    b.update_coding(coding_id, memo="B's reading")
    with pytest.raises(EditConflict, match="memo"):
        a.undo()
    assert in_file(a.path, "SELECT memo FROM codings") == [("B's reading",)]
    with pytest.raises(EditConflict, match="memo"):  # nor does removing the coding B wrote on
        a.undo()
    assert in_file(a.path, "SELECT memo FROM codings") == [("B's reading",)]
    assert not a.undo_stack.can_undo and a.undo() is None


def test_redo_never_collides_with_a_row_another_writer_added(pair: tuple[Project, Project]) -> None:
    a, b = pair
    first = a.add_coding("P01", 18, 33, BOND, "amira").created_id("codings")
    a.undo()
    taken = b.add_coding("P01", 0, 11, BOND, "ben").created_id("codings")
    assert taken != first  # row ids are never reused
    change = a.redo()
    assert change is not None and change.ids("codings") == {first}
    assert in_file(a.path, "SELECT id, start FROM codings ORDER BY id") == [(first, 18), (taken, 0)]
    assert a.undo_stack.can_undo and not a.undo_stack.can_redo
    a.undo()
    assert in_file(a.path, "SELECT id FROM codings") == [(taken,)]


def test_a_code_deleted_elsewhere_refuses_undo_and_new_codings_cleanly(pair: tuple[Project, Project]) -> None:
    a, b = pair
    a.add_coding("P01", 18, 33, BOND, "amira")
    bond = a.code(BOND)  # a's view of the code, about to go stale
    b.delete_code(BOND)
    with pytest.raises(EditConflict, match="deleted since"):
        a.undo()
    with pytest.raises(NotFound):
        a.add_coding("P01", 0, 5, bond.id, "amira")
    b.undo()  # b brings the code and its coding back; a sees them at once
    assert a.coding_counts() == {bond.id: 1}


def test_undo_refuses_to_remove_a_code_someone_has_used_since(pair: tuple[Project, Project]) -> None:
    a, b = pair
    a.add_code("Feeling judged")
    b.add_coding("P01", 18, 33, "Feeling judged", "ben")
    with pytest.raises(EditConflict, match="'Feeling judged' is now used by 1 coding added since"):
        a.undo()
    assert in_file(a.path, "SELECT COUNT(*) FROM codings") == [(1,)]


def test_a_stale_codebook_cannot_create_a_twin_code(pair: tuple[Project, Project]) -> None:
    a, b = pair
    assert a.find_code("Working alliance/Trust") is None  # a has read (and cached) the codebook
    result = cli("code", a.path, "--document", "P01", "--start", 0, "--end", 11, "--code",
                 "Working alliance/Trust", "--coder", "ben", "--emergent")
    assert result.returncode == 0, result.stderr
    with pytest.raises(FqaError, match="already exists"):
        a.add_code("Trust", parent="Working alliance")
    assert in_file(a.path, "SELECT COUNT(*) FROM codes WHERE name = 'Trust'") == [(1,)]


def test_the_database_itself_refuses_twin_sibling_codes(tmp_path: Path) -> None:
    path = tmp_path / "s.fqa"
    new_project(path).close()
    with open_project(path) as a, open_project(path) as b:
        for p in (a, b):
            p.codes()  # both have read the empty codebook
        a.add_code("Trust")
        with pytest.raises(ConstraintViolation, match="a code of this name already exists"):
            b.undo_stack.run("race", lambda: b.store.insert("codes", {
                "guid": "g", "parent_id": None, "name": "Trust", "colour": "#000000", "origin": "emergent"}))
    assert in_file(path, "SELECT COUNT(*) FROM codes") == [(1,)]


def test_reads_see_other_writers_at_once_and_listeners_hear_them_on_poll(pair: tuple[Project, Project]) -> None:
    a, b = pair
    heard: list[Change] = []
    a.subscribe(heard.append)
    a.codes(), a.documents(), a.coders()
    b.add_document("P02", "P02: Reminders nagged me.\n")
    b.add_code("Nagging")
    b.add_coding("P02", 5, 14, "Nagging", "ben")
    assert a.document("P02").length == len("P02: Reminders nagged me.\n")
    assert a.find_code("Nagging") is not None
    assert [c.start for c in a.codings(document="P02", coders=["ben"])] == [5]
    changes = a.poll()
    assert [c.label for c in changes] == ["Add document 'P02'", "Add theme 'Nagging'", "Code as 'Nagging'"]
    assert heard == changes and all(c.remote for c in changes)
    assert changes[2].coded_documents == {a.document("P02").id}
    assert a.poll() == []


def test_a_subprocess_change_reaches_listeners(pair: tuple[Project, Project]) -> None:
    a, _ = pair
    a.codings()
    result = cli("code", a.path, "--document", "P01", "--start", 18, "--end", 33, "--code", BOND,
                 "--coder", "ben")
    assert result.returncode == 0, result.stderr
    [change] = a.poll()
    assert change.remote and change.touches("codings") and change.label == "Code as 'Bond'"
    assert len(a.codings()) == 1


def hold_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    """Another program that takes the project's write lock, holds it `seconds`, then commits."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, time\n"
         f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
         f"c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep({seconds}); c.execute('COMMIT')\n"],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    return holder


def test_a_held_lock_makes_a_writer_wait_then_fail_with_one_line(pair: tuple[Project, Project],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    a, _ = pair
    holder = hold_lock(a.path, 30)
    try:
        waits: list[float] = []
        a.set_wait_handler(waits.append)
        monkeypatch.setattr(type(a.store), "wait_limit", 0.6)
        with pytest.raises(FqaError, match="^the project is busy: another program is writing to it; try again$"):
            a.add_code("Waiting")
        assert waits and max(waits) < 0.6
        result = cli("code", a.path, "--document", "P01", "--start", 0, "--end", 5, "--code", BOND,
                     "--coder", "ben", env={"FRAMEWORK_QA_WAIT": "0.5"})
        assert result.returncode == 1
        assert result.stderr.strip().splitlines() == \
            ["framework-qa: error: the project is busy: another program is writing to it; try again"]
    finally:
        holder.kill()
        holder.wait()
    a.add_code("Waiting")  # the lock is gone: the same write succeeds
    assert a.find_code("Waiting") is not None


def test_a_writer_that_waits_briefly_succeeds(pair: tuple[Project, Project]) -> None:
    a, _ = pair
    holder = hold_lock(a.path, 0.8)
    waits: list[float] = []
    a.set_wait_handler(waits.append)
    a.add_code("Patient")
    holder.wait()
    assert waits and a.find_code("Patient") is not None


def test_a_damaged_file_is_named_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "study.fqa"
    with new_project(path, ["alliance", "psd", "dta"]) as p:
        for n in range(40):
            p.add_document(f"P{n:02}", TEXT * 200)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page * 3, len(data) - page, page * 2):
        data[start:start + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))
    result = cli("codings", path)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "the project file is damaged at" in lines[0] and "Traceback" not in result.stderr

"""Server projects on a real PostgreSQL server: the many-writers guarantees, the feed through
LISTEN/NOTIFY, and one clear line for every way opening or writing can fail."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import psycopg
import pytest

from framework_qa import Project, new_project, open_project
from framework_qa.core.errors import ConstraintViolation, EditConflict, FqaError, ProjectVersionError

TEXT = "Interviewer: Why?\nP01: I trusted it. Robin felt real.\n"
BOND = "Working alliance/Bond"


@pytest.fixture
def pair(server_address: str) -> Iterator[tuple[Project, Project]]:
    with new_project(server_address, ["alliance"]) as a:
        a.add_document("P01", TEXT)
        a.undo_stack.clear()
        with open_project(server_address) as b:
            yield a, b


def eventually(check: Callable[[], object], seconds: float = 3.0) -> object:
    """`check()` once it is truthy: a colleague's commit reaches this client by a notification, which
    may still be on its way (a fraction of a millisecond here) when the colleague's call returns."""
    deadline = time.monotonic() + seconds
    while not (result := check()) and time.monotonic() < deadline:
        time.sleep(0.005)
    return result


def scalar(address: str, sql: str) -> object:
    with psycopg.connect(address, autocommit=True) as conn:
        row = conn.execute(sql).fetchone()
        return None if row is None else row[0]


def test_undo_refuses_to_overwrite_a_colleagues_rename(pair: tuple[Project, Project]) -> None:
    a, b = pair
    a.update_code(BOND, definition="The affective tie")
    b.update_code(BOND, name="Rapport")
    with pytest.raises(EditConflict, match="code 'Bond' was renamed to 'Rapport' since; undo"):
        a.undo()
    assert scalar(a.location, "SELECT name || ':' || definition FROM codes WHERE name = 'Rapport'") == \
        "Rapport:The affective tie"
    assert not a.undo_stack.can_undo


def test_redo_never_collides_with_a_row_a_colleague_added(pair: tuple[Project, Project]) -> None:
    a, b = pair
    first = a.add_coding("P01", 18, 33, BOND, "amira").created_id("codings")
    a.undo()
    taken = b.add_coding("P01", 0, 11, BOND, "ben").created_id("codings")
    assert taken != first
    a.redo()
    assert scalar(a.location, "SELECT count(*) FROM codings") == 2


def test_undo_refuses_to_remove_a_code_a_colleague_has_used(pair: tuple[Project, Project]) -> None:
    a, b = pair
    a.add_code("Feeling judged")
    b.add_coding("P01", 18, 33, "Feeling judged", "ben")
    with pytest.raises(EditConflict, match="'Feeling judged' is now used by 1 coding added since"):
        a.undo()
    assert scalar(a.location, "SELECT count(*) FROM codings") == 1
    a.add_code("Hopeful")  # the session is usable after the refused replay
    assert a.find_code("Hopeful") is not None


def test_the_server_refuses_twin_sibling_codes(pair: tuple[Project, Project]) -> None:
    a, b = pair
    b.codes()
    a.add_code("Trust")
    with pytest.raises(ConstraintViolation, match="a code of this name already exists"):
        b.undo_stack.run("race", lambda: b.store.insert("codes", {
            "guid": "g", "parent_id": None, "name": "Trust", "colour": "#000000", "origin": "emergent"}))
    assert scalar(a.location, "SELECT count(*) FROM codes WHERE name = 'Trust'") == 1


def test_a_colleagues_change_arrives_by_notification(pair: tuple[Project, Project]) -> None:
    a, b = pair
    assert a.poll() == []
    script = ("import sys\nfrom framework_qa import open_project\n"
              "with open_project(sys.argv[1]) as p: p.add_coding('P01', 18, 33, sys.argv[2], 'ben')\n")
    subprocess.run([sys.executable, "-c", script, a.location, BOND], check=True, timeout=60)
    [change] = eventually(a.poll)  # type: ignore[misc]
    assert change.remote and change.label == "Code as 'Bond'" and change.coded_documents
    assert [c.start for c in a.codings()] == [18]
    assert a.poll() == []


def test_a_held_write_lock_makes_a_writer_wait_then_fail_with_one_line(
        pair: tuple[Project, Project], monkeypatch: pytest.MonkeyPatch) -> None:
    a, _ = pair
    monkeypatch.setattr(type(a.store), "wait_limit", 0.5)
    waits: list[float] = []
    a.set_wait_handler(waits.append)
    with psycopg.connect(a.location, autocommit=True) as holder:
        holder.execute("BEGIN")
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (0x46514131,))
        with pytest.raises(FqaError, match="^the project is busy: another program is writing to it; try again$"):
            a.add_code("Waiting")
        holder.execute("ROLLBACK")
    assert waits
    a.add_code("Waiting")
    assert a.find_code("Waiting") is not None


def test_a_connection_lost_in_the_middle_of_an_edit_is_one_line_and_writes_nothing(
        pair: tuple[Project, Project]) -> None:
    a, b = pair
    pid = a.store._conn.info.backend_pid  # type: ignore[attr-defined]

    def code(name: str) -> dict[str, object]:
        return {"guid": name, "parent_id": None, "name": name, "colour": "#000000", "origin": "emergent"}

    def body() -> None:
        a.store.insert("codes", code("Lost 1"))
        with psycopg.connect(a.location, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        a.store.insert("codes", code("Lost 2"))
    with pytest.raises(FqaError, match="cannot be reached") as lost:
        a.undo_stack.run("Two themes", body)
    assert len(str(lost.value).splitlines()) == 1
    assert b.find_code("Lost 1") is None and b.find_code("Lost 2") is None
    a.add_code("Back")  # the next edit connects again
    assert eventually(lambda: b.find_code("Back"))


def test_connections_dropped_while_idle_are_opened_again_unnoticed(pair: tuple[Project, Project]) -> None:
    a, b = pair
    with psycopg.connect(a.location, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                      "AND pid <> pg_backend_pid() AND application_name = 'framework-qa'")
    a.add_code("Back")
    b.add_code("Also back")
    assert eventually(lambda: {c.name for c in a.codes()} >= {"Back", "Also back"})


def test_opening_refuses_what_is_not_a_project_with_one_line(pg_server: object, server_address: str) -> None:
    with pytest.raises(FqaError, match="not a framework-qa project"):
        open_project(server_address)
    with psycopg.connect(server_address, autocommit=True) as conn:
        conn.execute("CREATE TABLE patients (id int)")
    with pytest.raises(FqaError, match="the database is not empty"):
        new_project(server_address)
    secret = server_address.replace("postgres@", "postgres:s3cret-pw@").replace(
        f":{pg_server.port}/", ":1/")  # type: ignore[attr-defined]
    with pytest.raises(FqaError) as refused:
        open_project(secret)
    assert "cannot be reached" in str(refused.value) and "s3cret" not in str(refused.value)


def test_a_project_from_a_newer_version_is_refused(server_address: str) -> None:
    new_project(server_address).close()
    with psycopg.connect(server_address, autocommit=True) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(ProjectVersionError, match="newer framework-qa"):
        open_project(server_address)


def test_a_colleague_committing_in_the_middle_of_a_command_is_never_overwritten_by_its_undo(
        pair: tuple[Project, Project]) -> None:
    """Commands run side by side on a server. A colleague renames the code just after this command read
    the row it is about to change: the colleague must wait for the row, so this command's undo sees
    the rename and is refused instead of putting the old name back."""
    import threading

    a, _ = pair
    read_row = a.store._before  # type: ignore[attr-defined]
    colleague: list[BaseException] = []

    def rename() -> None:
        try:
            with open_project(a.location) as b:
                b.update_code(BOND, name="Rapport")
        except BaseException as exc:  # reported to the test below
            colleague.append(exc)

    thread = threading.Thread(target=rename)

    def read_then_let_the_colleague_in(table: str, row_id: int) -> object:
        image = read_row(table, row_id)
        if table == "codes" and not thread.is_alive() and thread.ident is None:
            thread.start()
            time.sleep(0.5)  # long enough for the colleague's commit, were the row not locked
        return image

    a.store._before = read_then_let_the_colleague_in  # type: ignore[attr-defined]
    a.update_code(BOND, definition="The affective tie")
    thread.join(timeout=30)
    assert not colleague and not thread.is_alive()
    with pytest.raises(EditConflict, match="renamed to 'Rapport'"):
        a.undo()
    assert scalar(a.location, "SELECT name || ':' || definition FROM codes WHERE name = 'Rapport'") == \
        "Rapport:The affective tie"

"""Roles and blind coding on a server project, enforced by PostgreSQL: checked through framework-qa and
through a raw psql-style connection of the same login, which must be refused just the same."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from framework_qa import Project, new_project, open_project
from framework_qa.core.errors import FqaError

TEXT = "Interviewer: Why?\nP01: I trusted it. Robin felt real.\n"
BOND = "Working alliance/Bond"


@pytest.fixture
def team(pg_server: object) -> Iterator[dict[str, Project]]:
    """A project owned by amira, with ben a coder and rita a reader (real logins, no superuser)."""
    database, logins = pg_server.team_database(("amira", "ben", "rita"))  # type: ignore[attr-defined]
    address = {k: pg_server.address(database, v) for k, v in logins.items()}  # type: ignore[attr-defined]
    with new_project(address["amira"], ["alliance"]) as amira:
        amira.add_document("P01", TEXT)
        amira.store.set_member(logins["ben"], "coder")  # type: ignore[attr-defined]
        amira.store.set_member(logins["rita"], "reader")  # type: ignore[attr-defined]
        with open_project(address["ben"]) as ben, open_project(address["rita"]) as rita:
            yield {"amira": amira, "ben": ben, "rita": rita, **{f"{k}_login": v for k, v in logins.items()}}  # type: ignore[dict-item]


def raw(project: Project, sql: str) -> list[tuple]:
    with psycopg.connect(project.location, autocommit=True) as conn:
        return conn.execute(sql).fetchall()


def test_members_are_listed_with_their_roles(team: dict) -> None:
    assert team["amira"].store.members() == sorted(
        [(team["amira_login"], "owner"), (team["ben_login"], "coder"), (team["rita_login"], "reader")])
    assert team["ben"].store.role == "coder" and team["rita"].store.role == "reader"


def test_a_coder_codes_only_as_themselves(team: dict) -> None:
    ben, amira_login = team["ben"], team["amira_login"]
    team["amira"].add_coding("P01", 0, 11, BOND, amira_login)
    ben.add_coding("P01", 18, 33, BOND, team["ben_login"])
    with pytest.raises(FqaError, match="you code as yourself"):
        ben.add_coding("P01", 18, 33, BOND, amira_login)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # and the database agrees, from psql too
        raw(ben, f"INSERT INTO codings (document_id, code_id, coder_id, start, \"end\", created_at, guid) "
                 f"SELECT 1, 4, id, 0, 5, 'now', 'x' FROM coders WHERE name = '{amira_login}'")


def test_a_coder_adds_themes_but_not_the_codebooks_structure(team: dict) -> None:
    ben = team["ben"]
    ben.add_code("Feeling judged")
    with pytest.raises(FqaError, match="role"):
        ben.update_code(BOND, name="Rapport")
    with pytest.raises(FqaError, match="role"):
        ben.add_document("P02", "P02: hello")
    assert team["amira"].find_code(BOND) is not None


def test_a_reader_reads_and_changes_nothing_even_from_psql(team: dict) -> None:
    rita = team["rita"]
    assert [d.name for d in rita.documents()] == ["P01"]
    with pytest.raises(FqaError, match="role"):
        rita.add_code("Mine")
    for sql in ("DELETE FROM documents", "UPDATE codes SET name = 'x'", "INSERT INTO members VALUES ('x', 'owner')"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw(rita, sql)
    assert raw(rita, "SELECT count(*) FROM documents") == [(1,)]


def test_blind_coding_hides_other_coders_codings_even_from_a_raw_select(team: dict) -> None:
    amira, ben = team["amira"], team["ben"]
    amira.add_coding("P01", 0, 11, BOND, team["amira_login"])
    ben.add_coding("P01", 18, 33, BOND, team["ben_login"])
    amira.store.set_blind(True)
    assert [c.start for c in ben.codings()] == [18]
    assert raw(ben, "SELECT start FROM codings") == [(18,)]
    assert sorted(c.start for c in amira.codings()) == [0, 18]  # the owner sees everyone's
    with pytest.raises(FqaError, match="only an owner"):
        ben.store.set_blind(False)
    amira.store.set_blind(False)
    assert sorted(c.start for c in ben.codings()) == [0, 18]


def test_a_coders_own_temporary_tables_cannot_make_them_an_owner(team: dict) -> None:
    """Temporary tables come first when PostgreSQL looks a table name up; the role and blinding rules
    must read the project's own tables, or a coder could declare themselves owner from psql."""
    amira, ben = team["amira"], team["ben"]
    amira.add_coding("P01", 0, 11, BOND, team["amira_login"])
    amira.store.set_blind(True)
    with psycopg.connect(ben.location, autocommit=True) as conn:
        conn.execute("CREATE TEMP TABLE members (login text, role text)")
        conn.execute("INSERT INTO members VALUES (session_user, 'owner')")
        conn.execute("CREATE TEMP TABLE meta (key text, value text)")
        conn.execute("INSERT INTO meta VALUES ('blind', 'off')")
        assert conn.execute("SELECT fqa_role(), fqa_blind()").fetchone() == ("coder", True)
        assert conn.execute("SELECT count(*) FROM public.codings").fetchone() == (0,)
        assert conn.execute("UPDATE public.codes SET name = 'Mine'").rowcount == 0


# The access functions and the feed trigger as the first server release created them.
EARLIER_ACCESS = """
CREATE OR REPLACE FUNCTION fqa_role() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
    $$ SELECT role FROM members WHERE login = session_user $$;
CREATE FUNCTION fqa_notify() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN PERFORM pg_notify('framework_qa_changes', NEW.seq::text); RETURN NULL; END $$;
CREATE TRIGGER changes_notify AFTER INSERT ON changes FOR EACH ROW EXECUTE FUNCTION fqa_notify();
DELETE FROM meta WHERE key = 'access_level';
"""


def test_a_project_of_the_first_server_release_is_repaired_when_its_owner_opens_it(team: dict) -> None:
    """Projects published before the access functions named their tables by schema: a coder's own
    temporary `members` table made them an owner there, until the owner opens the project again."""
    amira, ben = team["amira"], team["ben"]
    with psycopg.connect(amira.location, autocommit=True) as conn:
        conn.execute(EARLIER_ACCESS)

    def coder_claims_owner() -> str:
        with psycopg.connect(ben.location, autocommit=True) as conn:
            conn.execute("CREATE TEMP TABLE members (login text, role text)")
            conn.execute("INSERT INTO members VALUES (session_user, 'owner')")
            conn.execute("GRANT SELECT ON members TO PUBLIC")  # the functions run as the project's owner
            return conn.execute("SELECT fqa_role()").fetchone()[0]

    assert coder_claims_owner() == "owner"  # the hole, as it was
    with open_project(ben.location):  # a member cannot replace the owner's functions: opens as it is
        pass
    assert coder_claims_owner() == "owner"
    with open_project(amira.location):
        pass
    assert coder_claims_owner() == "coder"
    assert raw(amira, "SELECT count(*) FROM pg_trigger WHERE tgname = 'changes_notify'") == [(0,)]
    assert raw(amira, "SELECT value FROM meta WHERE key = 'access_level'") == [("2",)]


def test_membership_rules(team: dict, pg_server: object) -> None:
    amira, ben = team["amira"], team["ben"]
    with pytest.raises(FqaError, match="no database login named 'nobody'"):
        amira.store.set_member("nobody", "coder")
    with pytest.raises(FqaError, match="only owner"):
        amira.store.remove_member(team["amira_login"])
    with pytest.raises(FqaError, match="role"):
        ben.store.set_member(team["rita_login"], "owner")
    amira.store.remove_member(team["rita_login"])
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        raw(team["rita"], "SELECT count(*) FROM codes")


def test_members_and_blind_from_the_command_line(team: dict, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.cli.cli_support import run

    owner = team["amira"].location
    code, out, err = run(capsys, "members", owner, "--add", team["rita_login"], "--role", "coder", "--json")
    assert code == 0, err
    assert {"login": team["rita_login"], "role": "coder"} in __import__("json").loads(out)
    code, out, err = run(capsys, "blind", owner, "--on")
    assert (code, out.strip()) == (0, "blind coding is on")
    code, out, err = run(capsys, "blind", team["ben"].location, "--off")
    assert code == 1 and err.strip().splitlines() == [f"framework-qa: error: {team['ben'].store._where}: "
                                                       "only an owner can switch blind coding"]
    code, _, err = run(capsys, "members", owner, "--add", "nobody_at_all", "--role", "coder")
    assert code == 1 and "no database login named 'nobody_at_all'" in err


def test_members_of_a_project_file_are_refused_with_one_line(tmp_path: object,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from tests.cli.cli_support import run

    path = f"{tmp_path}/study.fqa"
    new_project(path).close()
    code, _, err = run(capsys, "members", path)
    assert code == 1 and "belong to server projects" in err


def test_every_row_records_who_created_and_last_changed_it(team: dict) -> None:
    amira, ben = team["amira"], team["ben"]
    theme = ben.add_code("Feeling judged").created_id("codes")
    row = raw(amira, f"SELECT created_by, changed_by, changed_at FROM codes WHERE id = {theme}")[0]
    assert row[:2] == (team["ben_login"], team["ben_login"]) and row[2].endswith("Z")
    amira.update_code(theme, definition="Sensing the app's judgement")
    assert raw(amira, f"SELECT created_by, changed_by FROM codes WHERE id = {theme}")[0] == \
        (team["ben_login"], team["amira_login"])
    amira.undo()  # undo puts the row back as it was, authors included
    assert raw(amira, f"SELECT changed_by FROM codes WHERE id = {theme}")[0] == (team["ben_login"],)


def test_switching_blind_coding_tells_open_clients_to_read_everything_again(team: dict) -> None:
    import time

    amira, ben = team["amira"], team["ben"]
    ben.poll()
    amira.set_blind(True)
    deadline = time.monotonic() + 3
    while not (heard := ben.poll()) and time.monotonic() < deadline:
        time.sleep(0.005)
    assert [(c.label, c.reset, c.remote) for c in heard] == [("Blind coding on", True, True)]

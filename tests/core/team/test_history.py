"""The history: the change feed as sentences, in order, filtered by time and account, on both back ends."""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from framework_qa import Project, new_project, open_project
from framework_qa.core.errors import FqaError
from framework_qa.core.team import history, parse_since

TEXT = "Interviewer: How was it?\nP03: Calm, mostly. Robin felt like someone was there.\n"


@dataclass(frozen=True)
class Team:
    """Where amira and ben open the project, and the account names the feed records for them."""

    amira: str
    ben: str
    names: dict[str, str]


_logins = itertools.count(1)


@pytest.fixture(params=["file", "server"])
def team(request: pytest.FixtureRequest, tmp_path: Path) -> Team:
    """A file (accounts are login names, set through LOGNAME), or a server database owned by a real
    login amira_hN, where the feed names the database login."""
    if request.param == "file":
        path = str(tmp_path / "study.fqa")
        return Team(path, path, {"amira": "amira", "ben": "ben"})
    server = request.getfixturevalue("pg_server")
    n = f"{os.getpid()}_{next(_logins)}"
    names = {"amira": f"amira_h{n}", "ben": f"ben_h{n}"}
    with psycopg.connect(server.address("postgres"), autocommit=True) as admin:
        for login in names.values():
            admin.execute(f"CREATE ROLE {login} LOGIN")
        admin.execute(f"CREATE DATABASE history_{n} OWNER {names['amira']}")
    return Team(server.address(f"history_{n}", names["amira"]), server.address(f"history_{n}", names["ben"]),
                names)


def _worked(team: Team, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """amira imports P03 and P04, codes, undoes and redoes; ben then codes P04 from his own program.
    Returns the account names."""
    amira, ben = team.names["amira"], team.names["ben"]
    monkeypatch.setenv("LOGNAME", amira)
    with new_project(team.amira, ["alliance"]) as project:
        project.add_document("P03", TEXT)
        project.add_document("P04", TEXT)
        project.add_coding("P03", 26, 30, "Working alliance/Bond", amira)
        project.undo()
        project.redo()
        if project.identity is not None:  # a server project: ben codes there as a member
            project.set_member(ben, "coder")
    monkeypatch.setenv("LOGNAME", ben)
    with open_project(team.ben) as project:
        project.add_coding("P04", 26, 30, "Working alliance/Goal", ben)
    return team.names


def _sentences(project: Project, **filters: str) -> list[str]:
    return [e.sentence[17:] for e in history(project, **filters)]  # without "YYYY-MM-DD HH:MM "


def test_history_lists_commands_undos_and_redos_in_order(team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    names = _worked(team, monkeypatch)
    amira, ben = names["amira"], names["ben"]
    with open_project(team.amira) as project:
        entries = history(project)
        assert _sentences(project) == [
            f"{amira}: Add framework 'Working alliance'",
            f"{amira}: Add document 'P03'",
            f"{amira}: Add document 'P04'",
            f"{amira}: Code as 'Bond' in P03",
            f"{amira}: Undo Code as 'Bond' in P03",
            f"{amira}: Redo Code as 'Bond' in P03",
            f"{ben}: Code as 'Goal' in P04",
        ]
        assert [e.record.seq for e in entries] == sorted(e.record.seq for e in entries)
        assert entries[0].sentence[:16] == entries[0].record.at.replace("T", " ")[:16]


def test_history_filters_by_account_and_time(team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    ben = _worked(team, monkeypatch)["ben"]
    with open_project(team.amira) as project:
        assert _sentences(project, who=ben) == [f"{ben}: Code as 'Goal' in P04"]
        assert _sentences(project, who="nobody") == []
        everything = history(project)
        assert len(history(project, since="2000-01-01")) == len(everything)
        assert history(project, since="2999-01-01") == []
        last = everything[-1].record.at
        assert [e.record.seq for e in history(project, since=last)] == \
            [e.record.seq for e in everything if e.record.at >= last]


def test_a_deleted_documents_name_is_left_out_and_the_json_shape(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOGNAME", "amira")
    with new_project(tmp_path / "study.fqa", ["alliance"]) as project:
        project.add_document("P03", TEXT)
        project.add_document("P04", TEXT)
        project.add_coding("P04", 26, 30, "Working alliance/Bond", "amira")
        p04 = project.document("P04").id
        project.delete_document("P04")
        coded = next(e for e in history(project) if e.record.label == "Code as 'Bond'")
        assert coded.sentence.endswith("amira: Code as 'Bond'")
        data = coded.as_json()
        assert set(data) == {"seq", "at", "who", "action", "label", "documents", "document_ids", "rows", "sentence"}
        assert data["documents"] == [] and data["document_ids"] == [p04] and data["action"] == "do"
        assert "codings" in data["rows"] and data["at"].endswith("Z")


def test_many_documents_are_summed_up() -> None:
    from framework_qa.core.storage import FeedRecord
    from framework_qa.core.team.history import HistoryEntry

    record = FeedRecord(7, "w", "amira", "2026-11-30T09:14:05Z", "Import codings", "do", {"codings": (1,)},
                        (1, 2, 3, 4, 5, 6))
    entry = HistoryEntry(record, ("P01", "P02", "P03", "P04", "P05", "P06"))
    assert entry.sentence == "2026-11-30 09:14 amira: Import codings in P01, P02, P03 and 3 more"


def test_since_takes_dates_and_times_as_utc() -> None:
    assert parse_since("2026-11-30") == "2026-11-30T00:00:00Z"
    assert parse_since("2026-11-30T10:15+01:00") == "2026-11-30T09:15:00Z"
    assert parse_since("2026-11-30 09:15") == "2026-11-30T09:15:00Z"
    with pytest.raises(FqaError, match="'last week' is not a date or time"):
        parse_since("last week")

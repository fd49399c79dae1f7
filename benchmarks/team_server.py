"""The `team` benchmark's server project and its check afterwards: nothing lost, nothing twice.

`publish_project` puts the benchmark's project file on the server the way a team would
(`framework_qa.core.team.publish` into an empty database, ids kept), with one database login per coder
process and one for the watching client, each a member with the coder role, so every write passes the
same grants and row-level security a real coder's does. `tally` then reads what was stored, from the
server or the file alike, so `check` can hold it against what the processes say they created.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import framework_qa
from benchmarks.pg_server import Server
from benchmarks.team_coder import CoderResult
from framework_qa.core.team import publish

OWNED = "SELECT codings.id, coders.name FROM codings JOIN coders ON coders.id = codings.coder_id"
SHARED_GUIDS = "SELECT count(*) FROM (SELECT guid FROM codings GROUP BY guid HAVING count(*) > 1) AS shared"


def publish_project(server: Server, source: Path, database: str, logins: Sequence[str]) -> tuple[str, float]:
    """Create `logins` (LOGIN roles) and an empty `database`, publish `source` into it as the superuser
    (who becomes its owner) and make every login a coder. Returns the owner's address and the seconds
    the publish took."""
    import psycopg

    with psycopg.connect(server.address("postgres"), autocommit=True) as admin:
        for login in logins:
            admin.execute(f'CREATE ROLE "{login}" LOGIN')
        admin.execute(f'CREATE DATABASE "{database}"')
    owner = server.address(database)
    started = time.perf_counter()
    publish(source, owner)
    took = time.perf_counter() - started
    with framework_qa.open_project(owner) as project:
        for login in logins:
            project.store.set_member(login, "coder")  # type: ignore[attr-defined]
    return owner, took


@dataclass(frozen=True)
class Tally:
    """What a project holds after the run: each coding's coder by id, and guids held by several codings."""

    coder_of: dict[int, str]
    shared_guids: int


def tally(target: str | Path) -> Tally:
    """Read the stored codings with a bare connection (the owner's on a server: no row is hidden)."""
    if isinstance(target, str) and target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as conn:
            rows = conn.execute(OWNED).fetchall()
            shared = conn.execute(SHARED_GUIDS).fetchone()
    else:
        with sqlite3.connect(str(target)) as lite:
            rows = lite.execute(OWNED).fetchall()
            shared = lite.execute(SHARED_GUIDS).fetchone()
    return Tally({int(i): str(name) for i, name in rows}, int(shared[0]) if shared else 0)


@dataclass(frozen=True)
class Integrity:
    """Codings asked for; stored under the processes' coders; lost (asked for but not stored under the id
    the process was given); duplicated (an id reported twice, or a stored coding no process reported);
    guids held by more than one coding in the whole project."""

    asked: int
    stored: int
    lost: int
    duplicated: int
    shared_guids: int

    @property
    def ok(self) -> bool:
        return self.lost == self.duplicated == self.shared_guids == 0 and self.stored == self.asked

    def sentence(self) -> str:
        return (f"{self.stored} of {self.asked} codings stored, {self.lost} lost, {self.duplicated} duplicated, "
                f"{self.shared_guids} duplicate guids")


def check(results: Sequence[CoderResult], asked: int, held: Tally) -> Integrity:
    """Hold each process's reported coding ids against the codings stored under its coder."""
    stored = lost = duplicated = 0
    for result in results:
        mine = {i for i, name in held.coder_of.items() if name == result.coder}
        reported = set(result.ids)
        stored += len(mine)
        lost += asked - len(reported & mine)
        duplicated += len(result.ids) - len(reported) + len(mine - reported)
    return Integrity(asked * len(results), stored, lost, duplicated, held.shared_guids)

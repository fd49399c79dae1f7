"""A real PostgreSQL server for the tests: Debian's `postgresql` binaries, started in a temporary
folder (in memory when the machine has a tmpfs) on a free local port with trust authentication and no
fsync, stopped at the end of the session.
Benchmarks start it with `fsync=True`, so commits are as durable (and as slow) as on a real server.

As root (CI), the server runs as the `postgres` system user, since PostgreSQL refuses to run as root.
Tests that need it skip, with the reason, only when no PostgreSQL binaries exist at all; CI installs them.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

_counter = itertools.count(1)


def binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


@dataclass
class Server:
    folder: Path
    bin: Path
    port: int
    user: str | None  # the system user the server runs as, when we are root

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = list(args)
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd="/")

    def address(self, database: str, user: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh empty database; returns its address."""
        import psycopg

        name = f"t{os.getpid()}_{next(_counter)}"
        with psycopg.connect(self.address("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.address(name)

    def team_database(self, people: tuple[str, ...]) -> tuple[str, dict[str, str]]:
        """New logins for `people` (unique names) and an empty database owned by the first of them;
        returns the database's name and each person's login."""
        import psycopg

        n = f"{os.getpid()}_{next(_counter)}"
        logins = {who: f"{who}_{n}" for who in people}
        database = f"team_{n}"
        with psycopg.connect(self.address("postgres"), autocommit=True) as conn:
            for login in logins.values():
                conn.execute(f"CREATE ROLE {login} LOGIN")
            conn.execute(f"CREATE DATABASE {database} OWNER {logins[people[0]]}")
        return database, logins

    def stop(self) -> None:
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def _memory_folder() -> str | None:
    """A folder in memory (tmpfs) for a server without fsync, when the machine has one: every test
    creates a database, which copies the template's 7.5 MB of files; on a disk that took a quarter of a
    second each and removing a worker's 1.2 GB of them at the end 12-37 s, in memory a tenth of that."""
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(*, fsync: bool = False) -> Server:
    """Start a server. Without `fsync` (the tests), commits skip every flush to disk, which is fast but
    not durable; with it, the server's defaults hold (fsync, synchronous commit, full-page writes)."""
    bin_dir = binaries()
    if bin_dir is None:
        raise FileNotFoundError("no PostgreSQL binaries (install Debian's postgresql package)")
    folder = Path(tempfile.mkdtemp(prefix="fqa-pg-", dir=None if fsync else _memory_folder()))
    user = None
    if os.geteuid() == 0:
        user = "postgres"
        os.chmod(folder, 0o755)
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    server = Server(folder, bin_dir, _free_port(), user)
    init = server.run(str(bin_dir / "initdb"), "-D", str(folder / "data"), "-U", "postgres", "--auth=trust",
                      "--encoding=UTF8", "--no-sync")
    if init.returncode != 0:
        raise RuntimeError(f"initdb failed: {init.stderr}")
    options = f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=60"
    if not fsync:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    started = server.run(str(bin_dir / "pg_ctl"), "-D", str(folder / "data"), "-o", options,
                         "-l", str(folder / "log"), "-w", "start")
    if started.returncode != 0:
        log = (folder / "log").read_text() if (folder / "log").exists() else ""
        raise RuntimeError(f"pg_ctl start failed: {started.stderr} {log}")
    return server

"""The SQLite project store: one file, the embedded default (the `ProjectStore` protocol).

What SQLite adds to the shared `SqlStore`:
- The file: recognised by its header, created with the current schema, migrated forward after a backup
  copy, refused when it comes from a newer framework-qa. WAL journal and `synchronous = FULL`, so a
  crash or kill loses at most the transaction in flight.
- The write lock: BEGIN IMMEDIATE, retried while another program holds it (telling the wait handler)
  up to `wait_limit` seconds, then `ProjectBusy`.
- The feed check: `PRAGMA data_version` changes only when another connection commits, so an idle
  `news()` costs one pragma (see `feed`). Row ids are never reused (AUTOINCREMENT).
- No `sqlite3` exception leaves this module (see `faults`).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from framework_qa.core.errors import FqaError, ProjectVersionError
from framework_qa.core.storage import faults
from framework_qa.core.storage.feed import FeedReader
from framework_qa.core.storage.interface import FeedNews
from framework_qa.core.storage.schema import MIGRATIONS, SCHEMA_VERSION
from framework_qa.core.storage.sql_store import SqlStore

APPLICATION_ID = 0x46514131  # "FQA1", stored in the SQLite header to recognise our files
_LOCK_POLL = 0.1  # seconds SQLite itself waits per attempt at the write lock


class Store(SqlStore):
    """An open SQLite project file. Not thread-safe: use one Store per thread."""

    _INTEGRITY = (sqlite3.IntegrityError,)

    def __init__(self, path: str | Path, *, create: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.location = str(self.path)
        if create:
            if self.path.exists():
                raise FqaError(f"{self.path.name}: a file with this name already exists")
            self.path.parent.mkdir(parents=True, exist_ok=True)
        else:
            _check_is_project(self.path)
        try:
            self._conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False,
                                         timeout=_LOCK_POLL)
        except sqlite3.Error as exc:
            raise faults.translate(exc, self.path) from None
        try:
            version = self._check_version(create)  # before anything is written to the file
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = FULL")
            self._migrate(version, create)
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._feed = FeedReader(self._conn, self.writer_id)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            if faults.is_busy(exc) or "malformed" in str(exc):
                raise faults.translate(exc, self.path) from None
            raise FqaError(f"{self.path.name}: not a readable framework-qa project ({exc})") from None
        except FqaError:
            self._conn.close()
            raise

    # ----------------------------------------------------------------- lifecycle
    def _check_version(self, create: bool) -> int:
        """The file's schema version; a file from a newer framework-qa or another program (an SQLite file
        without our tables) is refused while it is still exactly as it was (not even switched to WAL)."""
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise ProjectVersionError(
                f"{self.path.name}: this project was saved by a newer framework-qa (file version {version}, "
                f"this program reads up to {SCHEMA_VERSION}); update framework-qa to open it"
            )
        if version == 0 and not create:
            raise FqaError(f"{self.path.name}: not a framework-qa project (no project tables)")
        return version

    def _migrate(self, version: int, create: bool) -> None:
        if 0 < version < SCHEMA_VERSION:
            backup = self.path.with_name(f"{self.path.name}.v{version}-backup")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            import shutil  # only a migration copies the file; opening one does not load shutil

            shutil.copy2(self.path, backup)
        # Foreign keys are off while tables are rebuilt (SQLite's documented procedure), checked after.
        self._conn.execute("PRAGMA foreign_keys = OFF")
        for target in range(version + 1, SCHEMA_VERSION + 1):
            self._begin()  # waits for another writer; one that opened the file at once may migrate first
            try:
                if self.schema_version < target:
                    for statement in _statements(MIGRATIONS[target - 1]):
                        self._conn.execute(statement)
                    self._conn.execute(f"PRAGMA user_version = {target}")
                self._conn.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
        if version < SCHEMA_VERSION and self._conn.execute("PRAGMA foreign_key_check").fetchone():
            raise FqaError(f"{self.path.name}: the project refers to rows that do not exist; it was "
                           "upgraded, and the file before the upgrade kept as a backup")
        if create:
            self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    @property
    def identity(self) -> None:
        """A file has no logins: the coder is whoever the user says (the window asks)."""
        return None

    def close(self) -> None:
        self._conn.close()

    def backup_to(self, path: str | Path) -> None:
        """Write a consistent copy of the project to `path` with SQLite's online backup, through a
        hidden partial file renamed into place, so a failure never leaves half a project there."""
        target = Path(path)
        if target.resolve() == self.path.resolve():
            raise FqaError(f"{target.name}: that is the open project itself; choose another name")
        partial = target.with_name(f".{target.name}.partial")
        try:
            partial.unlink(missing_ok=True)
            copy = sqlite3.connect(str(partial))
            try:
                with self._faults():
                    self._conn.backup(copy)
            finally:
                copy.close()
            partial.replace(target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise FqaError(f"{target.name}: cannot write the copy ({exc.strerror or exc})") from None
        except sqlite3.Error as exc:
            partial.unlink(missing_ok=True)
            raise FqaError(f"{target.name}: cannot write the copy ({exc})") from None
        except BaseException:
            partial.unlink(missing_ok=True)
            raise

    # ----------------------------------------------------------------- the back end's primitives
    def _cursor(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, params)

    @contextmanager
    def _faults(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise faults.translate(exc, self.path) from None

    def _translate(self, exc: Exception) -> FqaError:
        if isinstance(exc, sqlite3.Error):
            return faults.translate(exc, self.path)
        return FqaError(str(exc))

    def _begin(self, exclusive: bool = True) -> None:
        """BEGIN IMMEDIATE (SQLite has one writer at a time: every transaction is exclusive), waiting
        for another writer up to `wait_limit` seconds."""
        started = time.monotonic()
        while True:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not faults.is_busy(exc):
                    raise
                waited = time.monotonic() - started
                if waited >= self.wait_limit:
                    raise faults.translate(exc, self.path) from None
                if self._wait is not None:
                    self._wait(waited)

    def _commit(self) -> None:
        self._conn.execute("COMMIT")

    def _rollback(self) -> None:
        try:
            self._conn.execute("ROLLBACK")
        except sqlite3.Error:  # the transaction ended with the error (e.g. a damaged file); nothing to undo
            pass

    def _recorded(self, seq: int) -> None:
        self._feed.own(seq)

    # ----------------------------------------------------------------- change feed
    def news(self) -> FeedNews | None:
        """Other writers' feed records since the last look, or None when nobody else committed."""
        try:  # no context manager here: this runs before every cached read, and costs ~4 µs as it is
            return self._feed.news()
        except sqlite3.Error as exc:
            raise faults.translate(exc, self.path) from None


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration script, one at a time (so they run inside our own transaction)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


def _check_is_project(path: Path) -> None:
    if not path.exists():
        raise FqaError(f"{path.name}: no such project file")
    if path.is_dir():
        raise FqaError(f"{path.name}: is a folder, not a project file")
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise FqaError(f"{path.name}: not a framework-qa project (not an SQLite file)")

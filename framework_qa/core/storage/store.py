"""The SQLite project store: one file, its journaled writes, and the change feed other processes read.

Contract (the `ProjectStore` protocol):
- Every write happens inside `transaction()`, which is atomic (BEGIN IMMEDIATE ... COMMIT) and returns
  the journal of row images it wrote: `(table, id, before, after)`, `None` for a row that did not exist.
  A crash or kill mid-transaction leaves the file as it was before it.
- `replay(journal, backwards=True)` restores the before-images (undo); `backwards=False` re-applies the
  after-images (redo). Each row must still hold what the journal says it holds; otherwise the replay is
  refused with `EditConflict` naming what changed, and nothing is written. Row ids are never reused
  (AUTOINCREMENT), so a row a replay brings back cannot collide with another writer's new row.
- Every committed command, undo and redo appends a record to the change feed (`record_change`) in the
  same transaction; `news()` returns other writers' records since the last look. The check costs one
  `PRAGMA data_version`, which changes only when another connection commits.
- A writer waits for another's lock up to `wait_limit` seconds, telling the wait handler as it goes,
  then fails with `ProjectBusy`. No `sqlite3` exception leaves this module (see `faults`).
"""

from __future__ import annotations

import getpass
import json
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from framework_qa.core.errors import EditConflict, FqaError, ProjectVersionError
from framework_qa.core.storage import conflicts, faults
from framework_qa.core.storage.feed import FeedReader, prune_sql, summarise
from framework_qa.core.storage.interface import Action, FeedNews, JournalEntry, Row, WaitHandler
from framework_qa.core.storage.schema import MIGRATIONS, SCHEMA_VERSION, TABLES

APPLICATION_ID = 0x46514131  # "FQA1", stored in the SQLite header to recognise our files
_LOCK_POLL = 0.1  # seconds SQLite itself waits per attempt at the write lock


def _quote(column: str) -> str:
    return f'"{column}"'


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in this environment (a container, a service)
        return "unknown"


class Store:
    """An open SQLite project file. Not thread-safe: use one Store per thread."""

    # Seconds a writer waits for another program's transaction; FRAMEWORK_QA_WAIT overrides it.
    wait_limit = float(os.environ.get("FRAMEWORK_QA_WAIT", "15") or 15)

    def __init__(self, path: str | Path, *, create: bool = False) -> None:
        self.path = Path(path)
        self.writer_id = uuid.uuid4().hex
        self._who = _user()
        self._wait: WaitHandler | None = None
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
        self._journal: list[JournalEntry] | None = None
        try:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = FULL")
            self._migrate(create)
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
    def _migrate(self, create: bool) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise ProjectVersionError(
                f"{self.path.name}: this project was saved by a newer framework-qa (file version {version}, "
                f"this program reads up to {SCHEMA_VERSION}); update framework-qa to open it"
            )
        if version == 0 and not create:
            raise FqaError(f"{self.path.name}: not a framework-qa project (no project tables)")
        if 0 < version < SCHEMA_VERSION:
            backup = self.path.with_name(f"{self.path.name}.v{version}-backup")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
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

    def close(self) -> None:
        self._conn.close()

    def set_wait_handler(self, handler: WaitHandler | None) -> None:
        """Call `handler(seconds)` while a write waits for another program's transaction to end."""
        self._wait = handler

    # ----------------------------------------------------------------- errors and locking
    @contextmanager
    def _faults(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise faults.translate(exc, self.path) from None

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._faults():
            cur = self._conn.cursor()
            cur.row_factory = sqlite3.Row
            return cur.execute(sql, params).fetchall()

    def _tuples(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._faults():
            return self._conn.execute(sql, params).fetchall()

    def _begin(self) -> None:
        """BEGIN IMMEDIATE, waiting for another writer up to `wait_limit` seconds."""
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

    def _rollback(self) -> None:
        try:
            self._conn.execute("ROLLBACK")
        except sqlite3.Error:  # the transaction ended with the error (e.g. a damaged file); nothing to undo
            pass

    # ----------------------------------------------------------------- writes
    @contextmanager
    def transaction(self) -> Iterator[list[JournalEntry]]:
        if self._journal is not None:
            raise RuntimeError("transactions do not nest")
        journal: list[JournalEntry] = []
        self._journal = journal
        try:
            with self._faults():
                self._begin()
            try:
                yield journal
                with self._faults():
                    self._conn.execute("COMMIT")
            except BaseException:
                self._rollback()
                journal.clear()
                raise
        finally:
            self._journal = None

    def _record(self, entry: JournalEntry) -> None:
        if self._journal is None:
            raise RuntimeError("writes must happen inside Store.transaction()")
        self._journal.append(entry)

    def insert(self, table: str, values: Row) -> int:
        _check_table(table)
        columns = ", ".join(_quote(c) for c in values)
        marks = ", ".join("?" for _ in values)
        with self._faults():
            cur = self._conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING *",
                                     list(values.values()))
            row = cur.fetchone()
            after = {d[0]: row[i] for i, d in enumerate(cur.description)}
        self._record(JournalEntry(table, int(after["id"]), None, after))
        return int(after["id"])

    def update(self, table: str, row_id: int, values: Row) -> None:
        _check_table(table)
        before = self.row(table, row_id)
        if before is None:
            raise FqaError(f"{table[:-1]} {row_id} no longer exists (another program may have deleted it)")
        sets = ", ".join(f"{_quote(c)} = ?" for c in values)
        with self._faults():
            cur = self._conn.execute(f"UPDATE {table} SET {sets} WHERE id = ? RETURNING *",
                                     [*values.values(), row_id])
            row = cur.fetchone()
            after = {d[0]: row[i] for i, d in enumerate(cur.description)}
        self._record(JournalEntry(table, row_id, before, after))

    def delete(self, table: str, row_id: int) -> None:
        _check_table(table)
        before = self.row(table, row_id)
        if before is None:
            return
        with self._faults():
            self._conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        self._record(JournalEntry(table, row_id, before, None))

    def record_change(self, label: str, action: Action, rows: Mapping[str, Iterable[int]],
                      documents: Iterable[int]) -> None:
        """Append the feed record of the transaction under way (inside it, so both commit together)."""
        payload = json.dumps({t: sorted(ids) for t, ids in rows.items()}, separators=(",", ":"))
        at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        with self._faults():
            cur = self._conn.execute(
                "INSERT INTO changes (writer, who, at, label, action, rows, documents) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (self.writer_id, self._who, at, label, action, payload, json.dumps(sorted(documents))))
            seq = int(cur.lastrowid or 0)
            for sql in prune_sql(seq):
                self._conn.execute(sql, (seq,))
        self._feed.own(seq)

    def replay(self, journal: Sequence[JournalEntry], *, backwards: bool, label: str) -> None:
        """Undo (`backwards`) or redo a committed journal atomically, if no row changed since.

        Raises `EditConflict` naming the first row another writer changed; nothing is then written.
        """
        action: Action = "undo" if backwards else "redo"
        entries = list(reversed(journal) if backwards else journal)
        with self.transaction():
            for e in entries:
                target = e.before if backwards else e.after
                expected = e.after if backwards else e.before
                actual = self.row(e.table, e.id)
                if not _same(expected, actual):
                    raise EditConflict(f"{conflicts.what_changed(e.table, expected, actual, self.row, e.id)}; "
                                       f"{action} of “{label}” skipped")
                try:
                    self._write_back(e.table, e.id, target, actual)
                except sqlite3.IntegrityError as exc:
                    raise EditConflict(f"{self._explain(e.table, target, actual, exc)}; "
                                       f"{action} of “{label}” skipped") from None
                except sqlite3.Error as exc:
                    raise faults.translate(exc, self.path) from None
            tables, docs = summarise(journal)
            self.record_change(label, action, tables, docs)

    def _write_back(self, table: str, row_id: int, target: Row | None, actual: Row | None) -> None:
        if target is None:
            self._conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        elif actual is None:
            cols = ", ".join(_quote(c) for c in target)
            marks = ", ".join("?" for _ in target)
            self._conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(target.values()))
        else:
            sets = ", ".join(f"{_quote(c)} = ?" for c in target)
            self._conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*target.values(), row_id])

    def _explain(self, table: str, target: Row | None, actual: Row | None, exc: sqlite3.IntegrityError) -> str:
        """Why writing `target` back broke an invariant: a row it refers to is gone, a row refers to it
        now, or another row took its unique name."""
        def count(ref_table: str, column: str, row_id: int) -> int:
            return int(self._conn.execute(f"SELECT COUNT(*) FROM {ref_table} WHERE {_quote(column)} = ?",
                                          (row_id,)).fetchone()[0])
        if target is None and actual is not None:
            said = conflicts.in_use(table, actual, count, self.row)
        elif target is not None:
            said = conflicts.dangling(table, target, self.row)
            if said is None and "UNIQUE" in str(exc):
                said = f"{conflicts.describe(table, target, self.row)} cannot come back: " + \
                       faults.translate(exc, self.path).args[0]
        else:
            said = None
        return said or f"{conflicts.describe(table, target or actual, self.row)} was changed since"

    # ----------------------------------------------------------------- change feed
    def news(self) -> FeedNews | None:
        """Other writers' feed records since the last look, or None when nobody else committed."""
        try:  # no context manager here: this runs before every cached read, and costs ~4 µs as it is
            return self._feed.news()
        except sqlite3.Error as exc:
            raise faults.translate(exc, self.path) from None

    # ----------------------------------------------------------------- generic reads
    def row(self, table: str, row_id: int) -> Row | None:
        _check_table(table)
        rows = self._query(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        return dict(rows[0]) if rows else None

    def select(self, table: str, columns: Sequence[str] = ("*",), order_by: str = "id",
               **where: Any) -> list[Row]:
        """Rows of one table, filtered by equality on the given columns (None matches NULL)."""
        _check_table(table)
        cols = ", ".join(c if c == "*" else _quote(c) for c in columns)
        clauses, params = [], []
        for column, value in where.items():
            if value is None:
                clauses.append(f"{_quote(column)} IS NULL")
            else:
                clauses.append(f"{_quote(column)} = ?")
                params.append(value)
        sql = f"SELECT {cols} FROM {table}"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += f" ORDER BY {_quote(order_by)}"
        return [dict(r) for r in self._query(sql, params)]

    # ----------------------------------------------------------------- named reads
    def documents_meta(self) -> list[Row]:
        return [dict(r) for r in self._query(
            "SELECT id, name, original_name, format, case_id, length, imported_at, guid, content_hash "
            "FROM documents ORDER BY name COLLATE NOCASE")]

    def document_text(self, document_id: int) -> str | None:
        rows = self._tuples("SELECT text FROM documents WHERE id = ?", (document_id,))
        return None if not rows else str(rows[0][0])

    def document_spans(self, document_id: int) -> str | None:
        rows = self._tuples("SELECT spans FROM documents WHERE id = ?", (document_id,))
        return None if not rows else str(rows[0][0])

    def codings(self, *, document_ids: Iterable[int] | None = None, code_ids: Iterable[int] | None = None,
                coder_ids: Iterable[int] | None = None) -> list[Row]:
        clauses: list[str] = []
        params: list[int] = []
        for column, ids in (("document_id", document_ids), ("code_id", code_ids), ("coder_id", coder_ids)):
            if ids is not None:
                id_list = list(ids)
                clauses.append(f"{column} IN ({', '.join('?' for _ in id_list)})" if id_list else "0")
                params.extend(id_list)
        sql = ('SELECT id, document_id, code_id, coder_id, start, "end", memo, created_at, guid FROM codings')
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += ' ORDER BY document_id, start, "end", id'
        names = ("id", "document_id", "code_id", "coder_id", "start", "end", "memo", "created_at", "guid")
        return [dict(zip(names, r, strict=True)) for r in self._tuples(sql, params)]

    def coding_counts(self, coder_ids: Iterable[int] | None = None) -> dict[int, int]:
        sql, params = "SELECT code_id, COUNT(*) FROM codings", []
        if coder_ids is not None:
            ids = list(coder_ids)
            sql += f" WHERE coder_id IN ({', '.join('?' for _ in ids)})" if ids else " WHERE 0"
            params = ids
        sql += " GROUP BY code_id"
        return {int(code): int(n) for code, n in self._tuples(sql, params)}

    # ----------------------------------------------------------------- inter-coder agreement
    def coding_intervals(self, coder_ids: Iterable[int]) -> list[tuple[int, int, int, int, int]]:
        """The chosen coders' codings as plain `(document_id, code_id, coder_id, start, end)` tuples, in no
        particular order: the one bulk read behind an agreement report (callers group and sort)."""
        ids = list(coder_ids)
        return self._tuples(f'SELECT document_id, code_id, coder_id, start, "end" FROM codings '
                            f'WHERE coder_id IN ({", ".join("?" for _ in ids) or "NULL"})', ids)

    # ----------------------------------------------------------------- framework matrix
    def coding_tuples(self) -> list[tuple[int, int, int, int, int]]:
        """Every coding as a plain tuple `(document_id, code_id, coder_id, start, end)`, ordered by
        document, start and end: one query for counting the whole framework matrix in a single pass.
        (`+document_id` makes SQLite scan and sort rather than walk the index, which is faster here.)"""
        return self._tuples('SELECT document_id, code_id, coder_id, start, "end" FROM codings '
                            'ORDER BY +document_id, start, "end"')


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


def _same(expected: Row | None, actual: Row | None) -> bool:
    if expected is None or actual is None:
        return expected is actual
    return all(actual.get(k) == v for k, v in expected.items())


def _check_table(table: str) -> None:
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}")


def _check_is_project(path: Path) -> None:
    if not path.exists():
        raise FqaError(f"{path.name}: no such project file")
    if path.is_dir():
        raise FqaError(f"{path.name}: is a folder, not a project file")
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise FqaError(f"{path.name}: not a framework-qa project (not an SQLite file)")

"""What every SQL back end shares: journaled writes, the conflict-checked replay, the feed record, reads.

A back end (`store.Store` for SQLite, `server.store.ServerStore` for PostgreSQL) supplies the connection
and its dialect through a few primitives: running a statement (`_cursor`), taking and releasing the
write lock (`_begin`, `_commit`, `_rollback`), turning driver errors into user-facing ones (`_faults`,
`_INTEGRITY`), the cheap check of the change feed (`news`) and a handful of dialect words. Statements
here are written with `?` placeholders; a back end with another paramstyle converts them in `_cursor`.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from functools import cached_property
from typing import Any

from framework_qa.core.errors import EditConflict, FqaError
from framework_qa.core.storage import conflicts
from framework_qa.core.storage.feed import FEED_COLUMNS, prune_sql, summarise, to_record
from framework_qa.core.storage.interface import Action, FeedRecord, JournalEntry, Row, WaitHandler
from framework_qa.core.storage.schema import TABLES

# Columns that can hold a whole transcript: not read back after an insert (see `insert`).
LARGE_TEXT: dict[str, tuple[str, ...]] = {"documents": ("text", "spans")}
FEED_INSERT = "INSERT INTO changes (writer, who, at, label, action, rows, documents) VALUES (?, ?, ?, ?, ?, ?, ?)"
CODING_COLUMNS = ("id", "document_id", "code_id", "coder_id", "start", "end", "memo", "created_at", "guid")


def quote(column: str) -> str:
    return f'"{column}"'


def login_name() -> str:
    import getpass  # only a write stamps a name: reading a project does not load it

    try:
        return getpass.getuser()
    except Exception:  # no login name in this environment (a container, a service)
        return "unknown"


def utc_now() -> str:
    """The time stamps the store writes (feed records, `changed_at`): UTC, to the second."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def check_table(table: str) -> None:
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}")


class SqlStore:
    """The shared half of a project store; see the module docstring for what a back end adds."""

    # Seconds a writer waits for another program's transaction; FRAMEWORK_QA_WAIT overrides it.
    wait_limit = float(os.environ.get("FRAMEWORK_QA_WAIT", "15") or 15)
    _INTEGRITY: tuple[type[Exception], ...] = ()  # the driver's integrity-error classes
    _NOCASE_NAME = "name COLLATE NOCASE"            # ORDER BY a name, ignoring case
    _SCAN_DOCUMENT = "+document_id"                 # document_id, told not to walk its index
    _SCAN_CODER = "+coder_id"                       # coder_id, likewise
    _NONE = "0"                                      # a WHERE clause that is never true
    _LOCK_ROW = ""  # appended to the read of a before-image: a server locks the row (see `_before`)

    def __init__(self) -> None:
        self.writer_id = os.urandom(16).hex()  # as random as uuid4().hex, without importing uuid
        self._wait: WaitHandler | None = None
        self._journal: list[JournalEntry] | None = None
        self._column_names: dict[str, list[str]] = {}

    @cached_property
    def _who(self) -> str:
        """The name writes are stamped with: the login name, found on first use (a back end may set it)."""
        return login_name()

    # ----------------------------------------------------------------- what a back end supplies
    def _cursor(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement and return the driver's cursor (errors untranslated)."""
        raise NotImplementedError

    def _faults(self) -> AbstractContextManager[None]:
        """A context that turns the driver's errors into `FqaError`s."""
        raise NotImplementedError

    def _begin(self, exclusive: bool = True) -> None:
        """Start a write transaction holding the project's write lock, waiting up to `wait_limit`.
        `exclusive=False` (a command) may share the lock with other commands where the back end can
        (a server); an undo or redo takes it alone, so what it checks cannot change under it."""
        raise NotImplementedError

    def _commit(self) -> None:
        raise NotImplementedError

    def _rollback(self) -> None:
        raise NotImplementedError

    def _recorded(self, seq: int) -> None:
        """Our own feed record `seq` is part of the transaction under way."""

    def _translate(self, exc: Exception) -> FqaError:
        raise NotImplementedError

    # ----------------------------------------------------------------- plumbing
    def set_wait_handler(self, handler: WaitHandler | None) -> None:
        """Call `handler(seconds)` while a write waits for another program's transaction to end."""
        self._wait = handler

    def _dicts(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self._faults():
            cur = self._cursor(sql, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def _tuples(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._faults():
            return self._cursor(sql, params).fetchall()  # type: ignore[no-any-return]

    def _returning(self, sql: str, params: Sequence[Any]) -> Row:
        with self._faults():
            cur = self._cursor(sql, params)
            row = cur.fetchone()
        if row is None:  # a server's row-level security hid the row from this login
            raise FqaError("your role in this project does not allow this change")
        return {d[0]: row[i] for i, d in enumerate(cur.description)}

    # ----------------------------------------------------------------- writes
    @contextmanager
    def transaction(self, *, exclusive: bool = False) -> Iterator[list[JournalEntry]]:
        if self._journal is not None:
            raise RuntimeError("transactions do not nest")
        journal: list[JournalEntry] = []
        self._journal = journal
        try:
            with self._faults():
                self._begin(exclusive)
            try:
                yield journal
                with self._faults():
                    self._commit()
            except BaseException:
                self._rollback()
                journal.clear()
                raise
        finally:
            self._journal = None

    def _journal_under_way(self) -> list[JournalEntry]:
        """The journal of the transaction under way. Checked before a write touches the database: outside
        a transaction SQLite would commit the statement on its own, leaving a change no command recorded."""
        if self._journal is None:
            raise RuntimeError("writes must happen inside Store.transaction()")
        return self._journal

    def _stamp(self, values: Row, *, created: bool) -> Row:
        """`values` with who changed the row and when (and, for a new row, who created it)."""
        stamp = {"changed_by": self._who, "changed_at": utc_now()}
        if created:
            stamp["created_by"] = self._who
        return {**values, **stamp}

    def insert(self, table: str, values: Row) -> int:
        check_table(table)
        journal = self._journal_under_way()
        values = self._stamp(values, created=True)
        columns = ", ".join(quote(c) for c in values)
        marks = ", ".join("?" for _ in values)
        large = [c for c in LARGE_TEXT.get(table, ()) if isinstance(values.get(c), str)]
        returned = "*" if not large else ", ".join(quote(c) for c in self._columns(table) if c not in large)
        after = self._returning(f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING {returned}",
                                list(values.values()))
        # A transcript's text goes into the journal as the very string given (TEXT keeps it as is),
        # not as a second copy read back: a 200 MB transcript would otherwise be held twice.
        after.update({c: values[c] for c in large})
        journal.append(JournalEntry(table, int(after["id"]), None, after))
        return int(after["id"])

    def _columns(self, table: str) -> list[str]:
        """A table's column names in order (read once per store)."""
        if table not in self._column_names:
            with self._faults():
                cur = self._cursor(f"SELECT * FROM {table} WHERE 1 = 0")
                self._column_names[table] = [d[0] for d in cur.description]
        return self._column_names[table]

    def _before(self, table: str, row_id: int) -> Row | None:
        """The row as this command is about to change it. Where commands run side by side (a server),
        the read locks the row, so no colleague can commit a change between this image and the write:
        an undo must never put back a value that hides a colleague's edit."""
        rows = self._dicts(f"SELECT * FROM {table} WHERE id = ?{self._LOCK_ROW}", (row_id,))
        if not rows and self._LOCK_ROW and self.row(table, row_id) is not None:
            # row-level security lets this login read the row but not lock it for a change
            raise FqaError("your role in this project does not allow this change")
        return rows[0] if rows else None

    def update(self, table: str, row_id: int, values: Row) -> None:
        check_table(table)
        journal = self._journal_under_way()
        before = self._before(table, row_id)
        if before is None:
            raise FqaError(f"{table[:-1]} {row_id} no longer exists (another program may have deleted it)")
        values = self._stamp(values, created=False)
        sets = ", ".join(f"{quote(c)} = ?" for c in values)
        after = self._returning(f"UPDATE {table} SET {sets} WHERE id = ? RETURNING *", [*values.values(), row_id])
        journal.append(JournalEntry(table, row_id, before, after))

    def delete(self, table: str, row_id: int) -> None:
        check_table(table)
        journal = self._journal_under_way()
        before = self._before(table, row_id)
        if before is None:
            return
        with self._faults():
            deleted = self._cursor(f"DELETE FROM {table} WHERE id = ?", (row_id,)).rowcount
        if deleted == 0:  # a server's row-level security let this login see the row, not remove it
            raise FqaError("your role in this project does not allow this change")
        journal.append(JournalEntry(table, row_id, before, None))

    def record_change(self, label: str, action: Action, rows: Mapping[str, Iterable[int]],
                      documents: Iterable[int]) -> None:
        """Append the feed record of the transaction under way (inside it, so both commit together)."""
        record = self._returning(f"{FEED_INSERT} RETURNING seq", self._feed_values(label, action, rows, documents))
        seq = int(record["seq"])
        with self._faults():
            for sql in prune_sql(seq):
                self._cursor(sql, (seq,))
        self._recorded(seq)

    def _feed_values(self, label: str, action: Action, rows: Mapping[str, Iterable[int]],
                     documents: Iterable[int]) -> tuple[str, ...]:
        """A feed record's column values, in `FEED_INSERT`'s order."""
        touched = json.dumps({t: sorted(ids) for t, ids in rows.items()}, separators=(",", ":"))
        return (self.writer_id, self._who, utc_now(), label, action, touched, json.dumps(sorted(documents)))

    def replay(self, journal: Sequence[JournalEntry], *, backwards: bool, label: str) -> None:
        """Undo (`backwards`) or redo a committed journal atomically, if no row changed since.

        Raises `EditConflict` naming the first row another writer changed; nothing is then written.
        Foreign keys are checked at once, row by row: every state the command passed through was valid,
        so walking them again (backwards or forwards) is valid unless another writer intervened.
        """
        action: Action = "undo" if backwards else "redo"
        with self.transaction(exclusive=True):
            for e in (reversed(journal) if backwards else journal):
                target = e.before if backwards else e.after
                expected = e.after if backwards else e.before
                actual = self.row(e.table, e.id)
                if not _same(expected, actual):
                    raise EditConflict(f"{conflicts.what_changed(e.table, expected, actual, self.row, e.id)}; "
                                       f"{action} of “{label}” skipped")
                try:
                    self._write_back(e.table, e.id, target, actual)
                except self._INTEGRITY as exc:
                    self._after_failed_statement()
                    raise EditConflict(f"{self._explain(e.table, target, actual, exc)}; "
                                       f"{action} of “{label}” skipped") from None
                except Exception as exc:
                    if isinstance(exc, FqaError):
                        raise
                    raise self._translate(exc) from None
            tables, docs = summarise(journal)
            self.record_change(label, action, tables, docs)

    def _after_failed_statement(self) -> None:
        """A back end whose failed statement aborts the transaction (PostgreSQL) recovers it here, so
        the rows can still be read to explain the conflict."""

    def _write_back(self, table: str, row_id: int, target: Row | None, actual: Row | None) -> None:
        if target is None:
            self._cursor(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        elif actual is None:
            cols = ", ".join(quote(c) for c in target)
            marks = ", ".join("?" for _ in target)
            self._cursor(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(target.values()))
        else:
            sets = ", ".join(f"{quote(c)} = ?" for c in target)
            self._cursor(f"UPDATE {table} SET {sets} WHERE id = ?", [*target.values(), row_id])

    def _explain(self, table: str, target: Row | None, actual: Row | None, exc: Exception) -> str:
        """Why writing `target` back broke an invariant: a row it refers to is gone, a row refers to it
        now, or another row took its unique name."""
        def count(ref_table: str, column: str, row_id: int) -> int:
            return int(self._tuples(f"SELECT COUNT(*) FROM {ref_table} WHERE {quote(column)} = ?",
                                    (row_id,))[0][0])
        said: str | None = None
        if target is None and actual is not None:
            said = conflicts.in_use(table, actual, count, self.row)
        elif target is not None:
            said = conflicts.dangling(table, target, self.row)
            if said is None:
                said = f"{conflicts.describe(table, target, self.row)} cannot come back: " + \
                       str(self._translate(exc))
        return said or f"{conflicts.describe(table, target or actual, self.row)} was changed since"

    # ----------------------------------------------------------------- whole-project copies
    def load_rows(self, table: str, rows: Sequence[Row]) -> None:
        """Inside a transaction: write `rows` exactly as given (ids included) and without journaling, for
        copying a whole project into an empty store (publish, checkout). Tables must come parents first
        (see `schema.COPY_ORDER`); call `ids_loaded()` before the transaction commits."""
        check_table(table)
        if self._journal is None:
            raise RuntimeError("load_rows must run inside Store.transaction()")
        with self._faults():
            for row in rows:
                cols = ", ".join(quote(c) for c in row)
                marks = ", ".join("?" for _ in row)
                self._cursor(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values()))

    def ids_loaded(self) -> None:
        """After `load_rows`: new rows get ids above every loaded one (SQLite does this by itself)."""

    # ----------------------------------------------------------------- generic reads
    def row(self, table: str, row_id: int) -> Row | None:
        check_table(table)
        rows = self._dicts(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        return rows[0] if rows else None

    def select(self, table: str, columns: Sequence[str] = ("*",), order_by: str = "id",
               **where: Any) -> list[Row]:
        """Rows of one table, filtered by equality on the given columns (None matches NULL)."""
        check_table(table)
        cols = ", ".join(c if c == "*" else quote(c) for c in columns)
        clauses, params = [], []
        for column, value in where.items():
            if value is None:
                clauses.append(f"{quote(column)} IS NULL")
            else:
                clauses.append(f"{quote(column)} = ?")
                params.append(value)
        sql = f"SELECT {cols} FROM {table}"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        return self._dicts(sql + f" ORDER BY {quote(order_by)}", params)

    # ----------------------------------------------------------------- named reads
    def feed_records(self, since_seq: int = 0, since_at: str | None = None,
                     who: str | None = None) -> list[FeedRecord]:
        """The change feed as the project's history, oldest first: records after `since_seq`, at or after
        `since_at` (UTC, ISO 8601 as stored, e.g. '2026-11-30' or '2026-11-30T09:00:00Z') and written by
        account `who`. Records older than the last `feed.KEEP` have been pruned and are not returned."""
        sql = f"SELECT {FEED_COLUMNS} FROM changes WHERE seq > ?"
        params: list[Any] = [since_seq]
        if since_at is not None:
            sql += " AND at >= ?"
            params.append(since_at)
        if who is not None:
            sql += " AND who = ?"
            params.append(who)
        return [to_record(row) for row in self._tuples(sql + " ORDER BY seq", params)]

    def documents_meta(self) -> list[Row]:
        return self._dicts(
            "SELECT id, name, original_name, format, case_id, length, imported_at, guid, content_hash "
            f"FROM documents ORDER BY {self._NOCASE_NAME}, id")

    def document_text(self, document_id: int) -> str | None:
        rows = self._tuples("SELECT text FROM documents WHERE id = ?", (document_id,))
        return None if not rows else str(rows[0][0])

    def document_spans(self, document_id: int) -> str | None:
        rows = self._tuples("SELECT spans FROM documents WHERE id = ?", (document_id,))
        return None if not rows else str(rows[0][0])

    def codings(self, *, document_ids: Iterable[int] | None = None, code_ids: Iterable[int] | None = None,
                coder_ids: Iterable[int] | None = None, with_memo: bool = False) -> list[Row]:
        clauses: list[str] = ["memo <> ''"] if with_memo else []
        params: list[int] = []
        for column, ids in (("document_id", document_ids), ("code_id", code_ids), ("coder_id", coder_ids)):
            if ids is not None:
                id_list = list(ids)
                clauses.append(f"{column} IN ({', '.join('?' for _ in id_list)})" if id_list else self._NONE)
                params.extend(id_list)
        sql = f"SELECT {', '.join(quote(c) for c in CODING_COLUMNS)} FROM codings"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += ' ORDER BY document_id, start, "end", id'
        return [dict(zip(CODING_COLUMNS, r, strict=True)) for r in self._tuples(sql, params)]

    def coding_counts(self, coder_ids: Iterable[int] | None = None) -> dict[int, int]:
        sql, params = "SELECT code_id, COUNT(*) FROM codings", []
        if coder_ids is not None:
            ids = list(coder_ids)
            sql += f" WHERE coder_id IN ({', '.join('?' for _ in ids)})" if ids else f" WHERE {self._NONE}"
            params = ids
        sql += " GROUP BY code_id"
        return {int(code): int(n) for code, n in self._tuples(sql, params)}

    def coding_intervals(self, coder_ids: Iterable[int]) -> list[tuple[int, int, int, int, int]]:
        """The chosen coders' codings as plain `(document_id, code_id, coder_id, start, end)` tuples, in no
        particular order: the one bulk read behind an agreement report (callers group and sort)."""
        ids = list(coder_ids)
        if not ids:
            return []
        # Every coder chosen (the usual two of two): every row qualifies, and one pass over the table
        # reads them faster than a walk of the coder index with a look-up per row (a quarter less time).
        everyone = len(set(ids)) >= self._tuples("SELECT count(*) FROM coders")[0][0]
        column = self._SCAN_CODER if everyone else "coder_id"
        return self._tuples(f'SELECT document_id, code_id, coder_id, start, "end" FROM codings '
                            f'WHERE {column} IN ({", ".join("?" for _ in ids)})', ids)

    def coding_tuples(self) -> list[tuple[int, int, int, int, int]]:
        """Every coding as a plain tuple `(document_id, code_id, coder_id, start, end)`, ordered by
        document, start and end: one query for counting the whole framework matrix in a single pass."""
        return self._tuples('SELECT document_id, code_id, coder_id, start, "end" FROM codings '
                            f'ORDER BY {self._SCAN_DOCUMENT}, start, "end"')


def _same(expected: Row | None, actual: Row | None) -> bool:
    if expected is None or actual is None:
        return expected is actual
    return all(actual.get(k) == v for k, v in expected.items())

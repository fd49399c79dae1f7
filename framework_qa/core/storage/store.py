"""The only place that speaks SQL: a project file and its journaled writes.

Contract:
- Every write happens inside `transaction()`, which is atomic (BEGIN IMMEDIATE ... COMMIT) and returns
  the journal of row images it wrote: `(table, id, before, after)`, `None` for a row that did not exist.
  A crash or kill mid-transaction leaves the file as it was before it.
- `replay(journal, backwards=True)` restores the before-images (undo); `backwards=False` re-applies the
  after-images (redo). Because commands only write through `insert`/`update`/`delete`, every command's
  undo is exact, including rows it deleted as a consequence (codings of a deleted code, say).
- The SQL here is plain SQLite; the narrow interface (primitives plus named queries) is what a server
  back end would have to implement.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framework_qa.core.errors import FqaError, ProjectVersionError
from framework_qa.core.storage.schema import MIGRATIONS, SCHEMA_VERSION, TABLES

Row = dict[str, Any]
APPLICATION_ID = 0x46514131  # "FQA1", stored in the SQLite header to recognise our files


@dataclass(frozen=True, slots=True)
class JournalEntry:
    table: str
    id: int
    before: Row | None
    after: Row | None


def _quote(column: str) -> str:
    return f'"{column}"'


class Store:
    """An open project file. Not thread-safe: use one Store per thread."""

    def __init__(self, path: str | Path, *, create: bool = False) -> None:
        self.path = Path(path)
        if create:
            if self.path.exists():
                raise FqaError(f"{self.path.name}: a file with this name already exists")
            self.path.parent.mkdir(parents=True, exist_ok=True)
        else:
            _check_is_project(self.path)
        self._conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
        self._conn.row_factory = sqlite3.Row
        self._journal: list[JournalEntry] | None = None
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = FULL")
            self._migrate(create)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise FqaError(f"{self.path.name}: not a readable framework-qa project ({exc})") from None

    # ----------------------------------------------------------------- lifecycle
    def _migrate(self, create: bool) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            self._conn.close()
            raise ProjectVersionError(
                f"{self.path.name}: this project was saved by a newer framework-qa (file version {version}, "
                f"this program reads up to {SCHEMA_VERSION}); update framework-qa to open it"
            )
        if version == 0 and not create:
            self._conn.close()
            raise FqaError(f"{self.path.name}: not a framework-qa project (no project tables)")
        if 0 < version < SCHEMA_VERSION:
            backup = self.path.with_name(f"{self.path.name}.v{version}-backup")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            shutil.copy2(self.path, backup)
        for target in range(version + 1, SCHEMA_VERSION + 1):
            script = MIGRATIONS[target - 1]
            self._conn.executescript(f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {target};\nCOMMIT;")
        if create:
            self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self._conn.close()

    # ----------------------------------------------------------------- writes
    @contextmanager
    def transaction(self) -> Iterator[list[JournalEntry]]:
        if self._journal is not None:
            raise RuntimeError("transactions do not nest")
        journal: list[JournalEntry] = []
        self._journal = journal
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield journal
        except BaseException:
            self._conn.execute("ROLLBACK")
            journal.clear()
            raise
        else:
            self._conn.execute("COMMIT")
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
        cur = self._conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values()))
        new_id = int(cur.lastrowid or 0)
        self._record(JournalEntry(table, new_id, None, self.row(table, new_id)))
        return new_id

    def update(self, table: str, row_id: int, values: Row) -> None:
        _check_table(table)
        before = self.row(table, row_id)
        if before is None:
            raise FqaError(f"{table[:-1]} {row_id} no longer exists")
        sets = ", ".join(f"{_quote(c)} = ?" for c in values)
        self._conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values.values(), row_id])
        self._record(JournalEntry(table, row_id, before, self.row(table, row_id)))

    def delete(self, table: str, row_id: int) -> None:
        _check_table(table)
        before = self.row(table, row_id)
        if before is None:
            return
        self._conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        self._record(JournalEntry(table, row_id, before, None))

    def replay(self, journal: Sequence[JournalEntry], *, backwards: bool) -> None:
        """Undo (`backwards`) or redo a committed journal, atomically and without journaling it."""
        entries = reversed(journal) if backwards else iter(journal)
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            # Row order within a journal already satisfies the foreign keys; deferring the check to
            # COMMIT only spares us from reasoning about the order of the reversed replay.
            self._conn.execute("PRAGMA defer_foreign_keys = ON")
            for e in entries:
                target = e.before if backwards else e.after
                current = e.after if backwards else e.before
                if target is None:
                    self._conn.execute(f"DELETE FROM {e.table} WHERE id = ?", (e.id,))
                elif current is None:
                    cols = ", ".join(_quote(c) for c in target)
                    marks = ", ".join("?" for _ in target)
                    self._conn.execute(f"INSERT INTO {e.table} ({cols}) VALUES ({marks})", list(target.values()))
                else:
                    sets = ", ".join(f"{_quote(c)} = ?" for c in target)
                    self._conn.execute(f"UPDATE {e.table} SET {sets} WHERE id = ?", [*target.values(), e.id])
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise

    # ----------------------------------------------------------------- generic reads
    def row(self, table: str, row_id: int) -> Row | None:
        _check_table(table)
        r = self._conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
        return dict(r) if r is not None else None

    def select(self, table: str, columns: Sequence[str] = ("*",), order_by: str = "id",
               **where: Any) -> list[sqlite3.Row]:
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
        return list(self._conn.execute(sql, params))

    def meta(self, key: str) -> str | None:
        r = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if r is None else str(r[0])

    def set_meta(self, key: str, value: str) -> None:
        """Project-level settings that are not part of the undoable record (ids, creation time)."""
        self._conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # ----------------------------------------------------------------- named reads
    def documents_meta(self) -> list[sqlite3.Row]:
        return list(self._conn.execute(
            "SELECT id, name, original_name, format, case_id, length, imported_at, guid, content_hash "
            "FROM documents ORDER BY name COLLATE NOCASE"))

    def document_text(self, document_id: int) -> str | None:
        r = self._conn.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()
        return None if r is None else str(r[0])

    def document_spans(self, document_id: int) -> str | None:
        r = self._conn.execute("SELECT spans FROM documents WHERE id = ?", (document_id,)).fetchone()
        return None if r is None else str(r[0])

    def codings(self, *, document_ids: Iterable[int] | None = None, code_ids: Iterable[int] | None = None,
                coder_ids: Iterable[int] | None = None) -> list[sqlite3.Row]:
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
        return list(self._conn.execute(sql, params))

    def coding_counts(self, coder_ids: Iterable[int] | None = None) -> dict[int, int]:
        sql, params = "SELECT code_id, COUNT(*) FROM codings", []
        if coder_ids is not None:
            ids = list(coder_ids)
            sql += f" WHERE coder_id IN ({', '.join('?' for _ in ids)})" if ids else " WHERE 0"
            params = ids
        sql += " GROUP BY code_id"
        return {int(code): int(n) for code, n in self._conn.execute(sql, params)}

    def document_ids_by_hash(self, content_hash: str) -> list[int]:
        return [int(r[0]) for r in self._conn.execute(
            "SELECT id FROM documents WHERE content_hash = ? ORDER BY id", (content_hash,))]

    # ----------------------------------------------------------------- inter-coder agreement
    def coding_intervals(self, coder_ids: Iterable[int]) -> list[tuple[int, int, int, int, int]]:
        """The chosen coders' codings as plain `(document_id, code_id, coder_id, start, end)` tuples, in no
        particular order: the one bulk read behind an agreement report (callers group and sort)."""
        ids = list(coder_ids)
        cur = self._conn.cursor()
        cur.row_factory = None
        cur.execute(f'SELECT document_id, code_id, coder_id, start, "end" FROM codings '
                    f'WHERE coder_id IN ({", ".join("?" for _ in ids) or "NULL"})', ids)
        return cur.fetchall()

    # ----------------------------------------------------------------- framework matrix
    def coding_tuples(self) -> list[tuple[int, int, int, int, int]]:
        """Every coding as a plain tuple `(document_id, code_id, coder_id, start, end)`, ordered by
        document, start and end: one query for counting the whole framework matrix in a single pass.
        (`+document_id` makes SQLite scan and sort rather than walk the index, which is faster here.)"""
        cur = self._conn.cursor()
        cur.row_factory = None
        cur.execute('SELECT document_id, code_id, coder_id, start, "end" FROM codings '
                    'ORDER BY +document_id, start, "end"')
        return cur.fetchall()


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

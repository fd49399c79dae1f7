"""The PostgreSQL project store: one database holds one project (the `ProjectStore` protocol).

What the server adds to the shared `SqlStore`:
- The write lock is a transaction-scoped advisory lock: commands share it, while an undo, a redo, a
  membership change or a migration takes it alone, so a replay's check-then-write cannot interleave
  with another writer. A writer waits for it up to `wait_limit` seconds, telling the wait handler.
- Round trips are what a command pays for most when many coders share a busy server, so they are few:
  BEGIN and the lock travel with the transaction's first statement, and the feed record, the COMMIT
  and the record's announcement travel together, each group as one message (`_batch`). An
  `add_coding` makes three: BEGIN with its coder's look-up, the coding's insert, and the commit.
- Each feed record is announced with its content (see `server.feed`), so `news()` learns what another
  client committed without a round trip to the server: it only parses what already arrived on the
  socket.
- A failed statement aborts a PostgreSQL transaction, so replays write each row under a savepoint and
  can still read rows to explain a conflict.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from framework_qa.core.errors import FqaError, ProjectVersionError
from framework_qa.core.storage.feed import EVERYTHING, FEED_QUERY, prune_sql, to_record
from framework_qa.core.storage.interface import Action, FeedNews, Row
from framework_qa.core.storage.schema import SCHEMA_VERSION, TABLE_COLUMNS
from framework_qa.core.storage.server import faults, feed, roles, url
from framework_qa.core.storage.server.feed import CHANNEL, Heard
from framework_qa.core.storage.server.schema import FIRST_VERSION, MIGRATIONS
from framework_qa.core.storage.sql_store import FEED_INSERT, SqlStore

# The feed record's insert, which also leaves its number in the session for the announcement.
_RECORD = f"{FEED_INSERT} RETURNING set_config('{feed.SEQ_SETTING}', seq::text, false)"
Statement = tuple[str, Sequence[Any]]
_BATCHED_TEXT = 65536  # characters of text parameters quoted into a batch; a longer first statement goes alone
_LOCK_KEY = 0x46514131  # the project's write lock (one database holds one project)
_LOCK_POLL_MS = 200  # a wait is reported (and retried) this often


class ServerStore(SqlStore):
    """An open server project. Not thread-safe: use one per thread."""

    _NOCASE_NAME = "lower(name)"
    _SCAN_DOCUMENT = "document_id"
    _SCAN_CODER = "coder_id"
    _NONE = "false"
    _LOCK_ROW = " FOR UPDATE"

    def __init__(self, address: str, *, create: bool = False) -> None:
        import psycopg

        super().__init__()
        self._psycopg = psycopg
        self._INTEGRITY = (psycopg.errors.IntegrityError,)
        self.location = url.redact(address)
        self._where = url.display(address)
        self.path = url.cache_path(address)
        self._address = address  # kept in memory only, to reconnect; never shown (see `location`)
        self._identity: tuple[str, str | None] | None = None
        self._connect()
        try:
            with self._faults():
                self._migrate(create)
                self._cursor(f"LISTEN {CHANNEL}")
                self._seen = int(self._tuples("SELECT coalesce(max(seq), 0) FROM changes")[0][0])
                self._who = str(self._tuples("SELECT session_user")[0][0])  # the feed names the login
        except BaseException:
            self._conn.close()
            raise

    def _connect(self) -> None:
        try:
            self._conn = self._psycopg.connect(self._address, autocommit=True, connect_timeout=10,
                                               application_name="framework-qa")
        except self._psycopg.Error as exc:
            raise faults.translate(exc, self._where) from None
        self._heard_records = Heard()
        self._opening: list[Statement] = []  # BEGIN and the lock, sent with the first statement
        self._record_values: tuple[str, ...] | None = None  # the feed record, sent with the COMMIT
        self._last_seq: int | None = None  # this session's last committed feed record (see `_commit`)
        self._lost_track = hasattr(self, "_seen")  # reconnected: what happened meanwhile is unknown
        self._conn.add_notify_handler(self._on_notify)

    def _reconnect_if_lost(self) -> None:
        """After a lost connection (a server restart, a network drop), the next write or look at the
        feed connects again; the edit that was in flight was rolled back by the server."""
        if self._conn.closed or self._conn.broken:
            self._conn.close()
            self._connect()
            with self._faults():
                self._cursor(f"LISTEN {CHANNEL}")

    # ----------------------------------------------------------------- lifecycle
    def _migrate(self, create: bool) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise ProjectVersionError(
                f"{self._where}: this project was saved by a newer framework-qa (version {version}, this "
                f"program reads up to {SCHEMA_VERSION}); update framework-qa to open it")
        if version == 0 and not create:
            raise FqaError(f"{self._where}: not a framework-qa project (the database has no project tables)")
        if version == 0 and self._tuples("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")[0][0]:
            raise FqaError(f"{self._where}: the database is not empty; a new project needs an empty database")
        for target in range(max(version + 1, FIRST_VERSION), SCHEMA_VERSION + 1):
            self._begin()
            try:
                if self.schema_version < target:
                    self._conn.execute(MIGRATIONS[target])
                    self._cursor("INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(target),))
                self._commit()
            except BaseException:
                self._rollback()
                raise
        self._repair()

    def _repair(self) -> None:
        """Bring a project made by an earlier framework-qa to `roles.REPAIR_LEVEL` (see there). Only the
        tables' owner may replace the access functions, so until the owner opens the project once, a
        member's open leaves it as it is (and still works: readers ignore a duplicate announcement)."""
        if self._tuples("SELECT value FROM meta WHERE key = 'access_level'") == [(roles.REPAIR_LEVEL,)]:
            return
        owner = self._tuples("SELECT tableowner = session_user FROM pg_tables "
                             "WHERE schemaname = current_schema() AND tablename = 'meta'")
        if not owner or not owner[0][0]:
            return
        self._begin()
        try:
            self._conn.execute(roles.REPAIR_DDL)
            self._cursor("INSERT INTO meta (key, value) VALUES ('access_level', ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (roles.REPAIR_LEVEL,))
            self._commit()
        except BaseException:
            self._rollback()
            raise

    @property
    def schema_version(self) -> int:
        rows = self._tuples("SELECT to_regclass('meta') IS NOT NULL")
        if not rows[0][0]:
            return 0
        found = self._tuples("SELECT value FROM meta WHERE key = 'schema_version'")
        return int(found[0][0]) if found else 0

    def close(self) -> None:
        self._conn.close()

    # ----------------------------------------------------------------- members and blinding
    @property
    def identity(self) -> str | None:
        """The database login this client works as: on a server project, the coder. None for a
        superuser, who administers the server rather than codes, and whom no rule binds anyway."""
        if self._identity is None:
            login, superuser = self._tuples(
                "SELECT session_user, rolsuper FROM pg_roles WHERE rolname = session_user")[0]
            self._identity = ("", None) if superuser else (str(login), str(login))
        return self._identity[1]

    @property
    def role(self) -> str | None:
        """This login's role in the project (owner, coder, reader), None for a non-member."""
        return self._tuples("SELECT fqa_role()")[0][0]  # type: ignore[no-any-return]

    def members(self) -> list[tuple[str, str]]:
        return [(str(login), str(role)) for login, role in self._tuples("SELECT login, role FROM members ORDER BY login")]

    def set_member(self, login: str, role: str) -> None:
        """Make an existing database login a member with `role` (owner only; the database refuses
        others). Grants and the members row change in one transaction."""
        if role not in roles.ROLES:
            raise FqaError(f"a role is one of {', '.join(roles.ROLES)}")
        with self.transaction(exclusive=True):
            if not self._tuples("SELECT 1 FROM pg_roles WHERE rolname = ?", (login,)):
                raise FqaError(f"{self._where}: there is no database login named '{login}'; ask the "
                               "database administrator to create it first")
            self._last_owner_check(login, role)
            with self._faults():
                for statement in roles.grant_sql(_identifier(login), role):
                    self._cursor(statement)
                self._cursor("INSERT INTO members (login, role) VALUES (?, ?) "
                             "ON CONFLICT (login) DO UPDATE SET role = excluded.role", (login, role))

    def remove_member(self, login: str) -> None:
        with self.transaction(exclusive=True):
            if not self._tuples("SELECT 1 FROM members WHERE login = ?", (login,)):
                raise FqaError(f"'{login}' is not a member of this project")
            self._last_owner_check(login, None)
            with self._faults():
                for statement in roles.revoke_sql(_identifier(login)):
                    self._cursor(statement)
                self._cursor("DELETE FROM members WHERE login = ?", (login,))

    def _last_owner_check(self, login: str, role: str | None) -> None:
        owners = {r[0] for r in self._tuples("SELECT login FROM members WHERE role = 'owner'")}
        if owners == {login} and role != "owner":
            raise FqaError(f"'{login}' is the project's only owner; make another member owner first")

    @property
    def blind(self) -> bool:
        return bool(self._tuples("SELECT fqa_blind()")[0][0])

    def set_blind(self, on: bool) -> None:
        """Switch blind coding (owner only: the database refuses anyone else)."""
        with self.transaction(), self._faults():
            if self.role != "owner":
                raise FqaError(f"{self._where}: only an owner can switch blind coding")
            self._cursor("UPDATE meta SET value = ? WHERE key = 'blind'", ("on" if on else "off",))
            # every coder's queries now return other rows: their windows re-read everything
            self.record_change(f"Blind coding {'on' if on else 'off'}", "do", {EVERYTHING: ()}, ())

    def backup_to(self, path: str | Path) -> None:
        raise FqaError(f"{self._where}: a server project cannot be saved as a copy from here yet")

    # ----------------------------------------------------------------- the back end's primitives
    def _cursor(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run a statement (with BEGIN and the lock, when they are still waiting to be sent); a read
        outside any transaction that finds the connection lost (the server restarted, a network drop)
        connects again and runs once more, since reading changes nothing."""
        if self._opening:
            if sum(len(p) for p in params if isinstance(p, str | bytes)) <= _BATCHED_TEXT:
                return self._batch([*self._opening, (sql, params)], len(self._opening))
            self._batch(self._opening, 0)  # a whole transcript is sent as a parameter, not in the text
        query = _query(sql)
        try:
            return self._conn.execute(query, list(params))  # type: ignore[arg-type]
        except self._psycopg.OperationalError:
            if self._journal is not None or self._conn.pgconn.status == self._psycopg.pq.ConnStatus.OK:
                raise
            self._conn.close()
            self._reconnect_if_lost()
            return self._conn.execute(query, list(params))  # type: ignore[arg-type]

    def _batch(self, statements: Sequence[Statement], wanted: int) -> Any:
        """Run `statements` as one message to the server (one round trip) and return a cursor on the
        result of statement number `wanted`. psycopg's client-side cursor quotes the parameters into
        the text, the one way a message can hold several statements. The server stops at the first
        failing statement. When the statements open a transaction with the write lock, a lock held
        elsewhere is waited for, telling the wait handler, and everything is sent again."""
        locking, self._opening = bool(self._opening), []
        text = ";\n".join(_query(sql) for sql, _ in statements)
        params = [p for _, ps in statements for p in ps]
        started = time.monotonic()
        while True:
            cursor = self._psycopg.ClientCursor(self._conn)
            try:
                cursor.execute(text, params)
            except self._psycopg.errors.LockNotAvailable:
                if not locking:
                    raise
                self._conn.execute("ROLLBACK")
                waited = time.monotonic() - started
                if waited >= self.wait_limit:
                    raise
                if self._wait is not None:
                    self._wait(waited)
                continue
            for _ in range(wanted):
                cursor.nextset()
            return cursor

    @contextmanager
    def _faults(self) -> Iterator[None]:
        try:
            yield
        except self._psycopg.Error as exc:
            raise faults.translate(exc, self._where) from None

    def _translate(self, exc: Exception) -> FqaError:
        return faults.translate(exc, self._where)

    def _begin(self, exclusive: bool = True) -> None:
        """BEGIN and the project's advisory lock, sent with the transaction's first statement. Commands
        share the lock, so several clients' commands run (and reach the disk) together; an undo, a
        redo, a membership change or a migration takes it alone and so waits for the commands under
        way, and they for it. The lock is asked for with a short timeout, so a wait can be reported."""
        self._reconnect_if_lost()
        lock = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
        self._record_values = None
        self._opening = [("BEGIN", ()), (f"SET LOCAL lock_timeout = {_LOCK_POLL_MS}", ()),
                         (f"SELECT {lock}({_LOCK_KEY})", ()), ("SET LOCAL lock_timeout = 0", ())]

    def _commit(self) -> None:
        """COMMIT; with a feed record, its insert, the COMMIT and the record's announcement go in one
        round trip. The announcement is a transaction of its own (see `server.feed`): should it fail
        (the server's notification queue full), the command stays committed and is not undone."""
        values, self._record_values = self._record_values, None
        if values is None:
            if self._opening:  # nothing was sent: no transaction to end
                self._opening = []
            else:
                self._cursor("COMMIT")
            return
        before = self._last_seq
        statements = [*self._opening, (_RECORD, values), ("COMMIT", ()),
                      *((sql, (feed.announcement(values),) if "?" in sql else ()) for sql in feed.ANNOUNCE)]
        try:
            seq = int(self._batch(statements, len(self._opening)).fetchone()[0])
        except self._psycopg.Error:
            if self._conn.info.transaction_status != self._psycopg.pq.TransactionStatus.IDLE:
                self._conn.execute("ROLLBACK")
            committed = self._last_seq = self._committed_seq()
            if committed is None or committed == before:  # the command's transaction did not commit
                raise
            seq = committed
        self._last_seq = seq
        try:  # now and then, old records go, in a transaction of their own
            for sql in prune_sql(seq):
                self._conn.execute(_query(sql), (seq,))
        except self._psycopg.Error:  # the command is committed all the same; a later one prunes
            pass

    def _committed_seq(self) -> int | None:
        """The number of this session's last committed feed record (a setting, so it goes back with a
        transaction that did not commit); asked only when a COMMIT's message failed part way."""
        found = self._conn.execute(f"SELECT current_setting('{feed.SEQ_SETTING}', true)").fetchone()
        return int(found[0]) if found and found[0] else None

    def _rollback(self) -> None:
        self._record_values = None
        if self._opening:  # nothing was sent: no transaction to end
            self._opening = []
            return
        try:
            self._cursor("ROLLBACK")
        except self._psycopg.Error:  # the connection is gone; the server rolled back
            pass

    def record_change(self, label: str, action: Action, rows: Mapping[str, Iterable[int]],
                      documents: Iterable[int]) -> None:
        """The transaction's feed record: written with the COMMIT, in the same round trip (`_commit`)."""
        if self._journal is None:
            raise RuntimeError("writes must happen inside Store.transaction()")
        self._record_values = self._feed_values(label, action, rows, documents)

    def _write_back(self, table: str, row_id: int, target: Row | None, actual: Row | None) -> None:
        self._cursor("SAVEPOINT write_back")
        super()._write_back(table, row_id, target, actual)
        self._cursor("RELEASE SAVEPOINT write_back")

    def _after_failed_statement(self) -> None:
        self._cursor("ROLLBACK TO SAVEPOINT write_back")

    def ids_loaded(self) -> None:
        with self._faults():
            for table in TABLE_COLUMNS:
                self._cursor(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                             f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)")

    # ----------------------------------------------------------------- change feed
    def _on_notify(self, notify: Any) -> None:
        self._heard(notify.pid, notify.payload)

    def _heard(self, pid: int, payload: str) -> None:
        """A feed record was announced: by us (ignored) or another client (used at the next look)."""
        if pid != self._conn.info.backend_pid and not self._heard_records.add(payload):
            self._lost_track = True

    def news(self) -> FeedNews | None:
        """Other clients' feed records since the last look; None when no notification arrived.

        A connection found lost here is opened again at once (a look at the feed loses nothing); what
        happened meanwhile is unknown, so the news is a reset. Only a server that stays unreachable is
        reported."""
        try:
            return self._news()
        except self._psycopg.Error as exc:
            if self._conn.pgconn.status == self._psycopg.pq.ConnStatus.OK:
                raise faults.translate(exc, self._where) from None
            self._conn.close()
            try:
                return self._news()
            except self._psycopg.Error as again:
                raise faults.translate(again, self._where) from None

    def _news(self) -> FeedNews | None:
        self._reconnect_if_lost()
        self._conn.pgconn.consume_input()
        if self._conn.pgconn.status != self._psycopg.pq.ConnStatus.OK:  # the server said goodbye
            self._conn.close()
            self._reconnect_if_lost()
        while (notify := self._conn.pgconn.notifies()) is not None:  # arrived while idle
            self._heard(notify.be_pid, notify.extra.decode())
        if self._lost_track:
            self._lost_track, self._heard_records = False, Heard()
            rows = self._cursor(FEED_QUERY, (self._seen,)).fetchall()
            self._seen = max([self._seen, *(int(r[0]) for r in rows)])
            return FeedNews(tuple(to_record(r) for r in rows if r[1] != self.writer_id), reset=True)
        if not self._heard_records:
            return None
        news, top = self._heard_records.take(lambda seqs: self._cursor(feed.FEED_BY_SEQ, (seqs,)).fetchall(),
                                             self.writer_id)
        self._seen = max(self._seen, top)
        return news


def _query(sql: str) -> str:
    """A statement written with `?` placeholders in psycopg's style."""
    return sql.replace("%", "%%").replace("?", "%s")


def _identifier(login: str) -> str:
    """A login as a quoted SQL identifier (grants cannot take parameters)."""
    return '"' + login.replace('"', '""') + '"'

"""Reading the change feed: what other processes committed since this store last looked.

Every committed command, undo and redo leaves one row in `changes` (sequence number, writer, account,
time, label, rows touched per table, documents whose codings moved). A reader remembers the last
sequence number it has accounted for and asks for later rows only when SQLite's `data_version` says
another connection committed, so an idle check costs one pragma. Records are pruned after `KEEP`
newer ones; a reader that fell further behind is told to `reset` (refresh everything).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from framework_qa.core.storage.interface import FeedNews, FeedRecord, JournalEntry

EVERYTHING = "*"  # a feed record's table name for a change that alters what every query returns
KEEP = 5000        # feed records kept for readers that have fallen behind
PRUNE_EVERY = 500  # sequence numbers between two prunings


def summarise(journal: Sequence[JournalEntry]) -> tuple[dict[str, set[int]], set[int]]:
    """The row ids a journal touched per table, and the documents whose codings it moved."""
    tables: dict[str, set[int]] = {}
    documents: set[int] = set()
    for e in journal:
        tables.setdefault(e.table, set()).add(e.id)
        if e.table == "codings":
            for image in (e.before, e.after):
                if image is not None:
                    documents.add(int(image["document_id"]))
    return tables, documents


def prune_sql(seq: int) -> list[str]:
    """Statements (taking `seq` as their one parameter) that drop records no reader should need."""
    return [f"DELETE FROM changes WHERE seq <= ? - {KEEP}"] if seq % PRUNE_EVERY == 0 else []


class FeedReader:
    """Tracks one connection's position in the feed. Works on the store's connection and thread."""

    def __init__(self, conn: sqlite3.Connection, writer_id: str) -> None:
        self._conn = conn
        self._pragma = conn.cursor()  # a cursor of its own halves the cost of the check (~4 µs)
        self._writer = writer_id
        self._version = self._data_version()
        self._seen = int(conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0])

    def _data_version(self) -> int:
        return int(self._pragma.execute("PRAGMA data_version").fetchone()[0])

    def own(self, seq: int) -> None:
        """Our own record `seq` was committed; when nothing else came in between, we are level with it."""
        if seq == self._seen + 1:
            self._seen = seq

    def news(self) -> FeedNews | None:
        version = self._data_version()
        if version == self._version:
            return None
        self._version = version
        rows = self._conn.execute(FEED_QUERY, (self._seen,)).fetchall()
        news, self._seen = parse_news(rows, self._seen, self._writer)
        return news


FEED_COLUMNS = "seq, writer, who, at, label, action, rows, documents"
FEED_QUERY = f"SELECT {FEED_COLUMNS} FROM changes WHERE seq > ? ORDER BY seq"


def parse_news(rows: Sequence[Sequence[Any]], seen: int, writer: str) -> tuple[FeedNews | None, int]:
    """Other writers' records among feed `rows` (read after `seen`), and the new `seen`."""
    if not rows:
        return None, seen
    reset = int(rows[0][0]) > seen + 1  # the records in between were pruned
    records = tuple(to_record(row) for row in rows if row[1] != writer)
    seen = int(rows[-1][0])
    if not records and not reset:
        return None, seen
    return FeedNews(records, reset), seen


def to_record(row: Sequence[Any]) -> FeedRecord:
    """One `changes` row, in `FEED_QUERY`'s column order, as a `FeedRecord`."""
    seq, who_wrote, who, at, label, action, touched, docs = row
    return FeedRecord(int(seq), who_wrote, who, at, label, action,
                      {t: tuple(ids) for t, ids in json.loads(touched).items()}, tuple(json.loads(docs)))

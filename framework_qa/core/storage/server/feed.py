"""A server project's change feed: each record is announced by a notification that carries it.

The writer announces its feed record right after its transaction commits (see `ServerStore._commit`),
on `CHANNEL`, with the payload `SEQ REST`: REST is the record's other columns as a JSON array, so a
client learns what a colleague did without a round trip to the server. A record too long for a
notification (PostgreSQL's limit is 8000 bytes: a command touching hundreds of rows) is announced as
`SEQ` alone and read from the `changes` table.

Why after the commit, in a transaction of its own, rather than by a trigger inside the writer's
transaction: PostgreSQL lets one notifying transaction commit at a time, holding a lock until its
commit has reached the disk, so notifying writers could not share a disk flush and every coder waited
in line for every other coder's flush. The announcement is sent in the same message to the server as
the COMMIT, so the server runs it even if the writing program dies after sending; only the writer's
server process ending in the instant between the two leaves a record unannounced (a server that
stops ends every connection, and each client then reads the feed again: see `ServerStore.news`).
Announcements commit in the order of the commits they announce, except that two commits in the same
instant may be announced the other way round; a reader re-reads the rows a record names, so its views
end up current either way.

Sequence numbers are allocated when a record is written, not when it commits, so a reader never reads
"everything after the last number seen" (a number taken earlier may still commit later); it uses
exactly the records it was told of, in the order heard.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from framework_qa.core.storage.feed import FEED_QUERY, to_record
from framework_qa.core.storage.interface import FeedNews, FeedRecord

CHANNEL = "framework_qa_changes"
FEED_BY_SEQ = FEED_QUERY.replace("seq > ? ORDER BY seq", "seq = ANY(?)")
PAYLOAD_LIMIT = 7900  # bytes of a notification's payload (PostgreSQL refuses 8000 or more)
SEQ_SETTING = "framework_qa.seq"  # the session remembers its last feed record's number here

# The announcement: its own short transaction, after the command's commit. It writes no data, so it
# need not wait for the disk (the command it announces did).
ANNOUNCE = ("BEGIN", "SET LOCAL synchronous_commit = off",
            f"SELECT pg_notify('{CHANNEL}', current_setting('{SEQ_SETTING}') || ?)", "COMMIT")


def announcement(values: Sequence[str]) -> str:
    """What follows the sequence number in the notification of a record with these column values
    (`writer, who, at, label, action, rows, documents`): the values, or nothing when too long."""
    rest = " " + json.dumps(list(values), separators=(",", ":"))
    return rest if len(rest.encode()) + 20 < PAYLOAD_LIMIT else ""


class Heard:
    """The feed records announced to one connection since the last look, in the order heard."""

    def __init__(self) -> None:
        self._order: dict[int, None] = {}  # an ordered set
        self._known: dict[int, FeedRecord] = {}

    def add(self, payload: str) -> bool:
        """Note one announcement; False when it cannot be read (then what happened is unknown)."""
        head, _, rest = payload.partition(" ")
        try:
            seq = int(head)
            if rest and seq not in self._known:
                self._known[seq] = to_record([seq, *json.loads(rest)])
        except (ValueError, TypeError):
            return False
        self._order[seq] = None  # a project from before announcements carried records says it twice
        return True

    def __bool__(self) -> bool:
        return bool(self._order)

    def take(self, fetch: Callable[[list[int]], Sequence[Sequence[Any]]], writer: str) -> tuple[FeedNews | None, int]:
        """Other writers' records heard since the last `take` (reading the ones announced by number
        alone with `fetch`), and the highest number heard; then forget them."""
        order, known = list(self._order), self._known
        self._order, self._known = {}, {}
        missing = [s for s in order if s not in known]
        found = {int(r[0]): to_record(r) for r in fetch(missing)} if missing else {}
        known.update(found)
        records = tuple(known[s] for s in order if s in known and known[s].writer != writer)
        top = max(order, default=0)
        if len(found) < len(missing):  # pruned before we looked: assume everything changed
            return FeedNews(records, reset=True), top
        return (FeedNews(records) if records else None), top

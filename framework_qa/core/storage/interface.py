"""The narrow interface every project store implements, whatever database holds the project.

The core speaks only to this protocol: journaled write primitives inside one atomic transaction, a
conflict-checked replay of a journal (undo and redo), generic and named reads returning plain dicts and
tuples, and a change feed through which one process learns what other processes committed. Nothing
database-specific (cursor rows, `lastrowid`, `PRAGMA`, upsert dialects) crosses it, so a server back end
can implement the same contract and the same core code and tests run on both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

Row = dict[str, Any]
Action = Literal["do", "undo", "redo"]
WaitHandler = Callable[[float], None]  # seconds waited so far for another writer's lock


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One row a transaction wrote: its image before (None: it did not exist) and after (None: deleted)."""

    table: str
    id: int
    before: Row | None
    after: Row | None


@dataclass(frozen=True, slots=True)
class FeedRecord:
    """One committed command, undo or redo as other processes see it in the change feed."""

    seq: int
    writer: str                          # the writing store's session id
    who: str                             # the account that wrote it
    at: str                              # ISO time of the commit (UTC)
    label: str
    action: Action
    rows: dict[str, tuple[int, ...]]     # row ids touched, per table
    documents: tuple[int, ...]           # documents whose codings moved


@dataclass(frozen=True, slots=True)
class FeedNews:
    """What other writers committed since the last look: their records in order, or `reset` when the
    records are no longer all there (pruned) and a reader must assume everything changed."""

    records: tuple[FeedRecord, ...]
    reset: bool = False


class ProjectStore(Protocol):
    """An open project. One per thread; every write inside `transaction()` (see `SqliteStore`)."""

    path: Path          # the project file; for a server project a per-client stand-in for local caches
    location: str       # what opens the project again (a path, or a server address without password)
    writer_id: str

    # lifecycle
    @property
    def schema_version(self) -> int: ...
    @property
    def identity(self) -> str | None: ...  # the logged-in coder on a server project, None for a file
    def close(self) -> None: ...
    def set_wait_handler(self, handler: WaitHandler | None) -> None: ...
    def backup_to(self, path: str | Path) -> None: ...

    # writes
    def transaction(self, *, exclusive: bool = False) -> AbstractContextManager[list[JournalEntry]]: ...
    def insert(self, table: str, values: Row) -> int: ...
    def update(self, table: str, row_id: int, values: Row) -> None: ...
    def delete(self, table: str, row_id: int) -> None: ...
    def record_change(self, label: str, action: Action, rows: Mapping[str, Iterable[int]],
                      documents: Iterable[int]) -> None: ...
    def load_rows(self, table: str, rows: Sequence[Row]) -> None: ...
    def ids_loaded(self) -> None: ...
    def replay(self, journal: Sequence[JournalEntry], *, backwards: bool, label: str) -> None: ...

    # change feed
    def news(self) -> FeedNews | None: ...

    # generic reads
    def row(self, table: str, row_id: int) -> Row | None: ...
    def select(self, table: str, columns: Sequence[str] = ("*",), order_by: str = "id",
               **where: Any) -> list[Row]: ...

    # named reads
    def feed_records(self, since_seq: int = 0, since_at: str | None = None,
                     who: str | None = None) -> list[FeedRecord]: ...
    def documents_meta(self) -> list[Row]: ...
    def document_text(self, document_id: int) -> str | None: ...
    def document_spans(self, document_id: int) -> str | None: ...
    def codings(self, *, document_ids: Iterable[int] | None = None, code_ids: Iterable[int] | None = None,
                coder_ids: Iterable[int] | None = None, with_memo: bool = False) -> list[Row]: ...
    def coding_counts(self, coder_ids: Iterable[int] | None = None) -> dict[int, int]: ...
    def coding_intervals(self, coder_ids: Iterable[int]) -> list[tuple[int, int, int, int, int]]: ...
    def coding_tuples(self) -> list[tuple[int, int, int, int, int]]: ...

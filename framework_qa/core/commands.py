"""The undo stack and the change broadcast.

A command is a label plus a function that writes through the store's journaled primitives. Running it
commits atomically (with its record in the change feed) and yields a `Change`, which is what views
refresh from (Anki's change broadcast): nobody hand-wires "after X, refresh Y". Undo and redo replay the
command's journal, so they cannot drift from what the command did; the store refuses a replay that would
overwrite another writer's change (`EditConflict`), and the refused step leaves the history, so the
history never holds a step that can no longer be replayed. Changes made by other processes arrive as
`Change`s with `remote=True` through the same listeners (see `ProjectBase.poll`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from framework_qa.core.errors import EditConflict
from framework_qa.core.storage import FeedRecord, JournalEntry, ProjectStore
from framework_qa.core.storage.feed import EVERYTHING, summarise
from framework_qa.core.storage.schema import TABLES

T = TypeVar("T")
Listener = Callable[["Change"], None]


@dataclass(frozen=True)
class Change:
    """What one command, undo or redo changed: row ids per table, and the documents whose codings moved.

    `remote` marks a change another process (or colleague, `who`) committed; `reset` one after which a
    holder of snapshots must re-read everything (the feed could not say exactly what changed).
    """

    label: str
    action: Literal["do", "undo", "redo"]
    tables: dict[str, frozenset[int]]
    created: dict[str, tuple[int, ...]] = field(default_factory=dict)
    coded_documents: frozenset[int] = frozenset()
    remote: bool = False
    who: str = ""
    reset: bool = False

    def touches(self, *tables: str) -> bool:
        return any(t in self.tables for t in tables)

    def ids(self, table: str) -> frozenset[int]:
        return self.tables.get(table, frozenset())

    def created_id(self, table: str) -> int:
        """The id of the single row this command created in `table`."""
        ids = self.created.get(table, ())
        if len(ids) != 1:
            raise LookupError(f"the command created {len(ids)} rows in {table}, not one")
        return ids[0]

    @classmethod
    def from_journal(cls, label: str, action: Literal["do", "undo", "redo"],
                     journal: list[JournalEntry]) -> Change:
        tables, docs = summarise(journal)
        created: dict[str, list[int]] = {}
        if action == "do":
            for e in journal:
                if e.before is None:
                    created.setdefault(e.table, []).append(e.id)
        return cls(label, action, {t: frozenset(ids) for t, ids in tables.items()},
                   {t: tuple(ids) for t, ids in created.items()}, frozenset(docs))

    @classmethod
    def from_feed(cls, record: FeedRecord) -> Change:
        """Another process's committed change, as read from the change feed. A record naming the table
        `*` changed what every query sees (blind coding switched): holders of snapshots re-read all."""
        if EVERYTHING in record.rows:
            return cls(record.label, record.action, {t: frozenset() for t in TABLES}, remote=True,
                       who=record.who, reset=True)
        return cls(record.label, record.action, {t: frozenset(ids) for t, ids in record.rows.items()},
                   {}, frozenset(record.documents), remote=True, who=record.who)

    @classmethod
    def everything(cls, tables: frozenset[str]) -> Change:
        """A remote change of unknown extent: every table may have changed."""
        return cls("Changes by another program", "do", {t: frozenset() for t in tables}, remote=True,
                   reset=True)


@dataclass(frozen=True)
class Command:
    label: str
    journal: list[JournalEntry]


class UndoStack:
    """Owns executed commands; `run` executes one, `undo`/`redo` walk the history."""

    def __init__(self, store: ProjectStore, limit: int = 1000) -> None:
        self._store = store
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._limit = limit
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(change)` after every command, undo and redo; returns an unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def broadcast(self, change: Change) -> None:
        """Tell every listener about `change` (also used for other writers' changes)."""
        self._broadcast(change)

    def _broadcast(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)

    def run(self, label: str, body: Callable[[], T]) -> tuple[T, Change]:
        """Execute `body` as one atomic, undoable command. If it raises, nothing is written."""
        with self._store.transaction() as journal:
            result = body()
            if journal:
                tables, docs = summarise(journal)
                self._store.record_change(label, "do", tables, docs)
        change = Change.from_journal(label, "do", journal)
        if journal:
            self._done.append(Command(label, list(journal)))
            del self._done[: -self._limit]
            self._undone.clear()
            self._broadcast(change)
        return result, change

    def undo(self) -> Change | None:
        """Undo the last command; raises `EditConflict` (and drops that step) if another writer changed
        what it would overwrite."""
        if not self._done:
            return None
        command = self._done.pop()
        self._replay(command, backwards=True, stack=self._done)
        self._undone.append(command)
        change = Change.from_journal(command.label, "undo", command.journal)
        self._broadcast(change)
        return change

    def redo(self) -> Change | None:
        if not self._undone:
            return None
        command = self._undone.pop()
        self._replay(command, backwards=False, stack=self._undone)
        self._done.append(command)
        change = Change.from_journal(command.label, "redo", command.journal)
        self._broadcast(change)
        return change

    def _replay(self, command: Command, *, backwards: bool, stack: list[Command]) -> None:
        """A refused replay (conflict) leaves the step out of the history; any other failure (a busy
        project, say) puts it back, so the user can try again."""
        try:
            self._store.replay(command.journal, backwards=backwards, label=command.label)
        except EditConflict:
            raise
        except BaseException:
            stack.append(command)
            raise

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    @property
    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()

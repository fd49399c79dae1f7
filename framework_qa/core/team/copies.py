"""Whole-project copies between any two stores: publishing a file to a server, checking a server out.

A copy reads every project table (`schema.COPY_ORDER`, parents first) with `select` and writes it with
`load_rows` into a newly created project, ids and GUIDs kept, in one transaction: either the whole
project arrives or nothing does. Keeping ids means a checked-out copy names the same rows by the same
ids as its server project; checking in still matches by content (`merge_coder`), so it holds whatever
changed on the server meanwhile.

Contracts:
- the target must be new: a file that does not exist yet, or an empty database (a database that holds
  a project, even an empty one with a history, is refused with one line and left as it was);
- the source is read inside its own write transaction, so no other writer can commit half-way through
  and the copy is one consistent state (writers wait for the copy as for any command). On a server
  with blind coding on, a coder's checkout holds only what that coder may read;
- the copy is not a command: the target's undo history starts empty, and one change-feed record
  (e.g. "Publish study.fqa") marks where its history begins. The source's history is not copied;
- a failed copy into a file removes the file; into a server, it leaves only the empty schema, which a
  second attempt accepts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from framework_qa.core.errors import FqaError
from framework_qa.core.merge import MergeReport, merge_coder
from framework_qa.core.project import open_project
from framework_qa.core.storage import ProjectStore
from framework_qa.core.storage.opening import open_store
from framework_qa.core.storage.schema import COPY_ORDER
from framework_qa.core.storage.server.url import display, is_server_address


@dataclass(frozen=True, slots=True)
class CopyReport:
    """What a copy wrote: row counts per table, in `COPY_ORDER`. Names are safe to show (no password)."""

    source: str
    target: str
    rows: dict[str, int]


def shown(target: str | Path) -> str:
    """How a project address appears in messages: `database on host`, or the file's name."""
    return display(str(target)) if is_server_address(target) else Path(target).name


def copy_project(source: str | Path, target: str | Path, label: str) -> CopyReport:
    """Copy the project at `source` into a new project at `target` (see the module docstring)."""
    reader = open_store(source)
    try:
        writer = open_store(target, create=True)
        try:
            _require_empty(writer, shown(target))
            counts: dict[str, int] = {}
            with reader.transaction(), writer.transaction():
                for table in COPY_ORDER:
                    rows = reader.select(table)
                    writer.load_rows(table, rows)
                    counts[table] = len(rows)
                writer.ids_loaded()
                writer.record_change(label, "do", {}, ())
        except BaseException:
            writer.close()
            if not is_server_address(target):
                Path(target).unlink(missing_ok=True)
            raise
        writer.close()
    finally:
        reader.close()
    return CopyReport(shown(source), shown(target), counts)


def _require_empty(store: ProjectStore, where: str) -> None:
    if store.feed_records() or any(store.select(table, ("id",)) for table in COPY_ORDER):
        raise FqaError(f"{where}: the database already holds a project; publishing needs an empty database")


def publish(source_path: str | Path, address: str) -> CopyReport:
    """Put the project file at `source_path` on a server, into the empty database at `address`."""
    if not is_server_address(address):
        raise FqaError(f"publish to a server address (postgresql://user@host/database), not '{address}'")
    if is_server_address(source_path):
        raise FqaError("publish takes a project file; to copy a server project, check it out first")
    return copy_project(Path(source_path), address, f"Publish {Path(source_path).name}")


def checkout(address: str, copy_path: str | Path) -> CopyReport:
    """Copy the server project at `address` into a new project file at `copy_path`, to code offline."""
    if not is_server_address(address):
        raise FqaError(f"check out from a server address (postgresql://user@host/database), not '{address}'")
    if is_server_address(copy_path):
        raise FqaError("check out into a project file; to put a project on a server, publish it")
    return copy_project(address, Path(copy_path), f"Check out from {display(address)}")


def checkin(copy_path: str | Path, address: str, coder: str) -> MergeReport:
    """Bring `coder`'s codings (with their memos) from a checked-out copy back to the server project as one
    undoable command, through the content-matched `merge_coder`: codings already there are not copied
    again, and every one that could not be placed is in the report with the reason."""
    if not is_server_address(address):
        raise FqaError(f"check in to a server address (postgresql://user@host/database), not '{address}'")
    with open_project(address) as project:
        return merge_coder(project, Path(copy_path), coder)

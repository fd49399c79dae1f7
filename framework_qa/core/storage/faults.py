"""SQLite's exceptions, turned into the one-line errors a user can act on.

Nothing from `sqlite3` reaches the user: a held lock becomes `ProjectBusy`, a broken file
`ProjectDamaged`, a broken invariant `ConstraintViolation` with a sentence naming the invariant.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from framework_qa.core.errors import ConstraintViolation, FqaError, ProjectBusy, ProjectDamaged

BUSY_MESSAGE = "the project is busy: another program is writing to it; try again"

# What each table's unique key (its name, or the pair it is unique on) means to a user; both back ends.
UNIQUE_BY_TABLE = {
    "codes": "a code of this name already exists at that place in the codebook",
    "documents": "a document of this name is already in the project",
    "cases": "a case of this name is already in the project",
    "coders": "a coder of this name is already in the project",
    "attributes": "an attribute of this name already exists",
    "case_values": "this case already has a value for the attribute",
    "memos": "this item already has a memo",
    "summaries": "this case and code already have a summary",
    "saved_views": "a saved view of this name already exists",
}
TAKEN = " (another program may have just added it)"
GONE = "an item this edit refers to no longer exists (another program may have just deleted it)"


def unique_message(table: str, *, identifier: bool = False) -> str:
    """The sentence for a broken unique key of `table`; `identifier`: its GUID rather than its name."""
    if identifier:
        return f"an item with this identifier is already in the project ({table}){TAKEN}"
    return UNIQUE_BY_TABLE.get(table, "a value that must be unique is taken") + TAKEN


def is_busy(exc: sqlite3.Error) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and (
        "locked" in str(exc) or "busy" in str(exc))


def translate(exc: sqlite3.Error, path: Path) -> FqaError:
    """The user-facing error for a database error on the project at `path`."""
    text = str(exc)
    if is_busy(exc):
        return ProjectBusy(BUSY_MESSAGE)
    if isinstance(exc, sqlite3.IntegrityError):
        return ConstraintViolation(_integrity_message(text))
    if isinstance(exc, sqlite3.OperationalError) and ("disk I/O" in text or "readonly" in text
                                                      or "unable to open" in text):
        return FqaError(f"{path.name}: the project file cannot be written ({text}); check the disk "
                        "and the file's permissions")
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError | sqlite3.ProgrammingError):
        return damaged(path, text)
    return FqaError(f"{path.name}: {text}")


def damaged(path: Path, reason: str) -> ProjectDamaged:
    backups = sorted(path.parent.glob(f"{path.name}.*backup*"))
    where = f"restore the backup {backups[-1].name}" if backups else "restore it from your latest backup copy"
    return ProjectDamaged(f"the project file is damaged at {path} ({reason}); {where}, or ask for help "
                          "before writing to it again")


def _integrity_message(text: str) -> str:
    if text.startswith("UNIQUE constraint failed"):
        key = text.split(":", 1)[1].strip()  # "documents.name", or "index 'codes_sibling_name'"
        table = "codes" if key == "index 'codes_sibling_name'" else key.split(".", 1)[0]
        return unique_message(table, identifier=key.endswith(".guid"))
    if "FOREIGN KEY" in text:
        return GONE
    match = re.search(r"CHECK constraint failed: (.*)", text)
    if match:
        return f"a value is out of range ({match.group(1)})"
    return text

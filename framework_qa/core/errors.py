"""Errors the user may see. Their text is written to be shown as is, in a dialog or on stderr."""

from __future__ import annotations

from pathlib import Path


class FqaError(Exception):
    """A user-facing failure: the message names what went wrong and, where it can, what to do."""


class ImportFailure(FqaError):
    """A file could not be read as a transcript or attribute table.

    The message always starts with the file's name so a batch report reads one line per file.
    """

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


class ProjectVersionError(FqaError):
    """The project file was written by a newer framework-qa than this one."""


class NotFound(FqaError):
    """A named document, code, case or coder does not exist in the project."""


class ProjectBusy(FqaError):
    """Another program held the project's write lock for longer than we wait."""


class ProjectDamaged(FqaError):
    """The project file cannot be read as a database any more (a damaged disk, a bad copy)."""


class EditConflict(FqaError):
    """An undo or redo was refused because another writer changed what it would overwrite.

    `undo` and `redo` raise it after dropping the refused step from the history; nothing was written.
    """


class ConstraintViolation(FqaError):
    """A write broke one of the project's invariants (a unique name, a reference to a deleted row),
    typically because another program changed the project a moment earlier."""

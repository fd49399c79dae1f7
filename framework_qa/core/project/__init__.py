"""The project: one SQLite file, its entities, and every command that changes it.

Open with `open_project(path)` or create with `new_project(path, frameworks=[...])`. Queries return
immutable records (`framework_qa.core.model`); commands return a `Change` and are undoable through
`project.undo()` / `project.redo()`; `project.subscribe(fn)` hears about every change.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from framework_qa.core.project.cases import CaseOps
from framework_qa.core.project.codings import CodingOps, CodingRequest
from framework_qa.core.project.documents import DocumentOps, ImportReport
from framework_qa.core.project.memos import MemoOps
from framework_qa.core.storage.opening import open_store
from framework_qa.core.storage.server.url import is_server_address


class Project(DocumentOps, CaseOps, CodingOps, MemoOps):
    """An open project. Use as a context manager, or call `close()`."""

    def __enter__(self) -> Project:
        return self


def open_project(path: str | Path) -> Project:
    """Open a project file, or a server project by its `postgresql://` address."""
    return Project(open_store(path))


def new_project(path: str | Path, frameworks: Iterable[str | Path] = ()) -> Project:
    """Create a project file (or a project in an empty server database); each framework (shipped key or
    file) is added and the undo history cleared."""
    project = Project(open_store(path, create=True))
    try:
        for framework in frameworks:
            project.add_framework(framework)
    except BaseException:
        project.close()
        if not is_server_address(path):
            Path(path).unlink(missing_ok=True)
        raise
    project.undo_stack.clear()
    return project


__all__ = ["CodingRequest", "ImportReport", "Project", "new_project", "open_project"]

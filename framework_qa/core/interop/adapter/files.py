"""Importing REFI-QDA files into a project file on disk, creating the project when it does not exist.

The file is read (and refused, if it must be) before the project is touched; the import itself is one
command, so a failure part way leaves an existing project as it was, and a project this import was
creating is removed again rather than left behind half made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from framework_qa.core.interop.codebook_csv import read_codebook_csv
from framework_qa.core.interop.refi import (
    ImportReport,
    RefiCodebook,
    RefiProject,
    read_qdc,
    read_qde,
    read_qdpx,
)
from framework_qa.core.project import Project, new_project, open_project

from .import_project import ImportOutcome, import_refi_codebook, import_refi_project


@dataclass
class FileImport:
    outcome: ImportOutcome
    created: bool  # the project file was made by this import


def read_project_file(path: str | Path) -> tuple[RefiProject, ImportReport]:
    """A .qdpx archive, or a bare .qde project file (whose sources may be absent)."""
    path = Path(path)
    return read_qde(path) if path.suffix.lower() == ".qde" else read_qdpx(path)


def _remove_project_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _into(project_path: Path, apply: Callable[[Project], ImportOutcome]) -> FileImport:
    if project_path.exists():
        with open_project(project_path) as project:
            return FileImport(apply(project), created=False)
    try:
        with new_project(project_path) as project:
            outcome = apply(project)
            project.undo_stack.clear()
    except BaseException:
        _remove_project_file(project_path)
        raise
    return FileImport(outcome, created=True)


def import_project_file(file: str | Path, project_path: str | Path) -> FileImport:
    """Import a .qdpx (or .qde) into the project at `project_path`; raises RefiError for a refused file."""
    file = Path(file)
    refi, report = read_project_file(file)
    return _into(Path(project_path), lambda p: import_refi_project(p, refi, report, file.name))


def read_codebook_file(path: str | Path) -> tuple[RefiCodebook, ImportReport]:
    """A .qdc, or a codebook CSV in Taguette's shape (chosen by the .csv extension); the one reader the
    CLI and the window share. Raises RefiError for a refused file."""
    path = Path(path)
    return read_codebook_csv(path) if path.suffix.lower() == ".csv" else read_qdc(path)


def import_codebook_file(file: str | Path, project_path: str | Path) -> FileImport:
    """Import the codes of a .qdc or codebook CSV (see `read_codebook_file`) into the project at
    `project_path`; raises RefiError for a refused file."""
    file = Path(file)
    codebook, report = read_codebook_file(file)
    return _into(Path(project_path), lambda p: import_codebook(p, codebook, report, file.name))


def import_codebook(project: Project, codebook: RefiCodebook, report: ImportReport, label: str) -> ImportOutcome:
    return import_refi_codebook(project, codebook, report, label)

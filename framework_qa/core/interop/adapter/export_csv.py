"""A project's code tree as a codebook CSV in Taguette's shape (see `core.interop.codebook_csv`).

One row per code, parents before their children, in the tree's order: the code's path ('/' between
levels, as framework-qa writes paths and as Taguette keeps them in one tag), its definition, inclusion
and exclusion in one description (the layout of `descriptions`, which reads back exactly), and how many
codings and documents use the code itself, as Taguette counts highlights and documents per tag.
"""

from __future__ import annotations

from pathlib import Path

from framework_qa.core.interop.codebook_csv import CodebookRow, write_codebook_csv
from framework_qa.core.interop.refi.model import iter_codes
from framework_qa.core.project import Project

from .descriptions import compose_description
from .export import export_qdc


def codebook_rows(project: Project) -> list[CodebookRow]:
    highlights: dict[int, int] = {}
    documents: dict[int, set[int]] = {}
    for coding in project.codings():
        highlights[coding.code_id] = highlights.get(coding.code_id, 0) + 1
        documents.setdefault(coding.code_id, set()).add(coding.document_id)
    return [CodebookRow(project.code_path(code), compose_description(code.definition, code.inclusion, code.exclusion),
                        highlights.get(code.id, 0), len(documents.get(code.id, ())))
            for code in project.codes()]  # depth-first in tree order: parents before their children


def export_codebook_csv(project: Project, path: str | Path) -> int:
    """Write the code tree as Taguette's codebook CSV (atomically); returns the number of codes written."""
    rows = codebook_rows(project)
    write_codebook_csv(rows, path)
    return len(rows)


def export_codebook_file(project: Project, path: str | Path) -> int:
    """Write the code tree as Taguette's CSV when `path` ends in .csv, else as a REFI-QDA .qdc; the one
    writer the CLI and the window share. Returns the number of codes written."""
    if Path(path).suffix.lower() == ".csv":
        return export_codebook_csv(project, path)
    return len(iter_codes(export_qdc(project, path).codes))

"""A codebook as CSV in Taguette's shape, both ways, at file level (no project involved).

Taguette (1.5) exchanges codebooks only as CSV. It writes the columns `tag, description, number of
highlights, number of documents`, the tag being its full tag path; it reads a file with exactly one
of the columns `tag`, `name` or `path` (header matched case-insensitively) and an optional
`description`, ignoring every other column. Its tag paths are flat strings (its hierarchy is only
"tags whose path starts with this one"), so the hierarchy travels in the path: framework-qa writes a
code's path with '/' between levels, and reads '/' in a tag path as a level. Code names never hold
'/' (framework-qa stores a stand-in), so its own file reads back into the same tree.

Writing: UTF-8 with a byte-order mark (spreadsheets then detect the encoding; Taguette's detector
reads it too), CRLF rows as Python's and Taguette's csv writers do. Text cells go through
`protect`, the spreadsheet rule of `cell_safety` made reversible: a risky cell gets a leading
apostrophe, and so does a cell that already starts with apostrophes before risky text, so `unprotect`
(one apostrophe removed exactly there) gives every cell back as it was. Numbers are written as numbers.

Reading keeps names exactly as written (spaces included); what had to change is in the report. A code
gets the GUID Taguette gives the tag of that path in its own REFI-QDA exports (uuid5 in Taguette's
namespace over the path), so a Taguette project imported later lines up with these codes, and
importing the same file twice matches rather than duplicates.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from framework_qa.core.exporters.cell_safety import looks_like_formula
from framework_qa.core.interop.refi.errors import RefiError
from framework_qa.core.interop.refi.model import ImportReport, RefiCode, RefiCodebook, iter_codes
from framework_qa.core.interop.refi.read_codes import MAX_CODE_DEPTH
from framework_qa.core.interop.refi.safe_io import DEFAULT_LIMITS, ZipLimits, read_plain_file
from framework_qa.core.interop.refi.write_project import _replace_atomically

HEADER = ("tag", "description", "number of highlights", "number of documents")
PATH_COLUMNS = ("tag", "name", "path")  # Taguette reads the tag path from exactly one of these
SEPARATOR = "/"
TAGUETTE_NAMESPACE = uuid.UUID("51B2B2B7-27EB-4ECB-9D56-E75B0A0496C2")
"""The namespace of Taguette's tag GUIDs (`uuid5(namespace, tag path)`), a public constant of its export."""
ORIGIN = "codebook CSV"


@dataclass(frozen=True)
class CodebookRow:
    """One code as a CSV row: its path (levels joined by '/'), description and usage counts."""

    path: str
    description: str = ""
    highlights: int = 0
    documents: int = 0


def protect(text: str) -> str:
    """`text` as a cell a spreadsheet shows rather than runs; `unprotect` undoes it exactly."""
    return "'" + text if looks_like_formula(text.lstrip("'")) else text


def unprotect(cell: str) -> str:
    """The text `protect` was given; a cell from another writer without such an apostrophe is unchanged."""
    return cell[1:] if cell.startswith("'") and looks_like_formula(cell.lstrip("'")) else cell


def write_codebook_csv(rows: Iterable[CodebookRow], path: str | Path) -> None:
    """Write Taguette's codebook CSV atomically (a failed export leaves no file)."""
    buffer = io.StringIO(newline="")
    out = csv.writer(buffer)
    out.writerow(HEADER)
    for row in rows:
        out.writerow([protect(row.path), protect(row.description), row.highlights, row.documents])
    data = buffer.getvalue().encode("utf-8-sig")
    _replace_atomically(Path(path), lambda tmp: tmp.write_bytes(data))


def tag_guid(path: str) -> str:
    """The GUID Taguette writes for the tag at `path` (lower case, as the exchange model keeps GUIDs)."""
    return str(uuid.uuid5(TAGUETTE_NAMESPACE, path))


def _decode(data: bytes, label: str, report: ImportReport) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise RefiError(f"{label}: refused, the file is neither UTF-8 nor Windows-1252 text.") from exc
    report.adjusted.append(f"{label}: not UTF-8; read as Windows-1252 (how spreadsheets often save CSV).")
    return text


def _columns(header: list[str], label: str) -> tuple[int, int | None]:
    names = [cell.strip().lower().lstrip("\ufeff") for cell in header]
    found = [c for c in PATH_COLUMNS if c in names]
    if len(found) != 1:
        which = "more than one of" if found else "none of"
        raise RefiError(f"{label}: not a codebook CSV, its header has {which} the columns "
                        "'tag', 'name', 'path' (exactly one names the code).")
    description = names.index("description") if "description" in names else None
    return names.index(found[0]), description


@dataclass
class _Node:
    guid: str
    name: str
    description: str = ""
    own_row: bool = False
    children: list[tuple[str, ...]] = field(default_factory=list)


def _levels(raw: str, row_number: int, report: ImportReport, label: str) -> tuple[str, ...] | None:
    """The path's levels as written; empty levels (a leading, trailing or doubled '/') are left out."""
    levels = tuple(raw.split(SEPARATOR))
    kept = tuple(level for level in levels if level.strip())
    if not kept:
        report.dropped.append(f"Row {row_number}: no code name ({raw!r}); the row was skipped.")
        return None
    if kept != levels:
        report.adjusted.append(f"Row {row_number}: tag {raw!r} has empty levels between '/'; read as "
                               f"{SEPARATOR.join(kept)!r}.")
    if len(kept) > MAX_CODE_DEPTH:
        raise RefiError(f"{label}: refused, row {row_number}: the tag is nested more than {MAX_CODE_DEPTH} levels deep.")
    return kept


def read_codebook_csv(path: str | Path, limits: ZipLimits = DEFAULT_LIMITS) -> tuple[RefiCodebook, ImportReport]:
    """The code tree of a codebook CSV (framework-qa's or Taguette's); raises RefiError if it is refused.

    Each row is a code at its path; a level with no row of its own becomes a code holding the ones
    below it. A path repeated is read once (the first row), as Taguette does.
    """
    path = Path(path)
    report = ImportReport()
    text = _decode(read_plain_file(path, limits), path.name, report)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise RefiError(f"{path.name}: not readable as CSV ({exc}).") from exc
    if not rows:
        raise RefiError(f"{path.name}: not a codebook CSV, the file is empty.")
    col_path, col_description = _columns(rows[0], path.name)
    nodes: dict[tuple[str, ...], _Node] = {(): _Node("", "")}
    first_row: dict[tuple[str, ...], int] = {}
    nested: list[str] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        raw = unprotect(row[col_path]) if col_path < len(row) else ""
        levels = _levels(raw, number, report, path.name)
        if levels is None:
            continue
        if levels in first_row:
            report.dropped.append(f"Row {number}: tag {raw!r} repeats row {first_row[levels]}; only the first "
                                  "was read.")
            continue
        first_row[levels] = number
        for depth in range(1, len(levels) + 1):
            here = levels[:depth]
            if here not in nodes:
                nodes[here] = _Node(tag_guid(SEPARATOR.join(here)), here[-1])
                nodes[here[:-1]].children.append(here)
        node = nodes[levels]
        node.own_row = True
        cell = row[col_description] if col_description is not None and col_description < len(row) else ""
        node.description = unprotect(cell).replace("\r\n", "\n")
        if len(levels) > 1:
            nested.append(raw)
    for levels, node in nodes.items():
        if levels and not node.own_row:
            report.adjusted.append(f"Code {SEPARATOR.join(levels)!r} has no row of its own; created to hold "
                                   "the codes below it.")
    if nested:
        shown = ", ".join(repr(p) for p in nested[:3])
        more = f" and {len(nested) - 3} more" if len(nested) > 3 else ""
        report.adjusted.append(f"'/' in a tag path was read as a level of the code tree (how framework-qa writes "
                               f"a code's path), for {len(nested)} tag(s): {shown}{more}.")

    def build(levels: tuple[str, ...]) -> RefiCode:
        node = nodes[levels]
        return RefiCode(guid=node.guid, name=node.name, description=node.description,
                        children=tuple(build(k) for k in node.children))

    codes = tuple(build(k) for k in nodes[()].children)
    report.brought_in.append(f"{len(iter_codes(codes))} codes.")
    return RefiCodebook(origin=ORIGIN, codes=codes), report

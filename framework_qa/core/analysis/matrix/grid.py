"""The computed framework matrix: rows (cases), columns (codes), and per-cell figures and summaries.

`compute_matrix` works over plain data only (records and coding tuples), so it can be tested and
benchmarked without a project file; `framework_qa.core.analysis.matrix.build_matrix` feeds it from a
project. A cell's summary is looked up by (case id, code id): summaries belong to the pair, not to a
matrix, so the same text appears in every matrix that shows that case and code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from framework_qa.core.analysis.matrix.columns import CodeTree, MatrixColumn, build_columns, columns_of_code
from framework_qa.core.analysis.matrix.rows import MatrixRow, select_rows
from framework_qa.core.analysis.matrix.spec import MatrixSpec
from framework_qa.core.errors import FqaError
from framework_qa.core.model import Code

if TYPE_CHECKING:  # counting loads numpy: only when a matrix is computed, not when the window starts
    from framework_qa.core.analysis.matrix.counting import CellCounts, CodingTuple


@dataclass(frozen=True, slots=True)
class Cell:
    row: MatrixRow
    column: MatrixColumn
    codings: int
    characters: int
    coverage: float  # characters / the case's total text length (0 when the case has no text)
    summary: str


@dataclass(frozen=True)
class Matrix:
    spec: MatrixSpec
    rows: list[MatrixRow]
    columns: list[MatrixColumn]
    counts: CellCounts
    summaries: Mapping[tuple[int, int], str]
    case_lengths: Mapping[int, int]
    attributes: list[str]                      # attribute names, in project order
    values: Mapping[int, Mapping[str, str]]    # case id -> attribute -> value
    document_rows: Mapping[int, int] = field(default_factory=dict)  # document id -> row (shown cases only)
    coder_ids: frozenset[int] | None = None    # the coders counted (None: every coder)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows), len(self.columns)

    def _k(self, r: int, c: int) -> int:
        return r * self.counts.ncols + c

    def codings_count(self, r: int, c: int) -> int:
        return self.counts.codings[self._k(r, c)]

    def characters(self, r: int, c: int) -> int:
        return self.counts.characters[self._k(r, c)]

    def summary(self, r: int, c: int) -> str:
        return self.summaries.get((self.rows[r].case_id, self.columns[c].code_id), "")

    def coverage(self, r: int, c: int) -> float:
        length = self.case_lengths.get(self.rows[r].case_id, 0)
        return self.characters(r, c) / length if length else 0.0

    def cell(self, r: int, c: int) -> Cell:
        return Cell(self.rows[r], self.columns[c], self.codings_count(r, c), self.characters(r, c),
                    self.coverage(r, c), self.summary(r, c))

    def cell_codings(self, r: int, c: int) -> list[CodingTuple]:
        """The cell's codings as `(document_id, code_id, coder_id, start, end)`, in text order."""
        return self.counts.cell(self._k(r, c))

    def row_index(self, case_id: int) -> int | None:
        return next((i for i, row in enumerate(self.rows) if row.case_id == case_id), None)

    def to_json(self) -> dict[str, Any]:
        """`{"rows": [case], "columns": [code path], "cells": [{case, code, codings, characters,
        summary}]}` with one cell for every row x column pair, row by row."""
        cells = [{"case": row.name, "code": col.path, "codings": self.codings_count(r, c),
                  "characters": self.characters(r, c), "summary": self.summary(r, c)}
                 for r, row in enumerate(self.rows) for c, col in enumerate(self.columns)]
        return {"rows": [row.name for row in self.rows], "columns": [col.path for col in self.columns],
                "cells": cells}


def resolve_code_ids(tree: CodeTree, paths: Sequence[str]) -> list[int] | None:
    """Code ids for column paths (None for none given: the default columns)."""
    if not paths:
        return None
    ids = []
    for path in paths:
        cid = tree.by_path.get(path.strip().strip("/"))
        if cid is None:
            raise FqaError(f"no code '{path}' in the project (code paths join names with '/', "
                           f"e.g. 'Working alliance/Bond')")
        ids.append(cid)
    return ids


def compute_matrix(spec: MatrixSpec, *, cases: Sequence[tuple[int, str]], codes: Sequence[Code],
                   documents: Sequence[tuple[int, int | None, int]], codings: Sequence[CodingTuple],
                   values: Mapping[int, Mapping[str, str]], types: Mapping[str, str],
                   summaries: Mapping[tuple[int, int], str], coder_ids: Mapping[str, int]) -> Matrix:
    """The matrix for `spec` over plain data: `cases` (id, name); `codes` in tree order; `documents`
    (id, case id, length); `codings` tuples; attribute `values` and `types`; summaries by (case, code);
    `coder_ids` by coder name (for the spec's coder filter)."""
    tree = CodeTree(codes)
    columns = build_columns(tree, resolve_code_ids(tree, spec.columns))
    rows = select_rows(cases, values, types, spec.where, spec.group_by, spec.sort_by, spec.descending)
    row_of_case = {row.case_id: i for i, row in enumerate(rows)}
    document_row: dict[int, int] = {}
    case_lengths: dict[int, int] = {}
    for doc_id, case_id, length in documents:
        if case_id is not None:
            case_lengths[case_id] = case_lengths.get(case_id, 0) + length
            if case_id in row_of_case:
                document_row[doc_id] = row_of_case[case_id]
    wanted: list[int] | None = None
    if spec.coders is not None:
        unknown = [name for name in spec.coders if name not in coder_ids]
        if unknown:
            raise FqaError(f"no coder named '{unknown[0]}' (coders: {', '.join(sorted(coder_ids)) or 'none'})")
        wanted = [coder_ids[name] for name in spec.coders]
    from framework_qa.core.analysis.matrix.counting import count_cells
    counts = count_cells(codings, document_row, len(rows), columns_of_code(columns), len(columns), wanted)
    return Matrix(spec, rows, columns, counts, summaries, case_lengths, list(types), values, document_row,
                  None if wanted is None else frozenset(wanted))

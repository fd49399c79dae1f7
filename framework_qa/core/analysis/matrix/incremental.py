"""Updating a computed matrix after a change, touching only the cells the change reaches.

A coding counts in the cells of its case's row under its code's column and the columns of the code's
ancestors (a column stands for a code and its descendants). When the codings of some documents change
(a coding added, removed or moved, by this window, an undo or another program), the cells that can
differ are those of the documents' rows; of those, exactly the ones whose codings from these documents
differ are recounted, from their codings alone, with the counting contract of `counting` (codings
once per column, characters as the union of ranges per document). So applying a code costs a pass over
one document's codings, not a pass over every coding in the project, and the result is what
`compute_matrix` gives over the new codings (the tests hold both to it).

The caller says which documents' codings changed and what they now are (the `Change` broadcast names
the documents, `coded_documents`); structural changes (codes, cases, documents, attributes, coders)
change rows or columns and call for `compute_matrix` instead. Summaries change on their own: see
`with_summaries`. Both are pure: the given matrix is left as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from framework_qa.core.analysis.matrix.columns import columns_of_code
from framework_qa.core.analysis.matrix.counting import CodingTuple
from framework_qa.core.analysis.matrix.grid import Matrix

Cell = tuple[int, int]  # (matrix row, column)


def _text_order(t: CodingTuple) -> tuple[int, int, int]:
    return t[0], t[3], t[4]


def union_characters(codings: Iterable[CodingTuple]) -> int:
    """Characters covered by `codings` (in document and start order), overlaps counted once per document."""
    total, document, reach = 0, None, -1
    for doc, _code, _coder, start, end in codings:
        if doc != document:
            document, reach = doc, -1
        if end > reach:
            total += end - max(start, reach)
            reach = end
    return total


def recount_documents(matrix: Matrix, codings: Mapping[int, Iterable[CodingTuple]]
                      ) -> tuple[Matrix, list[Cell]]:
    """The matrix after the codings of each document in `codings` became exactly the given tuples
    (`(document_id, code_id, coder_id, start, end)`, every code and coder, in any order; the document's
    other codings are gone). Returns the new matrix and the cells whose codings changed, row by row.

    Documents of cases not shown, codings of other coders than the matrix counts and of codes under no
    column are ignored, as `compute_matrix` ignores them."""
    ncols = len(matrix.columns)
    if not ncols:
        return matrix, []
    column_index = columns_of_code(matrix.columns)
    wanted = matrix.coder_ids
    counts = matrix.counts
    fresh_cells: dict[int, tuple[CodingTuple, ...]] = {}
    for doc, tuples in codings.items():
        row = matrix.document_rows.get(doc)
        if row is None:
            continue
        by_column: dict[int, list[CodingTuple]] = {}
        for t in tuples:
            if t[0] != doc or (wanted is not None and t[2] not in wanted):
                continue
            for c in column_index.get(t[1], ()):
                by_column.setdefault(c, []).append(t)
        for c in range(ncols):
            k = row * ncols + c
            current = fresh_cells[k] if k in fresh_cells else counts.cell(k)
            mine = sorted(t for t in current if t[0] == doc)
            new = sorted(by_column.get(c, ()))
            if mine != new:
                kept = [t for t in current if t[0] != doc]
                fresh_cells[k] = tuple(sorted(kept + new, key=_text_order))
    if not fresh_cells:
        return matrix, []
    numbers, characters = list(counts.codings), list(counts.characters)
    for k, cell in fresh_cells.items():
        numbers[k] = len(cell)
        characters[k] = union_characters(cell)
    patched = {**counts.patched, **fresh_cells}
    new_counts = replace(counts, codings=numbers, characters=characters, patched=patched)
    return replace(matrix, counts=new_counts), [divmod(k, ncols) for k in sorted(fresh_cells)]


def with_summaries(matrix: Matrix, summaries: Mapping[tuple[int, int], str]) -> tuple[Matrix, list[Cell]]:
    """The matrix with the project's summaries now `summaries` ((case id, code id) -> text); returns it
    and the shown cells whose summary text changed."""
    old = matrix.summaries
    changed = {key for key in old.keys() | summaries.keys() if old.get(key, "") != summaries.get(key, "")}
    if not changed:
        return matrix, []
    rows = {row.case_id: r for r, row in enumerate(matrix.rows)}
    columns = {col.code_id: c for c, col in enumerate(matrix.columns)}
    cells = sorted((rows[case], columns[code]) for case, code in changed if case in rows and code in columns)
    return replace(matrix, summaries=dict(summaries)), cells

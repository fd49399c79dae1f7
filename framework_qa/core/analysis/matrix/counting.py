"""Counting the matrix: one pass over every coding, as plain tuples, into every cell at once.

Contract (what a cell's figures mean, for a case row and a code column):
- A column stands for a code and all its descendants. A coding belongs to a cell when its document
  belongs to the row's case and its code is the column's code or one of its descendants.
- `codings` counts those codings, each once per column: two codings on the same text (say a parent
  code and its child, or two coders) count twice, and a coding shows in every column whose code it
  falls under (a parent column and its child's column, when both are shown).
- `characters` is the size of the union of those codings' ranges within each of the case's documents,
  summed over the documents: overlapping or nested codings are never counted twice, so characters never
  exceed the case's text.
The pass is O(codings × columns a code falls under), with no per-cell queries, because ranges arrive
ordered by (document, start) and each cell merges its ranges as they come.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter

CodingTuple = tuple[int, int, int, int, int, int]  # id, document_id, code_id, coder_id, start, end
_BY_POSITION = itemgetter(1, 4)


@dataclass(frozen=True)
class CellCounts:
    """Flat per-cell results, cell (r, c) at index r * ncols + c; `members` index into `codings`."""

    ncols: int
    codings: list[int]
    characters: list[int]
    members: list[list[int]]
    ordered: Sequence[CodingTuple]  # the codings, ordered by document and start


def count_cells(codings: Sequence[CodingTuple], document_row: Mapping[int, int], nrows: int,
                columns_of_code: Mapping[int, Sequence[int]], ncols: int,
                coder_ids: Collection[int] | None = None) -> CellCounts:
    """Count every cell. `document_row` maps a document id to its case's row index (documents of cases
    not shown are absent); `columns_of_code` maps a code id to the column indices it falls under;
    `coder_ids` None keeps every coder's codings."""
    ordered = sorted(codings, key=_BY_POSITION)  # linear when already ordered, as the store returns them
    size = nrows * ncols
    count = [0] * size
    chars = [0] * size
    cur_doc = [-1] * size
    cur_start = [0] * size
    cur_end = [0] * size
    members: list[list[int]] = [[] for _ in range(size)]
    coders = None if coder_ids is None else frozenset(coder_ids)
    for i, (_cid, doc, code, coder, start, end) in enumerate(ordered):
        cols = columns_of_code.get(code)
        if not cols:
            continue
        row = document_row.get(doc)
        if row is None or (coders is not None and coder not in coders):
            continue
        base = row * ncols
        for col in cols:
            k = base + col
            count[k] += 1
            members[k].append(i)
            if cur_doc[k] == doc and start <= cur_end[k]:
                if end > cur_end[k]:
                    cur_end[k] = end
            else:
                chars[k] += cur_end[k] - cur_start[k]
                cur_doc[k], cur_start[k], cur_end[k] = doc, start, end
    for k in range(size):
        chars[k] += cur_end[k] - cur_start[k]
    return CellCounts(ncols, count, chars, members, ordered)

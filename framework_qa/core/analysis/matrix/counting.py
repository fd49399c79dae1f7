"""Counting the matrix: one vectorised pass over every coding, as plain tuples, into every cell at once.

Contract (what a cell's figures mean, for a case row and a code column):
- A column stands for a code and all its descendants. A coding belongs to a cell when its document
  belongs to the row's case and its code is the column's code or one of its descendants.
- `codings` counts those codings, each once per column: two codings on the same text (say a parent
  code and its child, or two coders) count twice, and a coding shows in every column whose code it
  falls under (a parent column and its child's column, when both are shown).
- `characters` is the size of the union of those codings' ranges within each of the case's documents,
  summed over the documents: overlapping or nested codings are never counted twice, so characters never
  exceed the case's text.
No per-cell queries: every coding is expanded to the cells it falls in, counted with one bincount,
and each cell's ranges are merged per document with a running maximum of range ends (numpy), so the
cost grows with the number of codings, not with rows x columns.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain

import numpy as np
import numpy.typing as npt

CodingTuple = tuple[int, int, int, int, int]  # document_id, code_id, coder_id, start, end
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class CellCounts:
    """Flat per-cell results, cell (r, c) at index r * ncols + c.

    `patched` holds the cells recounted since the one-pass count (`incremental.recount_documents`):
    their codings replace what `ordered` and the members arrays say, so an update copies two flat lists
    and touches only its cells, never the 200,000 codings of a large project."""

    ncols: int
    codings: list[int]
    characters: list[int]
    ordered: Sequence[CodingTuple]  # the codings, ordered by document and start
    _members: IntArray = field(repr=False)  # indices into `ordered`, grouped by cell, in text order
    _bounds: IntArray = field(repr=False)   # cell k's members are _members[_bounds[k]:_bounds[k + 1]]
    patched: Mapping[int, tuple[CodingTuple, ...]] = field(default_factory=dict, repr=False)

    def members(self, k: int) -> list[int]:
        """Indices into `ordered` of cell k's codings (as counted in one pass; see `cell`)."""
        return self._members[self._bounds[k]:self._bounds[k + 1]].tolist()  # type: ignore[no-any-return]

    def cell(self, k: int) -> list[CodingTuple]:
        """Cell k's codings in text order (document, start), recounted ones included."""
        if k in self.patched:
            return list(self.patched[k])
        ordered = self.ordered
        return [ordered[i] for i in self.members(k)]


def _lookup(mapping: Mapping[int, int], size: int) -> IntArray:
    table = np.full(size, -1, dtype=np.int64)
    for key, value in mapping.items():
        if key < size:
            table[key] = value
    return table


def count_cells(codings: Sequence[CodingTuple], document_row: Mapping[int, int], nrows: int,
                columns_of_code: Mapping[int, Sequence[int]], ncols: int,
                coder_ids: Collection[int] | None = None) -> CellCounts:
    """Count every cell. `document_row` maps a document id to its case's row index (documents of cases
    not shown are absent); `columns_of_code` maps a code id to the column indices it falls under;
    `coder_ids` None keeps every coder's codings. Codings ordered by (document, start), as the store
    returns them, are used as given; any other order is sorted first."""
    size = nrows * ncols
    n = len(codings)
    if n == 0 or size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return CellCounts(ncols, [0] * size, [0] * size, list(codings), empty, np.zeros(size + 1, np.int64))
    a = np.fromiter(chain.from_iterable(codings), dtype=np.int64, count=5 * n).reshape(n, 5)
    if np.any(np.diff(a[:, 0] * (int(a[:, 4].max()) + 1) + a[:, 3]) < 0):
        order = np.lexsort((a[:, 3], a[:, 0]))
        codings = [codings[i] for i in order.tolist()]
        a = a[order]
    doc, code, coder, start, end = a.T
    row = _lookup(document_row, int(doc.max()) + 1)[doc]
    keep = row >= 0
    if coder_ids is not None:
        keep &= np.isin(coder, np.fromiter(coder_ids, dtype=np.int64))
    code_size = int(code.max()) + 1
    width = np.zeros(code_size, dtype=np.int64)   # columns per code
    first = np.zeros(code_size, dtype=np.int64)   # where a code's columns start in `flat`
    flat: list[int] = []
    for cid, cols in columns_of_code.items():
        if cid < code_size and cols:
            width[cid], first[cid] = len(cols), len(flat)
            flat.extend(cols)
    idx = np.nonzero(keep & (width[code] > 0))[0]
    reps = width[code[idx]]
    sel = np.repeat(idx, reps)                                        # one entry per (coding, column)
    nth = np.arange(len(sel)) - np.repeat(np.cumsum(reps) - reps, reps)
    col = np.asarray(flat, dtype=np.int64)[first[code[sel]] + nth] if len(sel) else sel
    key = row[sel] * ncols + col
    counts = np.bincount(key, minlength=size)
    order = np.argsort(key, kind="stable")                            # keeps (document, start) order
    ks, members = key[order], sel[order]
    ds, ss, es = doc[members], start[members], end[members]
    new_group = np.ones(len(ks), dtype=bool)
    new_group[1:] = (ks[1:] != ks[:-1]) | (ds[1:] != ds[:-1])
    offset = (np.cumsum(new_group) - 1) * (int(end.max()) + 1)        # lifts each (cell, document) apart
    lifted_end = es + offset
    reach = np.maximum.accumulate(lifted_end)                         # furthest end so far, per group
    before = np.concatenate(([np.int64(-1)], reach[:-1]))
    covered = np.maximum(0, lifted_end - np.maximum(ss + offset, before))
    chars = np.bincount(ks, weights=covered, minlength=size)
    bounds = np.searchsorted(ks, np.arange(size + 1))
    return CellCounts(ncols, counts.tolist(), np.rint(chars).astype(np.int64).tolist(), codings,
                      members, bounds)

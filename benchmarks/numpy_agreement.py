"""Cohen's kappa per code x document the obvious way: numpy boolean arrays of one entry per character.

The baseline of the agreement benchmark, in-process (`kappas`, fed by the project's own bulk read) and
as a whole process of its own that reads the project file with nothing but sqlite3 and numpy:

    python benchmarks/numpy_agreement.py PROJECT CODER_A CODER_B [--json]

which prints how many values it computed, or with `--json` every value keyed "code<TAB>document" (by
name; None where kappa is undefined), for the benchmark to check against the report's. The script
imports nothing of framework_qa, so its process is the least a program computing these values pays.
"""

from __future__ import annotations

import json
import math
import sqlite3
import sys
from collections.abc import Iterable, Sequence

import numpy as np


def kappas(lengths: Sequence[tuple[int, int]], code_ids: Sequence[int], coder_ids: Sequence[int],
           intervals: Iterable[tuple[int, int, int, int, int]]) -> dict[tuple[int, int], float | None]:
    """Kappa per (code id, document id) between the two coders `coder_ids`, from `(document, code, coder,
    start, end)` intervals and the documents' `(id, length)`; None where kappa is undefined."""
    row = {c: i for i, c in enumerate(code_ids)}
    coder_index = {coder: k for k, coder in enumerate(coder_ids)}
    by_doc: dict[int, list[tuple[int, int, int, int]]] = {}
    for doc_id, code, coder, start, end in intervals:
        if coder in coder_index and code in row:
            by_doc.setdefault(doc_id, []).append((row[code], coder_index[coder], start, end))
    out: dict[tuple[int, int], float | None] = {}
    for doc_id, length in lengths:
        coded = np.zeros((2, len(code_ids), length), dtype=bool)
        for r, k, start, end in by_doc.get(doc_id, []):
            coded[k, r, start:end] = True
        a, b = coded[0], coded[1]
        both = (a & b).sum(axis=1).astype(np.float64)
        ca, cb = a.sum(axis=1).astype(np.float64), b.sum(axis=1).astype(np.float64)
        neither = length - ca - cb + both
        p_o = (both + neither) / length
        p_e = (ca * cb + (length - ca) * (length - cb)) / (length * length)
        with np.errstate(divide="ignore", invalid="ignore"):
            kappa = (p_o - p_e) / (1 - p_e)
        for r, code in enumerate(code_ids):
            value = float(kappa[r])
            out[(code, doc_id)] = None if p_e[r] == 1 or math.isnan(value) else value
    return out


def from_file(path: str, coders: Sequence[str]) -> tuple[dict[tuple[int, int], float | None], dict[int, str],
                                                           dict[int, str]]:
    """The kappas of the project file at `path`, with the code and document names by id."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        coder_ids = [conn.execute("SELECT id FROM coders WHERE name = ?", (name,)).fetchone()[0] for name in coders]
        documents = conn.execute("SELECT id, name, length FROM documents ORDER BY id").fetchall()
        codes = dict(conn.execute("SELECT id, name FROM codes ORDER BY id").fetchall())
        intervals = conn.execute('SELECT document_id, code_id, coder_id, start, "end" FROM codings '
                                 "WHERE coder_id IN (?, ?)", coder_ids).fetchall()
    finally:
        conn.close()
    values = kappas([(d, length) for d, _, length in documents], list(codes), coder_ids, intervals)
    return values, codes, {d: name for d, name, _ in documents}


def main(argv: list[str]) -> int:
    path, coder_a, coder_b, *rest = argv
    values, codes, documents = from_file(path, [coder_a, coder_b])
    if "--json" in rest:
        print(json.dumps({f"{codes[c]}\t{documents[d]}": v for (c, d), v in values.items()}))
    else:
        print(f"{len(values)} kappas")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

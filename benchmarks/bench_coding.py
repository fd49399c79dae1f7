"""Adding one coding through the core vs a bare sqlite3 INSERT + COMMIT of the same row (target < 5 ms).

The measured path is `project.add_coding(document, start, end, code, coder)` on a large project (by
default 1,000 documents and 100,000 codings): validation, one atomic command with its undo journal, and
the change broadcast. The baseline writes an equivalent row into a copy of the same file with a bare
sqlite3 connection under the settings the store uses (WAL journal, synchronous FULL, foreign keys on),
as BEGIN IMMEDIATE / INSERT / COMMIT, so the durable commit, which dominates both, is in both.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

import framework_qa
from benchmarks.bench_open import add_project_options, prepare_project
from benchmarks.corpus import coding_requests
from benchmarks.timing import measure, report

TARGET_SECONDS = 0.005

# The store's connection settings (framework_qa/core/storage/store.py, Store.__init__).
STORE_PRAGMAS = ("PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL")
INSERT = ('INSERT INTO codings (document_id, code_id, coder_id, start, "end", memo, created_at, guid) '
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")


def bare_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None)
    for pragma in STORE_PRAGMAS:
        conn.execute(pragma)
    return conn


def bare_insert(conn: sqlite3.Connection, row: tuple[object, ...]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(INSERT, row)
    conn.execute("COMMIT")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks coding", description=__doc__.splitlines()[0])
    add_project_options(parser)
    parser.add_argument("--repeat", type=int, default=200, help="codings added on each side (default 200)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="fqa-bench-coding-") as tmp:
        root = Path(tmp)
        source = prepare_project(args, root)
        core_path, bare_path = root / "core.fqa", root / "bare.fqa"
        shutil.copyfile(source, core_path)
        shutil.copyfile(source, bare_path)

        with framework_qa.open_project(core_path) as project:
            leaves = [c.id for c in project.codes() if not project.children(c)]
            texts = [(d.id, project.text(d)) for d in project.documents()]
            coder = project.coders()[0]
            requests = coding_requests(texts, leaves, [coder.name], args.repeat, seed=f"{args.seed}/add")
            conn = bare_connection(bare_path)
            created = datetime.now(UTC).isoformat(timespec="seconds")
            rows = iter([(r.document, r.code, coder.id, r.start, r.end, "", created, str(uuid.uuid4()))
                         for r in requests])
            pending = iter(requests)
            project.add_coding(requests[0].document, requests[0].start, requests[0].end,
                               requests[0].code, coder.name)  # warm caches (codes, documents), untimed

            def add_one() -> None:
                r = next(pending)
                project.add_coding(r.document, r.start, r.end, r.code, r.coder)

            baseline: list[float] = []
            timed: list[float] = []
            for _ in range(args.repeat):
                timed += measure(add_one, 1)
                baseline += measure(lambda: bare_insert(conn, next(rows)), 1)
            conn.close()
        result = report(f"add_coding on {args.docs} docs + {args.codings} codings", timed,
                        "bare sqlite3 INSERT+COMMIT", baseline, target=TARGET_SECONDS)
    return 1 if args.strict and not result.ok else 0

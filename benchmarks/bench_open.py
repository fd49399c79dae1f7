"""Opening a project and reading what the GUI shows first vs a bare sqlite3 count (target < 0.3 s).

The measured path is `open_project(path)` followed by the reads a main window needs to show a project:
the documents list, the codebook (codes in tree order with their paths) and the coding count per code,
plus coders and cases. The baseline is the least any program can do with the same file: a bare
`sqlite3.connect` and `SELECT count(*) FROM codings`. Both run on a warm file cache.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

import framework_qa
from benchmarks.corpus import cached_project
from benchmarks.timing import measure, report
from framework_qa.core.project import Project

TARGET_SECONDS = 0.3


def add_project_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--docs", type=int, default=1000, help="documents in the project (default 1000)")
    parser.add_argument("--words", type=int, default=2000, help="words per document (default 2000)")
    parser.add_argument("--codings", type=int, default=100_000, help="codings in the project (default 100000)")
    parser.add_argument("--coders", type=int, default=2, help="coders sharing the codings (default 2)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", type=Path, default=None,
                        help="folder to keep the generated project in between runs (default: a temporary folder)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")


def prepare_project(args: argparse.Namespace, tmp: Path) -> Path:
    started = time.perf_counter()
    path = cached_project(args.cache or tmp, args.docs, args.words, args.codings, args.coders, args.seed)
    print(f"project: {args.docs} documents of {args.words} words, {args.codings} codings by {args.coders} "
          f"coders ({path.stat().st_size / 1e6:.1f} MB, ready in {time.perf_counter() - started:.1f} s)",
          flush=True)
    return path


def open_and_show(target: str | Path) -> Project:
    """Open the project at `target` (a file or a server address) and make the reads a main window makes
    to show it; returns the open project (the caller closes it: closing is not part of showing one)."""
    project = framework_qa.open_project(target)
    project.documents()
    for code in project.codes():
        project.code_path(code.id)
    project.coding_counts()
    project.coders()
    project.cases()
    return project


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks open", description=__doc__.splitlines()[0])
    add_project_options(parser)
    parser.add_argument("--repeat", type=int, default=20, help="timed runs of each side (default 20)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="fqa-bench-open-") as tmp:
        path = prepare_project(args, Path(tmp))
        opened: list[object] = []  # closed after timing: closing is not part of showing a project

        def bare() -> None:
            conn = sqlite3.connect(str(path))
            conn.execute("SELECT count(*) FROM codings").fetchone()
            opened.append(conn)

        opened.append(open_and_show(path))  # warm the file cache and imports once, untimed
        baseline: list[float] = []
        timed: list[float] = []
        for _ in range(args.repeat):
            baseline += measure(bare, 1)
            timed += measure(lambda: opened.append(open_and_show(path)), 1)
        for handle in opened:
            handle.close()  # type: ignore[attr-defined]
        result = report(f"open {args.docs} docs + {args.codings} codings", timed, "bare sqlite3 count",
                        baseline, target=TARGET_SECONDS)
    return 1 if args.strict and not result.ok else 0

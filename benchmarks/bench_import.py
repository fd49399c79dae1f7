"""Import of .docx transcripts into a project vs bare python-docx paragraph extraction (target <= 1.5x).

The baseline is the least any .docx import must do: open each file with python-docx and read its
paragraphs' text (`[p.text for p in docx.Document(f).paragraphs]`). The measured path is
`project.import_files(files)` into a fresh empty project: reading the body in reading order (tables too),
speaker turns, hashing, and one atomic, undoable write of every document. The ratio is the price of all
that on top of parsing; parsing itself belongs to python-docx.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import docx

import framework_qa
from benchmarks.corpus import write_docx_corpus
from benchmarks.timing import measure, report

TARGET_RATIO = 1.5


def bare_extraction(files: list[Path]) -> None:
    for f in files:
        [p.text for p in docx.Document(str(f)).paragraphs]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks import", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="number of .docx transcripts (default 200)")
    parser.add_argument("--words", type=int, default=5000, help="words per transcript (default 5000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each side (default 3)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="fqa-bench-import-") as tmp:
        root = Path(tmp)
        files = write_docx_corpus(root / "docx", args.docs, args.words, args.seed)
        print(f"corpus: {args.docs} .docx transcripts of {args.words} words "
              f"({sum(f.stat().st_size for f in files) / 1e6:.1f} MB)", flush=True)
        bare_extraction(files)  # warm the file cache and python-docx's imports before timing either side

        runs = iter(range(args.repeat))

        def fresh_project() -> framework_qa.Project:
            return framework_qa.new_project(root / f"import-{next(runs)}.fqa")

        def import_all(project: framework_qa.Project) -> None:
            try:
                result = project.import_files(files)
                if result.failures:
                    raise RuntimeError(str(result.failures[0]))
            finally:
                project.close()

        baseline: list[float] = []
        timed: list[float] = []
        for _ in range(args.repeat):  # interleaved, so drifts in machine load hit both sides alike
            baseline += measure(lambda: bare_extraction(files), 1)
            timed += measure(import_all, 1, setup=fresh_project)
        result = report(f"import {args.docs} docx x {args.words} words", timed,
                        "bare python-docx", baseline, target_ratio=TARGET_RATIO)
    return 1 if args.strict and not result.ok else 0

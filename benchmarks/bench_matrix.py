"""Framework matrix of 500 cases x 60 codes over 200,000 codings: computed < 300 ms; xlsx <= 1.5x bare openpyxl.

The project is generated here, through the public API: 500 one-transcript cases, four frameworks of 15
leaf codes each (60 columns) and 200,000 codings by two coders on word boundaries (benchmarks.corpus).
Measured: `build_matrix(project)` end to end (the single codings query and the one-pass count), and
`write_matrix_xlsx(report, path)` against `write_bare_xlsx` of exactly the cell values the export writes
(`sheet_values(report)`), in write-only openpyxl, in the same run and alternating. Assembling the report
(references and quotes for every coding) is timed and printed on its own, without a target.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import framework_qa
from benchmarks.corpus import CORPUS_VERSION, coder_names, coding_requests, write_txt_corpus
from benchmarks.timing import format_ms, measure, report
from framework_qa.core.analysis.matrix import MatrixSpec, build_matrix, matrix_report
from framework_qa.core.exporters.matrix_xlsx import sheet_values, write_bare_xlsx, write_matrix_xlsx

TARGET_MATRIX = 0.300
TARGET_XLSX_RATIO = 1.5
FRAMEWORKS, CODES_PER_FRAMEWORK = 4, 15


def build(path: Path, cases: int, words: int, codings: int, seed: int = 0) -> Path:
    """A project of `cases` one-document cases, 4 x 15 leaf codes and `codings` codings (cached by name)."""
    if path.exists():
        return path
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="fqa-matrix-") as tmp:
        files = write_txt_corpus(tmp, cases, words, seed)
        with framework_qa.new_project(partial) as project:
            for f in range(FRAMEWORKS):
                project.add_code(f"Framework {f + 1}", origin="deductive")
                for k in range(CODES_PER_FRAMEWORK):
                    project.add_code(f"Code {k + 1}", parent=f"Framework {f + 1}", origin="deductive")
            imported = project.import_files(files)
            if imported.failures:
                raise RuntimeError(f"corpus import failed: {imported.failures[0]}")
            leaves = [c.id for c in project.codes() if c.parent_id is not None]
            texts = [(d.id, project.text(d)) for d in project.documents()]
            requests = coding_requests(texts, leaves, coder_names(2), codings, seed)
            # codes dealt round-robin cover only a few codes per document; shuffle them over the cells
            rng = random.Random(f"{seed}/matrix")
            requests = [replace(r, code=rng.choice(leaves)) for r in requests]
            for i in range(0, len(requests), 25_000):
                project.add_codings(requests[i:i + 25_000], label="Add benchmark codings")
            project.undo_stack.clear()
    partial.rename(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks matrix", description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--codings", type=int, default=200_000)
    parser.add_argument("--words", type=int, default=2_000, help="words per transcript (default 2,000)")
    parser.add_argument("--repeat", type=int, default=7, help="runs of the matrix computation (default 7)")
    parser.add_argument("--xlsx-repeat", type=int, default=3, help="runs of each xlsx write (default 3)")
    parser.add_argument("--cache", help="folder to keep the generated project in between runs")
    args = parser.parse_args(argv)

    folder = Path(args.cache) if args.cache else Path(tempfile.mkdtemp(prefix="fqa-bench-matrix-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"matrix-v2-{CORPUS_VERSION}-{args.cases}c-{args.words}w-{args.codings}k.fqa"
    started = time.perf_counter()
    build(path, args.cases, args.words, args.codings)
    print(f"project: {args.cases} cases, {FRAMEWORKS * CODES_PER_FRAMEWORK} codes, {args.codings:,} codings "
          f"(ready in {time.perf_counter() - started:.1f} s)", flush=True)
    ok = True
    with framework_qa.open_project(path) as project:
        spec = MatrixSpec()
        build_matrix(project, spec)  # warm the project's caches, as an open GUI would have them
        times = measure(lambda: build_matrix(project, spec), args.repeat)
        ok &= report("matrix computed", times, target=TARGET_MATRIX).ok
        matrix = build_matrix(project, spec)
        assert matrix.shape == (args.cases, FRAMEWORKS * CODES_PER_FRAMEWORK), matrix.shape
        started = time.perf_counter()
        rep = matrix_report(project, matrix)
        print(f"report assembled (references and {len(rep.quotes):,} quotes): "
              f"{format_ms(time.perf_counter() - started)}", flush=True)
    with tempfile.TemporaryDirectory(prefix="fqa-matrix-xlsx-") as tmp:
        out, bare = Path(tmp) / "matrix.xlsx", Path(tmp) / "bare.xlsx"
        export_times: list[float] = []
        bare_times: list[float] = []
        for _ in range(args.xlsx_repeat):  # alternate, so drift hits both sides alike
            values = sheet_values(rep)
            bare_times += measure(lambda v=values: write_bare_xlsx(v, bare), 1)
            export_times += measure(lambda: write_matrix_xlsx(rep, out), 1)
        ok &= report("xlsx export", export_times, "bare openpyxl write", bare_times,
                     target_ratio=TARGET_XLSX_RATIO).ok
    return 0 if ok else 1


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))

"""Opening a project and reading what the GUI shows first vs a bare sqlite3 count (target < 0.3 s).

The measured path is `open_project(path)` followed by the reads a main window needs to show a project:
the documents list, the codebook (codes in tree order with their paths) and the coding count per code,
plus coders and cases. The baseline is the least any program can do with the same file: a bare
`sqlite3.connect` and `SELECT count(*) FROM codings`. Both run on a warm file cache.

With `--window`: the whole process a user starts, `framework-qa gui PROJECT --coder NAME` (the coder
remembered, as on every opening after the first), on a project of 1,000 transcripts of 10,000 words
(10 million words; `--docs`, `--words`, `--codings` change it) until the window is usable: painted, with
every document listed and the first transcript shown (the process prints what it showed at its first
paint and the run checks it). Reported: the time to that paint against a bare PySide6 empty window
started the same way (`benchmarks.bench_startup.BARE`), and the peak resident memory of the process
(`os.wait4`). Targets: under 2 s and under 1 GB.
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
WINDOW_TARGET_SECONDS = 2.0
WINDOW_TARGET_MB = 1024
WINDOW_SIZES = {"docs": 1000, "words": 10_000, "codings": 100_000}


def add_project_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--docs", type=int, default=1000, help="documents in the project (default 1000)")
    parser.add_argument("--words", type=int, default=None,
                        help="words per document (default 2000; 10000 for `open --window`)")
    parser.add_argument("--codings", type=int, default=100_000, help="codings in the project (default 100000)")
    parser.add_argument("--coders", type=int, default=2, help="coders sharing the codings (default 2)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", type=Path, default=None,
                        help="folder to keep the generated project in between runs (default: a temporary folder)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")


def prepare_project(args: argparse.Namespace, tmp: Path) -> Path:
    if args.words is None:
        args.words = 2000
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
    parser.add_argument("--repeat", type=int, default=None, help="timed runs of each side (default 20; 5 with --window)")
    parser.add_argument("--window", action="store_true",
                        help="whole process: `framework-qa gui` on 1,000 x 10,000 words until usable, and its memory")
    args = parser.parse_args(argv)
    if args.window:
        if args.words is None:
            args.words = WINDOW_SIZES["words"]
        return window(args)
    args.repeat = args.repeat or 20

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


def window(args: argparse.Namespace) -> int:
    """`framework-qa gui PROJECT` until usable vs a bare PySide6 window, each a whole process."""
    from benchmarks.bench_startup import BARE, child_env
    from benchmarks.processes import Run, run_process
    from benchmarks.timing import format_ms

    repeat = args.repeat or 5
    with tempfile.TemporaryDirectory(prefix="fqa-bench-open-window-") as tmp:
        path = prepare_project(args, Path(tmp))
        env = child_env(Path(tmp))
        coder = framework_qa.open_project(path)
        try:
            name = coder.coders()[0].name
            docs = len(coder.documents())
        finally:
            coder.close()
        ours = ["-m", "framework_qa", "gui", str(path), "--coder", name, "--quit-after-show"]
        bare = ["-c", BARE]

        def shown(run: Run, usable: bool = False) -> float:
            """Seconds from start to first paint; with `usable`, checks what the window showed then."""
            lines = run.stdout.splitlines()
            moment = next(float(line.split()[-1]) for line in lines if line.startswith("shown at "))
            showing = next((line for line in lines if line.startswith("showing ")), "")
            if usable and (not showing.startswith(f"showing {docs} documents listed, ") or "none open" in showing):
                raise SystemExit(f"the window was not usable at its first paint: {showing or run.stdout!r}")
            return moment - run.started_at

        first = run_process(ours, env)  # warm-up: byte-code written, the file in the page cache
        shown(first, usable=True)
        print(f"at its first paint the window was {first.stdout.splitlines()[-1]}", flush=True)
        run_process(bare, env)
        timed: list[float] = []
        baseline: list[float] = []
        peaks: list[float] = []
        cpu: list[float] = []
        for _ in range(repeat):  # interleaved, so drifts in machine load hit both sides alike
            baseline.append(shown(run_process(bare, env)))
            run = run_process(ours, env)
            timed.append(shown(run, usable=True))
            peaks.append(run.peak_mb)
            cpu.append(run.cpu)
        memory_ok = max(peaks) < WINDOW_TARGET_MB
        print(f"peak memory of the window process: {max(peaks):.0f} MB (largest of {repeat} runs); target < "
              f"{WINDOW_TARGET_MB} MB: {'PASS' if memory_ok else 'over'}; CPU time {format_ms(sorted(cpu)[len(cpu) // 2])} "
              f"(median, to exit)", flush=True)
        result = report(f"gui on {docs} docs x {args.words} words until usable", timed, "bare PySide6 empty window",
                        baseline, target=WINDOW_TARGET_SECONDS)
    return 1 if args.strict and not (result.ok and memory_ok) else 0

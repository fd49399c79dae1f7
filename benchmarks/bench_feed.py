"""Change feed: its cost per coding (<= 1.2x), another process's coding at the next read (< 5 ms) and in a window (< 300 ms).

Several programs may write one project file; every command appends a feed record in its transaction,
and a project checks the feed (one `PRAGMA data_version`) before cached reads. On the benchmark project
(default 1,000 documents, 100,000 codings) this measures, each against a baseline in the same run:

1. `project.add_coding(...)` vs the same call on a second project object, on a copy of the file, whose
   store has the feed switched off (`record_change` a no-op, `news` returning None); interleaved.
2. A real second process (`feed_writer.py`) commits a coding; then the first read here,
   `project.codings(document=...)`, which must contain it (checked), vs the same read when nothing
   changed. Plus an idle `project.poll()` vs a bare `PRAGMA data_version`.
3. The main window offscreen (`feed_window.py`): from just before the other process's `add_coding`
   until the codings table and the viewer's marks contain the coding, vs the same window showing a
   coding added in-process through `session.project.add_coding`.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
from pathlib import Path

import framework_qa
from benchmarks.bench_open import add_project_options, prepare_project
from benchmarks.corpus import CodingRequest, coding_requests
from benchmarks.feed_writer import OtherProcess
from benchmarks.timing import Result, measure, report
from framework_qa.core.project import Project

TARGET_RATIO = 1.2       # add_coding with the feed vs without
TARGET_READ = 0.005      # first read after another process's commit
TARGET_POLL = 0.001      # an idle poll; the window runs one every 150 ms on its GUI thread


def switch_off_feed(project: Project) -> None:
    """Make this project's store (this instance only) neither write feed records nor read them, so it
    works as before the feed existed; the file and every other store are untouched."""
    store = project.store
    store.record_change = lambda *args, **kwargs: None  # type: ignore[method-assign]
    store.news = lambda: None  # type: ignore[method-assign]


def requests_for(project: Project, n: int, seed: str) -> tuple[list[CodingRequest], list[str]]:
    """`n` word-aligned codings over the project's documents and leaf codes, and the coders' names."""
    leaves = [c.id for c in project.codes() if not project.children(c)]
    texts = [(d.id, project.text(d)) for d in project.documents()]
    coders = [c.name for c in project.coders()]
    return coding_requests(texts, leaves, coders[:1], n, seed=seed), coders


def add(project: Project, r: CodingRequest) -> None:
    project.add_coding(r.document, r.start, r.end, r.code, r.coder)


def timed_read(project: Project, document: int) -> tuple[list[float], set[int]]:
    """One timed `codings(document=...)` read (what the codings table runs) and the ids it returned."""
    seen: set[int] = set()
    return measure(lambda: seen.update(c.id for c in project.codings(document=document)), 1), seen


def feed_cost(source: Path, root: Path, repeat: int, seed: int, label: str) -> Result:
    """Part 1: the same additions on two copies, the feed on for one and off for the other."""
    on, off = root / "feed-on.fqa", root / "feed-off.fqa"
    shutil.copyfile(source, on)
    shutil.copyfile(source, off)
    with framework_qa.open_project(on) as with_feed, framework_qa.open_project(off) as without:
        switch_off_feed(without)
        requests, _ = requests_for(with_feed, repeat + 1, f"{seed}/feed")
        add(with_feed, requests[0])  # warm caches on both sides, untimed
        add(without, requests[0])
        timed: list[float] = []
        baseline: list[float] = []
        for i, r in enumerate(requests[1:]):  # alternate which side goes first: neither always follows a commit
            sides = [(timed, with_feed), (baseline, without)]
            for times, project in sides if i % 2 == 0 else reversed(sides):
                times += measure(lambda p=project, r=r: add(p, r), 1)
    return report(f"add_coding with the change feed, {label}", timed, "feed switched off", baseline,
                  target_ratio=TARGET_RATIO)


def remote_read(source: Path, root: Path, repeat: int, seed: int, label: str) -> list[Result]:
    """Part 2: another process commits a coding; time our next read (which must see it), and idle polls."""
    path = root / "shared.fqa"
    shutil.copyfile(source, path)
    with framework_qa.open_project(path) as project:
        requests, coders = requests_for(project, repeat + 1, f"{seed}/remote")
        with OtherProcess(path, coders[-1]) as other:
            first: list[float] = []
            again: list[float] = []
            for i, r in enumerate(requests):
                doc = int(r.document)
                done = other.add(doc, r.start, r.end, int(r.code))
                t, seen = timed_read(project, doc)
                if done.coding not in seen:
                    raise AssertionError(f"the read after another process's commit missed coding {done.coding}")
                t_same, _ = timed_read(project, doc)
                announced = project.poll()  # untimed: the change must also reach listeners, as remote
                if not any(c.remote and done.coding in c.ids("codings") for c in announced):
                    raise AssertionError(f"poll() did not announce coding {done.coding} as a remote change")
                if i:  # the first round warms both sides
                    first += t
                    again += t_same
        results = [report(f"first codings(document) read after another process's commit, {label}", first,
                          "same read, nothing changed", again, target=TARGET_READ)]
        conn = sqlite3.connect(str(path))
        idle: list[float] = []
        bare: list[float] = []
        for _ in range(repeat):
            idle += measure(project.poll, 1)
            bare += measure(lambda: conn.execute("PRAGMA data_version").fetchone(), 1)
        conn.close()
        results.append(report("idle project.poll()", idle, "bare PRAGMA data_version", bare, target=TARGET_POLL))
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks feed", description=__doc__.splitlines()[0])
    add_project_options(parser)
    parser.add_argument("--repeat", type=int, default=200,
                        help="codings added on each side (parts 1 and 2; default 200)")
    parser.add_argument("--changes", type=int, default=15,
                        help="codings the window is shown on each side (part 3; default 15)")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.changes < 1:
        parser.error("--repeat and --changes must be at least 1")

    with tempfile.TemporaryDirectory(prefix="fqa-bench-feed-") as tmp:
        root = Path(tmp)
        source = prepare_project(args, root)
        label = f"{args.docs} docs + {args.codings} codings"
        results = [feed_cost(source, root, args.repeat, args.seed, label)]
        results += remote_read(source, root, args.repeat, args.seed, label)
        from benchmarks.feed_window import window_latency  # imports Qt: only now

        window_copy = root / "window.fqa"
        shutil.copyfile(source, window_copy)
        results.append(window_latency(window_copy, args.changes, args.seed, label))
    return 1 if args.strict and not all(r.ok for r in results) else 0

"""Search as whole processes: a project's first index build (target < 45 s for 3 M words), and a `search` process vs a `documents` process (target: at most 50 ms more).

The project is the synthetic corpus of `benchmarks.corpus` imported through the public API: 300
transcripts of 10,000 words by default, 3 million words in all (cached with `--cache DIR`).

`build` times `framework-qa search PROJECT QUERY` on a copy of the project without its index folder, as
a user's first search runs: the process reads the documents, builds the index beside the project and
answers. Reported with words per second, and with the ratio against whoosh's general writer building
the same documents in a process of its own (`--whoosh-baseline`, what the index build did before).

`query` times, on the same project with its index built (by `build` when both run), `framework-qa search PROJECT QUERY` and
`framework-qa documents PROJECT` alternately, and reports both medians and their difference: what a
search costs over the least a command that opens the project does. By default for a word, a phrase and
a word with `*` (which the search answers from the index files alone) and for a pattern OR-ed with a
word (which loads the search engine); `--query` (repeatable) names others.

Byte-code is cached (in a temporary `PYTHONPYCACHEPREFIX`, after one untimed run of each command) as it
is for an installed program, whatever `PYTHONDONTWRITEBYTECODE` says.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import cached_project
from benchmarks.timing import format_ms, report

DEFAULT_QUERIES = ("reminder", '"felt like"', "remind*", "remind* OR calm")
BUILD_TARGET_SECONDS = 45.0
EXTRA_TARGET_SECONDS = 0.050

# Builds the index of PROJECT's documents into FOLDER with whoosh's own writer, as the index did before
# it wrote segments itself: the baseline of `build`.
WHOOSH_BUILD = """
import sys
from pathlib import Path
import framework_qa
from framework_qa.core.search.project import ProjectSearch
from framework_qa.core.search import analysis, index
from framework_qa.core.search.pairs import common_words
from whoosh import index as windex

with framework_qa.open_project(sys.argv[1]) as project:
    search = ProjectSearch(project)
    documents = search._index_documents(search._document_state())
    search.close()
from framework_qa.core.search.words import paragraph_words
words = (paragraph_words(d.text[s:e]) for d in documents for s, e, _ in d.paragraphs)
folder = Path(sys.argv[2])
folder.mkdir()
ix = windex.create_in(str(folder), analysis.build_schema(common_words(words)), indexname=index.INDEX_NAME)
index._write(ix, documents, replace=False)
"""


def child_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


CPU_SECONDS: list[float] = []  # CPU time (user + system) of each process `run` ran, in order


def run(command: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one process running `command` (its CPU seconds go to CPU_SECONDS); exits with its
    message when it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    took = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU_SECONDS.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command[2:4])} ... failed (exit {result.returncode}): "
                         f"{(result.stderr.strip().splitlines() or ['no output'])[-1]}")
    return took


def cli(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "framework_qa", *map(str, args)]


def index_folder(project: Path) -> Path:
    return project.with_name(project.name + ".index")


def bench_build(project: Path, words: int, query: str, repeat: int, whoosh_baseline: bool,
                env: dict[str, str], tmp: Path) -> tuple[bool, Path]:
    """Times first searches on a copy of `project`; returns whether the target held, and the copy (its
    index built)."""
    copy = tmp / "build.fqa"
    shutil.copyfile(project, copy)
    run(cli("documents", copy), env)  # byte-code cached, project file in the page cache
    timed: list[float] = []
    for _ in range(repeat):
        shutil.rmtree(index_folder(copy), ignore_errors=True)
        timed.append(run(cli("search", copy, query), env))
        print(f"  first search (index build) in {timed[-1]:.1f} s: {words / timed[-1]:,.0f} words/s", flush=True)
    baseline: list[float] = []
    if whoosh_baseline:
        for _ in range(repeat):
            folder = tmp / "whoosh.index"
            shutil.rmtree(folder, ignore_errors=True)
            baseline.append(run([sys.executable, "-c", WHOOSH_BUILD, str(copy), str(folder)], env))
            print(f"  whoosh's writer in {baseline[-1]:.1f} s: {words / baseline[-1]:,.0f} words/s", flush=True)
    result = report(f"first search with index build, {words:,} words "
                    f"({words / statistics.median(timed):,.0f} words/s)", timed,
                    "whoosh's writer building the same index", baseline or None, target=BUILD_TARGET_SECONDS)
    return result.ok, copy


def bench_query(project: Path, query: str, repeat: int, env: dict[str, str]) -> bool:
    search = cli("search", project, query)
    documents = cli("documents", project)
    run(search, env)  # builds the index if the cache lacks it; byte-code cached
    run(documents, env)
    searches: list[float] = []
    listings: list[float] = []
    search_cpu: list[float] = []
    listing_cpu: list[float] = []
    for _ in range(repeat):
        listings.append(run(documents, env))
        listing_cpu.append(CPU_SECONDS[-1])
        searches.append(run(search, env))
        search_cpu.append(CPU_SECONDS[-1])
    result = report(f"search {query!r} process", searches, "documents process", listings)
    extra = statistics.median(searches) - statistics.median(listings)
    ok = extra <= EXTRA_TARGET_SECONDS
    print(f"search process - documents process: {format_ms(extra)} (medians); target <= "
          f"{format_ms(EXTRA_TARGET_SECONDS)}: {'PASS' if ok else 'over'}", flush=True)
    extra_cpu = statistics.median(search_cpu) - statistics.median(listing_cpu)
    print(f"CPU time (user + system, steadier than wall time on a busy machine): search "
          f"{format_ms(statistics.median(search_cpu))}, documents {format_ms(statistics.median(listing_cpu))}, "
          f"difference {format_ms(extra_cpu)} (medians)", flush=True)
    return ok and result.ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks search_cli", description=__doc__.splitlines()[0])
    parser.add_argument("mode", nargs="?", choices=("build", "query", "both"), default="both")
    parser.add_argument("--docs", type=int, default=300, help="transcripts (default 300)")
    parser.add_argument("--words", type=int, default=10_000, help="words per transcript (default 10000)")
    parser.add_argument("--query", action="append", default=None,
                        help='a query searched; repeatable (default: reminder, "felt like", remind*, '
                             '"remind* OR calm"; `build` searches the first)')
    parser.add_argument("--repeat", type=int, default=11, help="runs of each process in `query` (default 11)")
    parser.add_argument("--build-repeat", type=int, default=1, help="builds timed in `build` (default 1)")
    parser.add_argument("--whoosh-baseline", action="store_true",
                        help="`build` also times whoosh's general writer on the same documents")
    parser.add_argument("--cache", type=Path, default=None, help="folder keeping the project between runs")
    parser.add_argument("--project", type=Path, default=None,
                        help="an existing project to time instead of the generated one (--docs/--words: its size)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="fqa-bench-search-cli-") as folder:
        tmp = Path(folder)
        started = time.perf_counter()
        project = args.project or cached_project(args.cache or tmp, args.docs, args.words, 0)
        total = args.docs * args.words
        print(f"project: {args.docs} transcripts x {args.words} words = {total:,} words "
              f"(ready in {time.perf_counter() - started:.1f} s); byte-code cached, "
              "PYTHONDONTWRITEBYTECODE unset for the timed processes", flush=True)
        env = child_env(tmp)
        queries = args.query or list(DEFAULT_QUERIES)
        ok = True
        if args.mode in ("build", "both"):
            built, project = bench_build(project, total, queries[0], args.build_repeat, args.whoosh_baseline,
                                         env, tmp)
            ok = built and ok
        if args.mode in ("query", "both"):
            for query in queries:
                ok = bench_query(project, query, args.repeat, env) and ok
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    raise SystemExit(main())

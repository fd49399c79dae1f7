"""Import of .docx transcripts into a project vs bare python-docx paragraph extraction (target <= 1.5x).

The baseline is the least any .docx import must do: open each file with python-docx and read its
paragraphs' text (`[p.text for p in docx.Document(f).paragraphs]`). The measured path is
`project.import_files(files)` into a fresh empty project: reading the body in reading order (tables too),
speaker turns, hashing, and one atomic, undoable write of every document. The ratio is the price of all
that on top of parsing; parsing itself belongs to python-docx.

With `--big-text`: `framework-qa import` of one large honest plain-text transcript (`--mb`, default 200 MB
of the corpus's UTF-8 text, accents and emoji included, so Python holds it as 4 bytes per character), each
run a fresh subprocess whose wall time and peak resident memory (`os.wait4`'s `ru_maxrss`) are reported.
Its baseline is the least any import of that file must do, in a subprocess too: read it and decode it
(`open(f, encoding="utf-8").read()`), whose peak is the file's bytes plus its text. Targets: under 15 s
(it took 12.5 s when first measured) and a peak at most 3x the baseline's (reading adds nothing beyond
the bytes and the text; storing holds the text's UTF-8 for SQLite and the stored row read back for undo).

With `--process`: whole processes on both sides (`benchmarks.processes`), as a user runs them: `framework-qa
import PROJECT FILES...` into a fresh empty project (created untimed) vs `python -c` doing the bare
python-docx extraction above over the same files, by default 60 transcripts of 5,000 words. Interpreter
start-up, imports and exit are in on both sides, so the ratio shows what the command's start-up adds too.
Target: at most 1.2x.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import docx

import framework_qa
from benchmarks.corpus import make_text, write_docx_corpus
from benchmarks.processes import Run, process_env, report_runs, run_process
from benchmarks.timing import measure, report

TARGET_RATIO = 1.5
PROCESS_TARGET_RATIO = 1.2
PROCESS_DOCS = 60
BARE_PROCESS = "import sys, docx\nfor f in sys.argv[1:]:\n    [p.text for p in docx.Document(f).paragraphs]\n"
BIG_TEXT_TARGET_S = 15.0
BIG_TEXT_MEMORY_RATIO = 3.0


def bare_extraction(files: list[Path]) -> None:
    for f in files:
        [p.text for p in docx.Document(str(f)).paragraphs]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks import", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=None,
                        help=f"number of .docx transcripts (default 200; {PROCESS_DOCS} with --process)")
    parser.add_argument("--words", type=int, default=5000, help="words per transcript (default 5000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each side (default 3)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--big-text", action="store_true",
                        help="instead, import one large .txt transcript in a subprocess: time and peak memory")
    parser.add_argument("--mb", type=int, default=200, help="size of the --big-text transcript (default 200 MB)")
    parser.add_argument("--process", action="store_true",
                        help="whole processes: `framework-qa import` vs a bare python-docx script (target <= 1.2x)")
    args = parser.parse_args(argv)
    if args.big_text:
        return big_text(args.mb, args.repeat, args.seed, args.strict)
    if args.process:
        return whole_process(args.docs or PROCESS_DOCS, args.words, args.repeat, args.seed, args.strict)
    args.docs = args.docs or 200

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


def write_big_text(path: Path, mb: int, seed: int) -> None:
    """`mb` MB of honest transcript: the corpus's text in blocks of ~2 MB, one speaker turn per line."""
    block = (make_text(300_000, seed) + "\n").encode("utf-8")
    with path.open("wb") as out:
        for _ in range(max(1, round(mb * 1024 * 1024 / len(block)))):
            out.write(block)


def whole_process(docs: int, words: int, repeat: int, seed: int, strict: bool) -> int:
    with tempfile.TemporaryDirectory(prefix="fqa-bench-import-process-") as tmp:
        root = Path(tmp)
        files = [str(f) for f in write_docx_corpus(root / "docx", docs, words, seed)]
        print(f"corpus: {docs} .docx transcripts of {words} words "
              f"({sum(Path(f).stat().st_size for f in files) / 1e6:.1f} MB); whole processes", flush=True)
        env = process_env(root)
        runs = iter(range(repeat + 1))

        def ours() -> Run:
            project = root / f"import-{next(runs)}.fqa"
            framework_qa.new_project(project).close()
            run = run_process(["-m", "framework_qa", "import", str(project), *files], env)
            if run.stdout.count("imported ") != len(files):
                raise SystemExit(f"framework-qa import did not import every file:\n{run.stdout[-500:]}")
            project.unlink()
            return run

        run_process(["-c", BARE_PROCESS, *files], env)  # warm-up: byte-code cached, files in the page cache
        ours()
        baseline: list[Run] = []
        timed: list[Run] = []
        for _ in range(repeat):  # interleaved, so drifts in machine load hit both sides alike
            baseline.append(run_process(["-c", BARE_PROCESS, *files], env))
            timed.append(ours())
        result = report_runs(f"framework-qa import of {docs} docx x {words} words (whole process)", timed,
                             "bare python-docx process", baseline, target_ratio=PROCESS_TARGET_RATIO)
    return 1 if strict and not result.ok else 0


def _child(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run `python ARGS` from the repository root: (wall seconds, peak resident MB); fails if it fails."""
    run = run_process(args, env)
    return run.seconds, run.peak_mb


def big_text(mb: int, repeat: int, seed: int, strict: bool) -> int:
    with tempfile.TemporaryDirectory(prefix="fqa-bench-bigtext-") as tmp:
        root = Path(tmp)
        env = process_env(root)
        text = root / "P001.txt"
        write_big_text(text, mb, seed)
        print(f"corpus: one UTF-8 transcript of {text.stat().st_size / 1024 / 1024:.0f} MB", flush=True)
        timed: list[float] = []
        baseline: list[float] = []
        peaks: list[float] = []
        base_peaks: list[float] = []
        for run in range(repeat):  # interleaved, as in every benchmark
            seconds, peak = _child(["-c", "import sys; open(sys.argv[1], encoding='utf-8').read()", str(text)], env)
            baseline.append(seconds)
            base_peaks.append(peak)
            project = root / f"big-{run}.fqa"
            framework_qa.new_project(project).close()
            seconds, peak = _child(["-m", "framework_qa", "import", str(project), str(text)], env)
            timed.append(seconds)
            peaks.append(peak)
        ratio = max(peaks) / max(base_peaks)
        memory_ok = ratio <= BIG_TEXT_MEMORY_RATIO
        print(f"peak memory of the import: {max(peaks):.0f} MB; {ratio:.2f}x bare read+decode "
              f"({max(base_peaks):.0f} MB); target <= {BIG_TEXT_MEMORY_RATIO:g}x: {'PASS' if memory_ok else 'over'}",
              flush=True)
        result = report(f"framework-qa import of a {mb} MB .txt", timed, "bare read+decode", baseline,
                        target=BIG_TEXT_TARGET_S)
    return 1 if strict and not (result.ok and memory_ok) else 0

"""Agreement per code x document (interval arithmetic) vs a per-character numpy computation (target < 2 s).

The corpus: 500 documents of 10,000 words, 60 codes, two coders, 150,000 codings (word-aligned runs of
1-60 words at random documents and codes; coder B codes about 70 % of coder A's stretches with boundaries a
few words off, and codes elsewhere otherwise, so agreement is neither perfect nor nil). The measured path is the whole report
(`agreement_report`: one bulk read of codings, then every per code x document table and measure, the
per-code pooling and the overall row). The baseline computes the same per code x document kappas the
obvious way, with numpy boolean arrays of one entry per character, and the run checks both agree.

With `--process`: whole processes on both sides (`benchmarks.processes`), by default on 200 documents of
10,000 words, 28 codes and 112,000 codings: `framework-qa agreement PROJECT --coders A B` (the report
printed as a table) vs `python benchmarks/numpy_agreement.py PROJECT A B`, a script that reads the file
with bare sqlite3 and computes the same per code x document kappas with numpy. Start-up, imports, the
reads and exit are in on both sides. Target: at most 1.0x. The run checks both agree (`--json`, untimed).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

import framework_qa
from framework_qa.core.analysis.agreement_report import COHEN, agreement_report

try:
    from benchmarks.corpus import CORPUS_VERSION, coder_names, word_bounds, write_txt_corpus
    from benchmarks.numpy_agreement import kappas
    from benchmarks.processes import ROOT, Run, process_env, report_runs, run_process
    from benchmarks.timing import measure, report
except ImportError:  # pragma: no cover - the shared benchmark helpers are missing
    raise SystemExit("benchmarks.corpus and benchmarks.timing are needed") from None

TARGET_SECONDS = 2.0
PROCESS_TARGET_RATIO = 1.0
PROCESS_SIZES = {"docs": 200, "codes": 28, "codings": 112_000}
IN_PROCESS_SIZES = {"docs": 500, "codes": 60, "codings": 150_000}


def agreement_requests(texts: list[tuple[int, str]], code_ids: list[int], n: int,
                       seed: int) -> list[framework_qa.CodingRequest]:
    """`n` codings by two coders: A's stretches at random, B's mostly near A's, sometimes elsewhere."""
    rng = random.Random(f"{seed}/agreement")
    bounds = [(doc_id, word_bounds(text)) for doc_id, text in texts]
    a, b = coder_names(2)
    out: list[framework_qa.CodingRequest] = []

    def stretch() -> tuple[int, list[int], list[int], int, int, int]:
        doc_id, (starts, ends) = rng.choice(bounds)
        first = rng.randrange(len(starts))
        return doc_id, starts, ends, rng.choice(code_ids), first, min(len(ends) - 1, first + rng.randrange(60))

    while len(out) < n:
        doc_id, starts, ends, code, first, last = stretch()
        out.append(framework_qa.CodingRequest(doc_id, starts[first], ends[last], code, a))
        if rng.random() < 0.7:
            f = min(max(0, first + rng.randint(-3, 3)), len(starts) - 1)
            t = min(max(f, last + rng.randint(-3, 3)), len(ends) - 1)
        else:
            doc_id, starts, ends, code, f, t = stretch()
        out.append(framework_qa.CodingRequest(doc_id, starts[f], ends[t], code, b))
    return out[:n]


def build(path: Path, docs: int, words: int, codes: int, codings: int, seed: int) -> None:
    """The corpus project, through the public API in a few large commands."""
    with tempfile.TemporaryDirectory(prefix="fqa-agreement-") as tmp:
        files = write_txt_corpus(tmp, docs, words, seed)
        with framework_qa.new_project(path) as project:
            imported = project.import_files(files)
            if imported.failures:
                raise RuntimeError(str(imported.failures[0]))
            for i in range(codes):
                project.add_code(f"Code {i + 1:02d}")
            ids = [c.id for c in project.codes()]
            texts = [(d.id, project.text(d)) for d in project.documents()]
            requests = agreement_requests(texts, ids, codings, seed)
            for i in range(0, len(requests), 50_000):
                project.add_codings(requests[i:i + 50_000], label="Add benchmark codings")
            project.undo_stack.clear()


def numpy_kappas(project: framework_qa.Project, coders: list[str]) -> dict[tuple[int, int], float | None]:
    """Cohen's kappa per (code, document) from per-character boolean arrays."""
    coder_ids = [project.coder(name).id for name in coders]
    return kappas([(d.id, d.length) for d in project.documents()], [c.id for c in project.codes()], coder_ids,
                  project.store.coding_intervals(coder_ids))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks agreement", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=None, help="documents (default 500; 200 with --process)")
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--codes", type=int, default=None, help="codes (default 60; 28 with --process)")
    parser.add_argument("--codings", type=int, default=None,
                        help="codings (default 150000; 112000 with --process)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each side (default 3)")
    parser.add_argument("--cache", type=Path, default=None, help="folder to keep the generated project in")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the target is missed")
    parser.add_argument("--process", action="store_true",
                        help="whole processes: `framework-qa agreement` vs a numpy script (target <= 1.0x)")
    args = parser.parse_args(argv)
    for key, value in (PROCESS_SIZES if args.process else IN_PROCESS_SIZES).items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    with tempfile.TemporaryDirectory(prefix="fqa-bench-agreement-") as tmp:
        folder = args.cache or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"agreement-v2-{CORPUS_VERSION}-{args.docs}d-{args.words}w-{args.codes}k-{args.codings}c-s{args.seed}.fqa"
        started = time.perf_counter()
        if not path.exists():
            partial = path.with_name(path.name + ".partial")
            partial.unlink(missing_ok=True)
            build(partial, args.docs, args.words, args.codes, args.codings, args.seed)
            partial.rename(path)
        print(f"project: {args.docs} documents of {args.words} words, {args.codes} codes, {args.codings} codings "
              f"by 2 coders (ready in {time.perf_counter() - started:.1f} s)", flush=True)
        if args.process:
            return whole_process(path, args.repeat, args.strict, Path(tmp))
        with framework_qa.open_project(path) as project:
            coders = [c.name for c in project.coders()][:2]
            results: list[object] = []
            baseline_values: list[dict[tuple[int, int], float | None]] = []
            timed: list[float] = []
            baseline: list[float] = []
            for _ in range(args.repeat):
                timed += measure(lambda: results.append(agreement_report(project, coders)), 1)
                baseline += measure(lambda: baseline_values.append(numpy_kappas(project, coders)), 1)
            ours = results[-1]
            cells = len(ours.per_document)  # type: ignore[attr-defined]
            worst = 0.0
            for r in ours.per_document:  # type: ignore[attr-defined]
                expected = baseline_values[-1][(r.code_id, r.document_id)]
                got = r.measures[COHEN].value
                if (expected is None) != (got is None):
                    raise SystemExit(f"disagreement on definedness at {r.code} / {r.document}")
                if expected is not None and got is not None:
                    worst = max(worst, abs(expected - got))
            print(f"{cells} code x document values; largest difference from the numpy values: {worst:.2e}")
            result = report(f"agreement report, {cells} code x document cells", timed,
                            "per-character numpy", baseline, target=TARGET_SECONDS)
    return 1 if args.strict and not result.ok else 0


def whole_process(path: Path, repeat: int, strict: bool, tmp: Path) -> int:
    coders = coder_names(2)
    env = process_env(tmp)
    ours = ["-m", "framework_qa", "agreement", str(path), "--coders", *coders]
    bare = [str(ROOT / "benchmarks" / "numpy_agreement.py"), str(path), *coders]
    # untimed: writes the byte-code, warms the file cache, and checks both compute the same values
    report_json = json.loads(run_process([*ours, "--json"], env).stdout)
    expected = json.loads(run_process([*bare, "--json"], env).stdout)
    worst = 0.0
    for row in report_json["per_document"]:
        want, got = expected[f"{row['code']}\t{row['document']}"], row[COHEN]
        if (want is None) != (got is None):
            raise SystemExit(f"disagreement on definedness at {row['code']} / {row['document']}")
        if want is not None:
            worst = max(worst, abs(want - got))
    print(f"{len(report_json['per_document'])} code x document values (of {len(expected)}); largest difference "
          f"from the numpy values: {worst:.2e}; whole processes", flush=True)
    timed: list[Run] = []
    baseline: list[Run] = []
    for _ in range(repeat):  # interleaved, so drifts in machine load hit both sides alike
        baseline.append(run_process(bare, env))
        timed.append(run_process(ours, env))
    result = report_runs("framework-qa agreement (whole process)", timed, "numpy per-character process",
                         baseline, target_ratio=PROCESS_TARGET_RATIO)
    return 1 if strict and not result.ok else 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))

"""Whole-process measurements: a command started afresh, its wall time and its peak resident memory.

A user of the command line waits for a whole process: the interpreter starting, the imports, the work
and the exit. The benchmarks that compare whole processes run both sides through `run_process`, with
the same environment (`process_env`): byte-code cached as for an installed program (a temporary
`PYTHONPYCACHEPREFIX`, whatever `PYTHONDONTWRITEBYTECODE` says; a first untimed run of each side writes
it), fresh settings, and the repository root first on the path so the framework_qa measured is the one
beside these benchmarks. Time runs from just before the process is started until it has been reaped;
peak memory is the kernel's `ru_maxrss` of that child alone (`os.wait4`). `report_runs` prints the
wall-time line the targets are stated for, then the same comparison in CPU time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.timing import Result, report

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Run:
    """One finished process: wall seconds, CPU seconds (user + system), peak resident memory in MB, and
    what it printed. CPU time is the steadier figure on a machine shared with other work: waiting for a
    core is in the wall time, not in the CPU time."""

    seconds: float
    cpu: float
    started_at: float
    """time.time() just before the process was started, for moments it prints (`shown at EPOCH`)."""
    peak_mb: float
    stdout: str


def process_env(tmp: Path, **extra: str) -> dict[str, str]:
    """The environment both sides of a whole-process comparison run in (see the module docstring)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    path = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env.update(PYTHONPYCACHEPREFIX=str(tmp / "pycache"), XDG_CONFIG_HOME=str(tmp / "config"),
               PYTHONPATH=path, FRAMEWORK_QA_NO_OPEN="1", **extra)
    return env


def run_process(args: list[str], env: dict[str, str], timeout: float = 600.0) -> Run:
    """Run `python ARGS` from the repository root; fails (SystemExit naming it) when it exits non-zero."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started_at = time.time()
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env, stdout=out, stderr=err)
        watchdog = threading.Timer(timeout, process.kill)  # a hung child fails the run, not the machine
        watchdog.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            watchdog.cancel()
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            lines = err.read().decode("utf-8", "replace").strip().splitlines() or ["no output"]
            raise SystemExit(f"python {' '.join(args)[:120]} failed (exit {process.returncode}): {lines[-1]}")
        return Run(seconds, usage.ru_utime + usage.ru_stime, started_at, usage.ru_maxrss / 1024,
                   out.read().decode("utf-8", "replace"))


def report_runs(label: str, ours: list[Run], baseline_label: str, baseline: list[Run],
                target: float | None = None, target_ratio: float | None = None) -> Result:
    """The wall-time report line (with the targets), then the CPU-time line for the same runs."""
    result = report(label, [r.seconds for r in ours], baseline_label, [r.seconds for r in baseline],
                    target=target, target_ratio=target_ratio)
    report("  same runs in CPU time", [r.cpu for r in ours], baseline_label, [r.cpu for r in baseline])
    return result

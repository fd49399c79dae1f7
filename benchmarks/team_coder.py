"""The coder processes of `python -m benchmarks team`: several programs coding one project at once.

Child side (`python team_coder.py PROJECT CODER REQUESTS RESULTS`, run by path so it needs only
framework-qa): opens PROJECT (a file or a server address whose login is CODER), makes sure CODER exists
as a coder, warms the caches a real program would have, prints `ready`, and waits for a line `go` on
stdin, so that every process starts coding at the same moment. Then it adds the codings listed in the
JSON file REQUESTS (`[[document, start, end, code], ...]`, ids and code points) one `add_coding` each,
as fast as it can, and writes to RESULTS a JSON object: the created coding ids, each call's time in
seconds (time.perf_counter), the `time.time()` stamp just after each call returned (so after its
commit), and how many calls had to wait for another writer's transaction (the store's wait handler
fires once per lock poll, 100 ms, while a write waits). Results go to a file, not the pipe, so a large
run never blocks on a full pipe while the others are still coding.

Parent side: `CoderProcesses` starts them, waits until all are ready, says `go`, and collects results.
They are real processes, not threads, because what is measured is how programs on separate
connections take turns at the write lock and learn of each other's commits.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

Request = tuple[int, int, int, int]  # document id, start, end, code id


class CoderResult(NamedTuple):
    coder: str
    ids: list[int]           # coding ids created, in call order
    seconds: list[float]     # each add_coding call's time, lock wait included
    committed: list[float]   # time.time() just after each call returned
    waits: int               # calls that waited at least one lock poll (100 ms) for another writer


class CoderProcesses:
    """One running coder process per (target, coder, requests); files go in `folder`. Use as a context
    manager: processes still running on exit are killed."""

    def __init__(self, jobs: Sequence[tuple[str, str, Sequence[Request]]], folder: Path) -> None:
        self._procs: list[tuple[str, subprocess.Popen[str], Path]] = []
        for n, (target, coder, requests) in enumerate(jobs):
            asked, results = folder / f"requests-{n}.json", folder / f"results-{n}.json"
            asked.write_text(json.dumps([list(r) for r in requests]), encoding="utf-8")
            results.unlink(missing_ok=True)
            proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), target, coder, str(asked),
                                     str(results)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            self._procs.append((coder, proc, results))
        for coder, proc, _ in self._procs:  # they open and warm up in parallel
            assert proc.stdout is not None
            if proc.stdout.readline().strip() != "ready":
                raise RuntimeError(f"coder process {coder} did not start (exit code {proc.wait()})")

    def go(self) -> None:
        """Let every process start coding (one short write each, so they start within microseconds)."""
        for _, proc, _ in self._procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.close()

    def running(self) -> bool:
        return any(proc.poll() is None for _, proc, _ in self._procs)

    def results(self) -> list[CoderResult]:
        """Wait for every process and read what it reports; a process that failed raises."""
        out: list[CoderResult] = []
        for coder, proc, path in self._procs:
            if proc.wait() != 0 or not path.exists():
                raise RuntimeError(f"coder process {coder} failed (exit code {proc.returncode})")
            out.append(CoderResult(coder=coder, **json.loads(path.read_text(encoding="utf-8"))))
        return out

    def __enter__(self) -> CoderProcesses:
        return self

    def __exit__(self, *exc: object) -> None:
        for _, proc, _ in self._procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def serve(target: str, coder: str, requests_path: str, results_path: str) -> None:
    """The child's work (see the module docstring)."""
    import framework_qa

    requests: list[Request] = [tuple(r) for r in json.loads(Path(requests_path).read_text(encoding="utf-8"))]
    with framework_qa.open_project(target) as project:
        if project.find_coder(coder) is None:
            project.add_coder(coder)  # so the first timed call does not also create the coder
        project.documents()
        project.codes()
        project.coders()
        waiting = [False]
        project.set_wait_handler(lambda seconds: waiting.__setitem__(0, True))
        print("ready", flush=True)
        if sys.stdin.readline().strip() != "go":
            return
        ids: list[int] = []
        seconds: list[float] = []
        committed: list[float] = []
        waits = 0
        for document, start, end, code in requests:
            waiting[0] = False
            began = time.perf_counter()
            change = project.add_coding(document, start, end, code, coder)
            seconds.append(time.perf_counter() - began)
            committed.append(time.time())
            ids.append(change.created_id("codings"))
            waits += waiting[0]
    Path(results_path).write_text(json.dumps({"ids": ids, "seconds": seconds, "committed": committed,
                                              "waits": waits}), encoding="utf-8")


if __name__ == "__main__":
    serve(*sys.argv[1:5])

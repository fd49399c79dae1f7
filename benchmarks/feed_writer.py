"""The other process of `python -m benchmarks feed`: a second program writing the same project file.

Child side (`python feed_writer.py PROJECT CODER`, run by path so it needs only framework-qa): opens the
project with `framework_qa.open_project`, prints `ready`, then for every stdin line `DOCUMENT START END
CODE` (ids and code points) adds that coding as CODER and prints `CODING_ID T_CALL T_COMMITTED`, the
`time.time()` stamps just before `add_coding` and just after it returned (so after its commit). Every
line is flushed at once, so the benchmark can stamp when the other side saw the change. Exits at EOF.

Parent side: `OtherProcess` starts it and speaks that protocol. It is a real process, not a thread or a
second connection in the benchmark's own process, because what is measured is how another program's
commit reaches this one: through the file, SQLite's `data_version` and the change feed only.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import NamedTuple


class Committed(NamedTuple):
    coding: int        # id of the coding the other process created
    called: float      # time.time() just before its add_coding
    committed: float   # time.time() just after add_coding returned (committed)


class OtherProcess:
    """A running writer subprocess on `path`, coding as `coder`. Use as a context manager (it is
    stopped, by closing its input, on exit)."""

    def __init__(self, path: Path, coder: str) -> None:
        self._proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), str(path), coder],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        if self._line() != "ready":
            raise RuntimeError("the writer process did not start")

    def _line(self) -> str:
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the writer process ended (exit code {self._proc.poll()})")
        return line.strip()

    def send(self, document: int, start: int, end: int, code: int) -> None:
        """Ask for one coding; returns at once (read the outcome with `reply`)."""
        assert self._proc.stdin is not None
        self._proc.stdin.write(f"{document} {start} {end} {code}\n")
        self._proc.stdin.flush()

    def reply(self) -> Committed:
        """The outcome of the oldest unanswered `send`; blocks until the other process committed it."""
        coding, called, committed = self._line().split()
        return Committed(int(coding), float(called), float(committed))

    def add(self, document: int, start: int, end: int, code: int) -> Committed:
        self.send(document, start, end, code)
        return self.reply()

    def __enter__(self) -> OtherProcess:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        assert self._proc.stdin is not None
        self._proc.stdin.close()
        try:
            self._proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()


def serve(path: str, coder: str) -> None:
    """The child's loop (see the module docstring)."""
    import framework_qa

    with framework_qa.open_project(path) as project:
        project.documents()
        project.codes()
        project.coders()  # warm the caches a real program would have, so the first coding is not special
        print("ready", flush=True)
        for line in sys.stdin:
            document, start, end, code = (int(x) for x in line.split())
            called = time.time()
            change = project.add_coding(document, start, end, code, coder)
            committed = time.time()
            print(change.created_id("codings"), repr(called), repr(committed), flush=True)


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2])

"""A real local PostgreSQL server for benchmarks: the tests' server (`tests/support/postgres.py`), with fsync.

The tests run theirs without fsync, which is fast but not what a team's server does; a benchmark that
times commits must pay for durable ones, so this one keeps PostgreSQL's defaults (fsync, synchronous
commit, full-page writes). The tests' module is imported rather than copied, so both start servers the
same way; the repository root goes on `sys.path` for it, since only `framework_qa` is installed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support import postgres  # noqa: E402  (needs the root on sys.path)
from tests.support.postgres import Server  # noqa: E402

__all__ = ["Server", "available", "running_server"]


def available() -> bool:
    """Whether PostgreSQL's binaries are installed (Debian's `postgresql` package)."""
    return postgres.binaries() is not None


@contextmanager
def running_server() -> Iterator[Server]:
    """A fresh server with durable commits in a temporary folder, stopped and removed on exit."""
    server = postgres.start(fsync=True)
    try:
        yield server
    finally:
        server.stop()

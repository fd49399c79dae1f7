"""The demo project for tests: built once per test process and copied, since building it (importing ten
transcripts, locating every quote-anchored coding, charting summaries) takes seconds and most tests only
need a project that holds it. `tests/core/test_frameworks_and_demo.py` tests `build_demo` itself."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from framework_qa import Project, open_project
from framework_qa.core.demo import build_demo

_template: Path | None = None


def demo_file(path: Path) -> Path:
    """A fresh copy of the demo project at `path` (closed); returns `path`."""
    global _template
    if _template is None:
        folder = Path(tempfile.mkdtemp(prefix="fqa-demo-"))
        atexit.register(shutil.rmtree, folder, True)
        build_demo(folder / "demo.fqa").close()  # closing checkpoints the journal: one file holds it all
        _template = folder / "demo.fqa"
    shutil.copyfile(_template, path)
    return path


def demo_project(path: Path) -> Project:
    """The demo project, open, in a fresh file at `path`."""
    return open_project(demo_file(path))

"""Part 3 of `python -m benchmarks feed`: how soon an open window shows another process's coding.

The real main window runs offscreen on the project, showing one document; its session polls the file on
a timer (`framework_qa.gui.session.POLL_MS`). Remote side: a writer process (`feed_writer.py`) adds a
coding to that document; the time runs from its stamp just before `add_coding` until the codings table
model and the viewer's marks both contain the coding and the viewer has repainted, with Qt events
processed all along (never blocking on the pipe, so the poll timer fires when it would for a user).
Baseline: the same window, the same kind of coding added in-process through `session.project.add_coding`
(its commit included, as the remote side's is). Before each change the window idles a random fraction
of the poll period, so changes land at every phase of the timer, as a colleague's do.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from pathlib import Path

from benchmarks.corpus import coding_requests
from benchmarks.feed_writer import OtherProcess
from benchmarks.timing import Result, format_ms, report

TARGET_SECONDS = 0.300
GIVE_UP = 10.0  # seconds without the coding showing: the change was lost, not slow


def window_latency(path: Path, changes: int, seed: int, label: str) -> Result:
    """Open `path` (a copy: it is written) in a window and time `changes` codings on each side."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from framework_qa.gui.app import application, open_session
    from framework_qa.gui.main_window import MainWindow
    from framework_qa.gui.session import POLL_MS

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(path.parent))
    app = application()
    session = open_session(path, None, ask=False)
    assert session is not None
    project = session.project
    window = MainWindow(session, restore=False)
    window.show()
    doc = project.documents()[0].id
    window.open_document(doc)
    app.processEvents()
    model = window.panels.codings.model
    viewer = window.viewer
    leaves = [c.id for c in project.codes() if not project.children(c)]
    requests = coding_requests([(doc, project.text(doc))], leaves, [session.coder], 2 * changes + 2,
                               seed=f"{seed}/window")
    rng = random.Random(f"{seed}/phase")

    def shown_ids() -> set[int]:
        return {model.coding(i).id for i in range(model.rowCount())}

    def idle(seconds: float) -> None:
        until = time.time() + seconds
        while time.time() < until:
            app.processEvents()
            time.sleep(0.0005)

    def until_shown(before: set[int]) -> tuple[int, float]:
        """Process events until a new coding is in the table and the viewer; its id and time.time()."""
        give_up = time.time() + GIVE_UP
        while time.time() < give_up:
            app.processEvents()
            if model.rowCount() > len(before):
                new = next(iter(shown_ids() - before))
                if viewer.marks.get(new) is not None:
                    viewer.viewport().repaint()
                    return new, time.time()
            time.sleep(0.0005)
        raise AssertionError(f"the window did not show the new coding within {GIVE_UP:g} s")

    coders = [c.name for c in project.coders()]
    remote: list[float] = []
    local: list[float] = []
    commits: list[float] = []
    with OtherProcess(path, coders[-1]) as other:
        for i in range(changes + 1):  # round 0 warms both sides
            r_remote, r_local = requests[2 * i], requests[2 * i + 1]
            idle(rng.uniform(0, POLL_MS / 1000))
            before = shown_ids()
            other.send(doc, r_remote.start, r_remote.end, int(r_remote.code))
            coding, seen = until_shown(before)
            done = other.reply()
            if coding != done.coding:
                raise AssertionError(f"the window showed coding {coding}, the other process made {done.coding}")
            idle(rng.uniform(0, POLL_MS / 1000))
            before = shown_ids()
            start = time.time()
            project.add_coding(doc, r_local.start, r_local.end, int(r_local.code), session.coder)
            _, shown = until_shown(before)
            if i:
                remote.append(seen - done.called)
                commits.append(done.committed - done.called)
                local.append(shown - start)
    print(f"window: other process's add_coding (commit included) median {format_ms(statistics.median(commits))}; "
          f"poll every {POLL_MS} ms", flush=True)
    result = report(f"window shows another process's coding, {label}", remote,
                    "same window, coding added in-process", local, target=TARGET_SECONDS)
    window.close()
    session.close()
    return result

"""Whole window, every tab opened: apply a code on 500 cases x 60 codes x 200,000 codings: < 50 ms until shown.

The matrix benchmark's project (`bench_matrix.build`, cached with `--cache DIR`) is opened twice, each
copy in its own real `MainWindow` (offscreen): one where every tab (transcript, framework matrix,
agreement) has been opened once, and the baseline, where only the transcript tab was ever opened. A code
is applied to a selected passage through the window's own `CodingActions` path (as a double-click on a
code does), and the time runs until every visible view shows it: events are processed until the codings
table and the viewer hold the new coding, and, with the matrix tab in front, until the matrix cell of
that case and code counts it; then the viewer is repainted. The two windows take turns, one apply each.
Measured with the transcript, the matrix and the agreement tab in front of the every-tab window. The
agreement tab is recomputed lazily (after a pause in the changes, and only while it is shown), so its
catch-up is printed on its own, as is the work done after a gesture (debounced refreshes) while the
window is left alone for a moment, without a target.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_matrix import CODES_PER_FRAMEWORK, FRAMEWORKS, build
from benchmarks.corpus import CORPUS_VERSION
from benchmarks.timing import format_ms, measure, median, report

TARGET = 0.050
SETTLE = 0.6      # seconds a window is left alone between gestures (debounced refreshes land here)
TIMEOUT = 60.0    # a view that never shows the coding fails the run rather than hanging it


class Side:
    """One window on its own copy of the project, applying and undoing one coding."""

    def __init__(self, path: Path, every_tab: bool) -> None:
        from framework_qa import open_project
        from framework_qa.core.commands import Change
        from framework_qa.gui.app import open_session
        from framework_qa.gui.main_window import MainWindow

        with open_project(path) as probe:
            coder = probe.coders()[0].name
        session = open_session(path, coder, ask=False)
        assert session is not None
        self.session = session
        self.project = session.project
        self.window = MainWindow(session, restore=False)
        self.window.resize(1500, 950)
        self.window.show()
        self.created: int | None = None

        def seen(change: Change) -> None:
            if change.action == "do" and change.created.get("codings"):
                self.created = change.created["codings"][0]
        session.changed.connect(seen)
        self.doc = self.project.documents()[0]
        self.window.open_document(self.doc.id)
        self.code = [c.id for c in self.project.codes() if not self.project.children(c)][0]
        text = self.project.text(self.doc.id)
        self.start = text.index(" ", len(text) // 2) + 1
        if every_tab:
            for key in ("matrix", "agreement", "transcript"):
                self.window.show_tab(key)
                self.idle()

    def idle(self, seconds: float = SETTLE) -> float:
        """Process events for `seconds` of wall time; returns the time spent inside event processing."""
        from PySide6.QtWidgets import QApplication

        busy, until = 0.0, time.perf_counter() + seconds
        while time.perf_counter() < until:
            started = time.perf_counter()
            QApplication.processEvents()
            busy += time.perf_counter() - started
            time.sleep(0.005)
        return busy

    def prepare(self) -> float:
        """Undo the last apply (untimed), select the passage, let debounced work land; returns its time."""
        busy = self.idle()  # what the last gesture left to do once the window is left alone
        if self.created is not None:
            self.project.undo()
            self.created = None
        self.window.viewer.select_range(self.start, self.start + 40)
        self.idle()
        return busy

    def matrix_cell(self) -> tuple[Any, int, int] | None:
        """The matrix model and the cell of this case and code, if the matrix tab is in front."""
        panel = self.window.analysis.matrix
        if panel is None or not panel.isVisible():
            return None
        model = panel.model
        m = model.matrix
        r = m.row_index(self.doc.case_id)
        c = next(i for i, col in enumerate(m.columns) if col.code_id == self.code)
        return model, model.model_row(r), c

    def apply(self) -> None:
        """Code the selection; return once every visible view shows the coding (and the viewer repainted)."""
        from PySide6.QtWidgets import QApplication

        from framework_qa.gui.matrix.table_model import MatrixTableModel

        cell = self.matrix_cell()
        before = cell[0].data(cell[0].index(cell[1], cell[2]), MatrixTableModel.CellRole)[0] if cell else 0
        assert self.window.coding.code_selection(self.code)
        table = self.window.panels.codings.model
        viewer = self.window.viewer
        deadline = time.perf_counter() + TIMEOUT
        while True:
            done = self.created is not None and table.row_of(self.created) >= 0 \
                and viewer.marks.get(self.created) is not None
            if done and cell is not None:
                cell = self.matrix_cell()  # the model may have been reset
                assert cell is not None
                now = cell[0].data(cell[0].index(cell[1], cell[2]), MatrixTableModel.CellRole)[0]
                done = now == before + 1
            if done:
                break
            if time.perf_counter() > deadline:
                raise RuntimeError("the views did not show the coding within a minute")
            QApplication.processEvents()
        viewer.viewport().repaint()
        viewer.stripes.repaint()

    def agreement_catch_up(self) -> float:
        """Seconds from an apply (agreement tab in front) until the agreement report was recomputed."""
        from PySide6.QtWidgets import QApplication

        panel = self.window.analysis.agreement
        assert panel is not None, "the agreement tab was shown first"
        old = panel.report
        started = time.perf_counter()
        self.apply()
        while panel.report is old:
            if time.perf_counter() - started > TIMEOUT:
                raise RuntimeError("the agreement tab did not catch up within a minute")
            QApplication.processEvents()
            time.sleep(0.001)
        return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks window", description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--codings", type=int, default=200_000)
    parser.add_argument("--words", type=int, default=2_000, help="words per transcript (default 2,000)")
    parser.add_argument("--repeat", type=int, default=9, help="applies per side and tab (default 9)")
    parser.add_argument("--cache", help="folder to keep the generated project in between runs")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QSettings

    from framework_qa.gui.app import application

    with tempfile.TemporaryDirectory(prefix="fqa-bench-window-") as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        folder = Path(args.cache) if args.cache else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        source = folder / f"matrix-v2-{CORPUS_VERSION}-{args.cases}c-{args.words}w-{args.codings}k.fqa"
        started = time.perf_counter()
        build(source, args.cases, args.words, args.codings)
        print(f"project: {args.cases} cases, {FRAMEWORKS * CODES_PER_FRAMEWORK} codes, {args.codings:,} codings "
              f"(ready in {time.perf_counter() - started:.1f} s)", flush=True)
        application()
        sides = []
        for name, every in (("base", False), ("every", True)):
            shutil.copy(source, Path(tmp) / f"{name}.fqa")
            started = time.perf_counter()
            sides.append(Side(Path(tmp) / f"{name}.fqa", every))
            print(f"{'every tab opened' if every else 'transcript only'}: window ready in "
                  f"{time.perf_counter() - started:.1f} s", flush=True)
        base, every = sides
        ok = True
        base_times: list[float] = []
        after: dict[str, list[float]] = {"base": []}
        results: dict[str, list[float]] = {}
        for front in ("transcript", "matrix", "agreement"):
            every.window.show_tab(front)
            every.idle()
            times: list[float] = []
            after[front] = []
            for _ in range(args.repeat):  # alternate, so drift hits both sides alike
                after["base"].append(base.prepare())
                base_times += measure(base.apply, 1)
                after[front].append(every.prepare())
                times += measure(every.apply, 1)
            results[front] = times
        for front, times in results.items():
            ok &= report(f"apply a code, every tab opened, {front} tab in front", times,
                         "transcript tab only", base_times, target=TARGET).ok
        for side, busy in after.items():
            label = "transcript tab only" if side == "base" else f"every tab, {side} in front"
            print(f"work after a gesture ({label}): median {format_ms(median(busy[1:] or busy))} of event "
                  f"processing in the {SETTLE:g} s after it", flush=True)
        every.window.show_tab("agreement")
        every.idle()
        catch: list[float] = []
        for _ in range(max(1, args.repeat // 3)):
            every.prepare()
            catch.append(every.agreement_catch_up())
        print(f"agreement tab catches up (debounced recompute): median {format_ms(median(catch))}", flush=True)
        for side in sides:
            side.window.close()
            side.session.close()
        return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

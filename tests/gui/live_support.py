"""Another program writing the project a window has open: real second processes, and the window's
message boxes read and dismissed the way a user clicks OK."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from framework_qa.gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
_PRELUDE = "import sys, time\nfrom framework_qa import open_project\nproject = open_project(sys.argv[1])\n"


def start_script(path: Path, body: str) -> subprocess.Popen[str]:
    """Start another program: it opens the project at `path` as `project`, runs `body`, and prints the
    wall-clock time just after its last command committed."""
    code = _PRELUDE + textwrap.dedent(body) + "\nprint(time.time(), flush=True)\nproject.close()\n"
    return subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)


def finish(process: subprocess.Popen[str]) -> float:
    """Wait for a program from `start_script` to end; the time its last command committed."""
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    return float(out.split()[-1])


def run_script(path: Path, body: str) -> float:
    return finish(start_script(path, body))


def run_cli(*args: str) -> str:
    """The command line, as another program: `framework-qa <args>`."""
    done = subprocess.run([sys.executable, "-m", "framework_qa.cli.main", *args], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout


def hold_write_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    """Another program in the middle of a write transaction on the project for `seconds` (returns once
    it holds the lock)."""
    code = ("import sqlite3, sys, time\n"
            "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "conn.execute('BEGIN IMMEDIATE')\n"
            "print('locked', flush=True)\n"
            "time.sleep(float(sys.argv[2]))\n"
            "conn.execute('COMMIT')\n")
    process = subprocess.Popen([sys.executable, "-c", code, str(path), str(seconds)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "locked"
    return process


class MessageBoxes:
    """Reads every message box the window opens and clicks OK, as a user would."""

    def __init__(self, parent: QWidget) -> None:
        self.texts: list[str] = []
        self._timer = QTimer(parent)  # parented: it goes with the window, on the GUI thread
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._dismiss)
        self._timer.start()

    def _dismiss(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                self.texts.append(widget.text() + ("\n" + widget.detailedText() if widget.detailedText() else ""))
                widget.done(QMessageBox.StandardButton.Ok.value)


def document_names(window: MainWindow) -> set[str]:
    """The document names the documents panel lists (under their cases, or as the row of a case that
    holds just that document)."""
    model = window.panels.documents.model
    names = set()
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        rows = [parent] + [model.index(row, 0, parent) for row in range(model.rowCount(parent))]
        names.update(index.data() for index in rows if model.document_id(index) is not None)
    return names


def shown_codings(window: MainWindow) -> list[tuple[str, str, str]]:
    """(code, coder, text) of every row of the codings table."""
    model = window.panels.codings.model
    return [tuple(model.index(row, col).data() for col in (2, 3, 4))  # type: ignore[misc]
            for row in range(model.rowCount())]


def marks(window: MainWindow) -> list[tuple[str, str]]:
    """(code name, coder) of the coding marks the transcript viewer paints."""
    return [(m.code_name, m.coder) for m in window.viewer.marks.marks]

"""Start-up: `framework-qa gui PROJECT` until its window has painted vs a bare PySide6 empty window (target < 1.2 s).

Both sides are whole processes started afresh. The measured side is `python -m framework_qa gui PROJECT
--quit-after-show` on the demo project, as a user starts it the first time (fresh settings, so no coder
is remembered and the "Who is coding?" question is pending: it must not hold the window back). The
baseline is the least any PySide6 program does to show a window: `python -c` creating a QApplication and
an empty QMainWindow of the same size. Each side prints `shown at EPOCH_SECONDS` right after its first
paint and quits; the time is that moment minus the moment just before the process was started, so
interpreter start-up, imports, opening the project and building the window are in, exit is not.

Byte-code is cached (in a temporary `PYTHONPYCACHEPREFIX`, one untimed warm-up run of each side) as it
is for an installed program, whatever `PYTHONDONTWRITEBYTECODE` says. With a display (X11 or Wayland)
the real platform plugin is used; without one both sides run offscreen, which says less about a desktop.

With `--cli`: the quick commands a user types in a terminal, each a whole process on the demo project
(`benchmarks.processes`), against `python -c pass` started the same way in the same run: `--help`,
`documents`, `codes`, `codings` and `text P01`. Targets: each under 150 ms and at most 8x `python -c pass`;
`--help` under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.timing import report

TARGET_SECONDS = 1.2
CLI_TARGET_SECONDS = 0.150
CLI_HELP_TARGET_SECONDS = 0.100
CLI_TARGET_RATIO = 8.0
CLI_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("--help",), ("documents", "{project}"), ("codes", "{project}"), ("codings", "{project}"),
    ("text", "{project}", "P01"),
)

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    done = False
    def eventFilter(self, watched, event):
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, finish)
        return False

def finish():
    print(f"shown at {time.time():.6f}", flush=True)
    app.quit()

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1500, 950)
window.setWindowTitle("bare")
app.installEventFilter(FirstPaint(app))
window.show()
sys.exit(app.exec())
"""


def child_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPYCACHEPREFIX=str(tmp / "pycache"), XDG_CONFIG_HOME=str(tmp / "config"))
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def time_to_shown(command: list[str], env: dict[str, str], timeout: float = 60.0) -> float:
    """Seconds from just before starting `command` to the `shown at` moment it prints."""
    started = time.time()
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout)
    shown = [line for line in result.stdout.splitlines() if line.startswith("shown at ")]
    if result.returncode != 0 or not shown:
        raise SystemExit(f"{' '.join(command[:4])}... failed (exit {result.returncode}): "
                         f"{(result.stderr.strip().splitlines() or ['no output'])[-1]}")
    return float(shown[0].split()[-1]) - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks startup", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="timed runs of each side (default 10)")
    parser.add_argument("--project", type=Path, default=None, help="project to open (default: a fresh demo)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the target is missed")
    parser.add_argument("--cli", action="store_true",
                        help="instead, the quick CLI commands (--help, documents, codes, codings, text) vs python -c pass")
    args = parser.parse_args(argv)
    if args.cli:
        return cli_commands(args.repeat, args.project, args.strict)

    with tempfile.TemporaryDirectory(prefix="fqa-bench-startup-") as folder:
        tmp = Path(folder)
        project = args.project
        if project is None:
            from framework_qa.core.demo import build_demo
            project = tmp / "demo.fqa"
            build_demo(project).close()
        env = child_env(tmp)
        print(f"platform: {env.get('QT_QPA_PLATFORM') or 'default'} (DISPLAY={env.get('DISPLAY', '')!r}); "
              f"project {project.name} ({project.stat().st_size / 1e6:.1f} MB)", flush=True)
        ours = [sys.executable, "-m", "framework_qa", "gui", str(project), "--quit-after-show"]
        bare = [sys.executable, "-c", BARE]
        time_to_shown(ours, env)  # warm-up: byte-code written, files cached
        time_to_shown(bare, env)
        timed: list[float] = []
        baseline: list[float] = []
        for _ in range(args.repeat):
            baseline.append(time_to_shown(bare, env))
            timed.append(time_to_shown(ours, env))
        result = report("gui to painted window", timed, "bare PySide6 empty window", baseline,
                        target=TARGET_SECONDS)
    return 1 if args.strict and not result.ok else 0


def cli_commands(repeat: int, project: Path | None, strict: bool) -> int:
    """Each quick command as a whole process vs `python -c pass`, interleaved run by run."""
    from benchmarks.processes import Run, process_env, report_runs, run_process

    with tempfile.TemporaryDirectory(prefix="fqa-bench-cli-") as folder:
        tmp = Path(folder)
        if project is None:
            from framework_qa.core.demo import build_demo
            project = tmp / "demo.fqa"
            build_demo(project).close()
        env = process_env(tmp)
        commands = {" ".join(c).replace(" {project}", ""): ["-m", "framework_qa", *(a.replace("{project}", str(project))
                                                                                      for a in c)]
                    for c in CLI_COMMANDS}
        bare = ["-c", "pass"]
        for args in (bare, *commands.values()):
            run_process(args, env)  # warm-up: byte-code written, files cached
        baseline: list[Run] = []
        timed: dict[str, list[Run]] = {name: [] for name in commands}
        for _ in range(repeat):
            baseline.append(run_process(bare, env))
            for name, args in commands.items():
                timed[name].append(run_process(args, env))
        ok = True
        for name, runs in timed.items():
            target = CLI_HELP_TARGET_SECONDS if name == "--help" else CLI_TARGET_SECONDS
            result = report_runs(f"framework-qa {name}", runs, "python -c pass", baseline, target=target,
                                 target_ratio=CLI_TARGET_RATIO)
            ok = ok and result.ok
    return 1 if strict and not ok else 0

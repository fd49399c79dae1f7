"""The --big-text import benchmark runs end to end on a tiny size (the 200 MB run is for benchmarks/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_big_text_reports_time_and_peak_memory_against_a_bare_read() -> None:
    done = subprocess.run([sys.executable, "-m", "benchmarks", "import", "--big-text", "--mb", "2", "--repeat", "1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    memory, timing = done.stdout.strip().splitlines()[-2:]
    assert memory.startswith("peak memory of the import: ") and "x bare read+decode" in memory
    assert "median" in timing and "x bare read+decode" in timing and ("PASS" in timing or "over" in timing)

"""Timing helpers shared by every benchmark: repeated measurement, the median, and one report line.

Machines that run these are noisy, so a figure on its own drifts from run to run; what holds is the
ratio against a baseline measured in the same process, on the same files, just before or after. Every
benchmark therefore reports its median together with that ratio, and the target it is held to.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def measure(fn: Callable[[Any], object] | Callable[[], object], repeat: int,
            setup: Callable[[], Any] | None = None) -> list[float]:
    """Run `fn` `repeat` times and return each run's wall time in seconds (time.perf_counter).

    With `setup`, it is called before every run, outside the timed region, and its result is passed to
    `fn` as the only argument; without it, `fn` is called with no arguments.
    """
    if repeat < 1:
        raise ValueError("repeat must be at least 1")
    times: list[float] = []
    for _ in range(repeat):
        if setup is not None:
            arg = setup()
            start = time.perf_counter()
            fn(arg)  # type: ignore[call-arg]
        else:
            start = time.perf_counter()
            fn()  # type: ignore[call-arg]
        times.append(time.perf_counter() - start)
    return times


def median(seconds: list[float]) -> float:
    if not seconds:
        raise ValueError("no timings to summarise")
    return float(statistics.median(seconds))


def quantile(seconds: list[float], q: float) -> float:
    """The `q`-quantile (0 < q < 1) by nearest rank: the smallest value with at least a fraction `q` of
    the values at or below it, so a 95th percentile is a time that was really measured."""
    if not seconds:
        raise ValueError("no timings to summarise")
    if not 0 < q < 1:
        raise ValueError("q must be between 0 and 1")
    ordered = sorted(seconds)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def statistic_name(q: float) -> str:
    return "median" if q == 0.5 else f"{q * 100:g}th percentile"


def format_ms(seconds: float) -> str:
    ms = seconds * 1000.0
    if ms >= 100:
        return f"{ms:.0f} ms"
    if ms >= 1:
        return f"{ms:.2f} ms"
    return f"{ms:.3f} ms"


@dataclass(frozen=True)
class Result:
    """One reported measurement: its median (or the quantile asked for), the ratio to its baseline (if any),
    whether it met its targets."""

    label: str
    median: float
    ratio: float | None
    ok: bool
    line: str


def report(label: str, seconds: list[float], baseline_label: str | None = None,
           baseline: list[float] | None = None, target: float | None = None,
           target_ratio: float | None = None, q: float = 0.5) -> Result:
    """Print one line: median, ratio against the baseline, and the target with PASS/over.

    `target` is a ceiling on the median in seconds; `target_ratio` a ceiling on the ratio to the baseline.
    A result passes only when it meets every target it has. With `q` other than 0.5, the line states that
    quantile (e.g. q=0.95, the 95th percentile) of both sides instead of their medians.
    """
    stat = median if q == 0.5 else lambda values: quantile(values, q)
    m = stat(seconds)
    parts = [f"{label}: {statistic_name(q)} {format_ms(m)} over {len(seconds)} "
             f"run{'s' if len(seconds) != 1 else ''}"]
    ratio: float | None = None
    if baseline:
        base = stat(baseline)
        ratio = m / base if base > 0 else float("inf")
        parts.append(f"{ratio:.2f}x {baseline_label or 'baseline'} ({format_ms(base)})")
    ok = True
    if target is not None:
        ok = ok and m < target
        parts.append(f"target < {format_ms(target)}: {'PASS' if m < target else 'over'}")
    if target_ratio is not None:
        met = ratio is not None and ratio <= target_ratio
        ok = ok and met
        parts.append(f"target <= {target_ratio:g}x: {'PASS' if met else 'over'}")
    line = "; ".join(parts)
    print(line, flush=True)
    return Result(label, m, ratio, ok, line)

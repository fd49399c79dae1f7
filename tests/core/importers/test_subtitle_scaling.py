"""Subtitle parsing is linear in the input: hostile cues of unclosed tags cannot stall an import."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from framework_qa.core.importers import read_transcript


def _seconds(path: Path, body: str) -> float:
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + body + "\n", encoding="utf-8")
    started = time.perf_counter()
    read_transcript(path)
    return time.perf_counter() - started


@pytest.mark.parametrize("unit", ["<v a", "<", "<v" + " " * 4000 + "x", "<v.a.b"])
def test_hostile_cues_parse_in_linear_time(tmp_path: Path, unit: str) -> None:
    size = 320 * 1024
    body = (unit * (size // len(unit) + 1))[:size]
    big = _seconds(tmp_path / "big.vtt", body)
    small = _seconds(tmp_path / "small.vtt", body[: size // 8])
    assert big < 2
    assert big < 8 * small * 4 + 0.05  # 8x the input: about 8x the time, never 64x (quadratic)

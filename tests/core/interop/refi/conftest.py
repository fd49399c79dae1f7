"""Shared REFI-QDA material (real exports and the 2019 schemas), found beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

REFI_SHARED = Path(__file__).resolve().parents[4] / ".." / "shared" / "refi-qda"


@pytest.fixture
def refi_shared() -> Path:
    if not (REFI_SHARED / "samples").is_dir():
        pytest.skip("REFI-QDA sample material is not present")
    return REFI_SHARED

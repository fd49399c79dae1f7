"""Where the shipped data lives, installed or in a source checkout.

The wheel places `resources/` and `sample_transcripts/` inside the package; a source checkout or an
editable install keeps them at the repository root. Both layouts are looked up here and nowhere else.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _locate(name: str) -> Path:
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"framework-qa is missing its '{name}' folder (looked beside {_PACKAGE_DIR})")


def resources_dir() -> Path:
    return _locate("resources")


def frameworks_dir() -> Path:
    return resources_dir() / "frameworks"


def samples_dir() -> Path:
    return _locate("sample_transcripts")

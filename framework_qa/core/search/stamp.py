"""The stamp a complete index leaves in its folder: `fingerprint.json`, read and written without whoosh.

It holds the schema version, the fingerprint of the documents the index was built from, and the segment
manifest (`direct.manifest`) a search without whoosh reads the files by. It is written only after a build
or an update has committed, and removed before an update starts, so a folder without it (or with another
schema or fingerprint) holds no index to trust.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# Bumped whenever the schema or the analyzer changes, so an index written by an older build is stale.
SCHEMA_VERSION = "6"
INDEX_NAME = "fqa"
FINGERPRINT_FILE = "fingerprint.json"


def stored_stamp(folder: Path) -> dict[str, Any] | None:
    """The stamp in `folder` if it is one of this schema version with a fingerprint, else None."""
    try:
        data = json.loads((folder / FINGERPRINT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_VERSION:
        return None
    return data if isinstance(data.get("fingerprint"), str) else None


def stored_fingerprint(folder: Path) -> str | None:
    stamp = stored_stamp(folder)
    return stamp["fingerprint"] if stamp is not None else None


def store_stamp(folder: Path, fingerprint: str, manifest: dict[str, Any] | None) -> None:
    """Writes the stamp atomically (a reader sees the old one or the new one, never a part)."""
    target = folder / FINGERPRINT_FILE
    temporary = folder / (FINGERPRINT_FILE + ".tmp")
    stamp: dict[str, Any] = {"schema": SCHEMA_VERSION, "fingerprint": fingerprint}
    if manifest is not None:
        stamp["manifest"] = manifest
    temporary.write_text(json.dumps(stamp), encoding="utf-8")
    temporary.replace(target)


def drop_stamp(folder: Path) -> None:
    (folder / FINGERPRINT_FILE).unlink(missing_ok=True)

"""Drag-and-drop payloads understood by the codebook.

`RANGE_MIME` carries a text range of a document (code points, end exclusive) dragged out of the viewer;
dropping it on a code codes that range. `CODES_MIME` carries code ids dragged inside the codebook tree.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

RANGE_MIME = "application/x-fqa-range"
CODES_MIME = "application/x-fqa-code-ids"


def range_mime(document_id: int, start: int, end: int) -> QMimeData:
    """Mime data for a dragged text range, as the viewer should create it."""
    data = QMimeData()
    payload = {"document_id": document_id, "start": start, "end": end}
    data.setData(RANGE_MIME, json.dumps(payload).encode("utf-8"))
    return data


def read_range(data: QMimeData) -> tuple[int, int, int] | None:
    """(document id, start, end) from a range payload, or None if absent or malformed."""
    if not data.hasFormat(RANGE_MIME):
        return None
    try:
        payload = json.loads(bytes(data.data(RANGE_MIME).data()).decode("utf-8"))
        return int(payload["document_id"]), int(payload["start"]), int(payload["end"])
    except (ValueError, KeyError, TypeError):
        return None


def codes_mime(code_ids: list[int]) -> QMimeData:
    data = QMimeData()
    data.setData(CODES_MIME, json.dumps(code_ids).encode("utf-8"))
    return data


def read_codes(data: QMimeData) -> list[int]:
    if not data.hasFormat(CODES_MIME):
        return []
    try:
        return [int(i) for i in json.loads(bytes(data.data(CODES_MIME).data()).decode("utf-8"))]
    except (ValueError, TypeError):
        return []

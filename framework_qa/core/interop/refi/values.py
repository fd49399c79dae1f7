"""Normalising the small values real tools write in varying spellings: GUIDs, colours, dates, booleans."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

_GUID = re.compile(r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$")
_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_RGB = re.compile(r"^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*[\d.]+%?\s*)?\)$", re.I)
_NAMESPACE = uuid.UUID("6f0b6a5e-2d2b-4f51-9a3c-2f0d7f4a7c11")


def normalise_guid(raw: str) -> str:
    """Lower case without braces; a value that is no GUID at all maps to a stable derived one.

    Deriving (rather than refusing) keeps references consistent: every mention of the same invalid
    identifier maps to the same GUID.
    """
    text = raw.strip()
    match = _GUID.match(text)
    if match:
        return match.group(1).lower()
    return derived_guid(text)


def is_valid_guid(raw: str) -> bool:
    return bool(_GUID.match(raw.strip()))


def derived_guid(*parts: str) -> str:
    """A deterministic GUID for something the file did not identify (e.g. a rebuilt parent code)."""
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


def normalise_colour(raw: str | None) -> str | None:
    """`#rrggbb` from #rgb, #rrggbb, #rrggbbaa (alpha dropped) or rgb()/rgba(); None if unreadable."""
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    match = _HEX.match(text)
    if match:
        digits = match.group(1).lower()
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return "#" + digits[:6]
    match = _RGB.match(text)
    if match:
        channels = [int(v) for v in match.groups()]
        if all(0 <= c <= 255 for c in channels):
            return "#" + "".join(f"{c:02x}" for c in channels)
    return None


def parse_datetime(raw: str | None) -> datetime | None:
    """An xsd:dateTime as an aware UTC datetime (a value without zone is taken as UTC); None if unreadable."""
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw.strip())
    except ValueError:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def format_datetime(value: datetime) -> str:
    """xsd:dateTime in UTC with a Z; a naive value is taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_bool(raw: str | None, default: bool) -> bool:
    if raw is None:
        return default
    text = raw.strip().lower()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    return default

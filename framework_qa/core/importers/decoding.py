"""Turning a text file's bytes into text without guessing wrong silently.

Order: a BOM decides (UTF-8, UTF-16 LE/BE, UTF-32); then strict UTF-8; then, for bytes that are not
UTF-8, legacy Windows-1252 (what Word and Notepad on Windows long wrote). Data that looks binary (NUL
bytes without a UTF-16 BOM, or many control characters) is refused rather than imported as garbage.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from framework_qa.core.errors import ImportFailure

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Return (text, encoding name). Raises ImportFailure naming the file and the reason."""
    if not data:
        raise ImportFailure(path, "the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ImportFailure(path, f"the bytes are not valid {encoding} despite its byte-order mark "
                                          f"(at byte {exc.start + len(bom)})") from None
            return _checked(text, path), encoding
    if b"\x00" in data:
        raise ImportFailure(path, "binary data, not a text transcript")
    try:
        return _checked(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return _checked(data.decode("cp1252"), path), "windows-1252"
    except UnicodeDecodeError as exc:
        raise ImportFailure(path, f"cannot decode the text (not UTF-8, UTF-16 or Windows-1252; "
                                  f"undecodable byte at position {exc.start})") from None


def _checked(text: str, path: Path) -> str:
    if not text.strip():
        raise ImportFailure(path, "the file contains no text")
    controls = sum(1 for ch in text if ch < " " and ch not in _ALLOWED_CONTROLS)
    if controls > max(2, len(text) // 200):
        raise ImportFailure(path, "binary data, not a text transcript")
    return text

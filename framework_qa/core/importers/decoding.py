"""Turning a text file's bytes into text without guessing wrong silently.

Order, and why:
1. A byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32): it is explicit. Not a guess.
2. UTF-16 without a BOM is recognised by its zero bytes: text that is mostly Latin script has a zero in
   every second byte, at odd offsets for little-endian and even ones for big-endian. A guess.
3. Other data with NUL bytes, or many control characters, is binary and refused, not imported as garbage.
4. Strict UTF-8: random legacy bytes almost never form valid UTF-8 sequences. Not a guess.
5. Mostly UTF-8 with stray Windows-1252 bytes (a UTF-8 file edited by a legacy tool, so that "café"
   and a Word "smart quote" sit side by side): each part is decoded as what it is, encoding
   "utf-8+windows-1252", a guess. Decoding it all as Windows-1252 would turn every "é" into "Ã©".
6. Otherwise Windows-1252 (what Word and Notepad on Windows long wrote). A guess.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from framework_qa.core.importers.files import refuse

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}
_CONTROL_BYTES = bytes(c for c in range(32) if chr(c) not in _ALLOWED_CONTROLS)
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# One well-formed UTF-8 multi-byte sequence (no overlongs, no surrogates, nothing past U+10FFFF).
_UTF8_MULTIBYTE = (rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
                   rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
                   rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
# A maximal run of valid UTF-8 (group 1, with the count of multi-byte sequences found separately), or
# one stray byte that starts no valid sequence.
_RUN_OR_STRAY = re.compile(rb"((?:[\x00-\x7f]+|" + _UTF8_MULTIBYTE + rb")+)|(.)", re.S)
_MULTIBYTE = re.compile(_UTF8_MULTIBYTE)
_MIXED = "utf-8+windows-1252"
_SAMPLE = 1 << 16


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a Python codec name, or "utf-8+windows-1252" for a mixed file
    guessed: bool  # True when no BOM or strict UTF-8 validity vouches for the encoding


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Return (text, encoding name). Raises ImportFailure naming the file and the reason."""
    decoded = decode_bytes(data, path)
    return decoded.text, decoded.encoding


def decode_bytes(data: bytes, path: Path) -> Decoded:
    """The text of `data` with the encoding used and whether it was a guess; ImportFailure if not text."""
    if not data:
        raise refuse(path, "the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = str(memoryview(data)[len(bom):], encoding)  # no copy of the bytes
            except UnicodeDecodeError as exc:
                raise refuse(path, f"the bytes are not valid {encoding} despite its byte-order mark "
                                   f"(at byte {exc.start + len(bom)})") from None
            return Decoded(_checked(text, path), encoding, False)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            return Decoded(_checked(data.decode(utf16), path), utf16, True)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise refuse(path, "binary data, not a text transcript")
    try:
        return Decoded(_checked(data.decode("utf-8"), path), "utf-8", False)
    except UnicodeDecodeError:
        pass
    return _legacy(data, path)


def ascii_compatible(data: bytes) -> bool:
    """True when `data` will be decoded as UTF-8, Windows-1252 or a mix of both (no UTF-16/32 BOM, not
    UTF-16 by its zero bytes): then every byte below 0x80 is that ASCII character, so line endings can
    be normalised on the bytes, before decoding, where a copy costs a quarter of one of the text."""
    return not data.startswith(_WIDE_BOMS) and _utf16_without_bom(data) is None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the zero bytes fall in every second position, else None."""
    sample = data[:_SAMPLE]
    if len(sample) < 4 or len(sample) % 2:
        return None
    pairs = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.4 * pairs and even <= 0.1 * odd:
        return "utf-16-le"
    if even >= 0.4 * pairs and odd <= 0.1 * even:
        return "utf-16-be"
    return None


def _legacy(data: bytes, path: Path) -> Decoded:
    """Data that is not valid UTF-8: mixed UTF-8 and Windows-1252 when valid multi-byte sequences are at
    least as many as the stray bytes, else all Windows-1252. Bytes Windows-1252 leaves undefined refuse."""
    multibyte = sum(1 for _ in _MULTIBYTE.finditer(data))  # counted, not listed: bounded memory
    parts: list[str] = []
    strays = 0
    if multibyte:
        for match in _RUN_OR_STRAY.finditer(data):
            if match.group(1) is not None:
                parts.append(match.group(1).decode("utf-8"))
            else:
                strays += 1
                parts.append(_windows_1252(match.group(2), data, match.start(), path))
    if multibyte and multibyte >= strays:
        return Decoded(_checked("".join(parts), path), _MIXED, True)
    return Decoded(_checked(_windows_1252(data, data, 0, path), path), "windows-1252", True)


def _windows_1252(chunk: bytes, data: bytes, offset: int, path: Path) -> str:
    try:
        return chunk.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise refuse(path, f"cannot decode the text (not UTF-8, UTF-16 or Windows-1252; "
                           f"undecodable byte at position {offset + exc.start})") from None


def _checked(text: str, path: Path) -> str:
    if not text or text.isspace():  # not `text.strip()`, which copies a whole transcript
        raise refuse(path, "the file contains no text")
    if _controls(text, limit=max(2, len(text) // 200)) > max(2, len(text) // 200):
        raise refuse(path, "binary data, not a text transcript")
    return text


def _controls(text: str, limit: int) -> int:
    """How many control characters other than _ALLOWED_CONTROLS `text` holds, stopping once over
    `limit`. Counted on UTF-8 encoded chunks with bytes.translate (C speed, memory bounded by the chunk):
    a Python loop over each character of a 200 MB transcript took 14 s. UTF-8 encodes U+0000 to U+001F
    as those single bytes and never uses bytes below 0x80 inside a multi-byte sequence, so the counts
    agree."""
    count = 0
    for start in range(0, len(text), _SAMPLE * 16):
        chunk = text[start:start + _SAMPLE * 16].encode("utf-8", "surrogatepass")
        count += len(chunk) - len(chunk.translate(None, _CONTROL_BYTES))
        if count > limit:
            break
    return count

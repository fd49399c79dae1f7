"""Converting between core positions (Unicode code points) and Qt positions (UTF-16 code units).

Qt's text classes count UTF-16 code units, so every character outside the Basic Multilingual Plane (emoji,
many CJK extension characters) occupies two Qt positions but one core position. Every conversion between a
QTextCursor and the core goes through a `PositionMap`, built once per document text: it keeps the sorted
code-point indices of the astral characters and answers each conversion with one bisection, so a text
without astral characters costs nothing beyond one regular-expression scan.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class PositionMap:
    """Two-way conversion for one text; positions may range over 0..len(text) inclusive."""

    __slots__ = ("_cp", "_u16", "length", "qt_length")

    def __init__(self, text: str) -> None:
        self._cp = [m.start() for m in _ASTRAL.finditer(text)]
        # the UTF-16 index of the k-th astral character = its code-point index + k earlier astral characters
        self._u16 = [cp + k for k, cp in enumerate(self._cp)]
        self.length = len(text)
        self.qt_length = len(text) + len(self._cp)

    @property
    def trivial(self) -> bool:
        """True when both position systems coincide (no astral characters)."""
        return not self._cp

    def to_qt(self, cp: int) -> int:
        """UTF-16 position of code point `cp` (clamped to the text)."""
        cp = max(0, min(cp, self.length))
        return cp + bisect_left(self._cp, cp) if self._cp else cp

    def many_to_qt(self, cps: list[int]) -> list[int]:
        """`to_qt` of each of `cps`, in one pass (a long transcript's codings convert thousands)."""
        if not cps:
            return []
        if min(cps) < 0 or max(cps) > self.length:
            return [self.to_qt(cp) for cp in cps]
        if not self._cp:
            return list(cps)
        astral = self._cp
        return [cp + bisect_left(astral, cp) for cp in cps]

    def to_core(self, u16: int) -> int:
        """Code-point position of UTF-16 position `u16`; a position inside a surrogate pair snaps back
        to the start of that character."""
        u16 = max(0, min(u16, self.qt_length))
        if not self._u16:
            return u16
        k = bisect_left(self._u16, u16)  # astral characters that start before u16
        if k and self._u16[k - 1] + 1 == u16:  # between the two halves of a surrogate pair
            return self._cp[k - 1]
        return u16 - k

    def range_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def range_to_core(self, start: int, end: int) -> tuple[int, int]:
        """Core range covering Qt range [start, end): an end inside a surrogate pair moves forward."""
        a = self.to_core(start)
        b = self.to_core(end)
        if self.to_qt(b) < end:  # the end fell inside a pair; include that character
            b += 1
        return a, min(b, self.length)

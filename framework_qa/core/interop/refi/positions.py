"""How producing tools count text positions, and mapping theirs onto code points of the stored text.

The stored (normalised) text is the source file with its BOM removed and CRLF turned into LF, nothing
else changed. Tools count positions over the file as they stored it, in one of four ways: code points
or UTF-16 code units, with a CRLF line break counting 2 or 1. NVivo counts UTF-16 units with CRLF as 2;
ATLAS.ti and MAXQDA count a CRLF as 1; the standard says code points.

Producers whose counting is established (framework-qa itself, QualCoder: code points; NVivo: UTF-16
units with CRLF as 2; see the shared REFI-QDA notes) are trusted outright: a heuristic must never
override them, since analysts code inside words ("eally helped") and near emoji, and a word-boundary
vote then shifts correct positions. Only for other producers is the counting decided by that vote:
coded passages in real projects overwhelmingly start at a word boundary, so the counting under which
most selections do is the one the tool used.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_OPENING_QUOTES = frozenset("\"'“„‘‚«‹‛‟「『(¿¡[")


@dataclass(frozen=True)
class Counting:
    """One way of counting positions over the stored file."""

    utf16: bool
    crlf_units: int  # 2: a CRLF counts as two positions; 1: as one

    def describe(self) -> str:
        unit = "UTF-16 code units" if self.utf16 else "code points"
        return f"{unit}, CRLF as {self.crlf_units}"


CODE_POINTS = Counting(utf16=False, crlf_units=2)
CANDIDATES: tuple[Counting, ...] = (
    CODE_POINTS,
    Counting(utf16=False, crlf_units=1),
    Counting(utf16=True, crlf_units=2),
    Counting(utf16=True, crlf_units=1),
)


def normalise_text(raw: str) -> str:
    """The text as framework-qa stores it: leading BOM removed, CRLF turned into LF."""
    return strip_bom(raw).replace("\r\n", "\n")


def strip_bom(raw: str) -> str:
    return raw[1:] if raw.startswith("\ufeff") else raw


@dataclass(frozen=True)
class OffsetMap:
    """For every position a tool may write (0..units), the code point of the normalised text it falls on.

    `inside` holds positions that split one normalised character (the middle of a surrogate pair, or
    between the CR and LF of a line break); an end position there is rounded up so the character stays
    whole, a start position is rounded down for the same reason.
    """

    floor: tuple[int, ...]
    inside: frozenset[int]

    @property
    def units(self) -> int:
        return len(self.floor) - 1


def offset_map(raw: str, counting: Counting) -> OffsetMap:
    """The map for `raw` (the decoded file, BOM removed or not) under `counting`."""
    text = strip_bom(raw)
    floor: list[int] = []
    inside: set[int] = set()
    n = 0
    i = 0
    length = len(text)
    while i < length:
        ch = text[i]
        floor.append(n)
        if ch == "\r" and i + 1 < length and text[i + 1] == "\n":
            if counting.crlf_units == 2:
                inside.add(len(floor))
                floor.append(n)
            i += 2
        else:
            if counting.utf16 and ord(ch) > 0xFFFF:
                inside.add(len(floor))
                floor.append(n)
            i += 1
        n += 1
    floor.append(n)
    return OffsetMap(tuple(floor), frozenset(inside))


def map_span(omap: OffsetMap, start: int, end: int) -> tuple[int, int] | None:
    """Code-point span in the normalised text, or None when the span is outside the text or empty."""
    if start < 0 or end > omap.units or start >= end:
        return None
    s = omap.floor[start]
    e = omap.floor[end] + (1 if end in omap.inside else 0)
    return (s, e) if s < e else None


def starts_at_word(text: str, start: int) -> bool:
    """Whether a passage starting at `start` begins cleanly, as human coders' passages do.

    True for a letter, digit or opening quote at the start of the text or after a non-word character,
    and for any non-space character that begins a line: a passage taken from the start of a line is
    aligned by construction even when the line opens with `@mention`, `---` or `...`, and a shifted
    position lands exactly on a line start only by rare chance.
    """
    if not 0 <= start < len(text):
        return False
    ch = text[start]
    if start == 0 or text[start - 1] == "\n":
        return not ch.isspace()
    if not (ch.isalnum() or ch in _OPENING_QUOTES):
        return False
    before = text[start - 1]
    return not (before.isalnum() or before == "_")


def word_start_share(text: str, starts: Iterable[int]) -> float | None:
    """Share of `starts` at a word boundary; None when there are none to judge."""
    values = list(starts)
    if not values:
        return None
    return sum(starts_at_word(text, s) for s in values) / len(values)


def trusted_counting(origin: str) -> tuple[str, Counting] | None:
    """(tool, counting) when the producer's counting is established, else None.

    framework-qa writes code points over LF text; QualCoder counts code points of its LF text (it may
    write CRLF for MAXQDA, still counting a line break as 1); NVivo (Windows and Mac) counts UTF-16
    units over the file as stored. ATLAS.ti's unit and MAXQDA's line breaks are not established.
    """
    name = origin.lower()
    if name.startswith("framework-qa"):
        return "framework-qa", Counting(utf16=False, crlf_units=1)
    if "qualcoder" in name:
        return "QualCoder", Counting(utf16=False, crlf_units=1)
    if "nvivo" in name:
        return "NVivo", Counting(utf16=True, crlf_units=2)
    return None


def expected_counting(origin: str) -> Counting | None:
    """What a producer whose counting is not established usually does; None when unknown.

    ATLAS.ti counts a line break as 1 (measured), MAXQDA is believed to; both are still checked.
    """
    name = origin.lower()
    if any(tool in name for tool in ("atlas.ti", "maxqda")):
        return Counting(utf16=False, crlf_units=1)
    return None


@dataclass(frozen=True)
class CountingChoice:
    counting: Counting
    share: float | None
    shares: dict[Counting, float | None]
    reason: str


def choose_counting(
    origin: str, sources: Sequence[tuple[str, Sequence[tuple[int, int]]]], tolerance: float = 0.05
) -> CountingChoice:
    """Pick the counting for a whole project from its origin.

    `sources` pairs each decoded file text (as stored, BOM and CRLF included) with its raw
    (start, end) positions. A producer whose counting is established (`trusted_counting`) is trusted
    whatever the word boundaries say. Otherwise the heuristic decides: spans that map to nothing
    count against a candidate; the origin's usual counting stands unless another does better by more
    than `tolerance`; with no known origin the best-scoring counting wins, ties going to code points.
    """
    shares = _shares(sources)
    trusted = trusted_counting(origin)
    if trusted is not None:
        tool, counting = trusted
        reason = f"{tool} is known to count this way; trusted, no heuristic applied"
        return CountingChoice(counting, shares[counting], shares, reason)
    expected = expected_counting(origin)
    preference = ([expected] if expected else []) + [c for c in CANDIDATES if c != expected]
    scored = [c for c in preference if shares[c] is not None]
    if not scored:
        chosen = expected or CODE_POINTS
        return CountingChoice(chosen, None, shares, "no selections to verify; " + _why(expected))
    best = max(scored, key=lambda c: shares[c] or 0.0)
    best_share = shares[best] or 0.0
    if expected is not None and (shares[expected] or 0.0) >= best_share - tolerance:
        return CountingChoice(expected, shares[expected], shares, _why(expected) + ", confirmed by the "
                              "word-boundary heuristic (this producer's counting is not established)")
    reason = (
        f"word-boundary heuristic: {best_share:.0%} of passages start at a word boundary, against "
        f"{(shares[expected] or 0.0):.0%} for the origin's usual {expected.describe()}"
        if expected
        else f"producer unknown, chosen by the word-boundary heuristic ({best_share:.0%} of passages start at one)"
    )
    return CountingChoice(best, best_share, shares, reason)


def _shares(sources: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> dict[Counting, float | None]:
    """For each candidate counting, the share of spans that map and start at a word boundary."""
    shares: dict[Counting, float | None] = {}
    for counting in CANDIDATES:
        hits = total = 0
        for raw, spans in sources:
            if not spans:
                continue
            omap = offset_map(raw, counting)
            text = normalise_text(raw)
            for start, end in spans:
                total += 1
                mapped = map_span(omap, start, end)
                hits += mapped is not None and starts_at_word(text, mapped[0])
        shares[counting] = hits / total if total else None
    return shares


def _why(expected: Counting | None) -> str:
    return "as the producing tool counts" if expected else "origin unknown, standard code points assumed"

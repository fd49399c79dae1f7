"""Codings anchored to quotes: find a quoted passage in a document's stored text.

Tools and people exchange codings as quotes as often as offsets (the demo's sample codings, a
spreadsheet of excerpts, MAXQDA's "coded segments" export). A quote is taken as found only when it
identifies one passage: it must appear in the text, and if it appears more than once the `occurrence`
(1-based, counted from the start of the document) says which. Matching is exact first; failing that,
runs of whitespace match any whitespace and straight and typographic quotes or apostrophes match each
other, since copying from Word or a PDF changes both, and quotation marks around the whole quote that
the text does not have are dropped. Positions are code points, end exclusive.
"""

from __future__ import annotations

import re

from framework_qa.core.errors import FqaError

_MARKS = "\"'“”‘’«»"
_EQUIVALENT = {"'": "['‘’]", "‘": "['‘’]", "’": "['‘’]", '"': '["“”]', "“": '["“”]', "”": '["“”]'}


def shown(quote: str, width: int = 60) -> str:
    flat = " ".join(quote.split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")


def _exact(text: str, quote: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(quote)
    while start >= 0:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


def _flexible(text: str, quote: str) -> list[tuple[int, int]]:
    parts = []
    for token in re.split(r"(\s+)", quote):
        if token.isspace():
            parts.append(r"\s+")
        else:
            parts.append("".join(_EQUIVALENT.get(ch, re.escape(ch)) for ch in token))
    pattern = re.compile("".join(parts))
    spans, pos = [], 0
    while (match := pattern.search(text, pos)) is not None:
        spans.append(match.span())
        pos = match.start() + 1
    return spans


def find_quote(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """The (start, end) of `quote` in `text`; FqaError if it is empty, missing, or ambiguous.

    `occurrence` None demands a quote that appears exactly once; otherwise the occurrence-th appearance
    is taken and there must be that many.
    """
    quote = quote.strip()
    if not quote:
        raise FqaError("the quote is empty")
    spans = _exact(text, quote) or _flexible(text, quote)
    if not spans and len(quote) > 2 and quote[0] in _MARKS and quote[-1] in _MARKS:
        spans = _flexible(text, quote[1:-1].strip())  # “quoted” in a spreadsheet, bare in the transcript
    if not spans:
        raise FqaError(f"quote not found: {shown(quote)}")
    if occurrence is None:
        if len(spans) > 1:
            where = ", ".join(f"{s}-{e}" for s, e in spans[:5]) + (", …" if len(spans) > 5 else "")
            raise FqaError(f"quote {shown(quote)} appears {len(spans)} times (at {where}); give an occurrence "
                           f"(1-{len(spans)}) or a longer quote")
        return spans[0]
    if not 1 <= occurrence <= len(spans):
        raise FqaError(f"occurrence {occurrence} of quote {shown(quote)} asked for, but it appears "
                       f"{len(spans)} time{'s' if len(spans) != 1 else ''}")
    return spans[occurrence - 1]

"""Growing a hit to the sentence or speaker turn around it, for coding every hit at once."""

from __future__ import annotations

import re
from collections.abc import Sequence

_SENTENCE_END = re.compile(r"[.!?\u2026\u3002\uff01\uff1f\u061f\u0964](?:[\"'\u201d\u2019)\]]*)(?=\s|$)|\n")


def turn_of(paragraphs: Sequence[tuple[int, int, str | None]], start: int, end: int) -> tuple[int, int]:
    """The (start, end) of the paragraph holding [start, end); the span itself if no paragraph holds it."""
    for para_start, para_end, _speaker in paragraphs:
        if para_start <= start and end <= para_end:
            return para_start, para_end
    return start, end


def extend_to_turn(
    paragraphs: Sequence[tuple[int, int, str | None]], start: int, end: int
) -> tuple[int, int]:
    """The whole speaker turn (paragraph) around a hit."""
    return turn_of(paragraphs, start, end)


def extend_to_sentence(
    text: str, paragraphs: Sequence[tuple[int, int, str | None]], start: int, end: int
) -> tuple[int, int]:
    """The sentence(s) around a hit, never beyond its paragraph, without surrounding white space.

    A sentence ends at . ! ? (and their CJK, Arabic and Devanagari forms) followed by white space, or at a
    line break; a closing quote or bracket after the mark stays with the sentence.
    """
    para_start, para_end = turn_of(paragraphs, start, end)
    sentence_start = para_start
    for match in _SENTENCE_END.finditer(text, para_start, start):
        sentence_start = match.end()
    sentence_end = para_end
    closing = _SENTENCE_END.search(text, max(end - 1, para_start), para_end)
    if closing is not None and closing.end() >= end:
        sentence_end = closing.end() if text[closing.start()] != "\n" else closing.start()
    while sentence_start < start and text[sentence_start].isspace():
        sentence_start += 1
    while sentence_end > end and text[sentence_end - 1].isspace():
        sentence_end -= 1
    return sentence_start, sentence_end

"""Paragraphs and speaker turns of a transcript's stored text.

Each non-empty line is a paragraph (a span, numbered from 1 in order). A line that opens with a speaker
label such as `Interviewer:`, `P03:` or `Dr Okafor:` starts that speaker's turn; following unlabelled
lines continue it. When some label opens two or more paragraphs, only such repeated labels (and labels
that name a role or participant id, such as `P05` or `Interviewer`) count as speakers, so a one-off "Note: ..." in an interview is not mistaken for one; in a short text where no label
repeats, every label counts.
"""

from __future__ import annotations

import re
from collections import Counter

from framework_qa.core.model import Span

_LABEL = re.compile(
    r"^[ \t]*(?:\*\*|__)?"
    r"(?P<name>[A-Z][\w'’.\-]*(?: [A-Z0-9][\w'’.\-]*){0,3}|[A-Z]?\d{1,3})"
    r"(?:\*\*|__)?[ \t]*:(?:\*\*|__)?(?:[ \t]|$)"
)
_LABEL_AT = re.compile(_LABEL.pattern, re.MULTILINE)  # the same, matched at a line start inside a text
_NON_SPACE = re.compile(r"\S")  # the whitespace str.strip removes


_ROLE = re.compile(r"^(?:P\d+|Participant\b.*|Interviewer|Respondent|Moderator|Facilitator|[IRQA])$", re.I)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; nothing else in the text changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def speaker_label(line: str) -> str | None:
    match = _LABEL.match(line)
    return match.group("name") if match else None


def split_spans(text: str) -> list[Span]:
    """Paragraph spans of `text` (already newline-normalised), with speakers where recognised.

    Lines are found with `find` and matched in place rather than by `text.split`, which would hold a
    copy of every line at once (hundreds of MB for a 200 MB transcript)."""
    lines: list[tuple[int, int, str | None]] = []
    pos, size = 0, len(text)
    find, nonblank, label_at = text.find, _NON_SPACE.search, _LABEL_AT.match
    while pos <= size:
        end = find("\n", pos)
        if end < 0:
            end = size
        if nonblank(text, pos, end):
            match = label_at(text, pos, end)
            lines.append((pos, end, match.group("name") if match else None))
        pos = end + 1
    counts = Counter(label for _, _, label in lines if label)
    repeated = {label for label, n in counts.items() if n >= 2 or _ROLE.match(label)}
    speakers = repeated or set(counts)
    spans: list[Span] = []
    current: str | None = None
    for start, end, label in lines:
        if label in speakers:
            current = label
        spans.append(Span(start, end, current))
    return spans


def speakers_of(spans: list[Span]) -> list[str]:
    """Speaker names in order of first appearance."""
    seen: dict[str, None] = {}
    for span in spans:
        if span.speaker:
            seen.setdefault(span.speaker, None)
    return list(seen)

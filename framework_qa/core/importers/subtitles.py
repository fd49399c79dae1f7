"""WebVTT and SubRip transcripts: cues merged into speaker turns.

A cue's speaker comes from a `<v Name>` voice tag or a `Name:` prefix; a cue without one continues the
previous speaker's turn. Consecutive cues of one speaker become one line `Name: text text ...` (cue texts
joined by a single space); timings are dropped.
"""

from __future__ import annotations

import re
from pathlib import Path

from framework_qa.core.importers.files import refuse
from framework_qa.core.importers.turns import speaker_label

_TIMING = re.compile(r"^\s*(\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->\s*(\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}")
# A tag's inside may not contain `<`: each match attempt then stops at the next `<`, so a cue full of
# unclosed `<v a` is scanned in linear time (with `[^>]+` every `<` rescanned to the end: quadratic).
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^<>\s][^<>]*)>")
_TAG = re.compile(r"</?[^<>]+>")


def read_subtitles(text: str, path: Path, *, vtt: bool) -> str:
    """Return the transcript text: one line per speaker turn, lines joined by newline."""
    lines = text.split("\n")
    if vtt:
        if not lines or not lines[0].lstrip("\ufeff").startswith("WEBVTT"):
            raise refuse(path, "not a WebVTT file (the first line must be 'WEBVTT')")
    cues = _cues(lines)
    if not cues:
        raise refuse(path, "no subtitle cues with text were found")
    turns: list[tuple[str | None, list[str]]] = []
    for speaker, body in cues:
        if turns and (speaker is None or speaker == turns[-1][0]):
            turns[-1][1].append(body)
        else:
            turns.append((speaker, [body]))
    return "\n".join((f"{s}: " if s else "") + " ".join(parts) for s, parts in turns)


def _cues(lines: list[str]) -> list[tuple[str | None, str]]:
    cues: list[tuple[str | None, str]] = []
    i = 0
    while i < len(lines):
        if _TIMING.match(lines[i]):
            i += 1
            body: list[str] = []
            while i < len(lines) and lines[i].strip():
                body.append(lines[i].strip())
                i += 1
            cue = _parse_cue(" ".join(body))
            if cue is not None:
                cues.append(cue)
        else:
            i += 1
    return cues


def _parse_cue(raw: str) -> tuple[str | None, str] | None:
    speaker: str | None = None
    voice = _VOICE.search(raw)
    if voice:
        speaker = voice.group(1).strip()
    body = _TAG.sub("", raw).strip()
    body = (body.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&nbsp;", "\u00a0"))
    if speaker is None:
        label = speaker_label(body)
        if label:
            speaker = label
            body = body.split(":", 1)[1].strip()
    if not body:
        return None
    return speaker, body

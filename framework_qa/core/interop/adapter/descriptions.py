"""A code's definition, inclusion and exclusion criteria, and its memo, carried in the one REFI-QDA
`Description`.

REFI-QDA gives a code a single free-text description, and it is where the peers read a code's memo:
QualCoder imports it as the code memo, MAXQDA writes its code memos there (the ICLS sample), NVivo its
node descriptions. So the fields are written in a layout a person reading it in another tool
understands and that reads back exactly:

    <definition>

    Inclusion: <inclusion>

    Exclusion: <exclusion>

    Memo: <memo>

Empty fields are left out. A description from another tool without these markers is the definition.
"""

from __future__ import annotations

import re

_INCLUSION = "Inclusion: "
_EXCLUSION = "Exclusion: "
_MEMO = "Memo: "
_LAYOUT = re.compile(
    r"\A(?P<definition>.*?)"
    r"(?:(?:\A|\n\n)Inclusion: (?P<inclusion>.*?))?"
    r"(?:(?:\A|\n\n)Exclusion: (?P<exclusion>.*?))?"
    r"(?:(?:\A|\n\n)Memo: (?P<memo>.*))?\Z",
    re.DOTALL,
)


def compose_description(definition: str, inclusion: str, exclusion: str, memo: str = "") -> str:
    parts = [definition] if definition else []
    if inclusion:
        parts.append(_INCLUSION + inclusion)
    if exclusion:
        parts.append(_EXCLUSION + exclusion)
    if memo.strip():
        parts.append(_MEMO + memo)
    return "\n\n".join(parts)


def parse_code_description(description: str) -> tuple[str, str, str, str]:
    """(definition, inclusion, exclusion, memo) from a description written by `compose_description` or
    by hand."""
    match = _LAYOUT.match(description)
    if match is None:  # the pattern matches every string; kept for the type checker
        return description, "", "", ""
    return (match.group("definition"), match.group("inclusion") or "", match.group("exclusion") or "",
            match.group("memo") or "")


def parse_description(description: str) -> tuple[str, str, str]:
    """(definition, inclusion, exclusion) from a description written by `compose_description`; a memo
    part is left out (see `parse_code_description`)."""
    return parse_code_description(description)[:3]

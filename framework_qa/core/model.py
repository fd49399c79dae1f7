"""Plain records of the project's entities, as the core hands them out.

They are immutable snapshots: a change goes through a `Project` command, which broadcasts what changed so
holders of snapshots can re-read. Positions (`start`, `end`) are Unicode code points into the stored
document text, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Origin = Literal["deductive", "emergent"]
AttributeType = Literal["text", "number", "date"]
MemoTarget = Literal["project", "document", "case", "code"]


@dataclass(frozen=True, slots=True)
class Span:
    """A paragraph or speaker turn: `text[start:end]`, without its line break."""

    start: int
    end: int
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    id: int
    name: str
    original_name: str
    format: str
    case_id: int | None
    length: int
    imported_at: str
    guid: str
    content_hash: str


@dataclass(frozen=True, slots=True)
class Case:
    id: int
    name: str
    guid: str


@dataclass(frozen=True, slots=True)
class Attribute:
    id: int
    name: str
    type: AttributeType


@dataclass(frozen=True, slots=True)
class Code:
    id: int
    guid: str
    parent_id: int | None
    name: str
    colour: str
    definition: str
    inclusion: str
    exclusion: str
    origin: Origin
    position: int


@dataclass(frozen=True, slots=True)
class Coder:
    id: int
    name: str
    guid: str


@dataclass(frozen=True, slots=True)
class Coding:
    id: int
    document_id: int
    code_id: int
    coder_id: int
    start: int
    end: int
    memo: str
    created_at: str
    guid: str


@dataclass(frozen=True, slots=True)
class Memo:
    id: int
    target_kind: MemoTarget
    target_id: int
    text: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class Summary:
    """The analyst's charted summary for one case and one code (a framework-matrix cell)."""

    id: int
    case_id: int
    code_id: int
    text: str
    updated_at: str

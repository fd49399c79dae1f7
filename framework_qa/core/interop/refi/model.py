"""Plain, frozen data for a REFI-QDA exchange, independent of framework-qa's own project model.

Contracts shared by every reader and writer in this package:
- GUIDs are lower-case, without braces.
- Text positions are Unicode code points into `RefiSource.text`, end exclusive, `0 <= start < end`.
- `RefiSource.text` is the normalised text (BOM removed, CRLF turned into LF, nothing else changed).
- Colours are `#rrggbb` in lower case, or None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

VariableType = Literal["Text", "Integer", "Float", "Date", "DateTime", "Boolean"]
VariableValue = str | int | float | bool | date | datetime


@dataclass(frozen=True)
class RefiUser:
    guid: str
    name: str


@dataclass(frozen=True)
class RefiCode:
    """A code; `is_codable` False marks a category that only groups its children."""

    guid: str
    name: str
    colour: str | None = None
    description: str = ""
    is_codable: bool = True
    children: tuple[RefiCode, ...] = ()


@dataclass(frozen=True)
class RefiSelection:
    """A coded (or only commented) span; `note` holds a memo carried in the selection itself."""

    guid: str
    start: int
    end: int
    code_guids: tuple[str, ...] = ()
    user_guid: str | None = None
    created: datetime | None = None
    note: str = ""


@dataclass(frozen=True)
class RefiSource:
    guid: str
    name: str
    text: str
    selections: tuple[RefiSelection, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class RefiVariable:
    guid: str
    name: str
    type_name: VariableType = "Text"


@dataclass(frozen=True)
class RefiCase:
    guid: str
    name: str
    source_guids: tuple[str, ...] = ()
    values: dict[str, VariableValue] = field(default_factory=dict)
    description: str = ""

    def __hash__(self) -> int:
        return hash((self.guid, self.name, self.source_guids))


@dataclass(frozen=True)
class RefiNote:
    """A memo; `target_guids` names the codes, sources, selections or cases it is about (none: the project).

    `spans` are the note's own text ranges (QualCoder writes an annotation as a Note holding a
    PlainTextSelection), as code points of the text of the source in `target_guids`. `created` is
    written as `creationDateTime`, which QualCoder's importer requires on every Note.
    """

    guid: str
    name: str
    text: str
    target_guids: frozenset[str] = frozenset()
    spans: tuple[tuple[int, int], ...] = ()
    created: datetime | None = None


@dataclass(frozen=True)
class RefiProject:
    name: str
    origin: str = ""
    users: tuple[RefiUser, ...] = ()
    codes: tuple[RefiCode, ...] = ()
    variables: tuple[RefiVariable, ...] = ()
    cases: tuple[RefiCase, ...] = ()
    sources: tuple[RefiSource, ...] = ()
    notes: tuple[RefiNote, ...] = ()
    description: str = ""
    extension: dict[str, Any] | None = None  # framework-qa's own analysis, see `extension.py`

    def __hash__(self) -> int:
        return hash((self.name, self.origin, self.sources))


@dataclass(frozen=True)
class RefiCodebook:
    origin: str = ""
    codes: tuple[RefiCode, ...] = ()


@dataclass
class ImportReport:
    """What an import did, as lines a user can read; each line says what and why.

    `counting` and `word_start_share` record how text positions were read and how well the result
    held up (share of coded passages starting at a word boundary), or stay empty when there was
    nothing to map.
    """

    brought_in: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    adjusted: list[str] = field(default_factory=list)
    counting: str = ""
    word_start_share: float | None = None


def iter_codes(codes: tuple[RefiCode, ...]) -> list[RefiCode]:
    """All codes of a tree, parents before their children (depth first, in document order).

    Iterative, so a tree of any depth is walked without touching Python's recursion limit.
    """
    out: list[RefiCode] = []
    stack = list(reversed(codes))
    while stack:
        code = stack.pop()
        out.append(code)
        stack.extend(reversed(code.children))
    return out


def code_depth(codes: tuple[RefiCode, ...]) -> int:
    """Levels in the tree (0 when empty, 1 for codes without children); iterative, like `iter_codes`."""
    deepest = 0
    stack = [(code, 1) for code in codes]
    while stack:
        code, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in code.children)
    return deepest

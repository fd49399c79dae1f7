"""What a framework matrix shows: its columns, its rows filter and grouping, and its coder filter.

A `MatrixSpec` is plain data, saved by name as a project view of kind "matrix" (`to_dict`/`from_dict`)
and reopened later. Columns are code paths; each column counts the codings of that code and of all its
descendants. An empty `columns` means the default: every leaf code (a code without children) of the
codebook, in tree order. `coders` None means every coder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from framework_qa.core.errors import FqaError

OPERATORS = ("<=", ">=", "!=", "=", "<", ">")
_CONDITION = re.compile(r"^\s*(?P<attr>[^<>=!]+?)\s*(?P<op><=|>=|!=|=|<|>)\s*(?P<value>.*?)\s*$")
VIEW_KIND = "matrix"


@dataclass(frozen=True, slots=True)
class Condition:
    """One rows filter: `attribute op value`, e.g. `weeks_of_use > 4` (see `rows.matches`)."""

    attribute: str
    op: str
    value: str

    def __str__(self) -> str:
        return f"{self.attribute}{self.op}{self.value}"


def parse_condition(text: str) -> Condition:
    """Parse `ATTR=VALUE` and the comparisons `!=`, `<`, `>`, `<=`, `>=`."""
    m = _CONDITION.match(text)
    if m is None or not m.group("attr").strip():
        raise FqaError(f"'{text}': a filter is ATTRIBUTE=VALUE (or !=, <, >, <=, >=), e.g. weeks_of_use>4")
    return Condition(m.group("attr").strip(), m.group("op"), m.group("value"))


def parse_conditions(text: str) -> list[Condition]:
    """Several conditions separated by ';' or ',' (as typed into one filter box)."""
    return [parse_condition(part) for part in re.split(r"[;,]", text) if part.strip()]


@dataclass(frozen=True)
class MatrixSpec:
    columns: tuple[str, ...] = ()
    where: tuple[Condition, ...] = ()
    coders: tuple[str, ...] | None = None
    group_by: str | None = None
    sort_by: str | None = None       # an attribute name; None sorts cases by name
    descending: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False)  # GUI settings kept with the view

    def to_dict(self) -> dict[str, Any]:
        return {"columns": list(self.columns), "where": [str(c) for c in self.where],
                "coders": None if self.coders is None else list(self.coders), "group_by": self.group_by,
                "sort_by": self.sort_by, "descending": self.descending, "extra": dict(self.extra)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MatrixSpec:
        coders = data.get("coders")
        return cls(columns=tuple(data.get("columns") or ()),
                   where=tuple(parse_condition(w) for w in data.get("where") or ()),
                   coders=None if coders is None else tuple(coders),
                   group_by=data.get("group_by") or None, sort_by=data.get("sort_by") or None,
                   descending=bool(data.get("descending", False)), extra=dict(data.get("extra") or {}))

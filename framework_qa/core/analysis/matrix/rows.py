"""The matrix's rows: which cases, in which order, in which groups — pure functions over plain data.

Filters compare a case's attribute value by the attribute's type: numbers numerically, dates as dates
(YYYY-MM-DD), text exactly (text takes only `=` and `!=`). A case without a value for the attribute
never matches a condition, whatever the operator, so `gender!=female` does not pick up cases whose
gender was not recorded. Several conditions must all hold. Rows are sorted by case name (numbers inside
names compare as numbers: P2 before P10) or by an attribute (cases without it last); with a grouping
attribute, rows are ordered by group first and cases without a value form the last group.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from framework_qa.core.analysis.matrix.spec import Condition
from framework_qa.core.errors import FqaError

NO_VALUE = "(no value)"
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq, "!=": operator.ne, "<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge}


@dataclass(frozen=True, slots=True)
class MatrixRow:
    case_id: int
    name: str
    group: str | None  # the grouping attribute's value (NO_VALUE when missing); None when not grouped


def natural_key(text: str) -> tuple[tuple[int, Any], ...]:
    return tuple((0, int(part)) if part.isdigit() else (1, part.lower())
                 for part in re.split(r"(\d+)", text) if part)


def typed(value: str, kind: str, attribute: str) -> Any:
    """The comparable form of a stored attribute value (or of a value typed in a filter)."""
    try:
        if kind == "number":
            return float(value.replace(",", ""))
        if kind == "date":
            return dt.date.fromisoformat(value.strip())
    except ValueError:
        expected = "a number" if kind == "number" else "a date (YYYY-MM-DD)"
        raise FqaError(f"{attribute}: '{value}' is not {expected}") from None
    return value.strip()


def check_condition(condition: Condition, types: Mapping[str, str]) -> None:
    if condition.attribute not in types:
        known = ", ".join(sorted(types)) or "none defined"
        raise FqaError(f"no case attribute named '{condition.attribute}' (attributes: {known})")
    kind = types[condition.attribute]
    if kind == "text" and condition.op not in ("=", "!="):
        raise FqaError(f"{condition.attribute} is a text attribute: filter it with = or !=, "
                       f"not {condition.op}")
    typed(condition.value, kind, condition.attribute)


def matches(values: Mapping[str, str], types: Mapping[str, str], condition: Condition) -> bool:
    raw = values.get(condition.attribute)
    if raw is None or raw == "":
        return False
    kind = types[condition.attribute]
    return _COMPARE[condition.op](typed(raw, kind, condition.attribute),
                                  typed(condition.value, kind, condition.attribute))


def select_rows(cases: Sequence[tuple[int, str]], values: Mapping[int, Mapping[str, str]],
                types: Mapping[str, str], where: Sequence[Condition] = (), group_by: str | None = None,
                sort_by: str | None = None, descending: bool = False) -> list[MatrixRow]:
    """Filter, sort and group cases `(id, name)` by their attribute `values` (case id -> name -> text)."""
    for condition in where:
        check_condition(condition, types)
    for name in (group_by, sort_by):
        if name is not None and name not in types:
            raise FqaError(f"no case attribute named '{name}' to group or sort by")
    empty: dict[str, str] = {}
    kept = [(cid, name) for cid, name in cases
            if all(matches(values.get(cid, empty), types, c) for c in where)]

    if sort_by is None:
        kept.sort(key=lambda case: natural_key(case[1]), reverse=descending)
    else:
        present = [c for c in kept if values.get(c[0], empty).get(sort_by) is not None]
        missing = [c for c in kept if values.get(c[0], empty).get(sort_by) is None]
        present.sort(key=lambda c: (typed(values[c[0]][sort_by], types[sort_by], sort_by),
                                    natural_key(c[1])), reverse=descending)
        kept = present + sorted(missing, key=lambda c: natural_key(c[1]))
    if group_by is None:
        return [MatrixRow(cid, name, None) for cid, name in kept]

    def group_key(case: tuple[int, str]) -> tuple[Any, ...]:
        raw = values.get(case[0], empty).get(group_by)
        return (raw is None, typed(raw, types[group_by], group_by) if raw is not None else 0)
    kept.sort(key=group_key)  # stable: the sort order holds inside each group
    return [MatrixRow(cid, name, values.get(cid, empty).get(group_by, NO_VALUE)) for cid, name in kept]

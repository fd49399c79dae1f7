"""Case attribute tables (CSV or XLSX): one row per case, keyed by case name.

The key column is the one named `case` (or `participant`, `id`, `name`), else the first. Each other
column gets a type from its values: `number` when every non-empty value is numeric, `date` when every one
is an ISO date (or an Excel date), else `text`. Values are kept as text in that type's canonical form.
Reading the file itself, within the input policy, is attribute_files.py's part.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

from framework_qa.core.importers.attribute_files import table_rows
from framework_qa.core.importers.files import printable, refuse
from framework_qa.core.model import AttributeType

_KEY_NAMES = ("case", "participant", "id", "name")


@dataclass(frozen=True)
class AttributeTable:
    types: dict[str, AttributeType]
    rows: dict[str, dict[str, str]]  # case name -> attribute -> canonical value


def read_attribute_table(path: str | Path) -> AttributeTable:
    """The typed table in `path` (.csv or .xlsx); ImportFailure naming the file and the reason if it
    cannot be read (see attribute_files.py for the limits and what a formula cell gives)."""
    path = Path(path)
    raw = [r for r in table_rows(path) if any(str(c).strip() for c in r)]
    if len(raw) < 2:
        raise refuse(path, "needs a header row and at least one case row")
    header = [str(h).strip() for h in raw[0]]
    lowered = [h.lower() for h in header]
    key = next((lowered.index(k) for k in _KEY_NAMES if k in lowered), 0)
    columns = [i for i, h in enumerate(header) if i != key and h]
    if not columns:
        raise refuse(path, "has no attribute columns besides the case column")
    cells: dict[str, dict[str, object]] = {}
    for number, row in enumerate(raw[1:], start=2):
        name = str(row[key]).strip() if key < len(row) else ""
        if not name:
            raise refuse(path, f"row {number} has no case name")
        if name in cells:
            raise refuse(path, f"row {number} repeats case '{printable(name)}'")
        cells[name] = {header[i]: (row[i] if i < len(row) else "") for i in columns}
    types = {header[i]: _infer([cells[c][header[i]] for c in cells]) for i in columns}
    rows = {case: {a: canon for a, v in values.items() if (canon := canonical(v, types[a])) != ""}
            for case, values in cells.items()}
    return AttributeTable(types, rows)


def _infer(values: list[object]) -> AttributeType:
    present = [v for v in values if str(v).strip() != ""]
    if present and all(_as_number(v) is not None for v in present):
        return "number"
    if present and all(_as_date(v) is not None for v in present):
        return "date"
    return "text"


def canonical(value: object, kind: AttributeType) -> str:
    """The stored text form of a value: numbers without a trailing `.0`, dates as YYYY-MM-DD."""
    if str(value).strip() == "":
        return ""
    if kind == "number":
        number = _as_number(value)
        if number is None:
            raise ValueError(f"'{value}' is not a number")
        return str(int(number)) if number.is_integer() else repr(number)
    if kind == "date":
        date = _as_date(value)
        if date is None:
            raise ValueError(f"'{value}' is not a date (use YYYY-MM-DD)")
        return date.isoformat()
    return str(value).strip()


def _as_number(value: object) -> float | None:
    """The value as a finite float, else None: "NaN", "inf" and integers beyond a float's range are text
    (a participant called Nan is not a number), and so are booleans."""
    if isinstance(value, bool):
        return None
    try:
        number = float(value) if isinstance(value, int | float) else float(str(value).strip().replace(",", ""))
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None

"""One rule, shared by every spreadsheet export (CSV and xlsx), for text a spreadsheet would run as a formula.

Why one module: the matrix CSV, the matrix workbook and the agreement workbook each carried their own
list of risky first characters, and they drifted (header cells and attribute names went out raw, signed
text such as `-1_000` or `+1` was let through because Python's float() accepts it). The rule:

- Text is risky when it starts with `=`, `+`, `-`, `@`, tab or carriage return, or with the full-width
  `＝ ＋ － ＠` that some spreadsheet programs (and IMEs) treat as their ASCII forms.
- The one exception is a plain negative decimal numeral (`-3`, `-0.25`: ASCII digits only, no exponent,
  underscore, `inf` or `nan`); a spreadsheet reads it as that number and runs nothing.
- Genuine numbers (int and float values) are written as numbers and never touched.

In a CSV a risky text gets a leading apostrophe (the spreadsheet convention for "this is text"); in an
xlsx it is a string cell with the quote prefix, so it stays text when the cell is edited.
"""

from __future__ import annotations

import re

RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_PLAIN_NEGATIVE = re.compile(r"-[0-9]+(?:\.[0-9]+)?")


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet opening `text` could evaluate it rather than show it."""
    return text.startswith(RISKY_STARTS) and _PLAIN_NEGATIVE.fullmatch(text) is None


def csv_text(value: object) -> object:
    """`value` as a CSV field: risky text gets a leading apostrophe; numbers and other text unchanged."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value

"""Input policy: the largest inputs the transcript readers accept, in one place.

Why: a reader must answer every file within bounded time and memory. A .docx is a zip archive, so a
1 MB file can inflate to hundreds of megabytes of XML (a "zip bomb") that takes minutes and gigabytes to
parse. The figures below are far beyond any honest interview transcript (a 5,000-word interview is
about 40 KB of text, or 30 KB of .docx holding 300 KB of XML), so they only ever refuse hostile or broken
files. Every refusal names the limit, so a user with a genuine giant file knows what happened.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024

MAX_FILE_BYTES = 100 * MB
"""Largest .docx file read at all, checked before reading."""

MAX_TEXT_FILE_BYTES = 1024 * MB
"""Largest plain-text transcript (.txt, .md, .vtt, .srt) read at all. Higher than for .docx: text does
not inflate, and honest exports of long recordings or whole focus-group series reach hundreds of MB."""

MAX_MEMBER_BYTES = 256 * MB
"""Largest inflated size of any single .docx member that is read (word/document.xml, relationships)."""

MAX_TOTAL_INFLATED_BYTES = 512 * MB
"""Largest inflated size of all the members a .docx declares, summed over its zip directory."""

MAX_COMPRESSION_RATIO = 100
"""Largest inflated/compressed ratio of a .docx member. Word's XML compresses 5 to 20 times; zip bombs
compress hundreds to millions of times. Only checked for members larger than RATIO_FLOOR_BYTES, since a
tiny highly repetitive part can legitimately have a high ratio."""

RATIO_FLOOR_BYTES = 4 * MB

MAX_ZIP_MEMBERS = 10_000
"""Most entries a .docx may list (a long transcript with images has a few dozen)."""

READ_CHUNK_BYTES = 1 * MB
"""Members are inflated in chunks of this size so a lying zip header is caught while reading."""

MAX_TABLE_FILE_BYTES = 16 * MB
"""Largest case attribute table (.csv or .xlsx) read at all. A table of 10,000 cases with 50 attributes
is about 5 MB as CSV and 2 MB as .xlsx; parsed, every cell becomes a Python object, so the figure is kept
far lower than for transcripts."""

MAX_TABLE_MEMBER_BYTES = 32 * MB
"""Largest inflated size of any member of an .xlsx (a sheet, the shared strings)."""

MAX_TABLE_INFLATED_BYTES = 64 * MB
"""Largest inflated size of all the members an .xlsx declares, summed."""

MAX_TABLE_ROWS = 100_000
"""Most rows (empty ones included) an attribute table may have: one row per case."""

MAX_TABLE_CELLS = 250_000
"""Most cells an attribute table may have in all (5,000 cases with 50 attributes). Checked before
parsing, from a cheap upper bound, so one enormous row cannot be built in memory first: for a .csv its
separators are counted, for an .xlsx the cell tags of each worksheet (openpyxl takes about 10 µs and
several hundred bytes per cell, and builds a whole row before handing it over)."""

MAX_CELL_CHARS = 131_072
"""Longest CSV cell (Python's csv default field limit): a huge line without separators is refused."""


@dataclass(frozen=True)
class ZipLimits:
    """The limits one zip-based format is read within (see docx_package.py); `kind` names it in messages."""

    kind: str
    max_member_bytes: int
    max_total_bytes: int
    max_members: int = MAX_ZIP_MEMBERS


DOCX_ZIP = ZipLimits(".docx", MAX_MEMBER_BYTES, MAX_TOTAL_INFLATED_BYTES)
XLSX_ZIP = ZipLimits(".xlsx", MAX_TABLE_MEMBER_BYTES, MAX_TABLE_INFLATED_BYTES)

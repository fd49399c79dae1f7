"""The raw cells of a case attribute table, read from a .csv or an .xlsx within the input policy.

Contracts:
- `table_rows(path)` returns the table's rows as lists of cell values (str for CSV; str, int, float, bool,
  dates or "" for .xlsx), or raises ImportFailure naming the file and the reason. It never returns more
  than `MAX_TABLE_ROWS` rows or `MAX_TABLE_CELLS` cells, and refuses, before parsing, files over
  `MAX_TABLE_FILE_BYTES`, folders, pipes and devices (files.py).
- A .csv is decoded like a transcript (decoding.py: BOM, UTF-16, UTF-8, mixed, Windows-1252) and split with
  Python's csv module in universal-newline mode, so a lone CR ends a row as it does in Excel. The cells
  are counted from the separators before parsing: one enormous row is refused, not built in memory.
- An .xlsx is a zip: its directory is checked against `XLSX_ZIP` (sizes, ratio, member count) and the
  cell tags of its worksheets are counted before openpyxl parses anything; it is then read in openpyxl's read-only mode, values only. A formula cell gives
  the value Excel last computed and saved (as a user sees it), never the formula; a formula never
  calculated (no saved value) is an empty cell. The sheet's declared dimensions are ignored (they may
  lie, and openpyxl pads every row to them), so only cells present in the file cost memory.
- openpyxl raises many exception types on damaged workbooks (KeyError, TypeError, AttributeError,
  OverflowError from dates, lxml and zip errors...). They are all the same fact for a user, an .xlsx it
  cannot read, so any exception inside the workbook reading becomes that one line; its warnings (a date
  serial out of range...) are silenced, as they would print lines of their own.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import BinaryIO

from framework_qa.core.errors import ImportFailure
from framework_qa.core.importers import limits
from framework_qa.core.importers.decoding import decode_bytes
from framework_qa.core.importers.docx_package import check_directory, short_reason
from framework_qa.core.importers.files import open_regular, read_bounded, refuse

_WHAT = "attribute tables"
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,15}:)?c[\s/>]")  # <c ...>, <c/>, <x:c ...>
_TAG_SPAN = 20  # longer than any match of _CELL_TAG
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def table_rows(path: Path) -> list[list[object]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_rows(path)
    if suffix == ".xlsx":
        return _xlsx_rows(path)
    raise refuse(path, f"unknown attribute file type '{suffix or '(none)'}'; use .csv or .xlsx")


def _csv_rows(path: Path) -> list[list[object]]:
    text = decode_bytes(read_bounded(path, max_bytes=limits.MAX_TABLE_FILE_BYTES, what=_WHAT), path).text
    if text.count(",") + text.count("\n") + text.count("\r") >= limits.MAX_TABLE_CELLS:
        raise refuse(path, f"the table is too large (over {limits.MAX_TABLE_CELLS:,} cells are refused)")
    try:
        return _bounded(path, csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        reason = str(exc)
        if "field limit" in reason:
            reason = f"a cell is longer than {limits.MAX_CELL_CHARS:,} characters"
        raise refuse(path, f"not a readable CSV table ({reason})") from None


def _xlsx_rows(path: Path) -> list[list[object]]:
    with open_regular(path, max_bytes=limits.MAX_TABLE_FILE_BYTES, what=_WHAT) as fh:
        head = fh.read(8)
        if not head:
            raise refuse(path, "the file is empty")
        if head == _OLE_MAGIC:
            raise refuse(path, "the workbook is encrypted (password-protected) or an old-style .xls; "
                               "save it in Excel as an unprotected .xlsx")
        fh.seek(0)
        try:
            with zipfile.ZipFile(fh) as package:
                check_directory(package, path, limits.XLSX_ZIP)
                _check_cell_tags(package, path)
        except ImportFailure:
            raise
        except Exception:
            raise refuse(path, "not a valid .xlsx (the file is damaged or not an Excel workbook)") from None
        fh.seek(0)
        return _workbook_rows(fh, path)


def _check_cell_tags(package: zipfile.ZipFile, path: Path) -> None:
    """Refuse a workbook any of whose worksheets holds more than MAX_TABLE_CELLS cell tags, counted on
    the inflated XML a chunk at a time (the directory check already bounds its size). Every sheet is
    counted, not only the first that is read: finding the first means parsing the workbook part."""
    for info in package.infolist():
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        cells, tail = 0, b""
        with package.open(info) as stream:
            while True:
                chunk = stream.read(limits.READ_CHUNK_BYTES)
                data = tail + chunk
                # a tag starting in the last _TAG_SPAN bytes may be cut: it is counted with the next chunk
                stop = len(data) - _TAG_SPAN if chunk else len(data)
                cells += sum(1 for match in _CELL_TAG.finditer(data) if match.start() < stop)
                if cells > limits.MAX_TABLE_CELLS:
                    raise refuse(path, f"the table is too large (a worksheet has over "
                                       f"{limits.MAX_TABLE_CELLS:,} cells; more are refused)")
                if not chunk:
                    break
                tail = data[max(stop, 0):]


def _workbook_rows(fh: BinaryIO, path: Path) -> list[list[object]]:
    import openpyxl  # imported here: only needed for this file type

    with warnings.catch_warnings():  # openpyxl warns on stderr about odd parts; our answer is one line
        warnings.simplefilter("ignore")
        return _read_workbook(openpyxl, fh, path)


def _read_workbook(openpyxl: ModuleType, fh: BinaryIO, path: Path) -> list[list[object]]:
    try:
        book = openpyxl.load_workbook(fh, read_only=True, data_only=True, keep_links=False)
    except (MemoryError, RecursionError):
        raise refuse(path, "the workbook is too large or too deeply nested to read") from None
    except Exception as exc:  # see the module docstring: every damage is the same fact
        raise refuse(path, f"not a readable .xlsx workbook ({short_reason(exc)})") from None
    try:
        if not book.worksheets:
            raise refuse(path, "the workbook has no worksheet")
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # type: ignore[union-attr]  # ignore declared sizes (see docstring)
        return _bounded(path, sheet.iter_rows(values_only=True))
    except ImportFailure:
        raise
    except (MemoryError, RecursionError):
        raise refuse(path, "the workbook is too large or too deeply nested to read") from None
    except Exception as exc:
        raise refuse(path, f"not a readable .xlsx workbook ({short_reason(exc)})") from None
    finally:
        book.close()


def _bounded(path: Path, rows: Iterable[Sequence[object]]) -> list[list[object]]:
    """The non-empty rows, each without its trailing empty cells and with None as "", refusing at the
    first row (empty ones count: openpyxl yields one for every row number a sheet skips) or cell beyond
    the table limits. Kept tight: a hostile sheet makes it walk up to MAX_TABLE_ROWS empty rows."""
    out: list[list[object]] = []
    seen = cells = 0
    for row in rows:
        seen += 1
        if seen > limits.MAX_TABLE_ROWS:
            raise refuse(path, f"the table is too large (over {limits.MAX_TABLE_ROWS:,} rows are refused)")
        if not row:
            continue
        values = ["" if v is None else v for v in row]
        while values and values[-1] == "":
            values.pop()
        cells += len(values)
        if cells > limits.MAX_TABLE_CELLS:
            raise refuse(path, f"the table is too large (over {limits.MAX_TABLE_CELLS:,} cells are refused)")
        if values:
            out.append(values)
    return out

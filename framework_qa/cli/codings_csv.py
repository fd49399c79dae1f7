"""Reading codings CSV files for `import-codings`, in either of the two shapes researchers have.

- offsets: `document, start, end, code, coder[, memo]` (code points, end exclusive), as `codings --json`
  gives them;
- quotes: `document, code, coder, quote[, occurrence][, memo]`, as the shipped sample codings
  (`sample_transcripts/codings/`) and spreadsheets of excerpts are: the quote is found in the stored
  text (`core.interop.quotes`), and a quote that is missing, or appears more than once without an
  occurrence saying which, refuses its row.

A row may use either shape when the file has both kinds of column (start and end win when filled).
Every refused row is reported, one line each, and then nothing is imported: a half-imported file is
harder to put right than a refused one. Rows are numbered as a spreadsheet shows them (header is row 1).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from framework_qa.cli.common import CliError
from framework_qa.core.errors import FqaError
from framework_qa.core.project import CodingRequest, Project

_ALWAYS = ("document", "code", "coder")
SHAPES = "document,start,end,code,coder[,memo] or document,code,coder,quote[,occurrence][,memo]"


@dataclass(frozen=True)
class CsvRow:
    file: str
    number: int
    fields: dict[str, str]

    def get(self, name: str) -> str:
        return (self.fields.get(name) or "").strip()

    def where(self) -> str:
        return f"{self.file}: row {self.number}"


def read_rows(path: Path) -> list[CsvRow]:
    """The rows of one file, after checking its columns allow one of the two shapes."""
    from framework_qa.core.importers.decoding import decode_text
    if not path.is_file():
        raise CliError(f"{path.name}: no such file")
    text, _ = decode_text(path.read_bytes(), path)
    reader = csv.DictReader(text.splitlines())
    columns = [c.strip() for c in reader.fieldnames or []]
    reader.fieldnames = columns
    missing = [c for c in _ALWAYS if c not in columns]
    if missing or not ({"start", "end"} <= set(columns) or "quote" in columns):
        need = ", ".join(missing) if missing else "start and end, or quote"
        raise CliError(f"{path.name}: missing column(s) {need}; need {SHAPES}")
    return [CsvRow(path.name, number, {k: v or "" for k, v in row.items() if isinstance(k, str)})
            for number, row in enumerate(reader, start=2)]


def resolve(project: Project, rows: list[CsvRow]) -> tuple[list[tuple[CsvRow, CodingRequest]], list[str]]:
    """(row, request) for each usable row and one problem line for each refused one."""
    texts: dict[str, str] = {}
    done: list[tuple[CsvRow, CodingRequest]] = []
    problems: list[str] = []
    for row in rows:
        try:
            start, end = _range(project, row, texts)
        except FqaError as exc:
            problems.append(f"{row.where()}: {exc}")
            continue
        done.append((row, CodingRequest(row.get("document"), start, end, row.get("code"), row.get("coder"),
                                        row.fields.get("memo") or "")))
    return done, problems


def _range(project: Project, row: CsvRow, texts: dict[str, str]) -> tuple[int, int]:
    if row.get("start") or row.get("end"):
        try:
            return int(row.get("start")), int(row.get("end"))
        except ValueError:
            raise FqaError("start and end must be whole numbers") from None
    quote = row.fields.get("quote") or ""
    if not quote.strip():
        raise FqaError("give start and end, or a quote")
    occurrence: int | None = None
    if row.get("occurrence"):
        try:
            occurrence = int(row.get("occurrence"))
        except ValueError:
            raise FqaError(f"occurrence must be a whole number, not {row.get('occurrence')!r}") from None
    from framework_qa.core.interop.quotes import find_quote
    name = row.get("document")
    if name not in texts:
        texts[name] = project.text(name)  # FqaError "no document named ..." for an unknown one
    start, end = find_quote(texts[name], quote, occurrence)
    return start, end

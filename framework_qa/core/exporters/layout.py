"""How a matrix is cut into printed tables, shared by the Word and Excel exports (pure, no writer).

Why: a reader of an appendix needs each table to fit one page width and to say which framework and
category each column belongs to. So columns are grouped by framework, then into bands: consecutive
columns under one category (the level between the framework and the code, e.g. "Primary task
support" in Persuasive Systems Design), or `None` for codes directly under the framework. A framework
whose columns fit `max_columns` is one table; otherwise it is cut between whole categories, and a
category wider than a table is cut into chunks that each carry its name. Also the wording every
export shares: the caption of a table and what a cell shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from framework_qa.core.analysis.matrix.report import MatrixReport, ReportCell, ReportColumn


@dataclass(frozen=True, slots=True)
class Band:
    category: str | None  # None: codes directly under the framework (or a framework without categories)
    columns: tuple[int, ...]  # indices into `MatrixReport.columns`


@dataclass(frozen=True, slots=True)
class Part:
    framework: str
    bands: tuple[Band, ...]
    number: int  # 1-based, within the framework
    of: int

    @property
    def columns(self) -> list[int]:
        return [c for band in self.bands for c in band.columns]

    @property
    def has_categories(self) -> bool:
        return any(band.category is not None for band in self.bands)

    @property
    def heading(self) -> str:
        """`Persuasive Systems Design: Primary task support (part 1 of 4)`, or just the framework."""
        if self.of == 1:
            return self.framework
        names = ", ".join(dict.fromkeys(b.category for b in self.bands if b.category is not None))
        return f"{self.framework}{': ' + names if names else ''} (part {self.number} of {self.of})"


def category_of(column: ReportColumn) -> str | None:
    """The code's category: the second name of its path when the path runs framework/category/code."""
    names = column.path.split("/")
    return names[1] if len(names) >= 3 and names[0] == column.framework else None


def _bands(report: MatrixReport, columns: Sequence[int]) -> list[Band]:
    out: list[Band] = []
    for c in columns:
        category = category_of(report.columns[c])
        if out and out[-1].category == category:
            out[-1] = Band(category, (*out[-1].columns, c))
        else:
            out.append(Band(category, (c,)))
    return out


def _pack(bands: list[Band], max_columns: int) -> list[list[Band]]:
    chunks = [Band(b.category, b.columns[i:i + max_columns])
              for b in bands for i in range(0, len(b.columns), max_columns)]
    tables: list[list[Band]] = [[]]
    used = 0
    for chunk in chunks:
        if used and used + len(chunk.columns) > max_columns:
            tables.append([])
            used = 0
        tables[-1].append(chunk)
        used += len(chunk.columns)
    return tables


def plan_parts(report: MatrixReport, max_columns: int) -> list[Part]:
    """The tables to print, framework by framework, each with at most `max_columns` code columns."""
    parts: list[Part] = []
    for framework, columns in report.frameworks():
        tables = _pack(_bands(report, columns), max(1, max_columns))
        parts += [Part(framework, tuple(t), n, len(tables)) for n, t in enumerate(tables, start=1)]
    return parts


def caption(report: MatrixReport, part: Part | None = None) -> str:
    """One line under a table's title: framework part, cases, coders, filter and date."""
    bits = [part.heading] if part is not None else []
    bits.append(f"{len(report.rows)} case{'s' if len(report.rows) != 1 else ''}"
                + (f" where {report.filters}" if report.filters else ""))
    if report.group_by:
        bits.append(f"grouped by {report.group_by}")
    bits.append(f"coders: {report.coders}")
    bits.append(f"exported {report.exported.isoformat()}")
    return "; ".join(bits)


def title_line(report: MatrixReport, part: Part | None = None) -> str:
    """The title row of a sheet: `Framework matrix, project demo: <caption>`."""
    project = f", project {report.project}" if report.project else ""
    return f"{report.title}{project}: {caption(report, part)}"


def summary_text(cell: ReportCell) -> str:
    """The cell's own summary, or (a parent code with none) each child's summary as `Child: text`."""
    own = cell.summary.strip()
    if own or not cell.children:
        return own
    return "\n".join(f"{label}: {text}" for label, text in cell.children)

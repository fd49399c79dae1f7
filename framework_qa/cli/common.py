"""Shared plumbing of the command line: output, errors and project opening.

Contract: results go to stdout (`--json` gives machine-readable output); every failure is one line on
stderr, `framework-qa: error: <message>`, with a non-zero exit status.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from framework_qa.core.errors import FqaError

if TYPE_CHECKING:
    from framework_qa.core.project import Project


class CliError(FqaError):
    """A usage or input problem detected by the command line itself."""


class ListOption(argparse.Action):
    """A list option: `--codes A B`, `--codes A --codes B` and mixtures all give `[A, B]`.

    argparse's plain `nargs="+"` keeps only the last occurrence, so a repeated option silently dropped
    the earlier values (NVivo and MAXQDA users repeat options). Values are kept in the order given and
    a value given twice is kept once. Without the option the default is left as it is (a given
    default list is copied, never changed in place). Use it as `action=ListOption`; nargs is "+".
    """

    def __init__(self, option_strings: Sequence[str], dest: str, nargs: str | None = "+", **kwargs: Any) -> None:
        if nargs not in ("+", "*"):
            raise ValueError("ListOption takes nargs '+' or '*'")
        super().__init__(option_strings, dest, nargs=nargs, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: str | Sequence[Any] | None, option_string: str | None = None) -> None:
        items = list(getattr(namespace, self.dest, None) or [])
        for value in [values] if isinstance(values, str) else values or []:
            if value not in items:
                items.append(value)
        setattr(namespace, self.dest, items)


def open_existing(path: str) -> Project:
    """A project file, or a server project by its `postgresql://` address."""
    from pathlib import Path

    from framework_qa.core.addresses import is_server_address
    from framework_qa.core.project import open_project

    return open_project(path if is_server_address(path) else Path(path))


def print_json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def printable(text: str) -> str:
    """`text` with control characters escaped, so one value stays on one line of a table or message
    (the importers package is imported only for a value that needs escaping: a listing does not load it)."""
    if text.isprintable():
        return text
    from framework_qa.core.importers.files import printable as escape

    return escape(text)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Aligned columns for reading in a terminal (use --json for scripts): one line per row, whatever a
    cell holds. Names made before imports escaped them, or through the API, may hold newlines, tabs or
    terminal escape sequences; they are shown escaped (`a\\nb`), as file names are in import messages."""
    cells = [[printable(str(h)) for h in headers]] + [["" if v is None else printable(str(v)) for v in r]
                                                     for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        sys.stdout.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")
        if n == 0:
            sys.stdout.write("  ".join("-" * w for w in widths) + "\n")


def error(message: str) -> None:
    """One line on stderr, even when the message quotes a name holding a newline (escaped)."""
    sys.stderr.write(f"framework-qa: error: {printable(message)}\n")


def warn(message: str) -> None:
    sys.stderr.write(f"framework-qa: {printable(message)}\n")


def shorten(text: str, width: int = 60) -> str:
    """`text` on one line (runs of whitespace made one space), cut to `width` with an ellipsis.

    A long coded passage is flattened only as far as the cut: flattening a prefix of `text` gives a
    prefix of the whole flattened text, so once that is longer than `width` the rest cannot matter."""
    head = text[: 4 * width]
    flat = " ".join(head.split())
    if len(flat) <= width and len(head) < len(text):
        flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"

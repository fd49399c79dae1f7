"""Sub-commands for the framework matrix: summary (write a cell's summary) and matrix (show/export)."""

from __future__ import annotations

import argparse
from pathlib import Path

from framework_qa.cli.common import CliError, ListOption, open_existing, print_json, print_table, shorten

MATRIX_HELP = """\
Rows are cases, columns are codes; each cell gives the number of codings, the coded characters and the
case x code summary.

Columns: each --codes PATH is one column standing for that code and all its descendants (so
'Persuasive Systems Design/Dialogue support' is one column counting all of its techniques). --expand PATH
adds one column per child of PATH instead (e.g. --expand 'Working alliance' gives Goal, Task, Bond, ...).
With neither, the columns are every leaf code (codes without sub-codes) of the codebook, in tree order.

Counting: a coding counts once in every column whose code it falls under; characters count the union of
coded ranges per document, so overlapping codings are not counted twice.

Rows: every case, sorted by name; --where keeps cases whose attribute matches (numbers and dates compare
by value: weeks_of_use>4, start_date>=2024-03-01; text with = or !=). Several --where must all hold; a
case without a value for the attribute never matches.
"""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("summary", help="write the summary of one matrix cell (case x code)")
    p.add_argument("project")
    p.add_argument("--case", required=True)
    p.add_argument("--code", required=True, metavar="PATH", help="e.g. 'Working alliance/Bond'")
    p.add_argument("--text", required=True, help="the summary; an empty text with --replace removes it")
    p.add_argument("--replace", action="store_true", help="overwrite the cell's existing summary")
    p.add_argument("--append", action="store_true",
                   help="add the text below the cell's existing summary (a blank line between)")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("matrix", help="the framework matrix of cases x codes (show or export)",
                       description=MATRIX_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("project")
    p.add_argument("--codes", action=ListOption, metavar="PATH", default=[],
                   help="columns: each code path is one column including its descendants; repeatable")
    p.add_argument("--expand", action=ListOption, metavar="PATH", default=[],
                   help="columns: one per child code of each PATH (a framework or category); repeatable")
    p.add_argument("--coders", action=ListOption, metavar="NAME", help="only these coders' codings (default: all); repeatable")
    p.add_argument("--where", action="append", default=[], metavar="ATTR=VALUE",
                   help="keep cases whose attribute matches (=, !=, <, >, <=, >=); repeatable")
    p.add_argument("--group-by", metavar="ATTR", help="group rows by a case attribute")
    p.add_argument("--sort-by", metavar="ATTR", help="sort rows by a case attribute (default: case name)")
    p.add_argument("--saved", metavar="NAME", help="use a matrix saved in the project (other options add to it)")
    p.add_argument("--json", action="store_true", help='{"rows", "columns", "cells": [{case, code, codings, '
                                                       'characters, summary}]}')
    p.add_argument("--xlsx", metavar="FILE", help="export to an Excel workbook")
    p.add_argument("--docx", metavar="FILE", help="export to a Word document (landscape tables)")
    p.add_argument("--csv", metavar="FILE", help="export to CSV (one row per case x code)")
    p.add_argument("--title", default="Framework matrix", help="title used in exports")
    p.set_defaults(func=cmd_matrix)


def cmd_summary(args: argparse.Namespace) -> int:
    """Write a cell's summary; an analyst's existing summary is never lost without --replace or --append.

    Where the cell has no summary yet the text is simply written (an empty text then removes nothing).
    The two flags are checked here, not by an argparse group, so misuse stays one line on stderr.
    """
    if args.replace and args.append:
        raise CliError("give --replace or --append, not both")
    with open_existing(args.project) as project:
        case, code = project.case(args.case), project.code(args.code)
        where = f"{case.name} × {project.code_path(code.id)}"
        old = project.summary(case.id, code.id)
        text, action = args.text, "removed" if not args.text.strip() else "set"
        if old.strip():
            text, action = _merge_summary(args, old, where)
        project.set_summary(case.id, code.id, text)
        print(f"summary {action}: {where}")
    return 0


def _merge_summary(args: argparse.Namespace, old: str, where: str) -> tuple[str, str]:
    """(text to store, what was done) for a cell that already has `old` as its summary."""
    if args.append:
        if not args.text.strip():
            raise CliError("--append needs a non-empty --text (to remove the summary use --replace --text '')")
        return f"{old.rstrip()}\n\n{args.text}", "appended"
    if args.replace:
        return args.text, "removed" if not args.text.strip() else "replaced"
    raise CliError(f'{where} already has a summary ("{shorten(old, 60)}"); add --replace to overwrite it '
                   "or --append to add the text below it")


def cmd_matrix(args: argparse.Namespace) -> int:
    from framework_qa.core.analysis.matrix import MatrixSpec, build_matrix, matrix_report, parse_condition
    for target in (args.xlsx, args.docx, args.csv):
        if target and not Path(target).parent.exists():
            raise CliError(f"{target}: folder does not exist")
    with open_existing(args.project) as project:
        base = MatrixSpec()
        if args.saved:
            from framework_qa.core.analysis.matrix import saved_matrices

            saved = saved_matrices(project)
            if args.saved not in saved:
                raise CliError(f"no saved matrix named '{args.saved}' (saved: {', '.join(saved) or 'none'})")
            base = saved[args.saved]
        columns = list(base.columns) + list(args.codes)
        for path in args.expand:
            parent = project.code(path)
            kids = project.children(parent)
            columns += [project.code_path(k.id) for k in kids] if kids else [project.code_path(parent.id)]
        spec = MatrixSpec(columns=tuple(dict.fromkeys(columns)),  # a column asked for twice is charted once
                          where=base.where + tuple(parse_condition(w) for w in args.where),
                          coders=tuple(args.coders) if args.coders else base.coders,
                          group_by=args.group_by or base.group_by, sort_by=args.sort_by or base.sort_by,
                          descending=base.descending)
        matrix = build_matrix(project, spec)
        exports = [(f, w) for f, w in ((args.xlsx, "xlsx"), (args.docx, "docx"), (args.csv, "csv")) if f]
        if exports:
            report = matrix_report(project, matrix, args.title)
            for target, kind in exports:
                _export(report, kind, target)
    if args.json:
        print_json(matrix.to_json())
    elif exports:
        for target, _kind in exports:
            print(f"wrote {target} ({len(matrix.rows)} cases × {len(matrix.columns)} codes)")
    else:
        headers = ["case", *([spec.group_by] if spec.group_by else []), *(c.path for c in matrix.columns)]
        rows = [[row.name, *([row.group] if spec.group_by else []),
                 *(_cell_text(matrix.codings_count(r, c), matrix.summary(r, c)) for c in range(len(matrix.columns)))]
                for r, row in enumerate(matrix.rows)]
        print_table(headers, rows)
    return 0


def _cell_text(codings: int, summary: str) -> str:
    return f"{codings}{'*' if summary.strip() else ''}"


def _export(report: object, kind: str, target: str) -> None:
    if kind == "xlsx":
        from framework_qa.core.exporters.matrix_xlsx import write_matrix_xlsx as write
    elif kind == "docx":
        from framework_qa.core.exporters.matrix_docx import write_matrix_docx as write
    else:
        from framework_qa.core.exporters.matrix_csv import write_matrix_csv as write
    try:
        write(report, target)  # type: ignore[arg-type]
    except OSError as exc:
        raise CliError(f"{target}: cannot write ({exc.strerror or exc})") from None

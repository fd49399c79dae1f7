"""Sub-commands for codings: code, import-codings, codings."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from framework_qa.cli.common import CliError, error, open_existing, print_json, print_table, shorten
from framework_qa.core.errors import FqaError

if TYPE_CHECKING:  # the project layer loads when a command runs, not for --help
    from framework_qa.cli.codings_csv import CsvRow
    from framework_qa.core.project import CodingRequest, Project


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("code", help="code a range of a document (code points, end exclusive)")
    p.add_argument("project")
    p.add_argument("--document", required=True)
    p.add_argument("--start", type=int, required=True)
    p.add_argument("--end", type=int, required=True)
    p.add_argument("--code", required=True, metavar="PATH", help="e.g. 'Working alliance/Bond'")
    p.add_argument("--coder", required=True)
    p.add_argument("--memo", default="")
    p.add_argument("--emergent", action="store_true", help="create the code as an emergent theme if missing")
    p.set_defaults(func=cmd_code)

    p = sub.add_parser("import-codings", help="import codings from CSV files, by offsets or by quotes "
                                              "(document,start,end,code,coder[,memo] or "
                                              "document,code,coder,quote[,occurrence][,memo])")
    p.add_argument("project")
    p.add_argument("csv", nargs="+", metavar="CSV")
    p.add_argument("--create-codes", action="store_true",
                   help="create codes the project lacks as emergent themes (default: refuse the row)")
    p.set_defaults(func=cmd_import_codings)

    p = sub.add_parser("codings", help="list codings")
    p.add_argument("project")
    p.add_argument("--coder", action="append", metavar="NAME", help="only this coder's codings; repeatable")
    p.add_argument("--document", help="only codings of this document")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_codings)


def cmd_code(args: argparse.Namespace) -> int:
    with open_existing(args.project) as project:
        change = project.add_coding(args.document, args.start, args.end, args.code, args.coder, args.memo,
                                    emergent=args.emergent)
        coding = project.coding(change.created_id("codings"))
        print(f"coded {args.document} {coding.start}-{coding.end} as {project.code_path(coding.code_id)} "
              f"({args.coder})")
    return 0


def cmd_import_codings(args: argparse.Namespace) -> int:
    from framework_qa.cli.codings_csv import read_rows, resolve
    paths = [Path(p) for p in args.csv]
    rows = [row for path in paths for row in read_rows(path)]
    names = ", ".join(p.name for p in paths)
    with open_existing(args.project) as project:
        resolved, problems = resolve(project, rows)
        if problems:
            for line in problems:
                error(line)
            raise CliError(f"{len(problems)} row{'s' if len(problems) != 1 else ''} refused; nothing imported")
        existing = {(c.document_id, c.start, c.end, c.code_id, c.coder_id) for c in project.codings()}
        fresh, repeated = [], 0
        for row, request in resolved:
            key = _identity(project, request)
            if key is not None and key in existing:
                repeated += 1
                continue
            if key is not None:
                existing.add(key)
            fresh.append((row, request))
        try:
            change = project.add_codings([r for _, r in fresh], label=f"Import codings from {names}",
                                         create_codes=args.create_codes) if fresh else None
        except FqaError as exc:
            raise CliError(_name_row(str(exc), [row for row, _ in fresh])) from None
        count = len(change.created.get("codings", ())) if change else 0
        note = f" ({repeated} already in the project, skipped)" if repeated else ""
        print(f"imported {count} codings from {names}{note}")
    return 0


def _identity(project: Project, r: CodingRequest) -> tuple[int, int, int, int, int] | None:
    """(document, start, end, code, coder) ids of a request, None when one of them does not exist yet."""
    try:
        doc = project.document(r.document)
    except FqaError:
        return None
    code, coder = project.find_code(str(r.code)), project.find_coder(r.coder.strip())
    if code is None or coder is None:
        return None
    return doc.id, r.start, r.end, code.id, coder.id


def _name_row(message: str, rows: list[CsvRow]) -> str:
    """The core's "coding N: ..." (1-based over the requests) as "FILE: row R: ... (nothing imported)"."""
    if message.startswith("coding "):
        n, _, rest = message[len("coding "):].partition(":")
        if n.isdigit() and 1 <= int(n) <= len(rows):
            return f"{rows[int(n) - 1].where()}:{rest} (nothing imported)"
    return f"{message} (nothing imported)"


def cmd_codings(args: argparse.Namespace) -> int:
    with open_existing(args.project) as project:
        docs = {d.id: d.name for d in project.documents()}
        coders = {c.id: c.name for c in project.coders()}
        texts: dict[int, str] = {}
        rows: list[dict[str, str | int]] = []
        for c in project.codings(document=args.document, coders=args.coder):
            if c.document_id not in texts:
                texts[c.document_id] = project.text(c.document_id)
            rows.append({"document": docs[c.document_id], "start": c.start, "end": c.end,
                         "code": project.code_path(c.code_id), "coder": coders[c.coder_id],
                         "text": texts[c.document_id][c.start:c.end], "memo": c.memo})
    if args.json:
        print_json(rows)
    else:
        print_table(["document", "start", "end", "code", "coder", "text"],
                    [[r["document"], r["start"], r["end"], r["code"], r["coder"], shorten(str(r["text"]))] for r in rows])
    return 0

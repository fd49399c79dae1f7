"""Sub-commands for codings: code, import-codings, codings."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from framework_qa.cli.common import CliError, open_existing, print_json, print_table, shorten
from framework_qa.core.errors import FqaError
from framework_qa.core.importers.decoding import decode_text
from framework_qa.core.project import CodingRequest

_REQUIRED = ("document", "start", "end", "code", "coder")


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

    p = sub.add_parser("import-codings", help="import codings from a CSV (document,start,end,code,coder[,memo])")
    p.add_argument("project")
    p.add_argument("csv")
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


def read_codings_csv(path: Path) -> list[CodingRequest]:
    """Parse a codings CSV; a bad row rejects the file, naming the row (header is row 1)."""
    if not path.exists():
        raise CliError(f"{path.name}: no such file")
    text, _ = decode_text(path.read_bytes(), path)
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise CliError(f"{path.name}: missing column(s) {', '.join(missing)}; need {', '.join(_REQUIRED)}[, memo]")
    requests = []
    for number, row in enumerate(reader, start=2):
        try:
            start, end = int(row["start"]), int(row["end"])
        except (TypeError, ValueError):
            raise CliError(f"{path.name}: row {number}: start and end must be whole numbers") from None
        requests.append(CodingRequest(row["document"] or "", start, end, (row["code"] or "").strip(),
                                      (row["coder"] or "").strip(), row.get("memo") or ""))
    return requests


def cmd_import_codings(args: argparse.Namespace) -> int:
    path = Path(args.csv)
    requests = read_codings_csv(path)
    with open_existing(args.project) as project:
        try:
            change = project.add_codings(requests, label=f"Import codings from {path.name}")
        except FqaError as exc:
            # "coding N: ..." -> row N + 1, since the header is row 1
            message = str(exc)
            if message.startswith("coding "):
                n, _, rest = message[len("coding "):].partition(":")
                if n.isdigit():
                    message = f"row {int(n) + 1}:{rest}"
            raise CliError(f"{path.name}: {message} (nothing imported)") from None
        print(f"imported {len(change.created.get('codings', ()))} codings from {path.name}")
    return 0


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

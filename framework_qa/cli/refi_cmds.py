"""REFI-QDA exchange on the command line: export and import projects (.qdpx) and codebooks (.qdc, or
CSV in Taguette's shape when the file name ends in .csv).

Imports create the project when it does not exist and always print the import report: what came in,
what was adjusted and what was dropped, each with its reason (`--json` for the same as JSON). A refused
file is one error line naming the file and the reason; the project is then left as it was (or not
created at all).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framework_qa.cli.common import open_existing, print_json

if TYPE_CHECKING:
    from framework_qa.core.interop.adapter import FileImport


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("export-qdpx", help="export the project as a REFI-QDA project (.qdpx)")
    p.add_argument("project")
    p.add_argument("file", help="the .qdpx to write")
    p.set_defaults(func=cmd_export_qdpx)

    p = sub.add_parser("import-qdpx", help="import a REFI-QDA project (.qdpx or .qde); creates PROJECT if new")
    p.add_argument("file")
    p.add_argument("project")
    p.add_argument("--json", action="store_true", help="print the import report as JSON")
    p.set_defaults(func=cmd_import_qdpx)

    p = sub.add_parser("export-codebook", help="export the code tree as a REFI-QDA codebook (.qdc) "
                                                 "or as Taguette's codebook CSV (.csv)")
    p.add_argument("project")
    p.add_argument("file", help="the .qdc (or .csv) to write")
    p.set_defaults(func=cmd_export_codebook)

    p = sub.add_parser("import-codebook", help="import a REFI-QDA codebook (.qdc) or a codebook CSV "
                                                 "(Taguette's columns); creates PROJECT if new")
    p.add_argument("file")
    p.add_argument("project")
    p.add_argument("--json", action="store_true", help="print the import report as JSON")
    p.set_defaults(func=cmd_import_codebook)


def cmd_export_qdpx(args: argparse.Namespace) -> int:
    from framework_qa.core.interop.adapter import export_qdpx
    from framework_qa.core.interop.adapter.export import export_warnings
    with open_existing(args.project) as project:
        refi = export_qdpx(project, args.file)
        for warning in export_warnings(project):
            sys.stderr.write(f"warning: {warning}\n")
    codings = sum(len(s.selections) for s in refi.sources)
    sys.stdout.write(f"Wrote {args.file}: {len(refi.sources)} documents, {codings} codings, "
                     f"{len(refi.users)} coders, {len(refi.cases)} cases, {len(refi.notes)} memos.\n")
    return 0


def cmd_export_codebook(args: argparse.Namespace) -> int:
    """A .csv is Taguette's codebook CSV, which keeps a tag's whole path, so codes sharing a name under
    different parents stay apart: the warnings about peers merging them apply to the .qdc only."""
    from framework_qa.core.interop.adapter import export_codebook_file
    from framework_qa.core.interop.adapter.export import export_warnings
    with open_existing(args.project) as project:
        count = export_codebook_file(project, args.file)
        if Path(args.file).suffix.lower() != ".csv":
            for warning in export_warnings(project):
                sys.stderr.write(f"warning: {warning}\n")
    sys.stdout.write(f"Wrote {args.file}: {count} codes.\n")
    return 0


def cmd_import_qdpx(args: argparse.Namespace) -> int:
    from framework_qa.core.interop.adapter import import_project_file
    result = import_project_file(args.file, args.project)
    _print_report(args, result)
    return 0


def cmd_import_codebook(args: argparse.Namespace) -> int:
    from framework_qa.core.interop.adapter import import_codebook_file
    result = import_codebook_file(args.file, args.project)
    _print_report(args, result)
    return 0


def report_data(file: str, project: str, result: FileImport) -> dict[str, Any]:
    out, report = result.outcome, result.outcome.report
    return {
        "file": Path(file).name, "project": str(project), "created": result.created,
        "documents": out.documents, "codes": out.codes, "codings": out.codings, "coders": out.coders,
        "cases": out.cases, "attribute_values": out.attribute_values, "memos": out.memos,
        "codes_matched_by_guid": out.codes_matched, "codes_matched_by_path": out.codes_matched_by_path,
        "counting": report.counting or None, "word_start_share": report.word_start_share,
        "brought_in": report.brought_in, "adjusted": report.adjusted, "dropped": report.dropped,
    }


def _print_report(args: argparse.Namespace, result: FileImport) -> None:
    from framework_qa.core.interop.adapter import report_text
    if args.json:
        print_json(report_data(args.file, args.project, result))
    else:
        verb = "Created" if result.created else "Imported into"
        sys.stdout.write(report_text(f"{verb} {args.project} from {Path(args.file).name}", result.outcome))

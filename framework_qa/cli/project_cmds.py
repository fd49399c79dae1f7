"""Sub-commands for projects, documents and the codebook: new, import, documents, text, codes, demo.

`demo PATH` builds the demo project and opens it in the window, as the README's first command promises,
unless told not to (`--no-open`, or `FRAMEWORK_QA_NO_OPEN=1` for scripts and tests) or there is no
display to open it on (then it says how to open it later).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from framework_qa.cli.common import open_existing, print_json, print_table, warn
from framework_qa.core.paths import frameworks_dir

_KEY = re.compile(r"^key:\s*['\"]?([\w.-]+)", re.MULTILINE)


def _framework_keys() -> list[str]:
    """Keys of the shipped frameworks for the help text, read without parsing YAML (that cost 0.2 s of
    every start-up); `new` itself resolves keys with `core.frameworks`."""
    keys = []
    for path in frameworks_dir().glob("*.yaml"):
        try:
            found = _KEY.search(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        keys.append(found.group(1) if found else path.stem)
    return sorted(keys)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("new", help="create a project file")
    p.add_argument("project")
    p.add_argument("--framework", action="append", default=[], metavar="NAME_OR_FILE",
                   help=f"add a framework: {', '.join(_framework_keys())} or a .yaml file; repeatable")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("import", help="import transcripts (.txt .docx .vtt .srt .md) and case attributes")
    p.add_argument("project")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--case", help="put every imported document in this case (default: one case per document)")
    p.add_argument("--attributes", metavar="FILE", help="case attributes from a CSV or XLSX file keyed by case")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("documents", help="list documents")
    p.add_argument("project")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_documents)

    p = sub.add_parser("text", help="print a document's stored text exactly (UTF-8)")
    p.add_argument("project")
    p.add_argument("document")
    p.set_defaults(func=cmd_text)

    p = sub.add_parser("codes", help="list the codebook")
    p.add_argument("project")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_codes)

    p = sub.add_parser("demo", help="build the demo project from the shipped sample transcripts and open it")
    p.add_argument("path", nargs="?", default="framework-qa-demo.fqa")
    p.add_argument("--force", action="store_true", help="replace an existing file at PATH")
    p.add_argument("--no-open", action="store_true",
                   help="only build it, do not open the window (also FRAMEWORK_QA_NO_OPEN=1)")
    p.set_defaults(func=cmd_demo)


def cmd_new(args: argparse.Namespace) -> int:
    from framework_qa.core.project import new_project

    with new_project(args.project, args.framework) as project:
        print(f"created {project.location} with {len(project.codes())} codes")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    if not args.files and not args.attributes:
        warn("nothing to import: name transcript files and/or --attributes FILE")
        return 2
    status = 0
    with open_existing(args.project) as project:
        if args.files:
            report = project.import_files(args.files, case=args.case)
            for name in report.imported:
                print(f"imported {name}")
            for failure in report.failures:
                sys.stderr.write(f"framework-qa: error: {failure}\n")
            status = 1 if report.failures else 0
        if args.attributes:
            from framework_qa.core.importers.files import display_name

            project.import_attributes(args.attributes)
            print(f"imported attributes from {display_name(args.attributes)}")
    return status


def cmd_documents(args: argparse.Namespace) -> int:
    with open_existing(args.project) as project:
        cases = {c.id: c.name for c in project.cases()}
        rows = [{"name": d.name, "case": cases.get(d.case_id) if d.case_id else None, "format": d.format,
                 "characters": d.length, "paragraphs": project.paragraph_count(d)} for d in project.documents()]
    if args.json:
        print_json(rows)
    else:
        print_table(["name", "case", "format", "characters", "paragraphs"], [list(r.values()) for r in rows])
    return 0


def cmd_text(args: argparse.Namespace) -> int:
    with open_existing(args.project) as project:
        text = project.text(args.document)
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    return 0


def cmd_codes(args: argparse.Namespace) -> int:
    with open_existing(args.project) as project:
        rows = [{"path": project.code_path(c.id), "origin": c.origin, "definition": c.definition,
                 "colour": c.colour} for c in project.codes()]
    if args.json:
        print_json(rows)
    else:
        print_table(["path", "origin", "colour"], [[r["path"], r["origin"], r["colour"]] for r in rows])
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from framework_qa.cli.display import headless
    from framework_qa.core.demo import build_demo
    path = Path(args.path)
    if path.exists() and args.force:
        for extra in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            extra.unlink(missing_ok=True)
    with build_demo(path) as project:
        print(f"created {path}: {len(project.documents())} documents, {len(project.codes())} codes, "
              f"{len(project.codings())} codings by {', '.join(c.name for c in project.coders())}", flush=True)
    if args.no_open or os.environ.get("FRAMEWORK_QA_NO_OPEN", "") not in ("", "0"):
        return 0
    if headless():
        print(f"no display to open it on; open it later with: framework-qa gui {path}")
        return 0
    from framework_qa.cli.gui_cmds import show_project
    return show_project(path)

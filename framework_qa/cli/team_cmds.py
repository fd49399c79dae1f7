"""Sub-commands for team projects on a server: publish, checkout, checkin, and history (any project).

`publish` and `checkout` copy a whole project into a new one (an empty database, a file that does not
exist yet); `checkin` brings one coder's codings from a checked-out copy back, printing the merge report
as `merge-coder` does; `history` prints the change feed one sentence per line (times in UTC). Server
addresses are shown without their password.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from framework_qa.cli.agreement_cmds import print_merge_report
from framework_qa.cli.common import open_existing, print_json

if TYPE_CHECKING:  # the team module loads when one of its commands runs, not for --help
    from framework_qa.core.team import CopyReport

_ROW_NAMES = {"case_values": "case values", "saved_views": "saved views"}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("publish", help="put a project file on a server, into an empty database")
    p.add_argument("project", metavar="PROJECT.fqa")
    p.add_argument("address", metavar="URL", help="postgresql://user@host[:port]/database (an empty database)")
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("checkout", help="copy a server project into a new project file, to code offline")
    p.add_argument("address", metavar="URL")
    p.add_argument("copy", metavar="COPY.fqa", help="the file to create (must not exist)")
    p.set_defaults(func=cmd_checkout)

    p = sub.add_parser("checkin", help="bring a coder's codings from a checked-out copy back to the server")
    p.add_argument("copy", metavar="COPY.fqa")
    p.add_argument("address", metavar="URL")
    p.add_argument("--coder", required=True, metavar="NAME", help="whose codings to bring back")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_checkin)

    p = sub.add_parser("history", help="what was done to a project, when and by whom (times in UTC)")
    p.add_argument("project")
    p.add_argument("--since", metavar="DATE", help="from this date or time on (e.g. 2026-11-30, 2026-11-30T09:00)")
    p.add_argument("--user", metavar="NAME", help="only this account's changes")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_history)


def _counts(report: CopyReport) -> str:
    return ", ".join(f"{n} {_ROW_NAMES.get(table, table)}" for table, n in report.rows.items())


def cmd_publish(args: argparse.Namespace) -> int:
    from framework_qa.core.team import publish
    report = publish(args.project, args.address)
    print(f"published {report.source} to {report.target}: {_counts(report)}")
    return 0


def cmd_checkout(args: argparse.Namespace) -> int:
    from framework_qa.core.team import checkout
    report = checkout(args.address, args.copy)
    print(f"checked out {report.source} to {report.target}: {_counts(report)}")
    return 0


def cmd_checkin(args: argparse.Namespace) -> int:
    from framework_qa.core.team import checkin
    print_merge_report(checkin(args.copy, args.address, args.coder), as_json=args.json)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from framework_qa.core.team import history
    with open_existing(args.project) as project:
        entries = history(project, since=args.since, who=args.user)
    if args.json:
        print_json([e.as_json() for e in entries])
        return 0
    if not entries:
        print("no changes recorded" + (" that match" if args.since or args.user else ""))
    for entry in entries:
        print(entry.sentence)
    return 0

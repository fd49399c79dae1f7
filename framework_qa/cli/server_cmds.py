"""Sub-commands for team (server) projects: members and their roles, blind coding."""

from __future__ import annotations

import argparse

from framework_qa.cli.common import open_existing, print_json, print_table
from framework_qa.core.errors import FqaError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("members", help="list a server project's members; add, change or remove one (owners)")
    p.add_argument("project", help="postgresql://user@host/database")
    p.add_argument("--add", metavar="LOGIN", help="an existing database login to add (or change the role of)")
    p.add_argument("--role", choices=("owner", "coder", "reader"), help="the role --add gives")
    p.add_argument("--remove", metavar="LOGIN", help="a member to remove")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_members)

    p = sub.add_parser("blind", help="switch blind coding on a server project (owners): coders see only "
                                     "their own codings")
    p.add_argument("project", help="postgresql://user@host/database")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--on", action="store_true")
    group.add_argument("--off", action="store_true")
    p.set_defaults(func=cmd_blind)


def cmd_members(args: argparse.Namespace) -> int:
    with open_existing(args.project) as project:
        if args.add:
            if not args.role:
                raise FqaError("--add needs --role owner, coder or reader")
            project.set_member(args.add, args.role)
        if args.remove:
            project.remove_member(args.remove)
        members = project.members()
    if args.json:
        print_json([{"login": login, "role": role} for login, role in members])
    else:
        print_table(["login", "role"], [[login, role] for login, role in members])
    return 0


def cmd_blind(args: argparse.Namespace) -> int:
    with open_existing(args.project) as project:
        if args.on or args.off:
            project.set_blind(args.on)
        print(f"blind coding is {'on' if project.blind else 'off'}")
    return 0

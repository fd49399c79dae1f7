"""The `framework-qa` command: one sub-command per module in `COMMAND_MODULES`.

Each module has `register(subparsers)`, which adds its sub-commands and sets `func(args) -> int` on them.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from framework_qa import __version__
from framework_qa.cli.common import error
from framework_qa.core.errors import FqaError

COMMAND_MODULES = (
    "framework_qa.cli.project_cmds",
    "framework_qa.cli.coding_cmds",
    "framework_qa.cli.gui_cmds",
    "framework_qa.cli.matrix_cmds",
    "framework_qa.cli.agreement_cmds",
    "framework_qa.cli.search_cmds",
    "framework_qa.cli.refi_cmds",
    "framework_qa.cli.server_cmds",
    "framework_qa.cli.team_cmds",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framework-qa",
        description="Qualitative framework analysis: code transcripts, chart a framework matrix, "
                    "measure inter-coder agreement. Positions are Unicode code points, end exclusive.")
    parser.add_argument("--version", action="version", version=f"framework-qa {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # a command group not present in this build
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        try:
            from framework_qa.cli.gui_cmds import cmd_default
        except ModuleNotFoundError:
            parser.print_help()
            return 0
        func = cmd_default
    try:
        return int(func(args) or 0)
    except FqaError as exc:
        error(str(exc))
        return 1
    except KeyboardInterrupt:
        error("interrupted")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())

"""The `framework-qa` command: one sub-command per module in `COMMAND_MODULES`.

Each module has `register(subparsers)`, which adds its sub-commands and sets `func(args) -> int` on them.
A run loads only the module of the command it was given (`COMMANDS` says which), so `framework-qa
documents` does not pay for the imports of the window, search or server commands; the overview
(`framework-qa --help`, or no known command) registers every module, since it lists them all.
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
_MODULE_COMMANDS = {
    "project_cmds": ("new", "import", "documents", "text", "codes", "demo"),
    "coding_cmds": ("code", "import-codings", "codings"),
    "gui_cmds": ("gui",),
    "matrix_cmds": ("summary", "matrix"),
    "agreement_cmds": ("agreement", "merge-coder"),
    "search_cmds": ("search",),
    "refi_cmds": ("export-qdpx", "import-qdpx", "export-codebook", "import-codebook"),
    "server_cmds": ("members", "blind"),
    "team_cmds": ("publish", "checkout", "checkin", "history"),
}
# sub-command -> the module that registers it (a test checks this against what each module registers)
COMMANDS = {command: f"framework_qa.cli.{module}" for module, names in _MODULE_COMMANDS.items() for command in names}


def modules_for(argv: Sequence[str] | None) -> Sequence[str]:
    """The command modules a run with these arguments needs: the named command's own, or every one.
    No arguments at all opens the window, which needs the gui commands only."""
    if argv is None:
        return COMMAND_MODULES
    if not argv:
        return ("framework_qa.cli.gui_cmds",)
    module = COMMANDS.get(argv[0])
    return (module,) if module else COMMAND_MODULES


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for a run with `argv` (see `modules_for`); without `argv`, every command is in it."""
    parser = argparse.ArgumentParser(
        prog="framework-qa",
        description="Qualitative framework analysis: code transcripts, chart a framework matrix, "
                    "measure inter-coder agreement. Positions are Unicode code points, end exclusive.")
    parser.add_argument("--version", action="version", version=f"framework-qa {__version__}")
    # prog given, so argparse does not build a help formatter (and import shutil) just to compute it
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", prog="framework-qa")
    for name in modules_for(argv):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # a command group not present in this build
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(argv)
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

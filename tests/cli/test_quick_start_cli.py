"""The quick commands start quickly: in real processes on the demo project, `--help` and the read
commands (`documents`, `codes`, `codings`, `text`) load none of the heavy libraries, no other command's
module, and none of what only writing, importing or a window needs. Their times are measured by
`python -m benchmarks startup --cli`; these tests keep what made them fast from coming back."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from framework_qa.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[2]
HEAVY = {"numpy", "pandas", "whoosh", "docx", "lxml", "openpyxl", "yaml", "krippendorff", "xmlschema", "PySide6",
         "shiboken6", "psycopg", "platformdirs"}
# what only a window, a write, an import or a migration needs, and costs every start that loads it
NOT_FOR_READING = {"subprocess", "uuid", "hashlib", "getpass", "framework_qa.core.frameworks",
                   "framework_qa.core.importers", "framework_qa.gui"}
SCRIPT = ("import sys, runpy, json\n"
          "sys.argv = ['framework-qa', *json.loads(sys.argv[1])]\n"
          "try:\n    runpy.run_module('framework_qa', run_name='__main__')\n"
          "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
          "sys.stderr.write(json.dumps(sorted(sys.modules)))\n")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.fqa"
    from framework_qa.core.demo import build_demo

    build_demo(path).close()
    return path


def _loaded(args: list[str], tmp: Path) -> tuple[str, set[str]]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(XDG_CONFIG_HOME=str(tmp / "config"), HOME=str(tmp))
    done = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(args)], capture_output=True, text=True,
                          timeout=60, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout, set(json.loads(done.stderr.splitlines()[-1]))


@pytest.mark.parametrize("args", [["--help"], ["documents", "{demo}"], ["codes", "{demo}"],
                                  ["codings", "{demo}"], ["text", "{demo}", "P01"], ["documents", "{demo}", "--json"]])
def test_help_and_read_commands_load_only_what_they_use(demo: Path, tmp_path: Path, args: list[str]) -> None:
    out, loaded = _loaded([a.replace("{demo}", str(demo)) for a in args], tmp_path)
    assert out.strip()  # it did its work
    tops = {name.split(".")[0] for name in loaded}
    assert not tops & HEAVY, sorted(tops & HEAVY)
    unwanted = {name for name in loaded if name in NOT_FOR_READING
                or any(name.startswith(prefix + ".") for prefix in NOT_FOR_READING)}
    assert not unwanted, sorted(unwanted)
    commands = {name for name in loaded if name.startswith("framework_qa.cli.") and name.endswith("_cmds")}
    if args[0] == "--help":  # the overview lists every command, so it loads every command module
        assert commands == set(cli_main.COMMAND_MODULES)
    else:  # a command loads its own module only
        assert commands == {cli_main.COMMANDS[args[0]]}


def test_the_command_table_names_every_command_of_every_module() -> None:
    """`COMMANDS` says which module to load for a command; a command it lacks would still run (all are
    loaded then) but slowly, and one it places wrongly would not be found."""
    registered: dict[str, str] = {}
    for module_name in cli_main.COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers()
        __import__(module_name, fromlist=["register"]).register(sub)
        registered.update({command: module_name for command in sub.choices})
    assert cli_main.COMMANDS == registered


def test_a_command_run_alone_parses_as_in_the_full_parser(demo: Path, tmp_path: Path) -> None:
    full = cli_main.build_parser()
    for args in (["documents", str(demo), "--json"], ["codings", str(demo), "--coder", "amira", "--coder", "ben"],
                 ["agreement", str(demo), "--coders", "amira", "ben", "--unit", "paragraph"]):
        alone = cli_main.build_parser(args)
        expected, got = vars(full.parse_args(args)), vars(alone.parse_args(args))
        assert {k: v for k, v in got.items() if k != "func"} == {k: v for k, v in expected.items() if k != "func"}
        assert got["func"].__qualname__ == expected["func"].__qualname__


def test_shortening_a_long_passage_flattens_only_what_it_shows() -> None:
    """`codings` shortens every coded passage; the result is that of flattening the whole passage."""
    import random

    from framework_qa.cli.common import shorten

    def whole(text: str, width: int) -> str:
        flat = " ".join(text.split())
        return flat if len(flat) <= width else flat[: width - 1] + "…"

    rng = random.Random(13)
    for _ in range(5000):
        text = "".join(rng.choice("ab  \n\tçü😅") for _ in range(rng.randrange(0, 700)))
        width = rng.choice((5, 20, 60))
        assert shorten(text, width) == whole(text, width), (text, width)
    assert shorten("Robin  felt\nlike someone was there. " * 20, 30) == "Robin felt like someone was t…"

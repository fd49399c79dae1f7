"""Running the command line in process, as the CLI tests do."""

from __future__ import annotations

import pytest

from framework_qa.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    """`framework-qa ARGS...` (each argument as text): (exit status, stdout, stderr)."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err

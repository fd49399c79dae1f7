"""The command line on a server project: the same commands, the address in place of a file."""

from __future__ import annotations

import json

import pytest

from tests.cli.cli_support import run


def test_new_import_code_and_list_on_a_server_project(capsys: pytest.CaptureFixture[str], server_address: str,
                                                       interview_file: object) -> None:
    assert run(capsys, "new", server_address, "--framework", "alliance")[0] == 0
    assert run(capsys, "import", server_address, interview_file)[0] == 0
    code, out, err = run(capsys, "code", server_address, "--document", "P01", "--start", 55, "--end", 71,
                         "--code", "Working alliance/Goal", "--coder", "amira")
    assert code == 0, err
    code, out, _ = run(capsys, "codings", server_address, "--json")
    assert [(c["document"], c["start"], c["end"]) for c in json.loads(out)] == [("P01", 55, 71)]
    code, out, _ = run(capsys, "matrix", server_address, "--json")
    assert code == 0 and "P01" in out


def test_a_server_that_cannot_be_reached_is_one_line_without_the_password(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "documents", "postgresql://amira:hunter2@127.0.0.1:1/study")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "cannot be reached" in err and "hunter2" not in err + out

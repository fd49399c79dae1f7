"""The team commands as a user runs them: publish, checkout, checkin and history, on a real server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.cli_support import run
from tests.core.team.study import build_study


def _with_password(address: str) -> str:
    """The same address with a password in it (the test server trusts local logins and ignores it)."""
    return address.replace("postgres@", "postgres:hunter2@", 1)


def test_publish_checkout_code_offline_and_checkin(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                   server_address: str) -> None:
    study = build_study(tmp_path / "study.fqa")
    address = _with_password(server_address)
    code, out, err = run(capsys, "publish", study, address)
    assert code == 0, err
    assert out.startswith("published study.fqa to ") and "10 documents" in out and "1 saved views" in out
    assert "hunter2" not in out

    copy = tmp_path / "copy.fqa"
    code, out, err = run(capsys, "checkout", address, copy)
    assert code == 0, err
    assert out.startswith("checked out ") and out.rstrip().split(": ")[0].endswith("to copy.fqa")
    assert "hunter2" not in out

    assert run(capsys, "code", copy, "--document", "P04", "--start", 10, "--end", 40,
               "--code", "Working alliance/Bond", "--coder", "ben")[0] == 0
    assert run(capsys, "import", copy, _transcript(tmp_path))[0] == 0
    assert run(capsys, "code", copy, "--document", "P99", "--start", 0, "--end", 11,
               "--code", "Working alliance/Task", "--coder", "ben")[0] == 0

    code, out, err = run(capsys, "checkin", copy, address, "--coder", "ben")
    assert code == 0, err
    assert out.startswith("copied 1 codings of 'ben' from copy.fqa")
    assert "NOT MATCHED document: P99" in out
    assert "not copied: P99 0-11 Working alliance/Task: document not found" in out

    code, out, _ = run(capsys, "codings", server_address, "--coder", "ben", "--document", "P04", "--json")
    assert (10, 40) in {(c["start"], c["end"]) for c in json.loads(out)}

    code, out, _ = run(capsys, "checkin", copy, address, "--coder", "ben", "--json")
    assert code == 0 and json.loads(out)["copied"] == 0


def _transcript(folder: Path) -> Path:
    path = folder / "P99.txt"
    path.write_text("Interviewer: Anything else?\nP99: No.\n", encoding="utf-8")
    return path


def test_publishing_twice_is_one_line_without_the_password(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                           server_address: str) -> None:
    study = build_study(tmp_path / "study.fqa")
    assert run(capsys, "publish", study, server_address)[0] == 0
    code, out, err = run(capsys, "publish", study, _with_password(server_address))
    assert code == 1 and out == ""
    assert err.startswith("framework-qa: error: ") and len(err.strip().splitlines()) == 1
    assert "already holds a project" in err and "hunter2" not in err


def test_checkout_refuses_an_existing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                          server_address: str) -> None:
    assert run(capsys, "publish", build_study(tmp_path / "study.fqa"), server_address)[0] == 0
    code, _, err = run(capsys, "checkout", server_address, tmp_path / "study.fqa")
    assert code == 1 and err == "framework-qa: error: study.fqa: a file with this name already exists\n"


def test_history_prints_sentences_filters_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch, interview_file: Path) -> None:
    study = tmp_path / "study.fqa"
    monkeypatch.setenv("LOGNAME", "amira")
    assert run(capsys, "new", study, "--framework", "alliance")[0] == 0
    assert run(capsys, "import", study, interview_file)[0] == 0
    monkeypatch.setenv("LOGNAME", "ben")
    assert run(capsys, "code", study, "--document", "P01", "--start", 55, "--end", 71,
               "--code", "Working alliance/Goal", "--coder", "ben")[0] == 0

    code, out, err = run(capsys, "history", study)
    assert code == 0, err
    lines = out.splitlines()
    assert [line[17:] for line in lines] == ["amira: Add framework 'Working alliance'",
                                             "amira: Import 1 document", "ben: Code as 'Goal' in P01"]

    code, out, _ = run(capsys, "history", study, "--user", "ben", "--since", "2000-01-01", "--json")
    records = json.loads(out)
    assert [(r["who"], r["label"], r["action"], r["documents"]) for r in records] == [
        ("ben", "Code as 'Goal'", "do", ["P01"])]
    assert records[0]["sentence"] == lines[-1]

    assert run(capsys, "history", study, "--since", "2999-01-01")[1] == "no changes recorded that match\n"
    code, out, err = run(capsys, "history", study, "--since", "yesterday")
    assert code == 1 and err.startswith("framework-qa: error: 'yesterday' is not a date or time")

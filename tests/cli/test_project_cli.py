"""The command-line contract: outputs, JSON shapes, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.cli_support import run

ROOT = Path(__file__).resolve().parents[2]



@pytest.fixture
def study(tmp_path: Path, capsys: pytest.CaptureFixture[str], interview_file: Path) -> Path:
    path = tmp_path / "study.fqa"
    assert run(capsys, "new", path, "--framework", "alliance", "--framework", "psd")[0] == 0
    assert run(capsys, "import", path, interview_file)[0] == 0
    return path


def test_new_import_documents_and_text_round_trip(study: Path, capsys: pytest.CaptureFixture[str],
                                                  interview_file: Path) -> None:
    code, out, _ = run(capsys, "documents", study, "--json")
    assert code == 0
    assert json.loads(out) == [{"name": "P01", "case": "P01", "format": "txt",
                                "characters": len(interview_file.read_text(encoding="utf-8")), "paragraphs": 5}]
    result = subprocess.run([sys.executable, "-m", "framework_qa", "text", str(study), "P01"], cwd=ROOT,
                            capture_output=True)
    assert result.stdout == interview_file.read_bytes()


def test_code_then_codings_json_gives_code_points_and_text(study: Path, capsys: pytest.CaptureFixture[str],
                                                           interview_file: Path) -> None:
    text = interview_file.read_text(encoding="utf-8")
    start = text.index("Robin felt")
    end = start + len("Robin felt like someone was there.")
    assert run(capsys, "code", study, "--document", "P01", "--start", start, "--end", end,
               "--code", "Working alliance/Bond", "--coder", "amira", "--memo", "relational")[0] == 0
    assert run(capsys, "code", study, "--document", "P01", "--start", 0, "--end", 11, "--code",
               "Odd moments", "--coder", "ben", "--emergent")[0] == 0
    code, out, _ = run(capsys, "codings", study, "--coder", "amira", "--json")
    rows = json.loads(out)
    assert rows == [{"document": "P01", "start": start, "end": end, "code": "Working alliance/Bond",
                     "coder": "amira", "text": "Robin felt like someone was there.", "memo": "relational"}]
    _, out, _ = run(capsys, "codes", study, "--json")
    emergent = [c for c in json.loads(out) if c["origin"] == "emergent"]
    assert [c["path"] for c in emergent] == ["Odd moments"]


def test_import_codings_rejects_the_whole_file_naming_the_bad_row(study: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = tmp_path / "codings.csv"
    csv_path.write_text("document,start,end,code,coder,memo\nP01,0,11,Working alliance/Goal,amira,\n"
                        "P01,5,9999,Working alliance/Bond,amira,\n", encoding="utf-8")
    code, _, err = run(capsys, "import-codings", study, csv_path)
    assert code == 1 and err.count("\n") == 1
    assert "codings.csv: row 3:" in err and "nothing imported" in err
    assert json.loads(run(capsys, "codings", study, "--json")[1]) == []
    csv_path.write_text("document,start,end,code,coder\nP01,0,11,Working alliance/Goal,amira\n", encoding="utf-8")
    assert run(capsys, "import-codings", study, csv_path)[0] == 0
    assert len(json.loads(run(capsys, "codings", study, "--json")[1])) == 1


def test_failed_files_give_one_line_each_and_exit_1_while_others_import(study: Path, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "P02.txt"
    good.write_text("P02: fine.\n", encoding="utf-8")
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF")
    code, out, err = run(capsys, "import", study, good, bad)
    assert code == 1
    assert out.strip() == "imported P02"
    assert err.strip() == "framework-qa: error: scan.pdf: unknown file type '.pdf'; framework-qa reads .txt, .docx, .vtt, .srt, .md"


@pytest.mark.parametrize("args, message", [
    (("documents", "missing.fqa"), "missing.fqa: no such project file"),
    (("text", "{study}", "P99"), "no document named 'P99'"),
    (("code", "{study}", "--document", "P01", "--start", "5", "--end", "2", "--code", "Working alliance/Bond",
      "--coder", "a"), "range 5-2 is not inside 'P01'"),
    (("code", "{study}", "--document", "P01", "--start", "0", "--end", "2", "--code", "Nope", "--coder", "a"),
     "no code 'Nope'"),
    (("new", "{study}"), "already exists"),
])
def test_errors_are_one_stderr_line_and_non_zero(study: Path, capsys: pytest.CaptureFixture[str],
                                                 args: tuple[str, ...], message: str) -> None:
    code, out, err = run(capsys, *[a.replace("{study}", str(study)) for a in args])
    assert code != 0 and out == ""
    assert err.startswith("framework-qa: error: ") and err.count("\n") == 1 and message in err


def test_demo_command_builds_a_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo", tmp_path / "demo.fqa", "--no-open")
    assert code == 0 and "10 documents" in out
    assert run(capsys, "demo", tmp_path / "demo.fqa", "--no-open")[0] == 1
    assert run(capsys, "demo", tmp_path / "demo.fqa", "--force", "--no-open")[0] == 0

"""`import-codings` reads codings by offsets or by quotes; the shipped sample codings import as they are."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.cli_support import run

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_transcripts"


def _cli(*args: object) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, FRAMEWORK_QA_NO_OPEN="1")
    return subprocess.run([sys.executable, "-m", "framework_qa", *map(str, args)], capture_output=True, text=True,
                          timeout=300, env=env, cwd=ROOT)


def _codings(project: Path) -> list[tuple[str, int, int, str, str]]:
    rows = json.loads(_cli("codings", project, "--json").stdout)
    return sorted((r["document"], r["start"], r["end"], r["code"], r["coder"]) for r in rows)


def test_the_shipped_sample_codings_import_with_the_real_cli(tmp_path: Path) -> None:
    csvs = sorted((SAMPLES / "codings").glob("*.csv"))
    demo = tmp_path / "demo.fqa"
    assert _cli("demo", demo).returncode == 0
    again = _cli("import-codings", demo, *csvs)
    assert again.returncode == 0, again.stderr
    assert "imported 0 codings" in again.stdout and "688 already in the project, skipped" in again.stdout

    fresh = tmp_path / "fresh.fqa"
    frameworks = [a for key in ("alliance", "psd", "dta", "facilitators") for a in ("--framework", key)]
    assert _cli("new", fresh, *frameworks).returncode == 0
    transcripts = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".docx", ".vtt", ".md"))
    assert _cli("import", fresh, *transcripts).returncode == 0
    refused = _cli("import-codings", fresh, *csvs)  # emergent themes are not in the frameworks
    assert refused.returncode == 1 and "no code 'Guilt about missed days'" in refused.stderr
    assert refused.stderr.count("\n") == 1 and _codings(fresh) == []
    done = _cli("import-codings", fresh, *csvs, "--create-codes")
    assert done.returncode == 0, done.stderr
    assert "imported 688 codings" in done.stdout
    assert _codings(fresh) == _codings(demo)


@pytest.fixture
def study(tmp_path: Path, capsys: pytest.CaptureFixture[str], interview_file: Path) -> Path:
    path = tmp_path / "study.fqa"
    assert run(capsys, "new", path, "--framework", "alliance")[0] == 0
    assert run(capsys, "import", path, interview_file)[0] == 0
    return path


def test_missing_and_ambiguous_quotes_refuse_their_rows_and_nothing_is_imported(
        study: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "quotes.csv"
    path.write_text("document,code,coder,quote\n"
                    "P01,Working alliance/Goal,amira,I wanted the panic to stop\n"
                    "P01,Working alliance/Goal,amira,never said in the interview\n"
                    "P01,Working alliance/Bond,amira,P01:\n"
                    "P99,Working alliance/Bond,amira,Robin\n", encoding="utf-8")
    code, out, err = run(capsys, "import-codings", study, path)
    lines = err.splitlines()
    assert code == 1 and out == ""
    assert lines[0].startswith("framework-qa: error: quotes.csv: row 3: quote not found: 'never said")
    assert lines[1].startswith("framework-qa: error: quotes.csv: row 4: quote 'P01:' appears 2 times (at ")
    assert "give an occurrence (1-2)" in lines[1]
    assert lines[2] == "framework-qa: error: quotes.csv: row 5: no document named 'P99' in the project"
    assert lines[3] == "framework-qa: error: 3 rows refused; nothing imported" and len(lines) == 4
    assert json.loads(run(capsys, "codings", study, "--json")[1]) == []


def test_quotes_match_across_line_breaks_and_quotation_marks_and_by_occurrence(
        study: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "quotes.csv"
    path.write_text("document,code,coder,quote,occurrence,memo\n"
                    "P01,Working alliance/Goal,amira,\"meetings.\n  It sort of did\",,spans two lines\n"
                    "P01,Working alliance/Bond,amira,\"Odd, I know.\",,\n"
                    "P01,Working alliance/Bond,ben,P01:,2,second turn\n"
                    "P01,Working alliance/Bond,ben,“Robin felt like someone was there.”,,marks dropped\n",
                    encoding="utf-8")
    code, out, err = run(capsys, "import-codings", study, path)
    assert (code, out, err) == (0, "imported 4 codings from quotes.csv\n", "")
    rows = {r["memo"]: r for r in json.loads(run(capsys, "codings", study, "--json")[1])}
    assert rows["spans two lines"]["text"] == "meetings.\nIt sort of did"
    assert rows[""]["text"] == "Odd, I know."
    assert rows["second turn"]["text"] == "P01:" and rows["second turn"]["start"] > 0
    assert rows["marks dropped"]["text"] == "Robin felt like someone was there."

"""Names holding newlines, tabs or terminal escapes never break the command line's one-row, one-line
output, whether imported (escaped at import) or made through the API or an older version (escaped when
shown)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framework_qa import open_project
from tests.cli.cli_support import run


@pytest.fixture
def study(tmp_path: Path, capsys: pytest.CaptureFixture[str], interview_file: Path) -> Path:
    path = tmp_path / "study.fqa"
    assert run(capsys, "new", path)[0] == 0
    odd = tmp_path / "line\nbreak\t\x1b[31mred.txt"
    odd.write_text("Interviewer: Hello?\nP02: Hi.\n", encoding="utf-8")
    assert run(capsys, "import", path, interview_file, odd)[0] == 0
    with open_project(path) as project:  # as the API (or an older version) may store them: raw
        project.add_document("api\nmade\r\x07name", "P03: Some text.\n", case="case\u2028two")
    return path


def test_documents_table_has_one_row_per_document(study: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "documents", study)
    assert code == 0 and not err
    lines = out.splitlines()
    assert len(lines) == 2 + 3, out  # header, rule, three documents
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out and "\u2028" not in out
    rows = [line.split()[:2] for line in lines[2:]]
    assert ["api\\nmade\\r\\x07name", "case\\u2028two"] in rows, out
    assert ["line\\nbreak\\t\\x1b[31mred", "line\\nbreak\\t\\x1b[31mred"] in rows, out


def test_json_keeps_the_names_exactly(study: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "documents", study, "--json")
    assert code == 0
    assert "api\nmade\r\x07name" in [row["name"] for row in json.loads(out)]


def test_an_attribute_error_quoting_an_odd_name_is_one_line(study: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b\nc.csv"
    first.write_text("case,weeks\nP01,9\n")
    second.write_text('case,weeks\n"P\n01",lots\n')
    assert run(capsys, "import", study, "--attributes", first)[0] == 0
    code, out, err = run(capsys, "import", study, "--attributes", second)
    assert code == 1 and not out
    assert err.count("\n") == 1 and err.startswith("framework-qa: error: b\\nc.csv: weeks of P\\n01: "), err

"""`framework-qa search`: JSON hits whose text is the stored text at their offsets, filters, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framework_qa import new_project
from tests.cli.cli_support import run

TEXT_A = "Interviewer: Any reminders? 🙂\nP01: Reminders 😰 felt pushy. 我 很 焦虑 reminders.\n"
TEXT_B = "Interviewer: And trust?\nP02: I trusted the reminder. It felt judged."



@pytest.fixture
def study(tmp_path: Path) -> Path:
    path = tmp_path / "study.fqa"
    with new_project(path) as project:
        project.add_document("A", TEXT_A, case="P01")
        project.add_document("B", TEXT_B, case="P02")
        project.define_attribute("gender")
        project.set_case_value("P02", "gender", "woman")
        project.add_code("Reminders")
        text = project.text("B")
        project.add_coding("B", text.index("I trusted"), text.index(".", text.index("I trusted")) + 1,
                           "Reminders", "amira")
    return path


def texts_of(path: Path) -> dict[str, str]:
    from framework_qa import open_project

    with open_project(path) as project:
        return {d.name: project.text(d) for d in project.documents()}


def test_json_hits_are_exact_slices_of_the_document_text(study: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "search", study, "reminder", "--json")
    assert code == 0 and err.startswith("building the search index of") and err.count("\n") == 1
    code, out, err = run(capsys, "search", study, "reminder", "--json")
    assert code == 0 and err == "", "the index is built once and kept"
    hits = json.loads(out)
    texts = texts_of(study)
    assert len(hits) == 4
    for hit in hits:
        assert {"document", "start", "end", "text", "score"} <= set(hit)
        assert texts[hit["document"]][hit["start"] : hit["end"]] == hit["text"]


def test_limit_cuts_the_list(study: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "search", study, "reminder", "--json", "--limit", "2")
    assert code == 0 and len(json.loads(out)) == 2


def test_filters_by_speaker_case_attribute_and_code(study: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    def docs(*extra: object) -> list[tuple[str, str]]:
        code, out, err = run(capsys, "search", study, "reminder", "--json", *extra)
        assert code == 0, err
        return [(h["document"], h["text"]) for h in json.loads(out)]

    assert docs("--speaker", "Interviewer") == [("A", "reminders")]
    assert {d for d, _ in docs("--case", "P02")} == {"B"}
    assert {d for d, _ in docs("--where", "gender=woman")} == {"B"}
    assert docs("--code", "Reminders") == [("B", "reminder")]
    assert {d for d, _ in docs("--not-code", "Reminders")} == {"A"}


def test_plain_output_shows_hits_in_context_and_a_total(study: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "search", study, '"felt pushy"')
    assert code == 0
    assert "[felt pushy]" in out and "1 hit in 1 document" in out


@pytest.mark.parametrize("query", ['"unclosed', "(trust", "trust AND", "colour:red"])
def test_a_malformed_query_is_one_line_on_stderr_and_exit_1(study: Path, capsys, query: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "search", study, query)
    assert code == 1 and out == ""
    assert err.startswith("framework-qa: error: ") and err.count("\n") == 1


def test_an_unknown_code_filter_is_an_error(study: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, "search", study, "trust", "--code", "Nope")
    assert code == 1 and "Nope" in err and err.count("\n") == 1


def test_a_search_process_loads_numpy_only_for_queries_that_need_it(study: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A word query with few postings is answered without importing numpy (tens of milliseconds of a
    one-shot process); a pattern query needs the array evaluator, so it imports numpy."""
    import subprocess
    import sys

    assert run(capsys, "search", study, "trust")[0] == 0  # builds the index
    probe = ("import sys; from framework_qa.cli.main import main; code = main(sys.argv[1:]); "
             "print('numpy' in sys.modules, file=sys.stderr); raise SystemExit(code)")
    loaded = {}
    for query in ("reminder", "remind* OR trust"):
        done = subprocess.run([sys.executable, "-c", probe, "search", str(study), query],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0 and "reminder" in done.stdout.casefold(), done.stderr
        loaded[query] = done.stderr.strip().splitlines()[-1]
    assert loaded == {"reminder": "False", "remind* OR trust": "True"}

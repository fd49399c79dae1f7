"""The synthetic corpus is what it says it is, and every benchmark runs end to end on a tiny size."""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import framework_qa
from benchmarks.corpus import (
    INTERVIEWER,
    build_project,
    make_text,
    make_turns,
    write_docx_corpus,
    write_txt_corpus,
)
from benchmarks.vocabulary import RANKED, zipf_vocabulary
from framework_qa.core.importers import read_transcript
from tests.support import postgres

ROOT = Path(__file__).resolve().parents[2]


def _word_count(turn: str) -> int:
    return len(turn.split(": ", 1)[1].split())


def test_make_text_is_deterministic_and_has_exactly_the_words_asked_for() -> None:
    assert make_text(500, seed=7, speaker="P003") == make_text(500, seed=7, speaker="P003")
    assert make_text(500, seed=7) != make_text(500, seed=8)
    turns = make_turns(500, seed=7, speaker="P003")
    assert sum(_word_count(t) for t in turns) == 500


def test_turns_alternate_between_interviewer_and_participant() -> None:
    turns = make_turns(800, seed=1, speaker="P042")
    labels = [t.split(":", 1)[0] for t in turns]
    assert labels[0] == INTERVIEWER
    assert labels == [INTERVIEWER if i % 2 == 0 else "P042" for i in range(len(labels))]
    assert all("\n" not in t for t in turns)


def test_text_includes_non_ascii_words_and_emoji() -> None:
    text = make_text(5000, seed=0)
    assert any(ord(ch) > 0x7F and ord(ch) < 0x1F000 for ch in text)
    assert any(ord(ch) >= 0x1F300 for ch in text)


def test_vocabulary_has_twelve_thousand_distinct_words_led_by_the_ranked_list() -> None:
    words, cumulative = zipf_vocabulary()
    assert len(words) == len(set(words)) == 12_000
    assert words[:3] == list(RANKED[:3])
    assert all(a < b for a, b in itertools.pairwise(cumulative))


def test_word_frequencies_fall_off_with_rank_as_in_speech() -> None:
    """Zipf's law: the rank-2 word about five times as often as the rank-10 word; topic words (ranks in
    the hundreds) in well under one turn in ten; thousands of distinct word types in 60,000 words."""
    tokens = [w.strip(".?").casefold() for t in make_turns(60_000, seed=3) for w in t.split(": ", 1)[1].split()]
    counts = Counter(tokens)
    the, like = counts["the"], counts["like"]
    assert 3 < the / like < 8, (the, like)
    assert 0 < counts["reminder"] < like / 5
    assert 1_000 < counts["the"] < 9_000
    assert len(counts) > 3_000
    assert sum(map(len, tokens)) / len(tokens) < 5.5  # average word length near English's


@pytest.mark.parametrize("writer", [write_docx_corpus, write_txt_corpus])
def test_written_transcripts_import_as_the_generated_text_with_speaker_turns(writer, tmp_path: Path) -> None:
    paths = writer(tmp_path, 3, 120, seed=5)
    assert [p.stem for p in paths] == ["P001", "P002", "P003"]
    for path in paths:
        imported = read_transcript(path)
        assert imported.text.rstrip("\n") == make_text(120, seed=5, speaker=path.stem)
        assert imported.speakers == [INTERVIEWER, path.stem]
        assert len(imported.spans) == len(make_turns(120, seed=5, speaker=path.stem))


def test_build_project_spreads_word_aligned_codings_over_leaf_codes_and_coders(tmp_path: Path) -> None:
    path = build_project(tmp_path / "bench.fqa", n_docs=4, words=300, n_codings=120, n_coders=3, seed=2)
    with framework_qa.open_project(path) as project:
        assert len(project.documents()) == 4
        assert sorted(c.name for c in project.coders()) == ["coder01", "coder02", "coder03"]
        codings = project.codings()
        assert len(codings) == 120
        leaves = {c.id for c in project.codes() if not project.children(c)}
        assert {c.code_id for c in codings} <= leaves
        assert len({c.code_id for c in codings}) == len(leaves)
        assert {c.coder_id for c in codings} == {c.id for c in project.coders()}
        assert not project.undo_stack.can_undo
        for coding in codings:
            text = project.text(coding.document_id)
            assert coding.start == 0 or text[coding.start - 1].isspace()
            assert coding.end == len(text) or text[coding.end].isspace()
            assert not text[coding.start].isspace() and not text[coding.end - 1].isspace()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "benchmarks", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_running_without_a_name_lists_the_benchmarks() -> None:
    done = _run()
    assert done.returncode == 0, done.stderr
    for name in ("import", "open", "coding"):
        assert f"  {name} " in done.stdout


def test_an_unknown_benchmark_is_refused() -> None:
    done = _run("nonesuch")
    assert done.returncode == 2
    assert "no benchmark named 'nonesuch'" in done.stderr


@pytest.mark.parametrize("args", [
    ("import", "--docs", "2", "--words", "200", "--repeat", "1"),
    ("open", "--docs", "3", "--words", "150", "--codings", "40", "--repeat", "2"),
    ("coding", "--docs", "3", "--words", "150", "--codings", "40", "--repeat", "3"),
    ("feed", "--docs", "3", "--words", "150", "--codings", "40", "--repeat", "3", "--changes", "2"),
    pytest.param(("team", "--docs", "3", "--words", "150", "--codings", "40", "--processes", "2", "--adds", "5",
                  "--repeat", "2"),
                 marks=pytest.mark.skipif(postgres.binaries() is None, reason="no PostgreSQL binaries: install "
                                          "Debian's postgresql package to run the team benchmark")),
])
def test_each_benchmark_runs_on_a_tiny_size_and_reports_median_ratio_and_target(args: tuple[str, ...]) -> None:
    done = _run(*args)
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip().splitlines()[-1]
    assert "median" in line and "x " in line and ("PASS" in line or "over" in line)

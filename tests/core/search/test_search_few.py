"""A one-shot query of few word postings: evaluated in pure Python (`few`) and a plain word read without
whoosh's parser (`query.plain_word`); both must give exactly what whoosh gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher

from framework_qa.core.search import SearchIndex, fingerprint_for
from framework_qa.core.search import searching as searching_module
from framework_qa.core.search.few import evaluate_few
from framework_qa.core.search.query import parse_query, plain_word
from framework_qa.core.search.query_parser import make_parser
from tests.core.search.test_search_arrays import _documents

FEW_QUERIES = ["reminder", "trust AND motivation", "chatbot OR therapist", "日本", "Ångström", "trust motivation",
               "speaker:Interviewer trust", "case:P003 OR calm", "anxious OR nothingsuchword",
               "nothingsuchword", "the"]


@pytest.fixture(scope="module")
def on_disk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    """One segment as the bulk writer writes it, without deletions: postings are read a block at a time."""
    documents = _documents(6, 60)
    index = SearchIndex.open_or_build(tmp_path_factory.mktemp("few") / "ix", fingerprint_for(documents),
                                      lambda: documents)
    yield index
    index.close()


@pytest.fixture(scope="module")
def segmented() -> Iterator[SearchIndex]:
    """Several segments and removed documents: postings are read through whoosh's matchers."""
    index = SearchIndex.in_memory(_documents(1, 40))
    index.add_documents(_documents(2, 15, first_id=41))
    index.remove_documents([7, 44])
    yield index
    index.close()


@pytest.fixture(params=["on_disk", "segmented"])
def either(request: pytest.FixtureRequest) -> SearchIndex:
    index: SearchIndex = request.getfixturevalue(request.param)
    return index


def test_the_bulk_written_index_is_read_by_blocks_and_the_segmented_one_hides_deletions(
        on_disk: SearchIndex, segmented: SearchIndex) -> None:
    with on_disk._ix.searcher() as searcher:
        segment, _base = next(iter(searcher.reader().leaf_readers()))
        assert type(segment.postings("text", b"remind")) is W3LeafMatcher
    with segmented._ix.searcher() as searcher:
        assert searcher.reader().has_deletions()


@pytest.mark.parametrize("query", FEW_QUERIES)
def test_matches_and_scores_are_exactly_whooshs(either: SearchIndex, query: str) -> None:
    with either._ix.searcher() as searcher:
        parsed = parse_query(query)
        expected = {n: s for s, n in searcher.search(parsed, limit=None).top_n}
        found = evaluate_few(searcher, parsed)
        assert found is not None
        scores, frequencies = found
        assert scores == expected  # the same floats, not approximately
        reader = searcher.reader()
        for (field, term), postings in frequencies.items():
            if (field, term) in reader:
                whoosh = {}
                for segment, base in reader.leaf_readers():
                    if (field, term) in segment:
                        matcher = segment.postings(field, term)
                        while matcher.is_active():
                            whoosh[base + matcher.id()] = matcher.weight()
                            matcher.next()
                assert postings == whoosh
    if query != "nothingsuchword":
        assert expected


@pytest.mark.parametrize("query", ['"felt like"', "remind*", "anxius~", "reminder^2", "trust AND app AND calm",
                                   "NOT robotic", "trust ANDNOT app"])
def test_other_queries_are_left_to_whoosh(either: SearchIndex, query: str) -> None:
    with either._ix.searcher() as searcher:
        assert evaluate_few(searcher, parse_query(query)) is None


@pytest.mark.parametrize("limit", [None, 1, 7, 100])
@pytest.mark.parametrize("query", FEW_QUERIES)
def test_one_shot_results_equal_whooshs_searcher(either: SearchIndex, query: str, limit: int | None,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Hits, scores, totals and per-document counts (from term frequencies) as whoosh's Searcher and
    `occurrence_counts` give them."""
    monkeypatch.setattr(searching_module, "numpy_loaded", lambda: False)  # as in a fresh process
    evaluated = []

    def spy(searcher, query):  # type: ignore[no-untyped-def]
        evaluated.append(evaluate_few(searcher, query))
        return evaluated[-1]

    monkeypatch.setattr(searching_module, "evaluate_few", spy)
    few = either.search(query, limit=limit, light=True)
    assert len(evaluated) == 1 and evaluated[0] is not None  # this path, not whoosh's, gave `few`
    monkeypatch.setattr(searching_module, "evaluate_few", lambda searcher, query: None)
    slow = either.search(query, limit=limit, light=True)
    assert few == slow
    assert few.hits == slow.hits and few.counts == slow.counts and few.total == slow.total
    if query not in ("nothingsuchword",):
        assert few.total > 0


@pytest.mark.parametrize("word", ["reminder", "Reminders", "REMINDED", "trusted", "café", "Ångström", "日本",
                                  "ελπίδα", "Straße", "ﬁle", "2024", "and", "or", "not", "x", "running", "Ⅻ",
                                  "ANDNOTHING", "ORANGE"])
def test_a_plain_word_is_the_term_whoosh_parser_gives(word: str) -> None:
    expected = make_parser().parse(word)
    assert type(expected) is wq.Term and expected.boost == 1.0
    assert plain_word(word) is not None
    assert parse_query(word) == expected
    assert parse_query(f"  {word} ") == make_parser().parse(f"  {word} ")


@pytest.mark.parametrize("query", ["remind*", "anxius~", '"felt"', "reminder^2", "speaker:P01", "a b", "U.S",
                                   "3.5", "caf\u0065\u0301", "(calm)", "-calm", "+calm", "calm!", "AND", ""])
def test_anything_else_goes_through_whooshs_parser(query: str) -> None:
    assert plain_word(query) is None


def test_a_command_line_search_of_one_word_does_not_build_whooshs_parser(tmp_path: Path) -> None:
    """A fresh process, as a user runs it: the hits are found and the parser module is never imported."""
    import subprocess
    import sys

    from framework_qa.core.search import SearchIndex as _  # noqa: F401 (the index module imports cleanly)

    script = (
        "import sys\n"
        "from framework_qa.core.search.query import parse_query\n"
        "q = parse_query('Reminders')\n"
        "assert 'framework_qa.core.search.query_parser' not in sys.modules, 'parser imported'\n"
        "assert 'whoosh.qparser' not in sys.modules, 'whoosh parser imported'\n"
        "print(q.fieldname, q.text)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[3])
    assert out.stdout.split() == ["text", "remind"]


def test_text_without_marks_is_tokenised_as_the_full_word_pattern_does() -> None:
    """The search shows hits by tokenising their paragraphs; a paragraph without combining marks uses a
    small pattern (the full one takes milliseconds to compile), which must find the same words."""
    import random

    from framework_qa.core.search import words

    alphabet = list("abcXYZ019_ .,.;:!?'-\"()\n\t") + ["é", "ß", "Ω", "日", "本", "🙂", "👨\u200d👩", "٣", "Ⅻ", "ﬁ",
                                                    "\u00a0", "\u2019", "ı", "Σ"]
    rng = random.Random(7)
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        assert words._words_regex(text) is words._markless_regex()
        assert words._markless_regex().findall(text) == words.word_regex().findall(text)
        expected = [(m.start(), m.end()) for m in words.word_regex().finditer(text)]
        assert [(s, e) for s, e, _f, _st in words.word_spans(text)] == expected


@pytest.mark.parametrize("text", ["cafe\u0301 time", "नमस्ते दुनिया", "بِكُم", "a\u200cb c", "x\U0001d167y"])
def test_text_with_marks_keeps_them_inside_its_words(text: str) -> None:
    from framework_qa.core.search import words

    assert words._words_regex(text) is words.word_regex()
    spans = [(s, e) for s, e, _f, _st in words.word_spans(text)]
    assert spans == [(m.start(), m.end()) for m in words.word_regex().finditer(text)]
    assert spans != [(m.start(), m.end()) for m in words._markless_regex().finditer(text)]

"""The array evaluator agrees with whoosh: same postings, lengths, matches and scores, and search results
(hits, totals, counts per document) identical to whoosh's own evaluation, over several segments with
deleted paragraphs."""

from __future__ import annotations

import random
from collections.abc import Iterator

import numpy as np
import pytest
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher

from framework_qa.core.search import IndexDocument, SearchHit, SearchIndex
from framework_qa.core.search import array_search as array_search_module
from framework_qa.core.search import searching as searching_module
from framework_qa.core.search.arrays import field_lengths, reader_arrays, term_arrays
from framework_qa.core.search.query import parse_query
from framework_qa.core.search.vectorized import Unsupported, evaluate
from tests.core.search.conftest import transcript

WORDS = ("reminder reminders reminded trust trusted motivation robotic chatbot therapist app felt like "
         "the I and anxious anxiety notification notifications café Ångström 日本 ελπίδα 🙂 calm worry").split()
QUERIES = (
    "reminder", "remind*", "notif*", "anxius~", "trust AND motivation NOT robotic", "chatbot OR therapist",
    "like", "Ångström", "日本", "speaker:P002", "speaker:Interviewer trust", "NOT robotic", "reminder^2 OR calm",
    "(trust OR calm) AND NOT (robotic OR chatbot)", "trust ANDNOT app", "nothingsuchword",
)


def _documents(seed: int, count: int, first_id: int = 1) -> list[IndexDocument]:
    rng = random.Random(seed)
    documents = []
    for k in range(count):
        doc_id = first_id + k
        label = f"P{doc_id:03d}"
        turns: list[tuple[str | None, str]] = []
        for t in range(rng.randint(3, 9)):
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0 if t == 2 else 3, 40)))
            if t == 1 and k % 5 == 0:
                words += " and I felt like the app was there"
            turns.append(("Interviewer" if t % 2 == 0 else label, words + ("." if words else "...")))
        documents.append(transcript(doc_id, f"Interview {label}", label, turns))
    return documents


@pytest.fixture(autouse=True)
def arrays_evaluate_every_query(monkeypatch: pytest.MonkeyPatch) -> None:
    """A search leaves queries of few word postings to whoosh (no numpy to import); here the array
    evaluator takes every query it can, to be compared with whoosh's."""
    monkeypatch.setattr(searching_module, "FEW_POSTINGS", 0)


@pytest.fixture(autouse=True)
def whoosh_ors_add_scores(monkeypatch: pytest.MonkeyPatch) -> None:
    """whoosh scores a pattern's word forms as an OR (adding their scores) on indexes of over 5,000
    paragraphs, and as 1 each on smaller ones; the arrays always add. Compare like with like."""
    monkeypatch.setattr(wq.Or, "matcher_type", wq.Or.DEFAULT_MATCHER)


@pytest.fixture(scope="module")
def segmented() -> Iterator[SearchIndex]:
    """Three segments (a build and two additions) and a removed document, so docnums have gaps."""
    index = SearchIndex.in_memory(_documents(1, 40))
    index.add_documents(_documents(2, 15, first_id=41))
    index.add_documents(_documents(3, 10, first_id=56))
    index.remove_documents([7, 44])
    yield index
    index.close()


def _whoosh(index: SearchIndex, query: str) -> dict[int, float]:
    with index._ix.searcher() as searcher:
        return {n: s for s, n in searcher.search(parse_query(query), limit=None).top_n}


def test_index_really_has_several_segments_and_deletions(segmented: SearchIndex) -> None:
    with segmented._ix.searcher() as searcher:
        reader = searcher.reader()
        assert len(list(reader.leaf_readers())) > 1
        assert reader.has_deletions()


@pytest.mark.parametrize("query", QUERIES)
def test_matches_and_scores_equal_whoosh(segmented: SearchIndex, query: str) -> None:
    expected = _whoosh(segmented, query)
    with segmented._ix.searcher() as searcher:
        scored = evaluate(searcher, parse_query(query), reader_arrays(segmented._ix, searcher.reader()))
    got = dict(zip(scored.docnums.tolist(), scored.scores.tolist(), strict=True))
    assert set(got) == set(expected), query
    assert all(abs(got[n] - expected[n]) < 1e-9 for n in got), query
    assert list(scored.docnums) == sorted(got)
    if query != "nothingsuchword":
        assert got, f"{query!r} should match something in the test corpus"


@pytest.mark.parametrize("query", ['"felt like"~3', '"felt like zebrafish"', 'trust OR "the zebrafish"'])
def test_phrases_with_slop_or_an_unpaired_word_are_left_to_whoosh(segmented: SearchIndex, query: str) -> None:
    with segmented._ix.searcher() as searcher, pytest.raises(Unsupported):
        evaluate(searcher, parse_query(query), reader_arrays(segmented._ix, searcher.reader()))


PHRASES = ('"felt like"', '"Felt LIKE"', '"the app"', '"felt like" OR trust', '"the app" AND NOT "felt like"',
           '"felt like" OR "the app"', '"like like"', 'remind* OR "the app"', '"trust"', '"felt like the"',
           '"the app the" OR "felt like"', '"like like like"', '"I felt like the app"', '"trust the" AND calm')


@pytest.mark.parametrize("query", PHRASES)
def test_phrases_of_paired_words_find_what_whoosh_finds_with_the_same_counts(
        segmented: SearchIndex, query: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Scored by their word pairs, so the order may differ from whoosh's; the hits and counts may not."""
    with segmented._ix.searcher() as searcher:
        scored = evaluate(searcher, parse_query(query), reader_arrays(segmented._ix, searcher.reader()))
    assert set(scored.docnums.tolist()) == set(_whoosh(segmented, query)) != set()
    fast = segmented.search(query)
    _refuse_arrays(monkeypatch)
    slow = segmented.search(query)
    assert sorted((h.document_id, h.start, h.end, h.text) for h in fast.hits) == \
        sorted((h.document_id, h.start, h.end, h.text) for h in slow.hits)
    assert fast.total == slow.total and fast.counts == slow.counts
    limited = segmented.search(query, limit=3)
    assert limited.total == slow.total and len(limited.hits) == min(3, slow.total)


def _refuse_arrays(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise Unsupported("test: evaluate with whoosh")

    monkeypatch.setattr(array_search_module, "array_search", refuse)  # searching imports it when needed


def test_postings_and_lengths_read_in_bulk_equal_whoosh_one_at_a_time(segmented: SearchIndex) -> None:
    with segmented._ix.searcher() as searcher:
        reader = searcher.reader()
        arrays = reader_arrays(segmented._ix, reader)
        for fieldname in ("text", "exact"):
            lengths = field_lengths(arrays, reader, fieldname)
            for docnum in reader.all_doc_ids():
                assert lengths[docnum] == (reader.doc_field_length(docnum, fieldname) or 0)
            for term in reader.lexicon(fieldname):
                ids, weights = term_arrays(reader, fieldname, term)
                one_by_one = []
                for segment, base in reader.leaf_readers():
                    if (fieldname, term) not in segment:
                        continue
                    matcher = segment.postings(fieldname, term)
                    while not isinstance(matcher, W3LeafMatcher) and hasattr(matcher, "child"):
                        matcher = matcher.child
                    while matcher.is_active():
                        one_by_one.append((matcher.id() + base, matcher.weight()))
                        matcher.next()
                assert list(zip(ids.tolist(), weights.tolist(), strict=True)) == one_by_one
        assert np.all(arrays.doc_of[list(reader.all_doc_ids())] > 0)
        for docnum in reader.all_doc_ids():
            assert arrays.doc_of[docnum] == int(reader.stored_fields(docnum)["doc_id"])


def test_each_paragraphs_document_is_found_when_a_documents_paragraphs_are_not_side_by_side() -> None:
    from whoosh.filedb.filestore import RamStorage

    from framework_qa.core.search.analysis import build_schema

    ix = RamStorage().create_index(build_schema(), indexname="fqa")
    with ix.writer() as writer:
        for number, doc_id in enumerate(["4", "5", "4", "4", "6", "5"], start=1):
            writer.add_document(doc_id=doc_id, document=f"D{doc_id}", paragraph=number, start=0, text="word")
    with ix.reader() as reader:
        assert reader_arrays(ix, reader).doc_of.tolist() == [4, 5, 4, 4, 6, 5]


@pytest.mark.parametrize("limit", [None, 1, 7, 100])
@pytest.mark.parametrize("query", [*QUERIES, "case:P003", "speaker:Interviewer NOT like"])
def test_search_results_equal_whoosh_evaluation(segmented: SearchIndex, query: str, limit: int | None,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Hits in the same order with the same offsets, context and scores; totals and per-document counts
    over every match, also those beyond the limit (the arrays count them without reading their text)."""
    fast = segmented.search(query, limit=limit)
    _refuse_arrays(monkeypatch)
    slow = segmented.search(query, limit=limit)
    assert [(h.document_id, h.start, h.end, h.text, h.context_before, h.context_after) for h in fast.hits] == \
        [(h.document_id, h.start, h.end, h.text, h.context_before, h.context_after) for h in slow.hits]
    assert [h.score for h in fast.hits] == pytest.approx([h.score for h in slow.hits], abs=1e-9)
    assert fast.total == slow.total and fast.counts == slow.counts
    assert {d: fast.names[d] for d in fast.names} == {d: slow.names[d] for d in fast.names}


def test_filters_given_as_arguments_restrict_the_array_path(segmented: SearchIndex) -> None:
    document = next(d for d in _documents(1, 40) if any(
        speaker == d.case and "trust" in d.text[start:end].split() for start, end, speaker in d.paragraphs))
    label = str(document.case)
    everywhere = segmented.search("trust")
    only = segmented.search("trust", speakers=[label.lower()], cases=[label])
    assert 0 < only.total < everywhere.total
    assert {h.speaker for h in only.hits} == {label}
    assert only.counts == {document.id: only.total}


@pytest.mark.parametrize("query", ['"felt like"~3', '"felt like"~2 OR trust', 'remind* OR reminder',
                                   '"app the"~2 AND NOT calm'])
def test_counts_read_from_positions_beyond_the_limit_equal_every_rows_count(segmented: SearchIndex,
                                                                           query: str) -> None:
    """Positions are read only for matched paragraphs, skipping the rest, across segments with deletions."""
    everything = segmented.search(query)
    assert everything.total == len(everything.hits) > 0
    first = segmented.search(query, limit=1)
    assert first.counts == everything.counts and first.total == everything.total


def test_an_index_on_disk_reads_the_same_lengths_and_scores_as_whoosh(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Segments on disk sit in compound files; the bulk length reads must land on the right bytes."""
    from framework_qa.core.search import fingerprint_for

    documents = _documents(4, 30)
    index = SearchIndex.open_or_build(tmp_path / "ix", fingerprint_for(documents), lambda: documents)
    index.add_documents(_documents(5, 8, first_id=31))
    with index._ix.searcher() as searcher:
        reader = searcher.reader()
        assert len(list(reader.leaf_readers())) > 1
        arrays = reader_arrays(index._ix, reader)
        lengths = field_lengths(arrays, reader, "text")
        assert all(lengths[d] == (reader.doc_field_length(d, "text") or 0) for d in reader.all_doc_ids())
        for query in ("reminder", "trust AND motivation", "calm OR remind*"):
            expected = _whoosh(index, query)
            scored = evaluate(searcher, parse_query(query), arrays)
            got = dict(zip(scored.docnums.tolist(), scored.scores.tolist(), strict=True))
            assert got.keys() == expected.keys() and all(abs(got[n] - expected[n]) < 1e-9 for n in got)
    index.close()


def _coded(seed: int) -> dict[str, dict[int, list[tuple[int, int]]]]:
    """Two codes over random stretches of some documents (ranges sorted, as the project gives them)."""
    rng = random.Random(seed)
    coded: dict[str, dict[int, list[tuple[int, int]]]] = {"Alpha": {}, "Beta": {}}
    for document in [*_documents(1, 40), *_documents(2, 15, first_id=41)]:
        for code in coded:
            if rng.random() < 0.5:
                spans = []
                for _ in range(rng.randint(1, 4)):
                    start = rng.randrange(max(1, len(document.text)))
                    spans.append((start, min(len(document.text), start + rng.randint(5, 400))))
                coded[code][document.id] = sorted(spans)
    return coded


@pytest.mark.parametrize("limit", [None, 3])
@pytest.mark.parametrize("filters", [{"codes": ("Alpha",)}, {"exclude_codes": ("Beta",)},
                                     {"codes": ("Alpha",), "exclude_codes": ("Beta",)}])
@pytest.mark.parametrize("query", ["trust", "remind* OR calm", '"felt like"', "app AND NOT robotic"])
def test_code_filtered_results_equal_whoosh_evaluation(segmented: SearchIndex, query: str, filters: dict,
                                                       limit: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whoosh evaluates a filter of hundreds of documents slowly; the arrays must keep exactly its hits."""
    coded = _coded(9)
    fast = segmented.search(query, limit=limit, coded_ranges=coded, **filters)
    _refuse_arrays(monkeypatch)
    slow = segmented.search(query, limit=limit, coded_ranges=coded, **filters)
    def key(hit: SearchHit) -> tuple:  # type: ignore[type-arg]
        """Phrases score differently on the two paths (word pairs); other hits must keep their scores."""
        score = 0.0 if '"' in query else round(hit.score, 9)
        return (score, hit.document_id, hit.start, hit.end)

    if limit is None:
        assert sorted(map(key, fast.hits)) == sorted(map(key, slow.hits))
    else:
        assert len(fast.hits) == len(slow.hits) == min(limit, slow.total)
    assert fast.total == slow.total and fast.counts == slow.counts


@pytest.mark.parametrize("query", ["reminder", "trust AND motivation", "chatbot OR therapist", "日本",
                                   "(trust OR calm) AND anxious", "trust motivation"])
def test_a_query_of_few_word_postings_gets_the_same_results_from_whoosh(
        segmented: SearchIndex, query: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a one-shot search before numpy is imported, such a query is left to whoosh; the results must
    not change."""
    arrays = segmented.search(query)
    monkeypatch.setattr(searching_module, "FEW_POSTINGS", 5_000)
    monkeypatch.setattr(searching_module, "numpy_loaded", lambda: False)  # as in a fresh process
    monkeypatch.setattr(array_search_module, "array_search", None)  # must not be called
    few = segmented.search(query, light=True)
    assert few == arrays and few.total > 0

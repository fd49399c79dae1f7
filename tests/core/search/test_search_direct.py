"""A one-shot search read from the index files without whoosh (`direct`): the same answers as whoosh's
searcher on the same files, and no answer (so whoosh answers) whenever the files are not as described."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as windex
from whoosh.util.numeric import byte_to_length

from framework_qa import new_project
from framework_qa.core.search import QueryError, SearchIndex, fingerprint_for
from framework_qa.core.search import searching as searching_module
from framework_qa.core.search.direct import DirectIndex
from framework_qa.core.search.direct.files import Unreadable, unpickle
from framework_qa.core.search.direct.lengths import LENGTH_OF_BYTE
from framework_qa.core.search.project import ProjectSearch
from framework_qa.core.search.query import parse_query
from framework_qa.core.search.stamp import FINGERPRINT_FILE, INDEX_NAME, stored_stamp
from framework_qa.core.search.syntax import simple_query
from tests.core.search.conftest import transcript
from tests.core.search.test_search_arrays import _documents

QUERIES = ["reminder", "trust", "the", "日本", "Ångström", "nothingsuchword", "trust motivation",
           "trust AND motivation", "chatbot OR therapist", "anxious OR nothingsuchword", "nothingsuchword AND app",
           "felt app", '"felt like"', '"Felt like the APP"', '"I felt"', '"app was there"', '"the the"',
           '"like felt"', '"nothingsuchword app"', '"a zebra"', '"felt like a zebra"', '"zebra felt calm"',
           '"zebra app"', "remind*", "Trust*", "zeb*", "Ångst*", "nothingsuch*", "a*", "felt*"]
REPO = Path(__file__).resolve().parents[3]


def _one_shot_answer(index: SearchIndex, query: str, limit: int | None,
                     monkeypatch: pytest.MonkeyPatch) -> object:
    """What a one-shot search answered through whoosh: whoosh's searcher, its pure-Python reading of few
    postings or the array evaluator (which scores a phrase of common words by its word pairs)."""
    with monkeypatch.context() as patched:
        patched.setattr(searching_module, "numpy_loaded", lambda: False)  # as in a fresh process
        return index.search(query, limit=limit, light=True)


RARE = [transcript(900 + k, f"Interview R{k}", f"R{k}", [("Interviewer", "Did a zebra help?"),
                                                          (f"R{k}", "I felt like a zebra app. A zebra felt calm.")])
        for k in range(3)]


@pytest.fixture(scope="module")
def one_segment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SearchIndex, Path, str]]:
    """One segment as the bulk writer writes it, with a few paragraphs of rarer words."""
    documents = _documents(6, 60) + RARE
    folder = tmp_path_factory.mktemp("direct") / "ix"
    fingerprint = fingerprint_for(documents)
    index = SearchIndex.open_or_build(folder, fingerprint, lambda: documents)
    yield index, folder, fingerprint
    index.close()


@pytest.fixture(scope="module")
def segmented(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SearchIndex, Path, str]]:
    """The bulk writer's segment, then whoosh's writer adding documents and deleting two."""
    documents = _documents(1, 40)
    folder = tmp_path_factory.mktemp("direct") / "ix"
    index = SearchIndex.open_or_build(folder, fingerprint_for(documents), lambda: documents)
    added = _documents(2, 15, first_id=41)
    index.add_documents(added, "second")
    index.remove_documents([7, 44], "third")
    yield index, folder, "third"
    index.close()


@pytest.fixture(params=["one_segment", "segmented"])
def either(request: pytest.FixtureRequest) -> tuple[SearchIndex, Path, str]:
    built: tuple[SearchIndex, Path, str] = request.getfixturevalue(request.param)
    return built


def test_the_segmented_index_has_deletions_and_a_compound_segment_of_whooshs_writer(segmented) -> None:  # type: ignore[no-untyped-def]
    """What the comparisons below cover: a plain segment (the bulk writer's) and a compound one (whoosh's
    writer packs a new segment into one .seg file), both with deleted paragraphs."""
    _index, folder, _fingerprint = segmented
    stamp = stored_stamp(folder)
    assert stamp is not None
    segments = stamp["manifest"]["segments"]
    containers = sorted({s["files"]["terms"][0].rsplit(".", 1)[1] for s in segments})
    assert containers == ["seg", "trm"]
    assert all(s["deleted"] for s in segments)


@pytest.mark.parametrize("limit", [None, 1, 7, 100])
@pytest.mark.parametrize("query", QUERIES)
def test_answers_equal_the_one_shot_answers_through_whoosh(either, query: str, limit: int | None,  # type: ignore[no-untyped-def]
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows (offsets, scores as the same floats, context), totals and per-document counts."""
    index, folder, fingerprint = either
    direct = DirectIndex.open(folder, fingerprint)
    assert direct is not None
    try:
        parsed = simple_query(query)
        assert parsed is not None
        found = direct.search(parsed, limit)
    finally:
        direct.close()
    expected = _one_shot_answer(index, query, limit, monkeypatch)
    assert found == expected
    assert found is not None
    if not any(none in query for none in ("nothingsuch", "the the", "like felt", "zeb")) or " OR " in query:
        assert found.total > 0


FILTERS = [{"speakers": ["Interviewer"]}, {"speakers": ["p003", "P004", "R1"]}, {"cases": ["P010", "p011", "R1"]},
           {"speakers": ["Interviewer"], "cases": ["P002", "R0"]}, {"speakers": []}, {"cases": ["nobody"]}]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: repr(f))
@pytest.mark.parametrize("query", ["reminder", "trust OR calm", '"felt like"', '"a zebra"', "remind*", "zeb*"])
def test_answers_with_speaker_and_case_filters_equal_the_one_shot_answers(
        either, query: str, filters: dict, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Label filters keep paragraphs as whoosh's filter does (labels case-insensitive); scores unchanged."""
    index, folder, fingerprint = either
    direct = DirectIndex.open(folder, fingerprint)
    assert direct is not None
    labels = {field: {value.casefold() for value in filters[key]}
              for key, field in (("speakers", "speaker"), ("cases", "case")) if key in filters}
    try:
        parsed = simple_query(query)
        assert parsed is not None
        found = direct.search(parsed, 7, labels)
    finally:
        direct.close()
    with monkeypatch.context() as patched:
        patched.setattr(searching_module, "numpy_loaded", lambda: False)
        expected = index.search(query, limit=7, light=True, **filters)
    assert found == expected


def test_lengths_are_whooshs_quantised_lengths() -> None:
    assert LENGTH_OF_BYTE == tuple(float(byte_to_length(b)) for b in range(256))


def test_a_pickle_naming_code_is_refused() -> None:
    import os

    with pytest.raises(Unreadable):
        unpickle(pickle.dumps(os.system))
    with pytest.raises(Unreadable):
        unpickle(b"not a pickle")
    assert unpickle(pickle.dumps((1, 2.5, b"x", "y", None), 2)) == (1, 2.5, b"x", "y", None)


def _copy(source: Path, target: Path) -> Path:
    import shutil

    shutil.copytree(source, target)
    return target


def test_a_stamp_that_does_not_match_is_not_read(one_segment, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _index, folder, fingerprint = one_segment
    copy = _copy(folder, tmp_path / "ix")
    assert DirectIndex.open(copy, "another fingerprint") is None
    stamp = json.loads((copy / FINGERPRINT_FILE).read_text())
    del stamp["manifest"]  # as an earlier release stamped it
    (copy / FINGERPRINT_FILE).write_text(json.dumps(stamp))
    assert DirectIndex.open(copy, fingerprint) is None
    reopened = SearchIndex.open_or_build(copy, fingerprint, lambda: [])  # whoosh opens it and adds the manifest
    reopened.close()
    assert (stored_stamp(copy) or {}).get("manifest")
    direct = DirectIndex.open(copy, fingerprint)
    assert direct is not None
    direct.close()


def test_a_newer_table_of_contents_than_the_manifest_is_not_trusted(one_segment, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Another writer committed after the stamp was written: the manifest describes an older index."""
    _index, folder, fingerprint = one_segment
    copy = _copy(folder, tmp_path / "ix")
    ix = windex.open_dir(str(copy), indexname=INDEX_NAME)
    with ix.writer() as writer:
        writer.add_document(doc_id="999", text="reminder", exact="reminder", paragraph=1, start=0)
    ix.close()
    assert DirectIndex.open(copy, fingerprint) is None


def test_a_file_of_another_size_is_not_read(one_segment, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _index, folder, fingerprint = one_segment
    copy = _copy(folder, tmp_path / "ix")
    postings = next(copy.glob("*.pst"))
    with postings.open("ab") as handle:
        handle.write(b"\0")
    assert DirectIndex.open(copy, fingerprint) is None


def _project_with_index(tmp_path: Path) -> Path:
    path = tmp_path / "study.fqa"
    project = new_project(path)
    for document in _documents(3, 12):
        project.add_document(document.name, document.text, case=document.case)
    search = ProjectSearch(project)
    search.index()
    search.close()
    project.close()
    return path


def test_a_project_search_with_attribute_filters_is_answered_directly_as_whoosh_answers_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import framework_qa

    path = _project_with_index(tmp_path)
    with framework_qa.open_project(path) as project:
        project.define_attribute("gender", "text")
        for number, case in enumerate(c.name for c in project.cases()):
            project.set_case_value(case, "gender", "woman" if number % 2 else "man")
        search = ProjectSearch(project, one_shot=True)
        answered: list[object] = []
        real = DirectIndex.search

        def spy(self, query, limit, labels=None):  # type: ignore[no-untyped-def]
            answered.append(real(self, query, limit, labels))
            return answered[-1]

        monkeypatch.setattr(DirectIndex, "search", spy)
        general = ProjectSearch(project, one_shot=True)  # answers through whoosh (patched below)
        cases = [c.name for c in project.cases()]
        asked = [dict(attributes=["gender=woman"]), dict(attributes={"gender": ["Man"]}, speakers=["Interviewer"]),
                 dict(attributes=["gender=woman"], cases=cases[:4]), dict(speakers=[cases[1].lower()])]
        for filters in asked:
            for query in ("reminder", '"felt like"', "trust*"):
                direct = search.search(query, limit=9, **filters)
                with monkeypatch.context() as patched:
                    patched.setattr(general, "_answer_directly", lambda text, filters: None)
                    patched.setattr(searching_module, "numpy_loaded", lambda: False)
                    expected = general.search(query, limit=9, **filters)
                assert direct == expected, (query, filters)
        general.close()
        assert len(answered) == 12 and all(a is not None for a in answered)  # every one answered directly
        assert any(a.total for a in answered)  # type: ignore[attr-defined]
        with pytest.raises(QueryError, match="name=value"):
            search.search("reminder", attributes=["gender"])  # malformed: reported by the general path
        search.close()


def test_garbage_in_the_postings_leaves_the_answer_to_whoosh_which_rebuilds(tmp_path: Path) -> None:
    import framework_qa

    path = _project_with_index(tmp_path)
    with framework_qa.open_project(path) as project:
        search = ProjectSearch(project, one_shot=True)
        expected = search.search("reminder", limit=5)
        search.close()
    postings = next(path.with_name(path.name + ".index").glob("*.pst"))
    data = bytearray(postings.read_bytes())
    data[4:] = bytes(len(data) - 4)  # same size, every block zeroed
    postings.write_bytes(bytes(data))
    with framework_qa.open_project(path) as project:
        search = ProjectSearch(project, one_shot=True)
        direct = DirectIndex.open(search.folder, (stored_stamp(search.folder) or {})["fingerprint"])
        assert direct is not None
        query = simple_query("reminder")
        assert query is not None and direct.search(query, 5) is None  # it declines rather than guess
        direct.close()
        assert search.search("reminder", limit=5) == expected
        search.close()
    assert expected.total > 0


def test_a_command_line_search_of_words_or_a_phrase_imports_nothing_of_whooshs_search(tmp_path: Path) -> None:
    """A fresh process as a user runs it; its output equals the one whoosh gives once the manifest is gone."""
    path = _project_with_index(tmp_path)
    script = (
        "import sys\n"
        "from framework_qa.cli.main import main\n"
        "code = main(['search', sys.argv[1], sys.argv[2], '--json', '--limit', '4'])\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('whoosh') and m not in "
        "('whoosh', 'whoosh.lang', 'whoosh.lang.porter'))\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )

    def run(query: str) -> tuple[str, str]:
        done = subprocess.run([sys.executable, "-c", script, str(path), query], capture_output=True, text=True,
                              cwd=REPO, check=True)
        return done.stdout, done.stderr.strip().splitlines()[-1]

    for query in ("reminder", "trust OR calm", '"felt like"', "remind*"):
        direct_out, loaded = run(query)
        assert loaded == "LOADED []"
        stamp_file = path.with_name(path.name + ".index") / FINGERPRINT_FILE
        stamp = json.loads(stamp_file.read_text())
        stamp_file.write_text(json.dumps({k: v for k, v in stamp.items() if k != "manifest"}))
        whoosh_out, loaded = run(query)
        assert loaded != "LOADED []"  # whoosh answered (and stamped the manifest again)
        assert whoosh_out == direct_out and json.loads(direct_out)
    assert run("remind* OR calm")[1] != "LOADED []"  # a pattern with more is whoosh's


WORDS = st.sampled_from(["reminder", "Trust", "café", "日本", "AND", "OR", "NOT", "and", "x_y", "U.S", "app",
                         "remind*", '"felt"', "a", "A", "2024", "ANDNOT", "Straße*", "ﬁle*", "re*ind", "AND*",
                         "*", "ＲＥＭ*", "x?"])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=4), st.sampled_from([" ", "  ", "\t", "\u00a0"]), st.booleans())
def test_simple_queries_read_as_whooshs_parser_reads_them(words: list[str], space: str, quoted: bool) -> None:
    text = space.join(words)
    if quoted:
        text = f'"{text}"'
    try:
        simple = simple_query(text)
    except Exception as exc:
        with pytest.raises(type(exc)):
            parse_query(text)
        return
    if simple is None:
        return
    parsed = parse_query(text)
    if simple.kind == "prefix":
        assert (type(parsed).__name__, parsed.fieldname, parsed.text, parsed.boost) == ("Prefix", "exact",
                                                                                        simple.terms[0], 1.0)
    elif simple.kind == "phrase":
        assert (type(parsed).__name__, parsed.fieldname, parsed.slop, parsed.boost) == ("Phrase", "exact", 1, 1.0)
        assert tuple(parsed.words) == simple.terms
    elif len(simple.terms) == 1:
        assert (type(parsed).__name__, parsed.fieldname, parsed.text) == ("Term", "text", simple.terms[0])
    else:
        assert type(parsed).__name__ == ("Or" if simple.any_of else "And")
        assert [(q.fieldname, q.text, q.boost) for q in parsed.subqueries] == [("text", t, 1.0)
                                                                                for t in simple.terms]
        assert parsed.boost == 1.0

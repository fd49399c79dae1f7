"""A full build writes whoosh's own files (`BulkWriter`), on two processes for a large project: the index
must hold exactly what whoosh's writer would write, search exactly alike, and a cancelled build must
leave no worker running and nothing of itself in the folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from whoosh import index as windex
from whoosh.filedb.filestore import RamStorage
from whoosh.index import Index

from framework_qa.core.search import IndexDocument, SearchIndex, building, fingerprint_for
from framework_qa.core.search.analysis import build_schema
from framework_qa.core.search.building import BuildCancelled, fill
from framework_qa.core.search.index import INDEX_NAME, _write
from framework_qa.core.search.marks import RANGES, UNICODE_VERSION, computed_ranges
from framework_qa.core.search.pairs import common_words
from framework_qa.core.search.words import paragraph_words
from tests.core.search.conftest import sample_documents, transcript

ODD = ("Cafe\u0301 CAFÉ café ﬁne Straße STRASSE 3.5 U.S. naïve Zoë 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 हिन्दी नमस्ते مرحبا بِكُم 😰😰 "
       "ᏣᎳᎩ ꮳꮃꭹ İstanbul the the the felt like felt like")


def corpus() -> list[IndexDocument]:
    """The sample transcripts, odd scripts, and enough turns that common terms fill several postings blocks."""
    turns = [(f"P{i % 7}", f"I felt like the app {'reminded' if i % 3 else 'reminder'} me {i} times") for i in range(300)]
    return [
        *sample_documents(),
        transcript(7, "Odd", "P07", [("P07", ODD), (None, ""), ("P07", "   ")]),
        transcript(8, "Long", "P08", turns),
        transcript(9, "Short", None, [(None, "one")]),
    ]


def schema_for(documents: list[IndexDocument]):  # type: ignore[no-untyped-def]
    words = (paragraph_words(d.text[s:e]) for d in documents for s, e, _ in d.paragraphs)
    return build_schema(common_words(words))


def contents(ix: Index, blocks: bool = True) -> list[object]:
    """Everything a reader can tell about an index: every term's statistics and postings (with each
    block's statistics when `blocks`), every paragraph's stored fields and lengths, the field totals."""
    fields = ("text", "exact", "pairs")
    out: list[object] = []
    with ix.reader() as reader:
        for fieldname, term in reader.all_terms():
            info = reader.term_info(fieldname, term)
            matcher = reader.postings(fieldname, term)
            postings = []
            while matcher.is_active():
                posting = (matcher.id(), matcher.weight(), matcher.value())
                if blocks:
                    posting += (matcher.block_min_length(), matcher.block_max_length(), matcher.block_max_weight())
                postings.append(posting)
                matcher.next()
            stats = (info.weight(), info.doc_frequency(), info.max_weight(), info.min_id(), info.max_id())
            if blocks:
                stats += (info.min_length(), info.max_length())
            out.append((fieldname, term, stats, postings))
        for docnum in range(reader.doc_count_all()):
            out.append((docnum, reader.stored_fields(docnum), [reader.doc_field_length(docnum, f) or 0 for f in fields]))
        out.append([reader.field_length(f) for f in fields])
    return out


def test_bulk_writer_writes_what_whooshs_writer_writes() -> None:
    documents = corpus()
    schema = schema_for(documents)
    whoosh = RamStorage().create_index(schema, indexname=INDEX_NAME)
    _write(whoosh, documents, replace=False)
    bulk = RamStorage().create_index(schema, indexname=INDEX_NAME)
    fill(bulk, documents)
    expected = contents(whoosh)
    assert any(len(postings) > 128 for *_rest, postings in expected[:-1] if isinstance(postings, list))
    assert contents(bulk) == expected


def test_two_processes_write_the_same_index_as_one(tmp_path: Path) -> None:
    documents = corpus()
    schema = schema_for(documents)
    (tmp_path / "one").mkdir()
    one = windex.create_in(str(tmp_path / "one"), schema, indexname=INDEX_NAME)
    fill(one, documents, workers=1)
    (tmp_path / "two").mkdir()
    two = windex.create_in(str(tmp_path / "two"), schema, indexname=INDEX_NAME)
    steps: list[tuple[int, int]] = []
    fill(two, documents, lambda done, total: steps.append((done, total)) or True, workers=2)
    two = windex.open_dir(str(tmp_path / "two"), indexname=INDEX_NAME)
    with two.reader() as reader:
        assert len(reader.leaf_readers()) == 2, "one segment per process"
    assert contents(two, blocks=False) == contents(windex.open_dir(str(tmp_path / "one"), indexname=INDEX_NAME),
                                                   blocks=False)
    done = [d for d, _total in steps]
    assert done == sorted(done) and done[0] == 0 and done[-1] <= len(documents)
    assert {total for _d, total in steps} == {len(documents)}
    assert not list((tmp_path / "two").glob("*.tmp")), "the temporary folder is removed"


def test_a_large_project_searches_alike_built_on_two_processes(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    documents = corpus()
    single = SearchIndex.in_memory(documents)
    monkeypatch.setattr(building, "PARALLEL_MIN_CHARS", 1)
    double = SearchIndex.open_or_build(tmp_path / "p.fqa.index", fingerprint_for(documents), lambda: documents)
    assert double._ix.doc_count_all() == single._ix.doc_count_all()
    with double._ix.reader() as reader:
        assert len(reader.leaf_readers()) == 2
    for query in ("reminder", '"felt like"', "remind*", "anxious OR caf*", "felt AND NOT app", "like"):
        assert double.search(query) == single.search(query), query
    double.close()


def _workers_running() -> list[str]:
    """Command lines of this process's children that are index workers."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError):
            continue
        if stat.rsplit(")", 1)[-1].split()[1] == str(os.getpid()) and building.__name__ in command:
            found.append(command)
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads child processes from /proc")
def test_a_cancelled_two_process_build_stops_its_worker_and_keeps_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    documents = corpus()  # the worker gets the second half
    monkeypatch.setattr(building, "PARALLEL_MIN_CHARS", 1)
    folder = tmp_path / "p.fqa.index"
    seen: list[int] = []

    def stop_soon(done: int, total: int) -> bool:
        seen.append(done)
        if len(seen) == 2:
            assert _workers_running(), "the worker runs while this process indexes its share"
        return len(seen) < 3

    with pytest.raises(BuildCancelled):
        SearchIndex.open_or_build(folder, fingerprint_for(documents), lambda: documents, stop_soon)
    assert _workers_running() == []
    assert not folder.exists() or [p.name for p in folder.iterdir()] == [], "nothing half-built is kept"
    rebuilt = SearchIndex.open_or_build(folder, fingerprint_for(documents), lambda: documents)
    assert rebuilt.search("reminder").total > 0
    rebuilt.close()


def test_the_mark_table_is_this_pythons_unicode_database() -> None:
    import unicodedata

    if unicodedata.unidata_version != UNICODE_VERSION:
        pytest.skip(f"table made for Unicode {UNICODE_VERSION}, this Python has {unicodedata.unidata_version}")
    assert RANGES == computed_ranges()

"""The index folder is a cache: reused when current, healed when missing, stale or corrupt."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from framework_qa.core.search import IndexDocument, SearchIndex, fingerprint_for


class CountingProvider:
    def __init__(self, documents: list[IndexDocument]) -> None:
        self.documents = documents
        self.calls = 0

    def __call__(self) -> list[IndexDocument]:
        self.calls += 1
        return list(self.documents)


def _open(folder: Path, provider: CountingProvider) -> SearchIndex:
    return SearchIndex.open_or_build(folder, fingerprint_for(provider.documents), provider)


def test_built_on_first_use_and_reused_when_current(tmp_path: Path, documents) -> None:  # type: ignore[no-untyped-def]
    provider = CountingProvider(documents)
    folder = tmp_path / "p.fqa.index"
    first = _open(folder, provider)
    assert provider.calls == 1 and not first.is_in_memory and folder.is_dir()
    first.close()
    again = _open(folder, provider)
    assert provider.calls == 1
    assert again.search("anxious").total == 4


def test_rebuilt_after_the_folder_is_deleted(tmp_path: Path, documents) -> None:  # type: ignore[no-untyped-def]
    provider = CountingProvider(documents)
    folder = tmp_path / "p.fqa.index"
    _open(folder, provider).close()
    shutil.rmtree(folder)
    healed = _open(folder, provider)
    assert provider.calls == 2 and healed.search("anxious").total == 4


def test_rebuilt_when_segment_files_hold_garbage(tmp_path: Path, documents) -> None:  # type: ignore[no-untyped-def]
    provider = CountingProvider(documents)
    folder = tmp_path / "p.fqa.index"
    _open(folder, provider).close()
    for entry in folder.iterdir():
        if entry.name != "fingerprint.json":
            entry.write_bytes(os.urandom(64) + b"garbage" * 50)
    healed = _open(folder, provider)
    assert provider.calls == 2 and healed.search("anxious").total == 4


def test_rebuilt_when_only_the_segment_is_corrupt(tmp_path: Path, documents) -> None:  # type: ignore[no-untyped-def]
    provider = CountingProvider(documents)
    folder = tmp_path / "p.fqa.index"
    _open(folder, provider).close()
    # a build writes each segment as separate files (terms, postings, columns), an update as one .seg file
    segments = [e for e in folder.iterdir() if e.name.startswith("fqa_") and e.name != "fqa_WRITELOCK"]
    assert {e.suffix for e in segments} >= {".trm", ".pst"}
    for segment in segments:
        segment.write_bytes(b"\0" * segment.stat().st_size)
    healed = _open(folder, provider)
    assert provider.calls == 2 and healed.search('"felt anxious"').total == 2


def test_rebuilt_when_the_fingerprint_is_stale(tmp_path: Path, documents, make_transcript) -> None:  # type: ignore[no-untyped-def]
    provider = CountingProvider(documents)
    folder = tmp_path / "p.fqa.index"
    _open(folder, provider).close()
    provider.documents = [*documents, make_transcript(9, "New", None, [("P09", "A brand new serendipity.")])]
    healed = _open(folder, provider)
    assert provider.calls == 2 and healed.search("serendipity").total == 1


def test_incremental_add_and_remove(tmp_path: Path, documents, make_transcript) -> None:  # type: ignore[no-untyped-def]
    provider = CountingProvider(documents)
    folder = tmp_path / "p.fqa.index"
    index = _open(folder, provider)
    extra = make_transcript(9, "New", "P09", [("P09", "Serendipity 🎉 again and serendipity.")])
    provider.documents = [*documents, extra]
    index.add_documents([extra], fingerprint=fingerprint_for(provider.documents))
    found = index.search("serendipity")
    assert [h.text for h in found.hits] == ["Serendipity", "serendipity"]
    assert found.hits[1].start == extra.text.index("serendipity")

    provider.documents = [d for d in provider.documents if d.id != 1]
    index.remove_documents([1], fingerprint=fingerprint_for(provider.documents))
    assert {h.document_id for h in index.search("anxious").hits} == {2, 3}
    index.close()
    reopened = _open(folder, provider)
    assert provider.calls == 1, "the folder stays current after incremental updates"
    assert reopened.search("serendipity").total == 2


def test_re_adding_a_document_replaces_its_old_text(index: SearchIndex, documents, make_transcript) -> None:  # type: ignore[no-untyped-def]
    edited = make_transcript(3, "Focus group", None, [(None, "Everyone was relaxed.")])
    index.add_documents([edited])
    assert {h.document_id for h in index.search("anxious").hits} == {1, 2}
    assert index.search("relaxed").hits[0].document_id == 3


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_falls_back_to_memory(tmp_path: Path, documents, make_transcript) -> None:  # type: ignore[no-untyped-def]
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        index = _open(locked / "p.fqa.index", CountingProvider(documents))
        assert index.is_in_memory and index.search("anxious").total == 4
        index.add_documents([make_transcript(9, "New", None, [(None, "serendipity")])])
        assert index.search("serendipity").total == 1
    finally:
        locked.chmod(stat.S_IRWXU)


def test_folder_under_a_file_falls_back_to_memory(tmp_path: Path, documents, make_transcript) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, so nothing can be created beneath it")
    index = _open(blocker / "p.fqa.index", CountingProvider(documents))
    assert index.is_in_memory and index.search("anxious").total == 4
    index.add_documents([make_transcript(9, "New", None, [(None, "serendipity")])], fingerprint="x")
    index.remove_documents([1])
    assert index.search("serendipity").total == 1 and index.search("anxious").total == 3


def test_a_file_in_place_of_the_folder_is_replaced(tmp_path: Path, documents) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "p.fqa.index"
    folder.write_text("not an index")
    index = _open(folder, CountingProvider(documents))
    assert folder.is_dir() and index.search("anxious").total == 4


def test_foreign_files_in_the_folder_are_left_alone(tmp_path: Path, documents) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "p.fqa.index"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    _open(folder, CountingProvider(documents))
    assert (folder / "notes.txt").read_text() == "mine"


def test_in_memory_indexes_write_their_temporary_files_apart() -> None:
    """whoosh names an in-memory writer's temporary folder after the index ("fqa.tmp" in the system temp
    folder); two processes (or threads) writing such indexes at once removed each other's files."""
    from framework_qa.core.search.index import _PrivateRamStorage
    from tests.core.search.conftest import sample_documents

    first = _PrivateRamStorage().temp_storage("fqa.tmp")
    second = _PrivateRamStorage().temp_storage("fqa.tmp")
    try:
        assert first.folder != second.folder
        with first.create_file("a.ctmp") as f:
            f.write(b"kept")
        second.destroy()
        assert first.file_exists("a.ctmp")
    finally:
        first.destroy()
    index = SearchIndex.in_memory(sample_documents())
    assert index.search("anxious").total > 0
    index.close()

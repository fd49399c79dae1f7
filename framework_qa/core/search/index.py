"""The search index: a derived cache in a folder next to the project file, healed rather than reported.

The folder holds whoosh's files (named `fqa...`) and `fingerprint.json`, written only after a complete
build commits, so an interrupted build reads as stale. Anything wrong with the cache - missing, stale,
unreadable, garbage in its files, a write that fails - leads to a rebuild from `documents_provider`; if
the folder cannot be written at all, the index lives in memory for the session.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from whoosh import index as windex
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.index import Index
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter

from .analysis import build_schema
from .direct.manifest import describe
from .direct.manifest import read as read_manifest
from .documents import IndexDocument
from .filters import AttributeFilter, CaseAttributes, CodedRanges
from .hits import SearchResults
from .pairs import common_words
from .query import QueryError
from .searching import run_search
from .stamp import FINGERPRINT_FILE, INDEX_NAME, drop_stamp, store_stamp, stored_fingerprint, stored_stamp
from .words import paragraph_words

if TYPE_CHECKING:
    from .building import Progress

log = logging.getLogger(__name__)

_OUR_FILES = re.compile(rf"^_?{INDEX_NAME}[_.]|^{re.escape(FINGERPRINT_FILE)}$")

DocumentsProvider = Callable[[], Iterable[IndexDocument]]


class SearchIndex:
    """Full-text index of every paragraph (speaker turn) of the project's documents."""

    def __init__(self, ix: Index, folder: Path | None, provider: DocumentsProvider, fingerprint: str,
                 progress: Progress | None = None) -> None:
        self._ix_value = ix
        self._searcher: Searcher | None = None
        self._lock = threading.RLock()
        self._folder = folder
        self._provider = provider
        self._fingerprint = fingerprint
        self._progress = progress

    @classmethod
    def open_or_build(
        cls, folder: str | Path, fingerprint: str, documents_provider: DocumentsProvider,
        progress: Progress | None = None,
    ) -> SearchIndex:
        """The index in `folder`, reused when its stored fingerprint equals `fingerprint` and it reads
        cleanly, otherwise rebuilt from `documents_provider()`. Never raises for cache problems; errors
        raised by `documents_provider` itself do propagate. A build calls `progress(done, total)` before
        each document and stops with BuildCancelled when it returns False."""
        path = Path(folder)
        try:
            stamp = stored_stamp(path)
            if stamp is not None and stamp["fingerprint"] == fingerprint:
                ix = windex.open_dir(str(path), indexname=INDEX_NAME)
                index = cls(ix, path, documents_provider, fingerprint, progress)
                index._searcher = _verified_searcher(ix)
                if read_manifest(str(path), INDEX_NAME, stamp.get("manifest")) is None:
                    _restamp(path, fingerprint, ix)  # stamped by an earlier release, or before another commit
                return index
        except Exception as exc:  # any whoosh or OS failure means the cache is unusable
            log.info("search index in %s unreadable (%s); rebuilding", path, exc)
        index = cls(_empty(), path, documents_provider, fingerprint, progress)
        index.rebuild()
        return index

    @staticmethod
    def is_current(folder: str | Path, fingerprint: str) -> bool:
        """Whether `folder` holds a complete index for `fingerprint` (not whether its files read cleanly)."""
        return stored_fingerprint(Path(folder)) == fingerprint

    @classmethod
    def in_memory(cls, documents: Iterable[IndexDocument]) -> SearchIndex:
        """An index held in memory only, e.g. for a project opened read-only."""
        docs = list(documents)
        index = cls(_empty(), None, lambda: docs, "")
        index.rebuild()
        return index

    @property
    def _ix(self) -> Index:
        return self._ix_value

    @_ix.setter
    def _ix(self, ix: Index) -> None:
        self._drop_searcher()
        self._ix_value = ix

    def _drop_searcher(self) -> None:
        if self._searcher is not None:
            try:
                self._searcher.close()
            except Exception:  # a searcher over files that were removed underneath it
                pass
            self._searcher = None

    def _open_searcher(self) -> Searcher:
        if self._searcher is None:
            self._searcher = self._ix.searcher()
        return self._searcher

    @property
    def is_in_memory(self) -> bool:
        return self._folder is None or not isinstance(self._ix.storage, FileStorage)

    @property
    def fingerprint(self) -> str:
        return self._fingerprint

    def document_count(self) -> int:
        """Indexed paragraphs (whoosh documents), for diagnostics."""
        return int(self._ix.doc_count())

    def rebuild(self) -> None:
        """Rebuilds from the provider into the folder, or into memory when the folder cannot be written."""
        with self._lock:
            self._drop_searcher()
            self._rebuild()

    def _rebuild(self) -> None:
        from .building import BuildCancelled, fill  # the writers: not loaded by a process that only searches

        documents = list(self._provider())
        words = (paragraph_words(d.text[start:end]) for d in documents for start, end, _ in d.paragraphs)
        schema = build_schema(common_words(words))
        if self._folder is not None:
            try:
                _clear(self._folder)
                self._folder.mkdir(parents=True, exist_ok=True)
                ix = windex.create_in(str(self._folder), schema, indexname=INDEX_NAME)
                fill(ix, documents, self._progress)
                _store_fingerprint(self._folder, self._fingerprint, ix)
                self._ix = ix
                return
            except BuildCancelled:
                _clear(self._folder)  # nothing half-built is kept
                raise
            except Exception as exc:
                log.warning(
                    "cannot write the search index in %s (%s); keeping it in memory", self._folder, exc
                )
        ix = _PrivateRamStorage().create_index(schema, indexname=INDEX_NAME)
        fill(ix, documents, self._progress)
        self._ix = ix

    def add_documents(self, documents: Iterable[IndexDocument], fingerprint: str | None = None) -> None:
        """Indexes `documents`, replacing any already indexed under the same ids.

        Pass the project's new fingerprint so the next `open_or_build` reuses the folder; without it the
        stored fingerprint is dropped and the next open rebuilds."""
        docs = list(documents)
        self._update(lambda ix: _write(ix, docs, replace=True), fingerprint)

    def remove_documents(self, document_ids: Collection[int], fingerprint: str | None = None) -> None:
        """Drops every paragraph of the given documents; the fingerprint works as in `add_documents`."""
        ids = [str(i) for i in document_ids]

        def remove(ix: Index) -> None:
            with _writer(ix) as writer:
                for doc_id in ids:
                    writer.delete_by_term("doc_id", doc_id)

        self._update(remove, fingerprint)

    def search(
        self,
        text: str,
        *,
        speakers: Collection[str] | None = None,
        cases: Collection[str] | None = None,
        attributes: AttributeFilter | None = None,
        case_attributes: CaseAttributes | None = None,
        codes: Sequence[str] = (),
        exclude_codes: Sequence[str] = (),
        coded_ranges: CodedRanges | None = None,
        limit: int | None = None,
        light: bool = False,
    ) -> SearchResults:
        """Every occurrence matching `text` and the filters, best first, at most `limit` rows.

        `speakers`/`cases` keep only those labels (case-insensitive); `attributes` ({"gender": "woman"} or
        {"gender": ["woman", "man"]}) keeps cases whose `case_attributes` match all; `codes` keeps hits
        lying wholly within a range coded with each code, `exclude_codes` drops hits lying within a range
        of any, ranges taken from `coded_ranges`. An empty `text` with filters lists whole turns.
        `light` is for a one-shot process (a command-line search): see `run_search`.
        Raises QueryError for malformed text; a cache failure while searching rebuilds and retries."""
        kwargs = dict(
            speakers=speakers,
            cases=cases,
            attributes=attributes,
            case_attributes=case_attributes,
            codes=codes,
            exclude_codes=exclude_codes,
            coded_ranges=coded_ranges,
            limit=limit,
            light=light,
        )
        with self._lock:
            try:
                return run_search(self._ix, text, searcher=self._open_searcher(), **kwargs)  # type: ignore[arg-type]
            except (QueryError, ValueError):
                raise
            except Exception as exc:
                log.warning("search index failed while searching (%s); rebuilding", exc)
                self.rebuild()
                return run_search(self._ix, text, searcher=self._open_searcher(), **kwargs)  # type: ignore[arg-type]

    def close(self) -> None:
        with self._lock:
            self._drop_searcher()
            self._ix.close()

    def _update(self, change: Callable[[Index], None], fingerprint: str | None) -> None:
        with self._lock:
            self._drop_searcher()
            self._apply(change, fingerprint)

    def _apply(self, change: Callable[[Index], None], fingerprint: str | None) -> None:
        try:
            if self._folder is not None and not self.is_in_memory:
                drop_stamp(self._folder)
            change(self._ix)
            if fingerprint is not None:
                self._fingerprint = fingerprint
                if self._folder is not None and not self.is_in_memory:
                    _store_fingerprint(self._folder, fingerprint, self._ix)
        except Exception as exc:
            log.warning("search index update failed (%s); rebuilding", exc)
            if fingerprint is not None:
                self._fingerprint = fingerprint
            self.rebuild()


class _PrivateRamStorage(RamStorage):
    """An in-memory storage whose writers' temporary files go to a folder of their own.

    whoosh's RamStorage puts them in `<system temp>/<name>`, and its writers name that `fqa.tmp` after the
    index, so every process holding an in-memory index (a read-only project, the tests) shares one folder
    and a writer finishing removes the files another is still writing."""

    def temp_storage(self, name: str | None = None) -> FileStorage:
        return super().temp_storage(None)  # None: whoosh picks a random folder name


def _empty() -> Index:
    """An empty index in memory: what a SearchIndex holds until its first build."""
    return _PrivateRamStorage().create_index(build_schema(), indexname=INDEX_NAME)


def _writer(ix: Index) -> IndexWriter:
    return ix.writer(limitmb=256)


def _write(ix: Index, documents: list[IndexDocument], replace: bool) -> None:
    """Adds `documents` with whoosh's writer (which merges small segments as it goes), replacing any
    paragraphs already indexed under their ids when `replace`."""
    from .building import paragraph_fields

    with _writer(ix) as writer:  # an exception cancels the writer: nothing of this write is committed
        for document in documents:
            if replace:
                writer.delete_by_term("doc_id", str(document.id))
            for fields in paragraph_fields(document):
                writer.add_document(**fields)


def _verified_searcher(ix: Index) -> Searcher:
    """A searcher of `ix` that has touched every segment's files (stored fields, lengths, terms and
    postings), so garbage in them shows now rather than mid-search; it is the one searches then use."""
    searcher = ix.searcher()
    try:
        reader = searcher.reader()
        for segment, _base in reader.leaf_readers():
            for docnum in segment.all_doc_ids():
                segment.stored_fields(docnum)
                segment.doc_field_length(docnum, "text")
                break
            for fieldname in ("doc_id", "text", "exact"):
                for term in segment.lexicon(fieldname):
                    matcher = segment.postings(fieldname, term)
                    if matcher.is_active():  # not when every paragraph holding the term is deleted
                        matcher.id(), matcher.weight(), matcher.value()
                    break
    except BaseException:
        searcher.close()
        raise
    return searcher


def _store_fingerprint(folder: Path, fingerprint: str, ix: Index) -> None:
    """Stamps `folder` as holding the index of `fingerprint`, with the manifest a search without whoosh
    reads it by (none when the manifest cannot be made: such a search then goes through whoosh)."""
    try:
        manifest = describe(ix)
    except Exception as exc:  # whoosh internals the manifest reads; the index itself is fine
        log.info("no segment manifest for %s (%s)", folder, exc)
        manifest = None
    store_stamp(folder, fingerprint, manifest)


def _restamp(folder: Path, fingerprint: str, ix: Index) -> None:
    """Rewrites the stamp with a manifest; a folder that cannot be written keeps the old stamp."""
    try:
        _store_fingerprint(folder, fingerprint, ix)
    except OSError as exc:
        log.info("cannot add the segment manifest in %s (%s)", folder, exc)


def _clear(folder: Path) -> None:
    """Removes our files from `folder` (and the folder, once empty); anything else there is left alone."""
    if folder.is_file() or folder.is_symlink():
        folder.unlink()
        return
    if not folder.exists():
        return
    for entry in folder.iterdir():
        if entry.is_file() and _OUR_FILES.match(entry.name):
            entry.unlink()

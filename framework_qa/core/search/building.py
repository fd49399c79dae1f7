"""Filling a new index with a project's documents, on two processors when the project is large.

A large build is split by words into contiguous shares: this process writes the first share's segment,
a worker process each other share's (a fresh interpreter: a window's threads are never forked),
and one commit lists every segment, in document order. whoosh reads several segments as one index
(every statistic a score uses is summed over them), so the result searches exactly as one segment.

Progress is reported before each document this process indexes, counting what the workers have
finished too; when `progress` returns False the workers are stopped, the write is cancelled and the
files of the build removed, so nothing half-built is kept. A worker that fails fails the build.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence

from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index

from .bulk import BulkWriter
from .documents import IndexDocument

Progress = Callable[[int, int], bool]  # (documents done, total) -> keep going?

PARALLEL_MIN_CHARS = 2_000_000  # about 300,000 words: below this, starting a worker costs more than it saves


class BuildCancelled(Exception):
    """A build stopped because its `progress` callback said so; the folder is left to be rebuilt."""


def paragraph_fields(document: IndexDocument) -> Iterator[dict[str, object]]:
    """The whoosh fields of each paragraph (speaker turn) of `document`, in order."""
    doc_id = str(document.id)
    for number, (start, end, speaker) in enumerate(document.paragraphs, start=1):
        text = document.text[start:end]
        fields: dict[str, object] = {"doc_id": doc_id, "document": document.name, "paragraph": number,
                                     "start": start, "text": text, "exact": text, "pairs": text}
        if document.case:
            fields["case"] = document.case
        if speaker:
            fields["speaker"] = speaker
        yield fields


def workers_for(documents: Sequence[IndexDocument], ix: Index) -> int:
    """How many processes should build: two for a large project in a folder on a multi-core machine."""
    if not isinstance(ix.storage, FileStorage) or (os.cpu_count() or 1) < 2 or getattr(sys, "frozen", False):
        return 1
    return 2 if sum(len(d.text) for d in documents) >= PARALLEL_MIN_CHARS else 1


def fill(ix: Index, documents: Sequence[IndexDocument], progress: Progress | None = None,
         workers: int | None = None) -> None:
    """Writes `documents` into the empty index `ix` and commits; raises BuildCancelled (leaving the
    index empty) when `progress` says stop."""
    shares = _shares(documents, workers if workers is not None else workers_for(documents, ix))
    tasks = [_Worker(ix, share) for share in shares[1:]]
    try:
        with BulkWriter(ix, compound=False) as writer:  # an exception cancels the writer: nothing of this write is committed
            done = 0
            for document in shares[0]:
                if progress is not None and not progress(done + sum(t.done() for t in tasks), len(documents)):
                    raise BuildCancelled()
                for fields in paragraph_fields(document):
                    writer.add_document(**fields)
                done += 1
            for task in tasks:
                writer.add_segment(task.segment(lambda: progress is None or progress(
                    done + sum(t.done() for t in tasks), len(documents))))
    except BaseException:
        for task in tasks:
            task.stop()
        raise


def _shares(documents: Sequence[IndexDocument], count: int) -> list[list[IndexDocument]]:
    """`count` contiguous runs of `documents` of about equal length (the first never empty if any)."""
    if count <= 1 or len(documents) < 2:
        return [list(documents)]
    total = sum(len(d.text) for d in documents)
    shares: list[list[IndexDocument]] = [[] for _ in range(count)]
    seen = 0
    for document in documents:
        shares[min(count - 1, seen * count // max(1, total))].append(document)
        seen += len(document.text)
    return [share for share in shares if share]


class _Worker:
    """A `python -m framework_qa.core.search.building FOLDER INDEXNAME` process writing one share's
    segment into the index folder: the documents go in pickled on its stdin, and its progress and
    segment come back pickled on its stdout. A plain process rather than multiprocessing's, which
    would re-run the main script of whatever program searches (or fork a window's threads)."""

    def __init__(self, ix: Index, documents: list[IndexDocument]) -> None:
        storage = ix.storage
        assert isinstance(storage, FileStorage)
        self._process = subprocess.Popen(
            [sys.executable, "-m", __name__, str(storage.folder), ix.indexname],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._done = 0
        self._result: tuple[str, object] | None = None
        self._reader = threading.Thread(target=self._read, args=(documents,), daemon=True)
        self._reader.start()

    def _read(self, documents: list[IndexDocument]) -> None:
        process = self._process
        assert process.stdin is not None and process.stdout is not None
        try:
            pickle.dump(documents, process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            process.stdin.close()
            while True:
                kind, value = pickle.load(process.stdout)
                if kind == "done":
                    self._done = int(value)
                else:
                    self._result = (kind, value)
                    return
        except (EOFError, OSError, pickle.UnpicklingError) as exc:
            self._result = ("error", f"the index worker stopped ({exc or type(exc).__name__})")

    def done(self) -> int:
        """Documents the worker has indexed so far."""
        return self._done

    def segment(self, keep_going: Callable[[], bool]) -> object:
        """Waits for the worker's segment, asking `keep_going()` every tenth of a second."""
        while self._reader.is_alive():
            if not keep_going():
                raise BuildCancelled()
            self._reader.join(0.1)
        try:
            self._process.wait(timeout=30)  # it exits right after sending its segment
        except subprocess.TimeoutExpired:
            pass
        self.stop()
        kind, value = self._result or ("error", "the index worker stopped")
        if kind != "segment":
            raise RuntimeError(f"the index worker failed: {value}")
        return value

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        self._reader.join()
        if self._process.stdout is not None:
            self._process.stdout.close()


def _write_share(folder: str, indexname: str) -> None:
    """The worker: writes the documents read from stdin as one new segment, without committing."""
    out = sys.stdout.buffer
    try:
        documents: list[IndexDocument] = pickle.load(sys.stdin.buffer)
        ix = FileStorage(folder).open_index(indexname)
        writer = BulkWriter(ix, _lk=False, compound=False)
        for done, document in enumerate(documents):
            for fields in paragraph_fields(document):
                writer.add_document(**fields)
            pickle.dump(("done", done + 1), out)
            out.flush()
        pickle.dump(("segment", writer.finish_segment()), out)
    except Exception as exc:
        pickle.dump(("error", f"{type(exc).__name__}: {exc}"), out)
    out.flush()


if __name__ == "__main__":
    _write_share(sys.argv[1], sys.argv[2])

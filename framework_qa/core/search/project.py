"""A project's full-text search: the index cache beside the project file, filters resolved from the
project, and "code all hits" as one undoable command.

The index lives in `<project path>.index/`. It is derived data: built on first use, checked against a
fingerprint of the project's documents (ids, content hashes, names, cases) on every open, updated
incrementally when a command touches documents or cases, rebuilt when missing, stale or corrupt. Nothing
here runs when a project opens, so a broken cache can never stop a project from opening.

Threading: `prepare` reads the project and must run on the thread that owns it; the `PreparedSearch`
it returns only touches the index and may run on a worker thread. A first build can take seconds to
minutes on a large project; `build_job` reads what it needs from the project on its thread and returns
a job that builds the index on any other, so a window stays responsive meanwhile.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError, NotFound
from framework_qa.core.project import CodingRequest, Project
from framework_qa.core.search.errors import QueryError
from framework_qa.core.search.filters import Ranges, allowed_labels, parse_attribute_filters
from framework_qa.core.search.stamp import SCHEMA_VERSION
from framework_qa.core.search.syntax import simple_query

if TYPE_CHECKING:  # imported where used: a one-shot search process never needs them
    from framework_qa.core.search.coding import Extent, PlannedRange
    from framework_qa.core.search.documents import IndexDocument
    from framework_qa.core.search.hits import SearchHit, SearchResults
    from framework_qa.core.search.index import SearchIndex


def _engine() -> type[SearchIndex]:
    """The index class, imported on first use: it loads whoosh (see core.search)."""
    from framework_qa.core.search.index import SearchIndex
    return SearchIndex

_INDEX_TABLES = ("documents", "cases")


def index_folder(project_path: str | Path) -> Path:
    """`<project path>.index`, beside the project file."""
    path = Path(project_path)
    return path.with_name(path.name + ".index")


@dataclass(frozen=True)
class PreparedSearch:
    """A search with every project-derived input resolved; calling it only reads the index."""

    index: SearchIndex
    text: str
    options: Mapping[str, object]

    def __call__(self) -> SearchResults:
        return self.index.search(self.text, **self.options)  # type: ignore[arg-type]


@dataclass(frozen=True)
class CodingPlan:
    """What "code these hits" will create: `ranges` in order, and how many were already coded."""

    code_id: int
    code_path: str
    coder: str
    extent: Extent
    ranges: tuple[PlannedRange, ...]
    skipped: int

    @property
    def label(self) -> str:
        name = self.code_path.rsplit("/", 1)[-1]
        n = len(self.ranges)
        return f"Code {n} search hit{'s' if n != 1 else ''} as '{name}'"

    def requests(self) -> list[CodingRequest]:
        return [CodingRequest(r.document_id, r.start, r.end, self.code_id, self.coder) for r in self.ranges]


class ProjectSearch:
    """Search over one open project; `close()` (or the project closing) releases the index."""

    def __init__(self, project: Project, folder: str | Path | None = None, *, one_shot: bool = False) -> None:
        """`one_shot`: this process searches once and exits (a command-line search), so a search may
        avoid loading what only pays off over many searches (see `SearchIndex.search`'s `light`)."""
        self._project = project
        self._one_shot = one_shot
        self._folder = Path(folder) if folder is not None else index_folder(project.path)
        self._index: SearchIndex | None = None
        self._indexed: dict[int, tuple[str, str, str]] = {}
        self._lock = threading.RLock()
        self._closing = threading.Event()  # stops a build running elsewhere when the project closes
        self._unsubscribe = project.subscribe(self._on_change)

    @property
    def project(self) -> Project:
        return self._project

    @property
    def folder(self) -> Path:
        return self._folder

    # ------------------------------------------------------------ the index
    def index(self, announce: Callable[[int], None] | None = None) -> SearchIndex:
        """The current index, opened or built now if needed; call on the project's thread. `announce`,
        when given, is called with the number of documents just before a whole build starts."""
        with self._lock:
            state = self._document_state()
            fingerprint = _fingerprint(state)
            if self._index is None:
                if announce is not None and not _engine().is_current(self._folder, fingerprint):
                    announce(len(state))
                self._index = _engine().open_or_build(
                    self._folder, fingerprint, lambda: self._index_documents(state)
                )
                self._indexed = state
            elif self._index.fingerprint != fingerprint:
                self._refresh(state, fingerprint)
            return self._index

    def needs_build(self) -> bool:
        """True when the next search would have to build the index (none is open and the folder holds no
        current one); cheap, for deciding whether to build it in the background first."""
        with self._lock:
            if self._index is not None:
                return False
            return not _engine().is_current(self._folder, _fingerprint(self._document_state()))

    def build_job(self, progress: Callable[[int, int], None] | None = None) -> Callable[[], None]:
        """Reads the documents now (on the project's thread) and returns a job that opens or builds the
        index from them on any thread; `index()` then finds it ready. Documents changed in the meantime
        are brought up to date incrementally by the next `index()`. `progress(done, total)` is called
        from the job's thread before each document a build indexes; closing stops the build."""
        with self._lock:
            state = self._document_state()
            fingerprint = _fingerprint(state)
            documents = self._index_documents(state)

        def step(done: int, total: int) -> bool:
            if progress is not None:
                progress(done, total)
            return not self._closing.is_set()

        def job() -> None:
            with self._lock:
                if self._index is None and not self._closing.is_set():
                    self._index = _engine().open_or_build(self._folder, fingerprint, lambda: documents, step)
                    self._indexed = state

        return job

    def _on_change(self, change: Change) -> None:
        if self._index is None or not change.touches(*_INDEX_TABLES):
            return
        with self._lock:
            state = self._document_state()
            self._refresh(state, _fingerprint(state))

    def _refresh(self, state: dict[int, tuple[str, str, str]], fingerprint: str) -> None:
        assert self._index is not None
        gone = [doc_id for doc_id in self._indexed if doc_id not in state]
        changed = [doc_id for doc_id, key in state.items() if self._indexed.get(doc_id) != key]
        if gone:
            self._index.remove_documents(gone, fingerprint if not changed else None)
        if changed or not gone:
            self._index.add_documents(self._index_documents(state, changed), fingerprint)
        self._indexed = state

    def _document_state(self) -> dict[int, tuple[str, str, str]]:
        """{document id: (content hash, name, case name)}: what the index depends on."""
        cases = {c.id: c.name for c in self._project.cases()}
        return {
            d.id: (d.content_hash or "", d.name, cases.get(d.case_id, "") if d.case_id is not None else "")
            for d in self._project.documents()
        }

    def _index_documents(
        self, state: Mapping[int, tuple[str, str, str]], ids: Iterable[int] | None = None
    ) -> list[IndexDocument]:
        from framework_qa.core.search.documents import IndexDocument

        out = []
        for doc_id in state if ids is None else ids:
            _hash, name, case = state[doc_id]
            paragraphs = [(s.start, s.end, s.speaker) for s in self._project.spans(doc_id)]
            out.append(IndexDocument(doc_id, name, case or None, self._project.text(doc_id), paragraphs))
        return out

    def close(self) -> None:
        """Releases the index; a build running on another thread stops at its next document."""
        self._closing.set()
        self._unsubscribe()
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None

    # ------------------------------------------------------------ searching
    def prepare(
        self,
        text: str,
        *,
        speakers: Collection[str] | None = None,
        cases: Collection[str] | None = None,
        attributes: Mapping[str, object] | Sequence[str] | None = None,
        codes: Sequence[str] = (),
        exclude_codes: Sequence[str] = (),
        coders: Sequence[str] | None = None,
        limit: int | None = None,
        announce: Callable[[int], None] | None = None,
    ) -> PreparedSearch:
        """Resolves filters against the project. Code filters use the named code and its descendants,
        coded by `coders` (None: anyone); an unknown code or a malformed attribute raises QueryError.
        `announce` is passed to `index()` (called only if the index must be built first)."""
        if attributes is not None and not isinstance(attributes, Mapping):
            try:
                attributes = parse_attribute_filters(list(attributes))
            except ValueError as exc:
                raise QueryError(str(exc)) from None
        ranges = {path: self._coded_ranges(path, coders) for path in [*codes, *exclude_codes]}
        options: dict[str, object] = dict(
            speakers=speakers,
            cases=cases,
            attributes=attributes or None,
            case_attributes=self._case_attributes() if attributes else None,
            codes=tuple(codes),
            exclude_codes=tuple(exclude_codes),
            coded_ranges=ranges if ranges else None,
            limit=limit,
            light=self._one_shot,
        )
        return PreparedSearch(self.index(announce), text, options)

    def search(self, text: str, **filters: object) -> SearchResults:
        """`prepare(text, **filters)()`; raises QueryError for a malformed query or unknown filter.

        A one-shot search of the forms `syntax.simple_query` reads, with speaker, case or attribute filters
        but no code filter, is first offered to the reader without whoosh (`direct`), which answers it from
        a current index's files; whoosh answers whatever it declines."""
        if self._one_shot and self._index is None:
            answered = self._answer_directly(text, filters)
            if answered is not None:
                return answered
        return self.prepare(text, **filters)()  # type: ignore[arg-type]

    def _answer_directly(self, text: str, filters: Mapping[str, object]) -> SearchResults | None:
        if any(filters.get(name) for name in ("codes", "exclude_codes")):
            return None
        limit = filters.get("limit")
        if limit is not None and (not isinstance(limit, int) or limit < 0):
            return None  # the general path reports it
        query = simple_query(text) if text.strip() else None
        if query is None:
            return None
        try:
            labels = self._labels(filters)
        except ValueError:
            return None  # a malformed filter: the general path reports it
        from framework_qa.core.search.direct import DirectIndex

        with self._lock:
            index = DirectIndex.open(self._folder, _fingerprint(self._document_state()))
        if index is None:
            return None
        try:
            return index.search(query, limit, labels)
        finally:
            index.close()

    def _labels(self, filters: Mapping[str, object]) -> dict[str, set[str]] | None:
        """The label filter (`filters.allowed_labels`) of the speaker, case and attribute filters, None
        without any; ValueError for a malformed attribute filter."""
        speakers = cast("Collection[str] | None", filters.get("speakers"))
        cases = cast("Collection[str] | None", filters.get("cases"))
        given = cast("Mapping[str, object] | Sequence[str] | None", filters.get("attributes"))
        attributes: Mapping[str, object] | None = None
        if isinstance(given, Mapping):
            attributes = given
        elif given:
            attributes = parse_attribute_filters(list(given))
        case_attributes = self._case_attributes() if attributes else None
        return allowed_labels(speakers, cases, attributes or None, case_attributes) or None

    def _coded_ranges(self, path: str, coders: Sequence[str] | None) -> Ranges:
        try:
            code = self._project.code(path)
        except NotFound:
            raise QueryError(f"There is no code '{path}' in the project.") from None
        ranges: dict[int, list[tuple[int, int]]] = {}
        for coding in self._project.codings(code=code, coders=coders, with_descendants=True):
            ranges.setdefault(coding.document_id, []).append((coding.start, coding.end))
        return ranges

    def _case_attributes(self) -> dict[str, dict[str, object]]:
        names = {c.id: c.name for c in self._project.cases()}
        return {names[cid]: dict(values) for cid, values in self._project.case_values().items() if cid in names}

    # ------------------------------------------------------------ coding hits
    def plan_coding(
        self, hits: Iterable[SearchHit], code: int | str, coder: str, extent: Extent = "words"
    ) -> CodingPlan:
        """The codings `apply_coding` would create for `hits`, without writing anything."""
        project = self._project
        if not coder.strip():
            raise FqaError("Choose a coder before coding search hits.")
        found = project.code(code)
        known = project.find_coder(coder)
        existing: set[tuple[int, int, int]] = set()
        if known is not None:
            existing = {(c.document_id, c.start, c.end) for c in project.codings(code=found, coders=[known.id])}
        texts: dict[int, str] = {}
        paragraphs: dict[int, list[tuple[int, int, str | None]]] = {}

        def text_of(doc_id: int) -> str:
            if doc_id not in texts:
                texts[doc_id] = project.text(doc_id)
            return texts[doc_id]

        def paragraphs_of(doc_id: int) -> list[tuple[int, int, str | None]]:
            if doc_id not in paragraphs:
                paragraphs[doc_id] = [(s.start, s.end, s.speaker) for s in project.spans(doc_id)]
            return paragraphs[doc_id]

        from framework_qa.core.search.coding import plan_ranges

        ranges, skipped = plan_ranges(hits, extent, text_of, paragraphs_of, existing)
        return CodingPlan(found.id, project.code_path(found), coder, extent, tuple(ranges), skipped)

    def apply_coding(self, plan: CodingPlan) -> Change | None:
        """Creates the plan's codings as one undoable command; None when there is nothing to create."""
        if not plan.ranges:
            return None
        return self._project.add_codings(plan.requests(), label=plan.label)


def code_hits(
    project_search: ProjectSearch,
    hits: Iterable[SearchHit],
    code: int | str,
    coder: str,
    extent: Extent = "words",
    confirm: Callable[[CodingPlan], bool] | None = None,
) -> tuple[CodingPlan, Change | None]:
    """Plans the codings for `hits`, asks `confirm(plan)` (default: yes), and applies them as one step."""
    plan = project_search.plan_coding(hits, code, coder, extent)
    if confirm is not None and not confirm(plan):
        return plan, None
    return plan, project_search.apply_coding(plan)


def _fingerprint(state: Mapping[int, tuple[str, str, str]]) -> str:
    digest = hashlib.sha256(f"project schema {SCHEMA_VERSION}\n".encode())
    for doc_id in sorted(state):
        digest.update(repr((doc_id, *state[doc_id])).encode("utf-8", "surrogatepass"))
        digest.update(b"\n")
    return digest.hexdigest()

"""The project object's foundation: the open store, the undo stack, cached look-ups, other writers.

Entity tables that are small and read constantly (codes, cases, coders, documents without their text)
are cached and dropped whenever a change touches them; codings and texts are always read from the file.

Several programs may write one project at once (a window, the command line, a script). Before any
cached read the project asks the store's change feed whether another writer committed (one cheap check)
and drops what they touched, so it never answers from a stale cache. Their changes are announced to
`subscribe` listeners as `Change(remote=True)` by `poll()`, which the window calls on a timer, and
before the project's own next command, undo or redo, so listeners hear changes in commit order.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from framework_qa.core.commands import Change, Listener, UndoStack
from framework_qa.core.errors import FqaError, NotFound
from framework_qa.core.model import Attribute, Case, Code, Coder, Document, Span
from framework_qa.core.storage import ProjectStore
from framework_qa.core.storage.schema import TABLES

T = TypeVar("T")
SPANS_KEPT = 8  # documents whose decoded spans are kept (see `ProjectBase.spans`)


def now() -> str:
    import datetime as dt  # commands stamp times; reads (a listing, the window opening) never do

    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def new_guid() -> str:
    import uuid  # only creating something needs a guid

    return str(uuid.uuid4())


class ProjectBase:
    def __init__(self, store: ProjectStore) -> None:
        self._store = store
        self.undo_stack = UndoStack(store)
        self._cache: dict[str, Any] = {}
        self._pending: list[Change] = []  # other writers' changes, read but not yet announced
        self.undo_stack.subscribe(self._invalidate)

    # ------------------------------------------------------------ lifecycle
    @property
    def path(self) -> Path:
        return self._store.path

    @property
    def location(self) -> str:
        """What opens this project again: the file's path, or the server address without password."""
        return self._store.location

    @property
    def store(self) -> ProjectStore:
        """The storage layer, for core modules that need named queries (never for the GUI)."""
        return self._store

    def close(self) -> None:
        self._store.close()

    def save_copy(self, path: str | Path) -> Path:
        """Write a consistent copy of the project file to `path` (e.g. for a second coder to code blind,
        then `merge_coder`); the open project stays the one being edited. Returns the copy's path."""
        self._store.backup_to(path)
        return Path(path)

    def __enter__(self) -> ProjectBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ commands
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        return self.undo_stack.subscribe(listener)

    def undo(self) -> Change | None:
        """Undo this program's last command. Raises `EditConflict` when another writer changed what it
        would overwrite; the other writer's work stays and the step leaves the history."""
        self.poll()
        return self.undo_stack.undo()

    def redo(self) -> Change | None:
        self.poll()
        return self.undo_stack.redo()

    def _run(self, label: str, body: Callable[[], T]) -> tuple[T, Change]:
        self.poll()
        return self.undo_stack.run(label, body)

    # ------------------------------------------------------------ other writers
    def poll(self) -> list[Change]:
        """Catch up on other writers' committed changes and announce them to listeners, in order."""
        self._catch_up()
        announced: list[Change] = []
        while self._pending:  # one at a time: a listener that runs a command polls again, in order
            change = self._pending.pop(0)
            announced.append(change)
            self.undo_stack.broadcast(change)
        return announced

    # ------------------------------------------------------------ team (server projects)
    @property
    def identity(self) -> str | None:
        """The logged-in coder on a server project; None for a file, where the user names the coder."""
        return self._store.identity

    @property
    def role(self) -> str | None:
        """This login's role (owner, coder, reader) on a server project; None for a file."""
        return getattr(self._store, "role", None)

    def _server(self) -> Any:
        if not hasattr(self._store, "members"):
            raise FqaError("members, roles and blind coding belong to server projects; publish the "
                           "project to a server first (framework-qa publish)")
        return self._store

    def members(self) -> list[tuple[str, str]]:
        """(login, role) of every member, by login."""
        return list(self._server().members())

    def set_member(self, login: str, role: str) -> None:
        """Make an existing database login a member as owner, coder or reader (owners only)."""
        self._server().set_member(login, role)

    def remove_member(self, login: str) -> None:
        self._server().remove_member(login)

    @property
    def blind(self) -> bool:
        """True while blind coding hides coders' codings from each other (server projects)."""
        return bool(getattr(self._store, "blind", False))

    def set_blind(self, on: bool) -> None:
        self._server().set_blind(on)

    def set_wait_handler(self, handler: Callable[[float], None] | None) -> None:
        """`handler(seconds)` is called while a write waits for another program's transaction."""
        self._store.set_wait_handler(handler)

    def _catch_up(self) -> None:
        news = self._store.news()
        if news is None:
            return
        changes = [Change.from_feed(r) for r in news.records]
        if news.reset:
            changes = [Change.everything(TABLES)]
        for change in changes:
            self._invalidate(change)
        self._pending.extend(changes)

    def _invalidate(self, change: Change) -> None:
        if change.reset:
            self._cache.clear()
            return
        for table in change.tables:
            self._cache.pop(table, None)
        if change.touches("codes"):
            self._cache.pop("code_paths", None)
        if change.touches("documents"):
            self._cache.pop("spans", None)
        if change.touches("attributes", "case_values"):
            self._cache.pop("case_values", None)

    def _cached(self, key: str, load: Callable[[], T]) -> T:
        self._catch_up()
        if key not in self._cache:
            self._cache[key] = load()
        return self._cache[key]  # type: ignore[no-any-return]

    # ------------------------------------------------------------ documents
    def documents(self) -> list[Document]:
        return list(self._documents().values())

    def _documents(self) -> dict[int, Document]:
        return self._cached("documents", lambda: {
            int(r["id"]): Document(int(r["id"]), r["name"], r["original_name"], r["format"], r["case_id"],
                                   int(r["length"]), r["imported_at"], r["guid"], r["content_hash"])
            for r in self._store.documents_meta()})

    def document(self, ref: int | str | Document) -> Document:
        docs = self._documents()
        if isinstance(ref, Document):
            ref = ref.id
        if isinstance(ref, int):
            if ref in docs:
                return docs[ref]
        else:
            for d in docs.values():
                if d.name == ref:
                    return d
        raise NotFound(f"no document named '{ref}' in the project")

    def text(self, ref: int | str | Document) -> str:
        doc = self.document(ref)
        return self._store.document_text(doc.id) or ""

    def spans(self, ref: int | str | Document) -> list[Span]:
        """The document's paragraphs (speaker turns) in text order; a new list on every call.

        Decoded once per document and kept for the last `SPANS_KEPT` documents until a change touches
        documents (here or in another program): a long transcript's turns take milliseconds to decode,
        and a window asks for them several times each time a document is opened."""
        doc = self.document(ref)
        kept: dict[int, tuple[Span, ...]] = self._cached("spans", dict)
        found = kept.pop(doc.id, None)
        if found is None:
            raw = json.loads(self._store.document_spans(doc.id) or "[]")
            found = tuple(Span(int(s), int(e), sp) for s, e, sp in raw)
        kept[doc.id] = found  # most recently used last
        while len(kept) > SPANS_KEPT:
            del kept[next(iter(kept))]
        return list(found)

    def paragraph_count(self, ref: int | str | Document) -> int:
        """How many paragraphs (speaker turns) the document has: `len(spans(ref))` without making a
        record of each (a listing of a thousand long transcripts counts them in a tenth of the time)."""
        doc = self.document(ref)
        kept: dict[int, tuple[Span, ...]] = self._cached("spans", dict)
        if doc.id in kept:
            return len(kept[doc.id])
        return len(json.loads(self._store.document_spans(doc.id) or "[]"))

    # ------------------------------------------------------------ cases
    def cases(self) -> list[Case]:
        return sorted(self._cases().values(), key=lambda c: c.name.lower())

    def _cases(self) -> dict[int, Case]:
        return self._cached("cases", lambda: {
            int(r["id"]): Case(int(r["id"]), r["name"], r["guid"]) for r in self._store.select("cases")})

    def case(self, ref: int | str | Case) -> Case:
        cases = self._cases()
        if isinstance(ref, Case):
            ref = ref.id
        if isinstance(ref, int) and ref in cases:
            return cases[ref]
        for c in cases.values():
            if c.name == ref:
                return c
        raise NotFound(f"no case named '{ref}' in the project")

    def find_case(self, name: str) -> Case | None:
        return next((c for c in self._cases().values() if c.name == name), None)

    def case_documents(self, ref: int | str | Case) -> list[Document]:
        case = self.case(ref)
        return [d for d in self.documents() if d.case_id == case.id]

    def attributes(self) -> list[Attribute]:
        return self._cached("attributes", lambda: [
            Attribute(int(r["id"]), r["name"], r["type"]) for r in self._store.select("attributes")])

    def case_values(self) -> dict[int, dict[str, str]]:
        """Attribute values per case id, by attribute name, in their stored canonical text form."""
        def load() -> dict[int, dict[str, str]]:
            names = {a.id: a.name for a in self.attributes()}
            out: dict[int, dict[str, str]] = {}
            for r in self._store.select("case_values"):
                out.setdefault(int(r["case_id"]), {})[names[int(r["attribute_id"])]] = r["value"]
            return out
        return self._cached("case_values", load)

    # ------------------------------------------------------------ coders
    def coders(self) -> list[Coder]:
        return list(self._coders().values())

    def _coders(self) -> dict[int, Coder]:
        return self._cached("coders", lambda: {
            int(r["id"]): Coder(int(r["id"]), r["name"], r["guid"]) for r in self._store.select("coders")})

    def coder(self, ref: int | str | Coder) -> Coder:
        coders = self._coders()
        if isinstance(ref, Coder):
            ref = ref.id
        if isinstance(ref, int) and ref in coders:
            return coders[ref]
        for c in coders.values():
            if c.name == ref:
                return c
        raise NotFound(f"no coder named '{ref}' in the project")

    def find_coder(self, name: str) -> Coder | None:
        return next((c for c in self._coders().values() if c.name == name), None)

    # ------------------------------------------------------------ codes
    def codes(self) -> list[Code]:
        """All codes, depth-first in tree order (parents before children, siblings by position)."""
        def load() -> list[Code]:
            rows = [Code(int(r["id"]), r["guid"], r["parent_id"], r["name"], r["colour"], r["definition"],
                         r["inclusion"], r["exclusion"], r["origin"], int(r["position"]))
                    for r in self._store.select("codes")]
            children: dict[int | None, list[Code]] = {}
            for c in rows:
                children.setdefault(c.parent_id, []).append(c)
            ordered: list[Code] = []

            def walk(parent: int | None) -> None:
                for c in sorted(children.get(parent, []), key=lambda c: (c.position, c.id)):
                    ordered.append(c)
                    walk(c.id)
            walk(None)
            return ordered
        return self._cached("codes", load)

    def code(self, ref: int | str | Code) -> Code:
        if isinstance(ref, Code):
            ref = ref.id
        if isinstance(ref, int):
            for c in self.codes():
                if c.id == ref:
                    return c
            raise NotFound(f"no code with id {ref} in the project")
        found = self.find_code(ref)
        if found is None:
            raise NotFound(f"no code '{ref}' in the project (code paths join names with '/', "
                           f"e.g. 'Working alliance/Bond')")
        return found

    def find_code(self, path: str) -> Code | None:
        by_path = {p: cid for cid, p in self._code_paths().items()}
        cid = by_path.get(path.strip().strip("/"))
        return None if cid is None else self.code(cid)

    def code_path(self, ref: int | Code) -> str:
        return self._code_paths()[ref.id if isinstance(ref, Code) else ref]

    def _code_paths(self) -> dict[int, str]:
        def load() -> dict[int, str]:
            paths: dict[int, str] = {}
            for c in self.codes():  # parents come first
                paths[c.id] = c.name if c.parent_id is None else f"{paths[c.parent_id]}/{c.name}"
            return paths
        return self._cached("code_paths", load)

    def children(self, ref: int | Code | None) -> list[Code]:
        parent = None if ref is None else (ref.id if isinstance(ref, Code) else ref)
        return [c for c in self.codes() if c.parent_id == parent]

    def descendants(self, ref: int | Code) -> list[Code]:
        """The code's descendants in tree order, not including itself."""
        out: list[Code] = []
        stack = list(reversed(self.children(ref)))
        while stack:
            c = stack.pop()
            out.append(c)
            stack.extend(reversed(self.children(c)))
        return out

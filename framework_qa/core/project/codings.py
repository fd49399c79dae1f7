"""Commands and queries on codings: a code applied by a coder to a range of a document's text.

Methods whose docstring starts "Inside a running command" are write steps (see `cases.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError
from framework_qa.core.model import Code, Coder, Coding, Document
from framework_qa.core.project.base import ProjectBase, now
from framework_qa.core.project.codes import CodeOps
from framework_qa.core.project.guids import free_guid


@dataclass(frozen=True)
class CodingRequest:
    """One coding to create; `code` is a path or id, `coder` a name (created if new)."""

    document: int | str
    start: int
    end: int
    code: int | str
    coder: str
    memo: str = ""


def _coding(r: object) -> Coding:
    return Coding(int(r["id"]), int(r["document_id"]), int(r["code_id"]), int(r["coder_id"]),  # type: ignore[index]
                  int(r["start"]), int(r["end"]), r["memo"], r["created_at"], r["guid"])  # type: ignore[index]


class CodingOps(CodeOps, ProjectBase):
    # ------------------------------------------------------------ queries
    def codings(self, *, document: int | str | Document | None = None,
                code: int | str | Code | None = None, coders: Iterable[int | str | Coder] | None = None,
                with_descendants: bool = False, with_memo: bool = False) -> list[Coding]:
        """Codings ordered by document and position, filtered by document, code and coders; `with_memo`:
        only those with a memo (the database picks them, so a project's memo list never reads them all)."""
        code_ids: list[int] | None = None
        if code is not None:
            c = self.code(code)
            code_ids = [c.id] + ([d.id for d in self.descendants(c)] if with_descendants else [])
        rows = self._store.codings(
            document_ids=None if document is None else [self.document(document).id],
            code_ids=code_ids,
            coder_ids=None if coders is None else [self.coder(c).id for c in coders], with_memo=with_memo)
        return [_coding(r) for r in rows]

    def coding(self, coding_id: int) -> Coding:
        row = self._store.row("codings", coding_id)
        if row is None:
            raise FqaError(f"coding {coding_id} no longer exists")
        return _coding(row)

    def coding_counts(self, coders: Iterable[int | str | Coder] | None = None) -> dict[int, int]:
        """Number of codings per code id (codes without codings are absent)."""
        return self._store.coding_counts(None if coders is None else [self.coder(c).id for c in coders])

    # ------------------------------------------------------------ commands
    def add_coder(self, name: str) -> Change:
        name = name.strip()
        if not name:
            raise FqaError("a coder needs a name")
        if self.find_coder(name):
            raise FqaError(f"a coder named '{name}' already exists")
        _, change = self._run(f"Add coder '{name}'", lambda: self.ensure_coder(name))
        return change

    def ensure_coder(self, name: str, guid: str | None = None) -> int:
        """Inside a running command: the id of the coder named `name` (stripped), created if missing.

        A new coder gets `guid` when no coder has it yet (an import keeping identities), else a fresh one.
        A coder the project already knows costs no query (on a server, one round trip less per coding);
        should a colleague have deleted it unseen, the row that refers to it is refused by its foreign key.
        """
        name = name.strip()
        if not name:
            raise FqaError("a coder needs a name")
        known = self.find_coder(name)
        if known is not None:
            return known.id
        rows = self._store.select("coders", ("id",), name=name)
        return int(rows[0]["id"]) if rows else self._store.insert(
            "coders", {"name": name, "guid": free_guid(self._store, "coders", guid)})

    def _check_range(self, doc: Document, start: int, end: int) -> None:
        if not (0 <= start < end <= doc.length):
            raise FqaError(f"range {start}-{end} is not inside '{doc.name}' (0-{doc.length}, end exclusive, "
                           "start before end)")

    def add_coding(self, document: int | str | Document, start: int, end: int, code: int | str | Code,
                   coder: str, memo: str = "", *, emergent: bool = False) -> Change:
        """Code `text[start:end]`; with `emergent`, a missing code path is created as an emergent theme."""
        self._check_identity(coder)
        doc = self.document(document)
        self._check_range(doc, start, end)
        target = None if emergent and isinstance(code, str) and self.find_code(code) is None else self.code(code)

        def body() -> int:
            code_id = target.id if target else self.ensure_code_path(str(code), origin="emergent")
            return self.insert_coding(doc.id, start, end, code_id, self.ensure_coder(coder), memo)
        name = target.name if target else str(code).rsplit("/", 1)[-1]
        _, change = self._run(f"Code as '{name}'", body)
        return change

    def _check_identity(self, coder: str) -> None:
        """On a server project the coder is the logged-in user: nobody codes under a colleague's name."""
        who = self._store.identity
        if who is not None and coder.strip() != who:
            raise FqaError(f"on this server project you code as yourself ('{who}'); coding as '{coder}' "
                           "is refused")

    def insert_coding(self, doc_id: int, start: int, end: int, code_id: int, coder_id: int, memo: str = "", *,
                      created_at: str | None = None, guid: str | None = None) -> int:
        """Inside a running command: store one coding and return its id.

        The caller has checked the range against the stored text. `created_at` (ISO 8601) defaults to
        now; the row gets `guid` when no coding has it yet, else a fresh one.
        """
        return self._store.insert("codings", {
            "document_id": doc_id, "code_id": code_id, "coder_id": coder_id, "start": start, "end": end,
            "memo": memo, "created_at": created_at or now(), "guid": free_guid(self._store, "codings", guid)})

    def set_coding_memo(self, coding_id: int, memo: str) -> None:
        """Inside a running command: replace the memo of one coding (empty text clears it)."""
        self._store.update("codings", coding_id, {"memo": memo})

    def add_codings(self, requests: Sequence[CodingRequest], *, label: str | None = None,
                    create_codes: bool = False) -> Change:
        """Create many codings as one command; any invalid request rejects them all (numbered from 1)."""
        resolved: list[tuple[int, int, int, int | str, str, str]] = []
        for n, r in enumerate(requests, start=1):
            try:
                doc = self.document(r.document)
                self._check_range(doc, r.start, r.end)
                code: int | str = r.code if create_codes and isinstance(r.code, str) and \
                    self.find_code(r.code) is None else self.code(r.code).id
                if not r.coder.strip():
                    raise FqaError("no coder named")
                self._check_identity(r.coder)
            except FqaError as exc:
                raise FqaError(f"coding {n}: {exc}") from None
            resolved.append((doc.id, r.start, r.end, code, r.coder, r.memo))

        def body() -> None:
            for doc_id, start, end, code, coder, memo in resolved:
                code_id = code if isinstance(code, int) else self.ensure_code_path(code, origin="emergent")
                self.insert_coding(doc_id, start, end, code_id, self.ensure_coder(coder), memo)
        _, change = self._run(label or f"Add {len(resolved)} codings", body)
        return change

    def set_coverage(self, document: int | str | Document, code: int | str | Code, coder: str, start: int,
                     end: int, ranges: Sequence[tuple[int, int]], *, label: str) -> Change:
        """Make `coder`'s coding of `code` inside [start, end) exactly `ranges`, as one command.

        Codings that reach outside the stretch keep their outside parts (with their memos); the coder is
        created if new. Used to write a reconciled (consensus) version of a disagreement.
        """
        doc, target = self.document(document), self.code(code)
        self._check_range(doc, start, end)
        for s, e in ranges:
            if not start <= s < e <= end:
                raise FqaError(f"range {s}-{e} is not inside the stretch {start}-{end}")
        existing = self.find_coder(coder)
        current = [] if existing is None else self.codings(document=doc, code=target, coders=[existing.id])

        def body() -> None:
            coder_id = self.ensure_coder(coder)
            for c in current:
                if c.start < end and c.end > start:
                    self._store.delete("codings", c.id)
                    for s, e in ((c.start, start), (end, c.end)):
                        if s < e:
                            self.insert_coding(doc.id, s, e, target.id, coder_id, c.memo)
            for s, e in ranges:
                self.insert_coding(doc.id, s, e, target.id, coder_id, "")
        _, change = self._run(label, body)
        return change

    def remove_coding(self, coding_id: int) -> Change:
        coding = self.coding(coding_id)
        _, change = self._run(f"Uncode '{self.code(coding.code_id).name}'",
                              lambda: self._store.delete("codings", coding_id))
        return change

    def remove_codings(self, coding_ids: Iterable[int], label: str = "Uncode") -> Change:
        ids = list(coding_ids)

        def body() -> None:
            for cid in ids:
                self._store.delete("codings", cid)
        _, change = self._run(label, body)
        return change

    def update_coding(self, coding_id: int, *, start: int | None = None, end: int | None = None,
                      code: int | str | Code | None = None, memo: str | None = None) -> Change:
        """Widen/narrow a coding's range, change its code, or set its memo."""
        coding = self.coding(coding_id)
        doc = self.document(coding.document_id)
        new_start = coding.start if start is None else start
        new_end = coding.end if end is None else end
        self._check_range(doc, new_start, new_end)
        values: dict[str, object] = {"start": new_start, "end": new_end}
        label = "Change coding boundaries"
        if code is not None:
            target = self.code(code)
            values["code_id"] = target.id
            label = f"Change code to '{target.name}'"
        if memo is not None:
            values["memo"] = memo
            if start is None and end is None and code is None:
                label = "Edit coding memo"
        _, change = self._run(label, lambda: self._store.update("codings", coding_id, values))
        return change

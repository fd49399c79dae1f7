"""Memos, charted summaries (framework-matrix cells) and saved views.

Methods whose docstring starts "Inside a running command" are write steps (see `cases.py`).
"""

from __future__ import annotations

import json
from typing import Any

from framework_qa.core.commands import Change
from framework_qa.core.model import Memo, MemoTarget, Summary
from framework_qa.core.project.base import ProjectBase, now

_TARGETS = ("project", "document", "case", "code")


def _check_target(kind: str) -> None:
    if kind not in _TARGETS:
        raise ValueError(f"memo target must be one of {_TARGETS}")


class MemoOps(ProjectBase):
    def memos(self) -> list[Memo]:
        return [Memo(int(r["id"]), r["target_kind"], int(r["target_id"]), r["text"], r["updated_at"])
                for r in self._store.select("memos")]

    def memo(self, kind: MemoTarget, target_id: int = 0) -> str:
        rows = self._store.select("memos", ("text",), target_kind=kind, target_id=target_id)
        return str(rows[0]["text"]) if rows else ""

    def set_memo(self, kind: MemoTarget, target_id: int, text: str) -> Change:
        """Write the memo of a project (target 0), document, case or code; empty text removes it."""
        _check_target(kind)
        _, change = self._run(f"Edit {kind} memo", lambda: self.write_memo(kind, target_id, text))
        return change

    def write_memo(self, kind: MemoTarget, target_id: int, text: str) -> None:
        """Inside a running command: make `text` the memo of the target; blank text removes the memo."""
        _check_target(kind)
        rows = self._store.select("memos", ("id",), target_kind=kind, target_id=target_id)
        if rows and not text.strip():
            self._store.delete("memos", int(rows[0]["id"]))
        elif rows:
            self._store.update("memos", int(rows[0]["id"]), {"text": text, "updated_at": now()})
        elif text.strip():
            self._store.insert("memos", {"target_kind": kind, "target_id": target_id, "text": text,
                                         "updated_at": now()})

    def append_memo(self, kind: MemoTarget, target_id: int, text: str) -> bool:
        """Inside a running command: add `text` below the target's memo (a blank line between).

        A memo already there is kept, never overwritten, so merging material in loses none of the
        analyst's notes. Returns whether the target already had a memo.
        """
        rows = self._store.select("memos", ("text",), target_kind=kind, target_id=target_id)
        old = str(rows[0]["text"]) if rows else ""
        self.write_memo(kind, target_id, f"{old}\n\n{text}" if old.strip() else text)
        return bool(rows)

    def summaries(self) -> list[Summary]:
        return [Summary(int(r["id"]), int(r["case_id"]), int(r["code_id"]), r["text"], r["updated_at"])
                for r in self._store.select("summaries")]

    def summary(self, case_id: int, code_id: int) -> str:
        rows = self._store.select("summaries", ("text",), case_id=case_id, code_id=code_id)
        return str(rows[0]["text"]) if rows else ""

    def set_summary(self, case: int | str, code: int | str, text: str) -> Change:
        """Write the analyst's summary for a case and a code; empty text removes it."""
        case_id, code_id = self.case(case).id, self.code(code).id

        def body() -> None:
            rows = self._store.select("summaries", ("id",), case_id=case_id, code_id=code_id)
            if rows and not text.strip():
                self._store.delete("summaries", int(rows[0]["id"]))
            elif rows:
                self._store.update("summaries", int(rows[0]["id"]), {"text": text, "updated_at": now()})
            elif text.strip():
                self._store.insert("summaries", {"case_id": case_id, "code_id": code_id, "text": text,
                                                 "updated_at": now()})
        _, change = self._run(f"Edit summary {self.case(case_id).name} × {self.code(code_id).name}", body)
        return change

    def write_summary(self, case_id: int, code_id: int, text: str, updated_at: str | None = None) -> None:
        """Inside a running command: make `text` the summary of a case and code unless one is there.

        An existing summary is kept (merging material in never overwrites the analyst's charting);
        returns nothing, the caller reads `summary` first when it must report that.
        """
        if text.strip() and not self._store.select("summaries", ("id",), case_id=case_id, code_id=code_id):
            self._store.insert("summaries", {"case_id": case_id, "code_id": code_id, "text": text,
                                             "updated_at": updated_at or now()})

    def write_view(self, kind: str, name: str, spec: dict[str, Any]) -> bool:
        """Inside a running command: store a saved view unless one of that kind and name exists; returns
        whether it was stored (an existing view is kept, never overwritten)."""
        if self._store.select("saved_views", ("id",), kind=kind, name=name):
            return False
        self._store.insert("saved_views", {"kind": kind, "name": name,
                                           "spec": json.dumps(spec, ensure_ascii=False, sort_keys=True)})
        return True

    def views(self, kind: str) -> dict[str, dict[str, Any]]:
        """Saved views of one kind (e.g. 'matrix') by name."""
        return {r["name"]: json.loads(r["spec"]) for r in self._store.select("saved_views", kind=kind)}

    def save_view(self, kind: str, name: str, spec: dict[str, Any]) -> Change:
        def body() -> None:
            rows = self._store.select("saved_views", ("id",), kind=kind, name=name)
            payload = json.dumps(spec, ensure_ascii=False, sort_keys=True)
            if rows:
                self._store.update("saved_views", int(rows[0]["id"]), {"spec": payload})
            else:
                self._store.insert("saved_views", {"kind": kind, "name": name, "spec": payload})
        _, change = self._run(f"Save {kind} '{name}'", body)
        return change

    def delete_view(self, kind: str, name: str) -> Change:
        def body() -> None:
            for r in self._store.select("saved_views", ("id",), kind=kind, name=name):
                self._store.delete("saved_views", int(r["id"]))
        _, change = self._run(f"Delete {kind} '{name}'", body)
        return change

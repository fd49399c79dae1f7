"""Writing an exchange code tree into a project, inside a running command.

Codes keep their GUIDs, so a code already in the project (same GUID: an earlier import, or the same
framework) is matched rather than duplicated, and a round trip or later merge lines up. Names are
adapted where framework-qa's rules differ ('/' separates code paths; sibling names are unique), and
every adaptation is reported.
"""

from __future__ import annotations

from framework_qa.core.interop.refi import ImportReport, RefiCode
from framework_qa.core.project.codes import PALETTE
from framework_qa.core.storage import Store

from .descriptions import parse_description

SLASH_STANDIN = "∕"  # U+2215 DIVISION SLASH: looks like '/' without splitting the code path


class CodeTreeWriter:
    """Maps exchange code GUIDs to project code ids, creating the codes that are missing."""

    def __init__(self, store: Store, report: ImportReport) -> None:
        self._store = store
        self._report = report
        rows = store.select("codes", ("id", "guid", "parent_id", "name", "position"))
        self.ids: dict[str, int] = {str(r["guid"]).strip("{}").lower(): int(r["id"]) for r in rows}
        self._names: dict[int | None, set[str]] = {}
        self._next: dict[int | None, int] = {}
        for r in rows:
            self._names.setdefault(r["parent_id"], set()).add(r["name"])
            self._next[r["parent_id"]] = max(self._next.get(r["parent_id"], 0), int(r["position"]) + 1)
        self._count = len(rows)
        self.created = 0
        self.matched = 0
        self.categories = 0

    def add(self, codes: tuple[RefiCode, ...], parent: int | None = None, path: str = "") -> None:
        for code in codes:
            known = self.ids.get(code.guid)
            if known is not None:
                self.matched += 1
                code_id = known
            else:
                code_id = self._insert(code, parent, path)
            self.add(code.children, code_id, f"{path}/{code.name}" if path else code.name)

    def _insert(self, code: RefiCode, parent: int | None, path: str) -> int:
        where = f"Code {'/'.join(p for p in (path, code.name) if p)!r}"
        name = code.name.strip() or "(unnamed code)"
        if "/" in name:
            name = name.replace("/", SLASH_STANDIN)
            self._report.adjusted.append(
                f"{where}: '/' separates code paths in framework-qa, so the name became {name!r}.")
        siblings = self._names.setdefault(parent, set())
        if name in siblings:
            base, n = name, 2
            while f"{base} ({n})" in siblings:
                n += 1
            name = f"{base} ({n})"
            self._report.adjusted.append(f"{where}: another code of that name has the same parent; named {name!r}.")
        siblings.add(name)
        if not code.is_codable:
            self.categories += 1
        definition, inclusion, exclusion = parse_description(code.description)
        position = self._next.get(parent, 0)
        self._next[parent] = position + 1
        code_id = self._store.insert("codes", {
            "guid": code.guid, "parent_id": parent, "name": name,
            "colour": code.colour or PALETTE[self._count % len(PALETTE)], "definition": definition,
            "inclusion": inclusion, "exclusion": exclusion, "origin": "deductive", "position": position})
        self._count += 1
        self.created += 1
        self.ids[code.guid] = code_id
        return code_id

    def summarise(self) -> None:
        if self.matched:
            self._report.adjusted.append(
                f"{self.matched} code(s) were already in the project (same identifier) and were kept as they are.")
        if self.categories:
            self._report.adjusted.append(
                f"{self.categories} code(s) marked as categories that cannot be coded became ordinary codes "
                "(framework-qa lets any code be coded).")

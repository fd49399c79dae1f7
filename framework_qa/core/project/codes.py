"""Commands on the codebook: frameworks, codes and emergent themes.

Methods whose docstring starts "Inside a running command" are write steps (see `cases.py`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError
from framework_qa.core.model import Code, Origin
from framework_qa.core.project.base import ProjectBase, new_guid

if TYPE_CHECKING:  # frameworks load when one is added, not when a project opens
    from framework_qa.core.frameworks import CodeSpec

PALETTE = ("#e15759", "#4e79a7", "#f28e2b", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#8cd17d", "#86bcb6", "#d37295")
_EDITABLE = {"name", "colour", "definition", "inclusion", "exclusion", "origin"}


def check_code_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise FqaError("a code needs a name")
    if "/" in name:
        raise FqaError(f"'{name}': a code name cannot contain '/', which separates code paths")
    return name


class CodeOps(ProjectBase):
    def add_framework(self, key_or_path: str | Path) -> Change:
        """Add a shipped framework (by key) or a framework file; codes already present are kept.

        Codes match by their stable GUID, so adding a framework twice, or after renaming one of its codes,
        adds only what is missing.
        """
        from framework_qa.core.frameworks import load_framework

        framework = load_framework(key_or_path)
        known = {c.guid: c.id for c in self.codes()}

        def add(spec: CodeSpec, parent: int | None, position: int) -> None:
            code_id = known.get(spec.guid)
            if code_id is None:
                code_id = self.insert_code(
                    spec.name, parent, "deductive", spec.colour or PALETTE[position % len(PALETTE)],
                    spec.definition, spec.inclusion, spec.exclusion, guid=spec.guid,
                    position=position if parent is not None else None)
            for i, child in enumerate(spec.children):
                add(child, code_id, i)
        _, change = self._run(f"Add framework '{framework.name}'", lambda: add(framework.root, None, 0))
        return change

    def _next_position(self, parent: int | None) -> int:
        rows = self._store.select("codes", ("position",), parent_id=parent)
        return 1 + max((int(r["position"]) for r in rows), default=-1)

    def _check_sibling_name(self, parent: int | None, name: str, except_id: int | None = None) -> None:
        for sibling in self.children(parent):
            if sibling.name == name and sibling.id != except_id:
                where = f"under '{self.code_path(parent)}'" if parent is not None else "at the top level"
                raise FqaError(f"a code named '{name}' already exists {where}")

    def add_code(self, name: str, *, parent: int | str | Code | None = None, origin: Origin = "emergent",
                 colour: str | None = None, definition: str = "", inclusion: str = "",
                 exclusion: str = "") -> Change:
        """Add a code; with the default origin this is an emergent theme (under a code, or on its own)."""
        name = check_code_name(name)
        parent_id = None if parent is None else self.code(parent).id
        self._check_sibling_name(parent_id, name)

        def body() -> int:
            return self.insert_code(name, parent_id, origin, colour, definition, inclusion, exclusion)
        _, change = self._run(f"Add {'theme' if origin == 'emergent' else 'code'} '{name}'", body)
        return change

    def insert_code(self, name: str, parent_id: int | None, origin: Origin, colour: str | None = None,
                    definition: str = "", inclusion: str = "", exclusion: str = "", *,
                    guid: str | None = None, position: int | None = None) -> int:
        """Inside a running command: store one code and return its id.

        The caller has checked the name (`check_code_name`, free among its siblings). Codes are matched
        by GUID, so a given `guid` is stored as it is and must be new (callers look it up first);
        without one the code gets a fresh GUID. `colour` defaults to the palette's next colour,
        `position` to after the last sibling.
        """
        count = len(self._store.select("codes", ("id",)))
        return self._store.insert("codes", {
            "guid": guid or new_guid(), "parent_id": parent_id, "name": name,
            "colour": colour or PALETTE[count % len(PALETTE)], "definition": definition,
            "inclusion": inclusion, "exclusion": exclusion, "origin": origin,
            "position": self._next_position(parent_id) if position is None else position})

    def free_code_name(self, parent_id: int | None, wanted: str) -> str:
        """Inside a running command: `wanted` if no sibling under `parent_id` has it, else `wanted (n)`.

        n ≥ 2 is the least free; reads the file, so siblings added earlier in the same command count.
        """
        name, n = wanted, 2
        while self._store.select("codes", ("id",), parent_id=parent_id, name=name):
            name, n = f"{wanted} ({n})", n + 1
        return name

    def ensure_code_path(self, path: str, *, origin: Origin = "emergent") -> int:
        """Inside a running command: the id of the code at `path`, creating missing levels."""
        parent: int | None = None
        built = ""
        for part in [p for p in path.strip().strip("/").split("/")]:
            part = check_code_name(part)
            built = f"{built}/{part}" if built else part
            rows = self._store.select("codes", ("id",), parent_id=parent, name=part)
            parent = int(rows[0]["id"]) if rows else self.insert_code(part, parent, origin)
        if parent is None:
            raise FqaError("an empty code path")
        return parent

    def update_code(self, ref: int | str | Code, **fields: str) -> Change:
        """Edit name, colour, definition, inclusion, exclusion or origin (`deductive`/`emergent`)."""
        code = self.code(ref)
        unknown = set(fields) - _EDITABLE
        if unknown:
            raise FqaError(f"cannot edit {', '.join(sorted(unknown))} of a code")
        if "name" in fields:
            fields["name"] = check_code_name(fields["name"])
            self._check_sibling_name(code.parent_id, fields["name"], code.id)
        if "origin" in fields and fields["origin"] not in ("deductive", "emergent"):
            raise FqaError("origin is 'deductive' or 'emergent'")
        what = "Rename" if set(fields) == {"name"} else "Edit"
        _, change = self._run(f"{what} code '{code.name}'", lambda: self._store.update("codes", code.id, fields))
        return change

    def move_code(self, ref: int | str | Code, parent: int | str | Code | None, position: int | None = None) -> Change:
        """Move a code (with its subtree) under `parent` (None: top level) at `position` among siblings."""
        code = self.code(ref)
        parent_id = None if parent is None else self.code(parent).id
        if parent_id == code.id or parent_id in {d.id for d in self.descendants(code)}:
            raise FqaError(f"cannot move '{code.name}' inside itself")
        self._check_sibling_name(parent_id, code.name, code.id)
        siblings = [c for c in self.children(parent_id) if c.id != code.id]
        index = len(siblings) if position is None else max(0, min(position, len(siblings)))
        siblings.insert(index, code)

        def body() -> None:
            for i, c in enumerate(siblings):
                values: dict[str, object] = {"position": i}
                if c.id == code.id:
                    values["parent_id"] = parent_id
                if c.id == code.id or c.position != i:
                    self._store.update("codes", c.id, values)
        _, change = self._run(f"Move code '{code.name}'", body)
        return change

    def merge_codes(self, source: int | str | Code, target: int | str | Code) -> Change:
        """Merge `source` into `target`: its codings, children, summaries and memo move; it is deleted."""
        src, dst = self.code(source), self.code(target)
        if src.id == dst.id or dst.id in {d.id for d in self.descendants(src)}:
            raise FqaError(f"cannot merge '{src.name}' into itself or one of its own codes")

        def body() -> None:
            for row in self._store.codings(code_ids=[src.id]):
                self._store.update("codings", int(row["id"]), {"code_id": dst.id})
            for child in self.children(src):
                self._store.update("codes", child.id, {"parent_id": dst.id, "position": self._next_position(dst.id)})
            for row in self._store.select("summaries", code_id=src.id):
                twin = self._store.select("summaries", case_id=row["case_id"], code_id=dst.id)
                if twin:
                    merged = f"{twin[0]['text']}\n\n{row['text']}".strip()
                    self._store.update("summaries", int(twin[0]["id"]), {"text": merged})
                    self._store.delete("summaries", int(row["id"]))
                else:
                    self._store.update("summaries", int(row["id"]), {"code_id": dst.id})
            self._move_memo(src.id, dst.id)
            self._store.delete("codes", src.id)
        _, change = self._run(f"Merge '{src.name}' into '{dst.name}'", body)
        return change

    def _move_memo(self, src: int, dst: int) -> None:
        for row in self._store.select("memos", target_kind="code", target_id=src):
            twin = self._store.select("memos", target_kind="code", target_id=dst)
            if twin:
                self._store.update("memos", int(twin[0]["id"]), {"text": f"{twin[0]['text']}\n\n{row['text']}"})
                self._store.delete("memos", int(row["id"]))
            else:
                self._store.update("memos", int(row["id"]), {"target_id": dst})

    def affected_codings(self, ref: int | str | Code) -> int:
        """How many codings deleting this code (with its descendants) would remove."""
        code = self.code(ref)
        ids = [code.id, *(d.id for d in self.descendants(code))]
        return len(self._store.codings(code_ids=ids))

    def delete_code(self, ref: int | str | Code) -> Change:
        """Delete a code, its descendants, and all their codings, summaries and memos."""
        code = self.code(ref)
        doomed = [code, *self.descendants(code)]

        def body() -> None:
            ids = [c.id for c in doomed]
            for row in self._store.codings(code_ids=ids):
                self._store.delete("codings", int(row["id"]))
            for c in reversed(doomed):  # children before parents
                for row in self._store.select("summaries", ("id",), code_id=c.id):
                    self._store.delete("summaries", int(row["id"]))
                for row in self._store.select("memos", ("id",), target_kind="code", target_id=c.id):
                    self._store.delete("memos", int(row["id"]))
                self._store.delete("codes", c.id)
        _, change = self._run(f"Delete code '{code.name}'", body)
        return change

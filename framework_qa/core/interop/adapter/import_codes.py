"""Writing an exchange code tree into a project, inside a running command.

Codes keep their GUIDs, so a code already in the project (same GUID: an earlier import, or the same
framework) is matched rather than duplicated, and a round trip or later merge lines up. A codebook
import (`match_paths=True`) then also matches by path: a code with the same name under the same
(matched) parent that was in the project before the import is taken as the same code even though its
GUID differs, since another tool's copy of a codebook, or emergent themes made in a colleague's copy,
carry other GUIDs for the same codes, and "Feeling judged (2)" beside "Feeling judged" helps nobody.
A project import keeps same-named codes with other GUIDs apart (their codings may mean something
else). Names are adapted where framework-qa's rules differ ('/' separates code paths; sibling names
are unique), and every match and adaptation is reported. Names are otherwise kept exactly as written,
leading and trailing spaces included: a silent trim would make a code another tool keeps apart from its
neighbour ('Work ' beside 'Work') collide, or stop matching the tool's copy by path. A new code's
description gives its definition, inclusion, exclusion and memo (see `descriptions`); the memo is left
in `memos` for the caller to write with the other memos.
"""

from __future__ import annotations

from framework_qa.core.interop.refi import ImportReport, RefiCode
from framework_qa.core.model import Origin
from framework_qa.core.project import Project

from .descriptions import parse_code_description

SLASH_STANDIN = "∕"  # U+2215 DIVISION SLASH: looks like '/' without splitting the code path


def _blank_named(name: str) -> str:
    """`name` as written, unless it is blank (readers already replace those; other callers may not)."""
    return name if name.strip() else "(unnamed code)"


class CodeTreeWriter:
    """Maps exchange code GUIDs to project code ids, creating the codes that are missing.

    Construct it at the start of the command, before anything is written, while the project's cached
    queries still match the file; new codes are written with the project's `insert_code` step.
    """

    def __init__(self, project: Project, report: ImportReport, *, match_paths: bool = False,
                 fields: dict[str, dict[str, str]] | None = None) -> None:
        self._project = project
        self._fields = fields or {}  # code GUID -> origin and exact fields from framework-qa's extension
        self._report = report
        existing = project.codes()
        self.ids: dict[str, int] = {c.guid.strip("{}").lower(): c.id for c in existing}
        # (parent id, name) -> id of the codes there before the import, for matching by path
        self._places: dict[tuple[int | None, str], int] | None = \
            {(c.parent_id, c.name): c.id for c in existing} if match_paths else None
        self._taken: set[int] = set()  # project codes already matched, by GUID or path
        self.created = 0
        self.matched = 0
        self.matched_paths: list[str] = []  # code paths matched by path, not GUID
        self.categories = 0
        self.memos: dict[int, str] = {}  # new code id -> the memo its description carried

    def add(self, codes: tuple[RefiCode, ...], parent: int | None = None, path: str = "") -> None:
        for code in codes:
            here = f"{path}/{code.name}" if path else code.name
            known = self.ids.get(code.guid)
            if known is not None:
                self.matched += 1
                code_id = known
            elif (by_path := self._at_path(code, parent)) is not None:
                self.matched_paths.append(here)
                self.ids[code.guid] = code_id = by_path
            else:
                code_id = self._insert(code, parent, path)
            self._taken.add(code_id)
            self.add(code.children, code_id, here)

    def _at_path(self, code: RefiCode, parent: int | None) -> int | None:
        """The pre-existing, not yet matched code of this name (as it would be stored) under `parent`."""
        if self._places is None:
            return None
        name = _blank_named(code.name).replace("/", SLASH_STANDIN)
        found = self._places.get((parent, name))
        return None if found is None or found in self._taken else found

    def _insert(self, code: RefiCode, parent: int | None, path: str) -> int:
        where = f"Code {'/'.join(p for p in (path, code.name) if p)!r}"
        name = _blank_named(code.name)
        if name != code.name:
            self._report.adjusted.append(f"{where}: a code needs a name; named {name!r}.")
        if "/" in name:
            name = name.replace("/", SLASH_STANDIN)
            self._report.adjusted.append(
                f"{where}: '/' separates code paths in framework-qa, so the name became {name!r}.")
        free = self._project.free_code_name(parent, name)
        if free != name:
            name = free
            self._report.adjusted.append(f"{where}: another code of that name has the same parent; named {name!r}.")
        if not code.is_codable:
            self.categories += 1
        definition, inclusion, exclusion, memo = parse_code_description(code.description)
        own = self._fields.get(code.guid, {})
        if own:  # framework-qa's own project: exact fields, and the memo comes as its Note
            definition, inclusion, exclusion = (str(own.get(k, "")) for k in ("definition", "inclusion", "exclusion"))
            memo = ""
        origin: Origin = "emergent" if own.get("origin") == "emergent" else "deductive"
        code_id = self._project.insert_code(name, parent, origin, code.colour, definition, inclusion,
                                            exclusion, guid=code.guid)
        self.created += 1
        self.ids[code.guid] = code_id
        if memo.strip():
            self.memos[code_id] = memo
        return code_id

    def summarise(self) -> None:
        if self.matched:
            self._report.adjusted.append(
                f"{self.matched} code(s) were already in the project (same identifier) and were kept as they are.")
        if self.matched_paths:
            shown = ", ".join(repr(p) for p in self.matched_paths[:10])
            more = f" and {len(self.matched_paths) - 10} more" if len(self.matched_paths) > 10 else ""
            self._report.adjusted.append(
                f"{len(self.matched_paths)} code(s) matched a code already in the project by path (same name "
                f"under the same parent, another identifier) and were kept as they are: {shown}{more}.")
        if self.categories:
            self._report.adjusted.append(
                f"{self.categories} code(s) marked as categories that cannot be coded became ordinary codes "
                "(framework-qa lets any code be coded).")

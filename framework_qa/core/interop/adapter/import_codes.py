"""Writing an exchange code tree into a project, inside a running command.

Codes keep their GUIDs, so a code already in the project (same GUID: an earlier import, or the same
framework) is matched rather than duplicated, and a round trip or later merge lines up. Names are
adapted where framework-qa's rules differ ('/' separates code paths; sibling names are unique), and
every adaptation is reported.
"""

from __future__ import annotations

from framework_qa.core.interop.refi import ImportReport, RefiCode
from framework_qa.core.project import Project

from .descriptions import parse_description

SLASH_STANDIN = "∕"  # U+2215 DIVISION SLASH: looks like '/' without splitting the code path


class CodeTreeWriter:
    """Maps exchange code GUIDs to project code ids, creating the codes that are missing.

    Construct it at the start of the command, before anything is written, while the project's cached
    queries still match the file; new codes are written with the project's `insert_code` step.
    """

    def __init__(self, project: Project, report: ImportReport) -> None:
        self._project = project
        self._report = report
        self.ids: dict[str, int] = {c.guid.strip("{}").lower(): c.id for c in project.codes()}
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
        free = self._project.free_code_name(parent, name)
        if free != name:
            name = free
            self._report.adjusted.append(f"{where}: another code of that name has the same parent; named {name!r}.")
        if not code.is_codable:
            self.categories += 1
        definition, inclusion, exclusion = parse_description(code.description)
        code_id = self._project.insert_code(name, parent, "deductive", code.colour, definition, inclusion,
                                            exclusion, guid=code.guid)
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

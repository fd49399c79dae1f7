"""Quick keys 1-9 bound to codes, remembered per project file in QSettings.

Bindings are stored by code GUID, not id, so they survive a code being deleted and restored by undo, and
stay with the project file rather than with one database row numbering.

A new project (no codings yet, no bindings stored) is offered keys at once: 1-9 go to the codes of its
first framework (its leaf codes, in codebook order), so the first coding session needs no set-up. The
offer is stored like any assignment, with a marker, so it is made only once per project file.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QObject, QSettings, Signal

from framework_qa.core.project import Project

KEYS = range(1, 10)
_OFFERED = "defaults_offered"


def _settings() -> QSettings:
    return QSettings("framework-qa", "framework-qa")


class QuickKeys(QObject):
    """The 1-9 bindings of one project; `changed` fires after any assignment."""

    changed = Signal()

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project = project
        digest = hashlib.sha1(str(project.path.resolve()).encode("utf-8")).hexdigest()[:16]
        self._group = f"quick_keys/{digest}"
        self._guids: dict[int, str] = {}
        settings = _settings()
        settings.beginGroup(self._group)
        for n in KEYS:
            value = settings.value(str(n))
            if isinstance(value, str) and value:
                self._guids[n] = value
        fresh = not settings.childKeys()
        settings.endGroup()
        if fresh and not project.coding_counts():
            defaults = default_bindings(project)
            if defaults:
                self._guids = defaults
                self._save()


    def code_for(self, n: int) -> int | None:
        """The id of the code bound to key `n`, or None (unbound, or its code no longer exists)."""
        guid = self._guids.get(n)
        if guid is None:
            return None
        return next((c.id for c in self._project.codes() if c.guid == guid), None)

    def key_of(self, code_id: int) -> int | None:
        guid = next((c.guid for c in self._project.codes() if c.id == code_id), None)
        return next((n for n, g in self._guids.items() if g == guid), None) if guid else None

    def keys_by_code(self) -> dict[int, int]:
        """{code id: key} for every binding whose code exists."""
        by_guid = {c.guid: c.id for c in self._project.codes()}
        return {by_guid[g]: n for n, g in self._guids.items() if g in by_guid}

    def assign(self, n: int, code_id: int | None) -> None:
        """Bind key `n` to the code (taking it from any other code), or unbind it with None."""
        if n not in KEYS:
            raise ValueError("quick keys are 1 to 9")
        if code_id is not None:
            guid = self._project.code(code_id).guid
            for other, g in list(self._guids.items()):
                if g == guid:
                    del self._guids[other]
            self._guids[n] = guid
        else:
            self._guids.pop(n, None)
        self._save()
        self.changed.emit()

    def _save(self) -> None:
        settings = _settings()
        settings.beginGroup(self._group)
        for key in KEYS:
            if key in self._guids:
                settings.setValue(str(key), self._guids[key])
            else:
                settings.remove(str(key))
        settings.setValue(_OFFERED, True)
        settings.endGroup()
        settings.sync()


def default_bindings(project: Project) -> dict[int, str]:
    """{key: code GUID} for the leaf codes of the project's first framework (first top-level deductive
    code with codes under it), in codebook order, at most nine."""
    codes = project.codes()  # depth-first, parents before children
    children: dict[int | None, list[int]] = {}
    for c in codes:
        children.setdefault(c.parent_id, []).append(c.id)
    first = next((c for c in codes if c.parent_id is None and c.origin == "deductive" and c.id in children), None)
    if first is None:
        return {}
    below: set[int] = {first.id}
    leaves = []
    for c in codes:  # a code follows its parent, so one pass finds the whole subtree
        if c.parent_id in below:
            below.add(c.id)
            if c.id not in children:
                leaves.append(c.guid)
    return dict(zip(KEYS, leaves, strict=False))

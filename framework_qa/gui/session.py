"""The GUI's view of an open project: the Qt bridge over the core's change broadcast.

Every widget takes the `Session`, reads through `session.project` (queries only) and changes the project
only through its commands; it refreshes when `changed` fires, never because another widget told it to.
The session also holds GUI-wide state that is not part of the project: the current coder, which coders'
codings are shown (blind coding), and navigation requests ("open document X at range a-b").
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from framework_qa.core.commands import Change
from framework_qa.core.project import Project


class Session(QObject):
    changed = Signal(object)            # core Change, after every command, undo and redo
    coder_changed = Signal(str)         # the current coder's name
    visible_coders_changed = Signal()   # the set of coders whose codings are shown changed
    navigate = Signal(int, int, int)    # document id, start, end (code points): show this range
    code_selected = Signal(int)         # a code was chosen in the codebook (id), e.g. to step through codings
    about_to_close = Signal()           # last chance to write pending edits; the project closes after it

    def __init__(self, project: Project, coder: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._coder = coder
        self._visible: frozenset[str] | None = None  # None: all coders
        self._unsubscribe = project.subscribe(self._relay)
        self.is_open = True

    def _relay(self, change: Change) -> None:
        self.changed.emit(change)

    def close(self) -> None:
        """Let widgets save pending edits (`about_to_close`), then close the project; idempotent."""
        if not self.is_open:
            return
        self.about_to_close.emit()
        self.is_open = False
        self._unsubscribe()
        self.project.close()

    # ------------------------------------------------------------ coders
    @property
    def coder(self) -> str:
        return self._coder

    def set_coder(self, name: str) -> None:
        if name != self._coder:
            self._coder = name
            self.coder_changed.emit(name)
            if self._visible is not None:
                self.visible_coders_changed.emit()

    @property
    def visible_coders(self) -> frozenset[str] | None:
        """Names of coders whose codings are shown; None means every coder."""
        return self._visible

    def set_visible_coders(self, names: frozenset[str] | None) -> None:
        if names != self._visible:
            self._visible = names
            self.visible_coders_changed.emit()

    def shows_coder(self, name: str) -> bool:
        return self._visible is None or name in self._visible

    def visible_coder_names(self) -> list[str] | None:
        """For core queries: the coder names to filter on, or None for all."""
        return None if self._visible is None else sorted(self._visible)

"""Codings per code for the coders shown: one count for the whole window, kept up to date from changes.

The codebook shows a count beside each code and the status line the total; both read this one object
(`Session.counts`) instead of each running a counting query over every coding after every gesture (two
full passes over 200,000 codings per applied code). The count is read once; a change that touches
codings is then applied as a difference: each touched coding's code and coder before the change (known
when the coding was created by this window's command, or seen in an earlier change) against after (one
read per touched coding). When the state before is unknown (a coding that existed before the window
looked, removed by another program or an undo) or many codings changed, or codes, coders or the coders
shown changed, the count is read again in full. `changed` then names the codes whose count moved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError

if TYPE_CHECKING:
    from framework_qa.gui.session import Session

INCREMENTAL_LIMIT = 64  # more codings touched at once: one counting query is as quick
State = tuple[int, int] | None  # (code id, coder id) of a coding, None when it does not exist


class CodingCounts(QObject):
    changed = Signal(object)  # frozenset of code ids whose count changed

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._session = session
        self._counts: dict[int, int] = {}
        self._known: dict[int, State] = {}  # coding id -> its state as of the last change we handled
        self._read()
        session.changed.connect(self._on_change)
        session.visible_coders_changed.connect(self.reload)

    # ------------------------------------------------------------ reading
    def count(self, code_id: int) -> int:
        return self._counts.get(code_id, 0)

    def counts(self) -> dict[int, int]:
        """Code id -> codings of the shown coders (codes without any are absent); a copy."""
        return dict(self._counts)

    def total(self) -> int:
        return sum(self._counts.values())

    # ------------------------------------------------------------ keeping up
    def _visible_ids(self) -> frozenset[int] | None:
        names = self._session.visible_coders
        if names is None:
            return None
        return frozenset(c.id for c in self._session.project.coders() if c.name in names)

    def _read(self) -> None:
        ids = self._visible_ids()
        self._visible = ids
        self._counts = {} if ids is not None and not ids else self._session.project.coding_counts(ids)

    def reload(self) -> None:
        """Count again in full; announce the codes whose count moved."""
        old = self._counts
        self._known.clear()
        self._read()
        self._announce(old)

    def _announce(self, old: dict[int, int]) -> None:
        moved = frozenset(k for k in old.keys() | self._counts.keys() if old.get(k) != self._counts.get(k))
        if moved:
            self.changed.emit(moved)

    def _on_change(self, change: Change) -> None:
        if not self._session.is_open:
            return
        if change.reset or change.touches("codes", "coders"):
            self.reload()
            return
        ids = change.ids("codings")
        if not ids:
            return
        created = set(change.created.get("codings", ()))
        after = self._states(ids) if len(ids) <= INCREMENTAL_LIMIT else None
        if after is None or any(i not in created and i not in self._known for i in ids):
            self.reload()
            if after is not None:
                self._known.update(after)
            return
        old = dict(self._counts)
        for i in ids:
            for state, step in ((None if i in created else self._known[i], -1), (after[i], 1)):
                if state is not None and (self._visible is None or state[1] in self._visible):
                    self._counts[state[0]] = self._counts.get(state[0], 0) + step
                    if not self._counts[state[0]]:
                        del self._counts[state[0]]
        self._known.update(after)
        self._announce(old)

    def _states(self, ids: frozenset[int]) -> dict[int, State]:
        project = self._session.project
        out: dict[int, State] = {}
        for i in ids:
            try:
                coding = project.coding(i)
            except FqaError:
                out[i] = None  # removed
                continue
            out[i] = (coding.code_id, coding.coder_id)
        return out

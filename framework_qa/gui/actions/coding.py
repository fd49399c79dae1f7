"""Coding gestures on the viewer's selection and on the coding under the cursor.

Each gesture is one undoable project command issued with the session's current coder. Methods take their
inputs as optional arguments (code id, name, memo) and ask with a dialog only when one is missing, so the
same path serves menus, shortcuts and tests. A refused gesture (nothing selected, no coding here) is
explained in the status bar rather than silently ignored.

Commands on one coding (uncode, change code, fit, memo) apply to the coding chosen in the codings table
while that table has the focus, else to the one chosen in the transcript (see `target_coding`). Codes
used for coding are remembered, newest first, for the transcript's context menu (`recent_codes`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, QPoint
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMenu, QWidget

from framework_qa.gui.actions.coding_menu import QuickKeyLabels, build_context_menu
from framework_qa.gui.codebook.panel import CodebookPanel
from framework_qa.gui.codings.panel import CodingsPanel
from framework_qa.gui.dialogs.errors import reporting, show_error
from framework_qa.gui.session import Session
from framework_qa.gui.viewer import TranscriptViewer

_NON_NAME = re.compile(r"[/\s]+")
T = TypeVar("T")
RECENT = 5  # recently used codes offered in the context menu, as in MAXQDA and NVivo


def in_vivo_name(text: str, limit: int = 60) -> str:
    """A theme name from selected words: one line, no '/', no framing punctuation, cut at a word."""
    name = _NON_NAME.sub(" ", text).strip().strip("\"'“”‘’.,;:!?…()[]-– ")
    if len(name) > limit:
        cut = name[:limit].rsplit(" ", 1)[0]
        name = (cut or name[:limit]).rstrip(",;:") + "…"
    return name


class CodingActions(QObject):
    def __init__(self, session: Session, viewer: TranscriptViewer, parent: QWidget,
                 codebook: CodebookPanel, status: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.session = session
        self.viewer = viewer
        self.parent_widget = parent
        self._codebook = codebook
        self._status = status
        viewer.context_requested.connect(self.show_context_menu)
        codebook.range_dropped.connect(self.code_range)  # a range dragged from the transcript onto a code
        self._recent: list[int] | None = None  # code ids, newest first; read from the project at first use
        self._recent_coder = ""
        self._used_since: list[int] = []  # codes used before the list was read (newest first), put in front
        self.quick_labels = QuickKeyLabels(session, viewer, codebook, self)

    # ------------------------------------------------------------ helpers
    def _guard(self, fn: Callable[[], object]) -> bool:
        return self._command(fn) is not None

    def _command(self, fn: Callable[[], T]) -> T | None:
        """Run a project command (or a read: another program may just have deleted the coding); a refusal
        is shown in a dialog and gives None."""
        return reporting(fn, self._show_error)

    def _show_error(self, message: str) -> None:
        show_error(self.parent_widget, message)

    def _selection(self) -> tuple[int, int, int] | None:
        selected = self.viewer.selected_range()
        if self.viewer.document_id is None or selected is None:
            self._status("Select some text in the transcript first.")
            return None
        return self.viewer.document_id, selected[0], selected[1]

    def table_codings(self) -> list[int]:
        """The codings chosen in the codings table, if that table has the keyboard focus (the user is
        working there: a shortcut or menu command means those rows), else []."""
        widget = QApplication.focusWidget()
        while widget is not None and not isinstance(widget, CodingsPanel):
            widget = widget.parentWidget()
        return [c.id for c in widget.selected_codings()] if widget is not None else []

    def target_coding(self, core_pos: int | None = None) -> int | None:
        """The coding a gesture applies to: the row chosen in the focused codings table, else the coding
        chosen on a stripe, else the coding whose extent is exactly the selection (as after choosing a
        row in the table), else the innermost coding under the cursor (preferring the current coder's)."""
        if core_pos is None:
            rows = self.table_codings()
            if rows:
                return rows[0]
        current = self.viewer.current_coding_id
        if current is not None and self.viewer.marks.get(current) is not None and core_pos is None:
            return current
        selected = self.viewer.selected_range()
        if core_pos is None and selected is not None:
            exact = [m for m in self.viewer.marks_at(selected[0])
                     if self.viewer.positions.range_to_core(m.start, m.end) == selected]
            if exact:
                exact.sort(key=lambda m: m.coder != self.session.coder)
                return exact[0].coding_id
        pos = self.viewer.cursor_position() if core_pos is None else core_pos
        marks = self.viewer.marks_at(pos)
        if not marks:
            self._status("There is no coding here: click a coding stripe or put the cursor inside a coding.")
            return None
        marks.sort(key=lambda m: (m.coder != self.session.coder, m.end - m.start))
        return marks[0].coding_id

    # ------------------------------------------------------------ recently used codes
    def recent_codes(self) -> list[int]:
        """Codes the current coder coded with most recently, newest first, at most `RECENT`. At first
        (and after switching coder) read from the coder's codings in the project, newest first."""
        coder = self.session.coder
        project = self.session.project
        if self._recent is None or self._recent_coder != coder:
            self._recent_coder = coder
            found = project.find_coder(coder)
            codings = project.codings(coders=[found.id]) if found is not None else []
            self._recent = list(dict.fromkeys(
                [*self._used_since, *(c.code_id for c in sorted(codings, key=lambda c: -c.id))]))
            self._used_since = []
        existing = {c.id for c in project.codes()}
        return [cid for cid in self._recent if cid in existing][:RECENT]

    def _used(self, code_id: int) -> None:
        """Put `code_id` first. The list is read from the project only when asked for (a menu opens):
        reading every coding of the coder must not hold up the first code applied."""
        if self._recent is None or self._recent_coder != self.session.coder:
            if self._recent is not None:  # another coder's list: read afresh when asked for
                self._recent, self._used_since = None, []
            self._used_since = [code_id, *(c for c in self._used_since if c != code_id)]
            return
        self._recent = [code_id, *(c for c in self._recent if c != code_id)]

    # ------------------------------------------------------------ coding the selection
    def code_selection(self, code_id: int) -> bool:
        target = self._selection()
        if target is None:
            return False
        return self.code_range(*target, code_id)

    def code_range(self, document_id: int, start: int, end: int, code_id: int) -> bool:
        """Code a core range (a selection dragged onto a code arrives here) as the current coder."""
        done = self._command(lambda: self.session.project.add_coding(
            document_id, start, end, code_id, self.session.coder))
        if done is not None:
            self._used(code_id)
        return done is not None

    def code_as(self, code_id: int | None = None) -> bool:
        if self._selection() is None:
            return False
        if code_id is None:
            from framework_qa.gui.codebook.chooser import choose_code
            code_id = choose_code(self.session.project, self.parent_widget, "Code as",
                                  "Code the selected text as:")
        return code_id is not None and self.code_selection(code_id)

    def quick_code(self, n: int) -> bool:
        code_id = self._codebook.quick_code(n)
        if code_id is None:
            self._status(f"No code is assigned to quick key {n}: assign one in the codebook's context menu.")
            return False
        return self.code_selection(code_id)

    def new_theme(self, name: str | None = None) -> bool:
        """In-vivo coding: create an emergent theme named from the selection and code the selection with
        it, as one command (`parent/name` paths create the theme under an existing code)."""
        target = self._selection()
        if target is None:
            return False
        if name is None:
            name, ok = QInputDialog.getText(
                self.parent_widget, "New emergent theme",
                "Theme name (the selected words; edit freely, use 'Parent/Theme' to place it under a code):",
                QLineEdit.EchoMode.Normal, in_vivo_name(self.viewer.selected_text()))
            if not ok:
                return False
        name = name.strip()
        if not name:
            self._status("A theme needs a name.")
            return False
        doc, start, end = target
        done = self._command(lambda: self.session.project.add_coding(
            doc, start, end, name, self.session.coder, emergent=True))
        if done is not None:
            self._used(self.session.project.coding(done.created_id("codings")).code_id)
        return done is not None

    # ------------------------------------------------------------ the coding under the cursor
    def uncode(self, coding_id: int | None = None) -> bool:
        """Remove the coding (every coding chosen in the focused codings table: one undoable step)."""
        rows = self.table_codings() if coding_id is None else []
        if len(rows) > 1:
            project = self.session.project
            return self._guard(lambda: project.remove_codings(rows, f"Uncode {len(rows)} codings"))
        coding_id = self.target_coding() if coding_id is None else coding_id
        if coding_id is None:
            return False
        self.viewer.current_coding_id = None
        return self._guard(lambda: self.session.project.remove_coding(coding_id))

    def change_code(self, coding_id: int | None = None, code_id: int | None = None) -> bool:
        coding_id = self.target_coding() if coding_id is None else coding_id
        if coding_id is None:
            return False
        if code_id is None:
            from framework_qa.gui.codebook.chooser import choose_code
            current = self._command(lambda: self.session.project.coding(coding_id).code_id)
            if current is None:
                return False
            code_id = choose_code(self.session.project, self.parent_widget, "Change code",
                                  "Move this coding to the code:", exclude=[current])
        if code_id is None:
            return False
        return self._guard(lambda: self.session.project.update_coding(coding_id, code=code_id))

    def fit_to_selection(self, coding_id: int | None = None) -> bool:
        """Widen or narrow a coding to exactly the current selection."""
        coding_id = self.target_coding() if coding_id is None else coding_id
        selected = self.viewer.selected_range()
        if coding_id is None:
            return False
        if selected is None:
            self._status("Select the new extent of the coding first (Shift+click or Shift+arrows extend it).")
            return False
        document_id = self._command(lambda: self.session.project.coding(coding_id).document_id)
        if document_id is None:
            return False
        if document_id != self.viewer.document_id:
            self._status("The selection is in another document than the coding: open the coding first.")
            return False
        return self._guard(lambda: self.session.project.update_coding(
            coding_id, start=selected[0], end=selected[1]))

    def edit_memo(self, coding_id: int | None = None, text: str | None = None) -> bool:
        coding_id = self.target_coding() if coding_id is None else coding_id
        if coding_id is None:
            return False
        if text is None:
            project = self.session.project

            def memo_and_code() -> tuple[str, str]:
                coding = project.coding(coding_id)
                return coding.memo, project.code(coding.code_id).name
            found = self._command(memo_and_code)
            if found is None:
                return False
            current, name = found
            text, ok = QInputDialog.getMultiLineText(self.parent_widget, "Coding memo",
                                                     f"Memo on this coding of '{name}':", current)
            if not ok:
                return False
        memo = text
        return self._guard(lambda: self.session.project.update_coding(coding_id, memo=memo))

    # ------------------------------------------------------------ stepping through a code's codings
    def step(self, forward: bool = True, code_id: int | None = None) -> bool:
        """Go to the next (previous) coding of the focused code, across documents in project order."""
        code_id = self.viewer.focus_code_id if code_id is None else code_id
        if code_id is None:
            self._status("Select a code in the codebook to step through its codings (F3 / Shift+F3).")
            return False
        project = self.session.project
        order = {d.id: i for i, d in enumerate(project.documents())}
        visible = self.session.visible_coders
        coders = {c.id: c.name for c in project.coders()}
        codings = sorted((c for c in project.codings(code=code_id)
                          if visible is None or coders.get(c.coder_id) in visible),
                         key=lambda c: (order.get(c.document_id, 0), c.start, c.end, c.id))
        if not codings:
            self._status("This code has no visible codings.")
            return False
        doc = self.viewer.document_id
        selected = self.viewer.selected_range()
        pos = selected[0] if selected else self.viewer.cursor_position()
        current = self.viewer.current_coding_id
        here = (order.get(doc, -1) if doc is not None else -1, pos, -1 if current is None else current)
        keys = [(order.get(c.document_id, 0), c.start, c.id) for c in codings]
        if forward:
            nxt = next((c for c, k in zip(codings, keys, strict=True) if k > here), codings[0])
        else:
            nxt = next((c for c, k in zip(reversed(codings), reversed(keys), strict=True) if k < here),
                       codings[-1])
        n = codings.index(nxt) + 1
        self.session.navigate.emit(nxt.document_id, nxt.start, nxt.end)
        self.viewer.select_coding(nxt.id)
        self._status(f"Coding {n} of {len(codings)} of '{project.code(code_id).name}'")
        return True

    # ------------------------------------------------------------ context menu
    def build_context_menu(self, core_pos: int) -> QMenu:
        return build_context_menu(self, core_pos)

    def show_context_menu(self, global_pos: QPoint, core_pos: int) -> None:
        self.build_context_menu(core_pos).exec(global_pos)

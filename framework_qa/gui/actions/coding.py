"""Coding gestures on the viewer's selection and on the coding under the cursor.

Each gesture is one undoable project command issued with the session's current coder. Methods take their
inputs as optional arguments (code id, name, memo) and ask with a dialog only when one is missing, so the
same path serves menus, shortcuts and tests. A refused gesture (nothing selected, no coding here) is
explained in the status bar rather than silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, QPoint
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QWidget

from framework_qa.core.errors import FqaError
from framework_qa.gui.dialogs.errors import reporting, show_error
from framework_qa.gui.session import Session
from framework_qa.gui.viewer import TranscriptViewer

_NON_NAME = re.compile(r"[/\s]+")
T = TypeVar("T")


def in_vivo_name(text: str, limit: int = 60) -> str:
    """A theme name from selected words: one line, no '/', no framing punctuation, cut at a word."""
    name = _NON_NAME.sub(" ", text).strip().strip("\"'“”‘’.,;:!?…()[]-– ")
    if len(name) > limit:
        cut = name[:limit].rsplit(" ", 1)[0]
        name = (cut or name[:limit]).rstrip(",;:") + "…"
    return name


class CodingActions(QObject):
    def __init__(self, session: Session, viewer: TranscriptViewer, parent: QWidget,
                 codebook: Callable[[], QObject | None], status: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.session = session
        self.viewer = viewer
        self.parent_widget = parent
        self._codebook = codebook
        self._status = status
        viewer.context_requested.connect(self.show_context_menu)

    # ------------------------------------------------------------ helpers
    def _guard(self, fn: Callable[[], object]) -> bool:
        try:
            fn()
        except FqaError as exc:
            show_error(self.parent_widget, str(exc))
            return False
        return True

    def _read(self, fn: Callable[[], T]) -> T | None:
        """`fn()`, or None after showing why it failed (e.g. another program just deleted the coding)."""
        return reporting(fn, lambda message: show_error(self.parent_widget, message))

    def _selection(self) -> tuple[int, int, int] | None:
        selected = self.viewer.selected_range()
        if self.viewer.document_id is None or selected is None:
            self._status("Select some text in the transcript first.")
            return None
        return self.viewer.document_id, selected[0], selected[1]

    def target_coding(self, core_pos: int | None = None) -> int | None:
        """The coding a gesture applies to: the one chosen on a stripe, else the innermost coding under
        the cursor (preferring the current coder's own)."""
        current = self.viewer.current_coding_id
        if current is not None and self.viewer.marks.get(current) is not None and core_pos is None:
            return current
        pos = self.viewer.cursor_position() if core_pos is None else core_pos
        marks = self.viewer.marks_at(pos)
        if not marks:
            self._status("There is no coding here: click a coding stripe or put the cursor inside a coding.")
            return None
        marks.sort(key=lambda m: (m.coder != self.session.coder, m.end - m.start))
        return marks[0].coding_id

    # ------------------------------------------------------------ coding the selection
    def code_selection(self, code_id: int) -> bool:
        target = self._selection()
        if target is None:
            return False
        doc, start, end = target
        return self._guard(lambda: self.session.project.add_coding(doc, start, end, code_id, self.session.coder))

    def code_as(self, code_id: int | None = None) -> bool:
        if self._selection() is None:
            return False
        if code_id is None:
            from framework_qa.gui.codebook.chooser import choose_code
            code_id = choose_code(self.session.project, self.parent_widget, "Code as",
                                  "Code the selected text as:")
        return code_id is not None and self.code_selection(code_id)

    def quick_code(self, n: int) -> bool:
        codebook = self._codebook()
        code_id = codebook.quick_code(n) if codebook is not None and hasattr(codebook, "quick_code") else None
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
        return self._guard(lambda: self.session.project.add_coding(
            doc, start, end, name, self.session.coder, emergent=True))

    # ------------------------------------------------------------ the coding under the cursor
    def uncode(self, coding_id: int | None = None) -> bool:
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
            current = self._read(lambda: self.session.project.coding(coding_id).code_id)
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
            found = self._read(memo_and_code)
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
        menu = QMenu(self.parent_widget)
        has_selection = self.viewer.selected_range() is not None
        for text, slot in (("Code as…", self.code_as), ("New emergent theme from selection…", self.new_theme)):
            action = menu.addAction(text)
            action.setEnabled(has_selection)
            action.triggered.connect(lambda _=False, s=slot: s())
        project = self.session.project
        marks = sorted(self.viewer.marks_at(core_pos), key=lambda m: (m.end - m.start))
        if marks:
            menu.addSeparator()
        for mark in marks:
            sub = menu.addMenu(f"{mark.code_name} ({mark.coder})")
            cid = mark.coding_id
            sub.addAction("Select this coding").triggered.connect(lambda _=False, c=cid: self.viewer.select_coding(c))
            sub.addAction("Uncode").triggered.connect(lambda _=False, c=cid: self.uncode(c))
            sub.addAction("Change code…").triggered.connect(lambda _=False, c=cid: self.change_code(c))
            fit = sub.addAction("Fit to selection (widen / narrow)")
            fit.setEnabled(has_selection)
            fit.triggered.connect(lambda _=False, c=cid: self.fit_to_selection(c))
            try:
                memo = project.coding(cid).memo
            except FqaError:  # deleted by another program a moment ago; the marks catch up at the next poll
                memo = ""
            sub.addAction("Edit memo…" if memo else "Add memo…").triggered.connect(
                lambda _=False, c=cid: self.edit_memo(c))
        menu.addSeparator()
        menu.addAction("Copy").triggered.connect(self.viewer.copy)
        return menu

    def show_context_menu(self, global_pos: QPoint, core_pos: int) -> None:
        self.build_context_menu(core_pos).exec(global_pos)

"""The transcript's context menu and the labels of the quick-code actions, for `CodingActions`.

The context menu offers, on a selection, the recently used codes first (newest first, as MAXQDA and
NVivo do), then "Code as…" and the in-vivo theme, then one submenu per coding under the pointer.

The Quick codes menu names the code each key applies. The window creates those actions and adds them to
the viewer (so the digits code only while the transcript has the focus); `QuickKeyLabels` recognises them
there by their shortcut as they are added, and relabels them whenever a binding or a code changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QActionEvent, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import QMenu

from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError
from framework_qa.gui.session import Session
from framework_qa.gui.viewer import TranscriptViewer

if TYPE_CHECKING:
    from framework_qa.gui.actions.coding import CodingActions
    from framework_qa.gui.codebook.panel import CodebookPanel

KEYS = range(1, 10)


def menu_text(text: str) -> str:
    """Text shown verbatim in a menu ('&' would otherwise mark a mnemonic)."""
    return text.replace("&", "&&")


def code_label(session: Session, code_id: int) -> str:
    """A code's path for menus, levels joined with ' › ' (names may not contain '/', but read better)."""
    return session.project.code_path(code_id).replace("/", " › ")


def colour_icon(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def build_context_menu(actions: CodingActions, core_pos: int) -> QMenu:
    viewer, project = actions.viewer, actions.session.project
    menu = QMenu(actions.parent_widget)
    has_selection = viewer.selected_range() is not None
    if has_selection:
        codes = {c.id: c for c in project.codes()}
        for cid in actions.recent_codes():
            action = menu.addAction(colour_icon(codes[cid].colour), menu_text(code_label(actions.session, cid)))
            action.setStatusTip("Code the selection with this recently used code")
            action.triggered.connect(lambda _=False, c=cid: actions.code_selection(c))
        if not menu.isEmpty():
            menu.addSeparator()
    for text, slot in (("Code as…", actions.code_as), ("New emergent theme from selection…", actions.new_theme)):
        action = menu.addAction(text)
        action.setEnabled(has_selection)
        action.triggered.connect(lambda _=False, s=slot: s())
    marks = sorted(viewer.marks_at(core_pos), key=lambda m: (m.end - m.start))
    if marks:
        menu.addSeparator()
    for mark in marks:
        sub = menu.addMenu(menu_text(f"{mark.code_name} ({mark.coder})"))
        cid = mark.coding_id
        sub.addAction("Select this coding").triggered.connect(lambda _=False, c=cid: viewer.select_coding(c))
        sub.addAction("Uncode").triggered.connect(lambda _=False, c=cid: actions.uncode(c))
        sub.addAction("Change code…").triggered.connect(lambda _=False, c=cid: actions.change_code(c))
        fit = sub.addAction("Fit to selection (widen / narrow)")
        fit.setEnabled(has_selection)
        fit.triggered.connect(lambda _=False, c=cid: actions.fit_to_selection(c))
        try:
            memo = project.coding(cid).memo
        except FqaError:  # deleted by another program a moment ago; the marks catch up at the next poll
            memo = ""
        sub.addAction("Edit memo…" if memo else "Add memo…").triggered.connect(
            lambda _=False, c=cid: actions.edit_memo(c))
    menu.addSeparator()
    menu.addAction("Copy").triggered.connect(viewer.copy)
    return menu


class QuickKeyLabels(QObject):
    """Keeps the text of the viewer's quick-code actions ("Quick code 1: Working alliance › Bond")."""

    def __init__(self, session: Session, viewer: TranscriptViewer, codebook: CodebookPanel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._codebook = codebook
        self.actions: dict[int, QAction] = {}
        viewer.installEventFilter(self)
        for action in viewer.actions():
            self._adopt(action)
        codebook.quick_keys.changed.connect(self.relabel)
        session.changed.connect(self._on_change)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ActionAdded and isinstance(event, QActionEvent):
            action = event.action()
            if action is not None:
                self._adopt(action)
        return False

    def _adopt(self, action: QAction) -> None:
        for n in KEYS:
            if action.shortcut() == QKeySequence(str(n)):
                self.actions[n] = action
                self._label(n)

    def _on_change(self, change: Change) -> None:
        if change.reset or change.touches("codes"):
            self.relabel()

    def relabel(self) -> None:
        for n in self.actions:
            self._label(n)

    def _label(self, n: int) -> None:
        action = self.actions[n]
        code_id = self._codebook.quick_code(n)
        if code_id is None:
            action.setText(f"Quick code {n}: (no code)")
            action.setStatusTip("Assign a code to this key in the codebook's context menu")
        else:
            action.setText(menu_text(f"Quick code {n}: {code_label(self.session, code_id)}"))
            action.setStatusTip("Code the selection with this code")

"""The window's menu bar: every command reachable by keyboard, with the usual shortcuts.

`build_menus` returns what the window keeps of its menus (`Menus`): the actions it updates by name (undo
and redo labels, enabled state, a reader's limits), the menus it fills later, and the Team control. The
project lifecycle entries (New, Open, Open server, Open recent) emit the window's requests
(`MainWindow.new_project_requested` and friends), which the application's window lifecycle
(`window.projects`) answers; they stay disabled in a window nobody manages (`Menus.lifecycle`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu

from framework_qa.gui.dialogs import help as help_dialogs
from framework_qa.gui.refi import refi_actions
from framework_qa.gui.window import copies
from framework_qa.gui.window.team import TeamControl

if TYPE_CHECKING:
    from framework_qa.gui.main_window import MainWindow


def _action(window: MainWindow, menu_text: str, slot: Callable[[], object], shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
            tip: str = "") -> QAction:
    action = QAction(menu_text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _=False: slot())
    return action


@dataclass(eq=False)
class Menus:
    """What the window keeps of its menu bar."""

    actions: dict[str, QAction]  # by name: "undo", "redo", "import", "quick1", "coders_mine", "team_blind"…
    recent: QMenu                # File › Open recent (filled each time it opens)
    panels: QMenu                # View › Panels (the docks' toggles)
    team: TeamControl            # the Team menu (server projects), the login as coder, a reader's limits
    lifecycle: list[QAction] = field(default_factory=list)  # New, Open, Open server, Open recent

    def enable_lifecycle(self) -> None:
        """The window is managed by the application's lifecycle: its requests to open projects are heard."""
        for action in self.lifecycle:
            action.setEnabled(True)


def build_menus(w: MainWindow) -> Menus:
    """Create the window's menu bar and return what the window keeps of it."""
    acts: dict[str, QAction] = {}
    bar = w.menuBar()
    SK = QKeySequence.StandardKey

    file = bar.addMenu("&File")
    lifecycle = [_action(w, "&New project…", w.new_project_requested.emit, SK.New),
                 _action(w, "&Open project…", w.open_project_dialog, SK.Open),
                 _action(w, "Open &server project…", w.open_server_requested.emit, None,
                         "Open a project kept on a PostgreSQL server (postgresql://user@host/database)")]
    file.addActions(lifecycle)
    recent = file.addMenu("Open &recent")
    recent.aboutToShow.connect(lambda: w.fill_recent_menu(recent))
    lifecycle.append(recent.menuAction())
    for action in lifecycle:
        action.setEnabled(False)
    file.addSeparator()
    acts["import"] = _action(w, "&Import transcripts…", w.import_dialog, "Ctrl+I",
                             "Import .txt, .docx, .vtt, .srt or .md transcripts (or drop files on the window)")
    file.addAction(acts["import"])
    acts["import_attributes"] = _action(w, "Import &attributes…", w.import_attributes_dialog, None,
                                        "Import case attributes from a CSV or XLSX table")
    file.addAction(acts["import_attributes"])
    file.addSeparator()
    file.addAction(_action(w, "Save a cop&y…", lambda: copies.save_copy(w), None,
                           "Write a copy of the project, e.g. for a second coder to code blind"))
    acts["merge_copy"] = _action(w, "&Merge a coder's copy…", lambda: copies.merge_copy(w), None,
                                 "Bring in one coder's codings from a copy of this project")
    file.addAction(acts["merge_copy"])
    exchange = file.addMenu("REFI-QDA e&xchange")
    for action in refi_actions(w.session, w):
        exchange.addAction(action)
    file.addSeparator()
    file.addAction(_action(w, "&Close", w.close, SK.Close))

    edit = bar.addMenu("&Edit")
    acts["undo"] = _action(w, "&Undo", w.undo)
    acts["undo"].setShortcuts([QKeySequence(SK.Undo)])
    acts["redo"] = _action(w, "&Redo", w.redo)
    acts["redo"].setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit.addAction(acts["undo"])
    edit.addAction(acts["redo"])
    edit.addSeparator()
    edit.addAction(_action(w, "&Copy", lambda: w.viewer.copy(), None))
    edit.addAction(_action(w, "&Find in document…", w.show_find, SK.Find))
    edit.addAction(_action(w, "Find &next", lambda: w.find_again(forward=True), "Ctrl+G"))

    code = bar.addMenu("&Code")
    acts["code_as"] = _action(w, "Code &as…", lambda: w.coding.code_as(), "Ctrl+K",
                              "Code the selected text with a code chosen from a searchable list")
    acts["new_theme"] = _action(w, "&New emergent theme from selection…", lambda: w.coding.new_theme(), "Ctrl+T")
    acts["uncode"] = _action(w, "&Uncode", lambda: w.coding.uncode(), "Ctrl+Backspace",
                             "Remove the chosen coding (or the one under the cursor)")
    acts["change_code"] = _action(w, "C&hange code…", lambda: w.coding.change_code(), "Ctrl+Shift+K")
    acts["fit_coding"] = _action(w, "&Fit coding to selection", lambda: w.coding.fit_to_selection(), "Ctrl+B",
                                 "Widen or narrow the chosen coding to the selected text")
    acts["coding_memo"] = _action(w, "Coding &memo…", lambda: w.coding.edit_memo(), "Ctrl+M")
    code.addActions([acts["code_as"], acts["new_theme"]])
    code.addSeparator()
    code.addActions([acts[k] for k in ("uncode", "change_code", "fit_coding", "coding_memo")])
    code.addSeparator()
    code.addAction(_action(w, "Next coding of selected code", lambda: w.coding.step(True), "F3"))
    code.addAction(_action(w, "Previous coding of selected code", lambda: w.coding.step(False), "Shift+F3"))
    quick = code.addMenu("&Quick codes")
    for n in range(1, 10):
        action = _action(w, f"Quick code {n}", partial(w.coding.quick_code, n), str(n))
        # digits type into filter boxes elsewhere; they code only while the transcript has the focus
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        w.viewer.addAction(action)
        quick.addAction(action)
        acts[f"quick{n}"] = action

    analysis = bar.addMenu("&Analysis")
    for n, (key, label) in enumerate((("transcript", "&Transcript"), ("matrix", "Framework &matrix"),
                                      ("agreement", "Inter-coder &agreement")), start=1):
        analysis.addAction(_action(w, label, partial(w.show_tab, key), f"Ctrl+{n}"))
    analysis.addSeparator()
    analysis.addAction(_action(w, "&Search transcripts…", w.show_search, "Ctrl+Shift+F",
                               "Full-text search across all transcripts, with keyword in context"))

    view = bar.addMenu("&View")
    coders = view.addMenu("&Codings shown")
    acts["coders_mine"] = _action(w, "&My codings only", lambda: w.set_coder_filter("mine"))
    acts["coders_all"] = _action(w, "&All coders", lambda: w.set_coder_filter("all"))
    acts["coders_choose"] = _action(w, "&Choose coders…", lambda: w.set_coder_filter("choose"))
    for key in ("coders_mine", "coders_all", "coders_choose"):
        acts[key].setCheckable(True)
        coders.addAction(acts[key])
    acts["switch_coder"] = _action(w, "Switch &coder…", w.switch_coder)
    view.addAction(acts["switch_coder"])
    view.addSeparator()
    view.addAction(_action(w, "&Larger text", lambda: w.zoom(1), SK.ZoomIn))
    view.addAction(_action(w, "&Smaller text", lambda: w.zoom(-1), SK.ZoomOut))
    view.addSeparator()
    panels = view.addMenu("&Panels")

    team = TeamControl(w, acts)  # the Team menu (server projects), the login as coder, a reader's limits

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(_action(w, "&Keyboard shortcuts", lambda: _show(help_dialogs.ShortcutsDialog(w)), "Ctrl+/"))
    help_menu.addAction(_action(w, "&User guide", lambda: _show(help_dialogs.GuideDialog(w)), SK.HelpContents,
                                "A short guide to the workbench, for researchers coming from NVivo or MAXQDA"))
    help_menu.addSeparator()
    help_menu.addAction(_action(w, "&About framework-qa",
                                lambda: _show(help_dialogs.AboutDialog(w.session.project.path, w))))
    return Menus(acts, recent, panels, team, lifecycle)


def _show(dialog: QDialog) -> None:
    """Help dialogs stay open beside the window (not modal) and are freed when closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()

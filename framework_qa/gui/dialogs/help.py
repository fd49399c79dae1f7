"""The Help menu's dialogs: every command with its keyboard shortcut, the user guide, and About.

The shortcut list is generated from the window's own actions at the moment it opens, so it can never
fall out of step with the menus (a renamed command or a new shortcut shows up by itself). The guide is a
Markdown file shipped with the package (`resources/guide.md`), read offline: links in it never open a
browser. About names the program's version, the open project's file and the project-file format the
program writes (`SCHEMA_VERSION`), which is what a bug report needs.
"""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from framework_qa import __version__
from framework_qa.core.addresses import SCHEMA_VERSION
from framework_qa.core.paths import resources_dir

GUIDE = "guide.md"


def _plain(text: str) -> str:
    """A menu text as read: "&Open project…" -> "Open project…" ("&&" stays one "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _keys(action: QAction) -> str:
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts() if not s.isEmpty())


def action_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, shortcuts) for every action in the window: the menus' in menu order, then any
    action that lives elsewhere (on a panel, say) and has a shortcut."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def walk(menu: QMenu, where: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{where} › {_plain(action.text())}")
                continue
            seen.add(id(action))
            if action.text():
                rows.append((where, _plain(action.text()), _keys(action)))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, _plain(top.text()))
    for action in window.findChildren(QAction):
        if id(action) not in seen and action.text() and _keys(action):
            rows.append(("(panels)", _plain(action.text()), _keys(action)))
    return rows


class ShortcutsDialog(QDialog):
    """Every command in the window with its shortcut, filtered as you type."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter commands or keys…")
        self.filter.setClearButtonEnabled(True)
        rows = action_rows(window)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setHorizontalHeaderLabels(["Menu", "Command", "Shortcut"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._filter)
        self.resize(620, 640)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def rows(self, visible_only: bool = True) -> list[tuple[str, str, str]]:
        """The table's rows as shown (hidden by the filter left out unless asked for)."""
        return [(self._text(r, 0), self._text(r, 1), self._text(r, 2))
                for r in range(self.table.rowCount()) if not (visible_only and self.table.isRowHidden(r))]

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for r in range(self.table.rowCount()):
            row = " ".join(self._text(r, c) for c in range(3)).lower()
            self.table.setRowHidden(r, bool(needle) and needle not in row)


def guide_path() -> Path:
    return resources_dir() / GUIDE


class GuideDialog(QDialog):
    """The shipped user guide, rendered from Markdown; offline (external links do not open)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("framework-qa guide")
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.document().setDocumentMargin(14)
        try:
            self.browser.setMarkdown(guide_path().read_text(encoding="utf-8"))
        except OSError as exc:
            self.browser.setPlainText(f"The guide is missing from this installation ({exc}).")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(820, 760)


def about_text(project_path: Path) -> str:
    return (f"<h3>framework-qa {__version__}</h3>"
            "<p>Qualitative framework analysis of interview transcripts, offline.</p>"
            f"<p><b>Project file:</b> {project_path}<br>"
            f"<b>Project file format:</b> version {SCHEMA_VERSION}<br>"
            f"<b>Python</b> {platform.python_version()} · <b>PySide6</b> {pyside_version}</p>"
            "<p>Licensed under the GNU GPL, version 3 or later. The program makes no network connections.</p>")


class AboutDialog(QDialog):
    def __init__(self, project_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About framework-qa")
        self.label = QLabel(about_text(project_path), self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

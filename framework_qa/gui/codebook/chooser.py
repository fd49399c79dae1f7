"""A searchable list of code paths, for "merge into", "promote under", "change code" and "code as"."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from framework_qa.core.model import Code
from framework_qa.core.project import Project


def _swatch(colour: str) -> QPixmap:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return pixmap


class CodeChooser(QDialog):
    """Type to narrow the list (matches anywhere in the path); Enter or double-click chooses."""

    def __init__(self, project: Project, title: str, prompt: str = "", *, exclude: Iterable[int] = (),
                 only: Iterable[Code] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        excluded = set(exclude)
        codes = list(only) if only is not None else project.codes()
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Type to filter codes…")
        self.filter.setClearButtonEnabled(True)
        self.listing = QListWidget(self)
        for code in codes:
            if code.id in excluded:
                continue
            item = QListWidgetItem(_swatch(code.colour), project.code_path(code.id), self.listing)
            item.setData(Qt.ItemDataRole.UserRole, code.id)
            item.setToolTip(code.definition)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if prompt:
            layout.addWidget(QLabel(prompt, self))
        layout.addWidget(self.filter)
        layout.addWidget(self.listing, 1)
        layout.addWidget(buttons)
        self.resize(460, 420)
        self.filter.textChanged.connect(self._narrow)
        self.filter.returnPressed.connect(self.accept)
        self.listing.itemDoubleClicked.connect(lambda _item: self.accept())
        self._narrow("")

    def _narrow(self, text: str) -> None:
        needle = text.strip().lower()
        first: QListWidgetItem | None = None
        for i in range(self.listing.count()):
            item = self.listing.item(i)
            hidden = bool(needle) and needle not in item.text().lower()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        current = self.listing.currentItem()
        if first is not None and (current is None or current.isHidden()):
            self.listing.setCurrentItem(first)

    def chosen(self) -> int | None:
        item = self.listing.currentItem()
        return None if item is None or item.isHidden() else int(item.data(Qt.ItemDataRole.UserRole))


def choose_code(project: Project, parent: QWidget | None, title: str, prompt: str = "", *,
                exclude: Iterable[int] = (), only: Iterable[Code] | None = None) -> int | None:
    """Run the chooser; the chosen code id, or None if cancelled."""
    dialog = CodeChooser(project, title, prompt, exclude=exclude, only=only, parent=parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None

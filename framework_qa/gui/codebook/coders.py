"""Which coders' codings are shown: the "My codings / All coders / Choose..." filter (blind coding)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from framework_qa.gui.session import Session

MINE, ALL, CHOOSE = 0, 1, 2


def visible_coder_ids(session: Session) -> list[int] | None:
    """The ids of the coders whose codings are shown (None: all), skipping names not in the project yet."""
    names = session.visible_coders
    if names is None:
        return None
    return [c.id for c in session.project.coders() if c.name in names]


class CoderFilter(QWidget):
    """A combo: my codings only, all coders, or a chosen set; drives `session.set_visible_coders`."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.combo = QComboBox(self)
        self.combo.addItems(["My codings", "All coders", "Choose coders…"])
        self.combo.setToolTip("Whose codings are shown: yours only (blind coding), everyone's, or chosen coders")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Show:", self)
        label.setBuddy(self.combo)
        layout.addWidget(label)
        layout.addWidget(self.combo, 1)
        self._sync()
        self.combo.activated.connect(self._chosen)
        session.visible_coders_changed.connect(self._sync)
        session.coder_changed.connect(lambda _name: self._sync())

    def _sync(self) -> None:
        visible = self._session.visible_coders
        if visible is None:
            index = ALL
        elif visible == frozenset({self._session.coder}):
            index = MINE
        else:
            index = CHOOSE
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(index)
        self.combo.setItemText(CHOOSE, "Choose coders…" if index != CHOOSE else
                               ", ".join(sorted(visible or ())) or "No coders")
        self.combo.blockSignals(False)

    def _chosen(self, index: int) -> None:
        if index == MINE:
            self._session.set_visible_coders(frozenset({self._session.coder}))
        elif index == ALL:
            self._session.set_visible_coders(None)
        else:
            names = self.choose_coders()
            if names is not None:
                self._session.set_visible_coders(names)
            self._sync()

    def choose_coders(self) -> frozenset[str] | None:
        """Ask for the coders to show with a checkable list; None if cancelled."""
        dialog = QDialog(self)
        dialog.setWindowTitle("Show codings of")
        listing = QListWidget(dialog)
        current = self._session.visible_coders
        names = sorted({c.name for c in self._session.project.coders()} | {self._session.coder})
        for name in names:
            item = QListWidgetItem(name, listing)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            shown = current is None or name in current
            item.setCheckState(Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   dialog)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(listing)
        layout.addWidget(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return frozenset(listing.item(i).text() for i in range(listing.count())
                         if listing.item(i).checkState() == Qt.CheckState.Checked)

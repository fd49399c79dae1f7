"""A drop-down list of names to tick, for filters that take several values (speakers, cases).

Nothing ticked means no restriction. The closed box says what is ticked ("P03, P05" or "4 speakers");
clicking an entry in the open list ticks or unticks it and leaves the list open, so several can be
chosen in one go.

A list whose names are costly to gather (the speakers of every transcript) takes a source instead of
names (`set_source`): it is called when the list is first needed (opened, read, ticked from code), not
when the window opens; until then nothing can be ticked, so `checked()` is empty without calling it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QPaintEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget


class CheckList(QComboBox):
    """Tickable names; `checked()` lists the ticked ones in list order."""

    checked_changed = Signal()

    def __init__(self, noun: str, tip: str, parent: QWidget | None = None, empty_text: str = "(any)") -> None:
        super().__init__(parent)
        self._noun = noun
        self._tip = tip
        self._empty_text = empty_text
        self._source: Callable[[], Iterable[str]] | None = None  # names not gathered yet (see set_source)
        self._items = QStandardItemModel(self)
        self.setModel(self._items)
        self.setToolTip(tip)
        self.setMinimumContentsLength(6)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.view().viewport().installEventFilter(self)
        self._items.itemChanged.connect(lambda _item: self._changed())

    # ------------------------------------------------------------ contents
    def set_source(self, source: Callable[[], Iterable[str]]) -> None:
        """Names to be gathered by `source()` when the list is next needed (see the module docstring);
        ticks on names still present then are kept."""
        self._source = source

    def _gather(self) -> None:
        if self._source is not None:
            source, self._source = self._source, None
            self.set_names(source())

    def showPopup(self) -> None:  # noqa: N802
        self._gather()
        super().showPopup()

    def set_names(self, names: Iterable[str]) -> None:
        """Replaces the list, keeping ticks on names still present."""
        self._source = None
        kept = set(self.checked())
        self._items.blockSignals(True)
        self._items.clear()
        for name in names:
            item = QStandardItem(name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in kept else Qt.CheckState.Unchecked)
            self._items.appendRow(item)
        self._items.blockSignals(False)
        self._changed()

    def names(self) -> list[str]:
        self._gather()
        return [self._items.item(row).text() for row in range(self._items.rowCount())]

    def checked(self) -> list[str]:
        return [item.text() for row in range(self._items.rowCount())
                if (item := self._items.item(row)).checkState() == Qt.CheckState.Checked]

    def set_checked(self, names: Iterable[str]) -> None:
        self._gather()
        wanted = set(names)
        self._items.blockSignals(True)
        for row in range(self._items.rowCount()):
            item = self._items.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.text() in wanted else Qt.CheckState.Unchecked)
        self._items.blockSignals(False)
        self._changed()

    def summary(self) -> str:
        """What the closed box shows."""
        ticked = self.checked()
        if not ticked:
            return self._empty_text
        text = ", ".join(ticked)
        return text if len(ticked) <= 2 and len(text) <= 24 else f"{len(ticked)} {self._noun}"

    # ------------------------------------------------------------ behaviour
    def _changed(self) -> None:
        ticked = self.checked()
        self.setToolTip(f"{self._tip}\nTicked: {', '.join(ticked)}" if ticked else self._tip)
        self.update()
        self.checked_changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """A click in the open list toggles the entry under it and keeps the list open."""
        if watched is self.view().viewport() and event.type() == QEvent.Type.MouseButtonRelease:
            index: QModelIndex = self.view().indexAt(event.position().toPoint())  # type: ignore[attr-defined]
            item = self._items.itemFromIndex(index)
            if item is not None:
                checked = item.checkState() == Qt.CheckState.Checked
                item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            return True
        return super().eventFilter(watched, event)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = self.summary()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

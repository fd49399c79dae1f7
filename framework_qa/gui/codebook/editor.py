"""The code details dialog: name, colour, origin, definition, inclusion and exclusion, saved as one edit."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from framework_qa.core.model import Code


class CodeEditor(QDialog):
    def __init__(self, code: Code, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Code: {path}")
        self._code = code
        self._colour = code.colour
        self.name = QLineEdit(code.name, self)
        self.colour = QPushButton(self)
        self.colour.clicked.connect(self._pick_colour)
        self.origin = QComboBox(self)
        self.origin.addItems(["deductive", "emergent"])
        self.origin.setCurrentText(code.origin)
        self.definition = QPlainTextEdit(code.definition, self)
        self.inclusion = QPlainTextEdit(code.inclusion, self)
        self.exclusion = QPlainTextEdit(code.exclusion, self)
        for box in (self.inclusion, self.exclusion):
            box.setMaximumHeight(80)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("&Colour", self.colour)
        form.addRow("&Origin", self.origin)
        form.addRow("&Definition", self.definition)
        form.addRow("&Include when", self.inclusion)
        form.addRow("E&xclude when", self.exclusion)
        form.addRow(buttons)
        self._show_colour()
        self.resize(480, 420)

    def _show_colour(self) -> None:
        self.colour.setText(self._colour)
        self.colour.setStyleSheet(f"QPushButton {{ border-left: 18px solid {self._colour}; padding: 4px; }}")

    def _pick_colour(self) -> None:
        chosen = QColorDialog.getColor(QColor(self._colour), self, "Code colour")
        if chosen.isValid():
            self._colour = chosen.name()
            self._show_colour()

    def changes(self) -> dict[str, str]:
        """Only the fields that differ from the code, ready for `project.update_code(**changes)`."""
        values = {"name": self.name.text().strip(), "colour": self._colour, "origin": self.origin.currentText(),
                  "definition": self.definition.toPlainText().strip(),
                  "inclusion": self.inclusion.toPlainText().strip(),
                  "exclusion": self.exclusion.toPlainText().strip()}
        return {k: v for k, v in values.items() if getattr(self._code, k) != v}

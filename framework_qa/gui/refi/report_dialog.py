"""The import report shown after a REFI-QDA import: summary on top, every adjustment and drop below."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

if TYPE_CHECKING:  # the REFI-QDA layer loads with an import, not with the window's menus
    from framework_qa.core.interop.adapter import ImportOutcome


class ImportReportDialog(QDialog):
    """Read-only and selectable, so the report can be copied into a methods log."""

    def __init__(self, heading: str, outcome: ImportOutcome, parent: QWidget | None = None) -> None:
        from framework_qa.core.interop.adapter import report_text

        super().__init__(parent)
        self.setWindowTitle("Import report")
        self.text = report_text(heading, outcome)
        layout = QVBoxLayout(self)
        summary = QLabel(self.text.split("\n", 1)[0])
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.details = QPlainTextEdit(self.text)
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(720, 480)

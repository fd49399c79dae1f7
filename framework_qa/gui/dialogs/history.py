"""Team › History…: the project's change feed as sentences ("2026-11-30 09:14 amira: Code as 'Bond' in P03").

The sentences come from `core.team.history`, oldest first, times in UTC as stored. The dialog stays open
beside the window and follows `Session.changed` (ours and other clients' changes alike), keeping the view
at the newest line unless the reader has scrolled back.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from framework_qa.core.errors import FqaError
from framework_qa.core.team import history
from framework_qa.gui.session import Session


class HistoryDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("History")
        self.setObjectName("history")
        self._session = session
        self.summary = QLabel(self)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(720, 460)
        session.changed.connect(self.refresh)
        self.refresh()

    def sentences(self) -> list[str]:
        return [line for line in self.text.toPlainText().splitlines() if line]

    def refresh(self, *_: object) -> None:
        if not self._session.is_open:
            return
        try:
            entries = history(self._session.project)
        except FqaError as exc:
            self.summary.setText(str(exc))
            return
        bar = self.text.verticalScrollBar()
        at_end = bar.value() >= bar.maximum()
        self.text.setPlainText("\n".join(entry.sentence for entry in entries))
        if at_end:
            bar.setValue(bar.maximum())
        self.summary.setText(f"{len(entries)} change{'s' if len(entries) != 1 else ''}, oldest first "
                             "(times in UTC; only the most recent changes are kept).")

    def done(self, result: int) -> None:
        """Stop following the project once closed (the session outlives the dialog)."""
        try:
            self._session.changed.disconnect(self.refresh)
        except (RuntimeError, TypeError):  # already disconnected
            pass
        super().done(result)

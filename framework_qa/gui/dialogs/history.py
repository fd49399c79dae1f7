"""Team › History…: the project's change feed as sentences ("2026-11-30 09:14 amira: Code as 'Bond' in P03").

The sentences come from `core.team.history`, oldest first, times in UTC as stored. Like the command line's
`framework-qa history URL --user NAME --since DATE`, the dialog narrows them to one account (chosen among
those the feed names) and to changes on or after a day (UTC), through the same core function. The dialog
stays open beside the window and follows `Session.changed` (ours and other clients' changes alike),
keeping the view at the newest line unless the reader has scrolled back.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from framework_qa.core.errors import FqaError
from framework_qa.core.team import history
from framework_qa.gui.session import Session

EVERYONE = "Everyone"


class HistoryDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("History")
        self.setObjectName("history")
        self._session = session
        self.who = QComboBox(self)
        self.who.setObjectName("history_who")
        self.who.setToolTip("Only the changes made by this account")
        self.who.addItem(EVERYONE)
        self.since_on = QCheckBox("&Since", self)
        self.since_on.setToolTip("Only the changes made on or after this day (UTC)")
        self.since = QDateEdit(self)
        self.since.setObjectName("history_since")
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setCalendarPopup(True)
        today = dt.datetime.now(dt.UTC).date()
        self.since.setDate(QDate(today.year, today.month, today.day))
        self.since.setEnabled(False)
        who_label = QLabel("&Who:", self)
        who_label.setBuddy(self.who)
        filters = QHBoxLayout()
        for widget in (who_label, self.who, self.since_on, self.since):
            filters.addWidget(widget)
        filters.addStretch(1)
        self.summary = QLabel(self)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(720, 460)
        self.who.currentIndexChanged.connect(self.refresh)
        self.since_on.toggled.connect(self.since.setEnabled)
        self.since_on.toggled.connect(self.refresh)
        self.since.dateChanged.connect(self.refresh)
        session.changed.connect(self.refresh)
        self.refresh()

    def sentences(self) -> list[str]:
        return [line for line in self.text.toPlainText().splitlines() if line]

    def chosen_account(self) -> str | None:
        """The account whose changes are shown, None for everyone's."""
        return None if self.who.currentIndex() <= 0 else self.who.currentText()

    def chosen_day(self) -> str | None:
        """The first day (UTC, `2026-11-30`) whose changes are shown, None for any time."""
        return self.since.date().toString("yyyy-MM-dd") if self.since_on.isChecked() else None

    def refresh(self, *_: object) -> None:
        if not self._session.is_open:
            return
        who, since = self.chosen_account(), self.chosen_day()
        try:
            everything = history(self._session.project)
            entries = everything if who is None and since is None else \
                history(self._session.project, since=since, who=who)
        except FqaError as exc:
            self.summary.setText(str(exc))
            return
        self._offer_accounts(sorted({entry.record.who for entry in everything} | ({who} if who else set())))
        bar = self.text.verticalScrollBar()
        at_end = bar.value() >= bar.maximum()
        self.text.setPlainText("\n".join(entry.sentence for entry in entries))
        if at_end:
            bar.setValue(bar.maximum())
        narrowed = (f" by {who}" if who else "") + (f" since {since}" if since else "")
        self.summary.setText(f"{len(entries)} change{'s' if len(entries) != 1 else ''}{narrowed}, oldest first "
                             "(times in UTC; only the most recent changes are kept).")

    def _offer_accounts(self, accounts: list[str]) -> None:
        """Keep the chooser's list to the accounts the feed names, without changing the choice."""
        if [self.who.itemText(i) for i in range(1, self.who.count())] == accounts:
            return
        chosen = self.who.currentText()
        self.who.blockSignals(True)
        self.who.clear()
        self.who.addItems([EVERYONE, *accounts])
        self.who.setCurrentIndex(max(0, self.who.findText(chosen)))
        self.who.blockSignals(False)

    def done(self, result: int) -> None:
        """Stop following the project once closed (the session outlives the dialog)."""
        try:
            self._session.changed.disconnect(self.refresh)
        except (RuntimeError, TypeError):  # already disconnected
            pass
        super().done(result)

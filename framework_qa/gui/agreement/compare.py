"""Side-by-side comparison of coders' codings of one code in one document, and reconciling them.

One read-only pane per coder shows the same document text with that coder's codings of the code
highlighted; stretches where the coders disagree are underlined in every pane and listed below. For the
selected disagreement, buttons accept one coder's codings, all of them ("both"), or none ("neither") into
the `consensus` coder, each an undoable project command. Core positions are code points; the panes use
Qt's UTF-16 positions, converted through `PositionMap`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollBar,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from framework_qa.core.analysis.agreement import Interval
from framework_qa.core.analysis.agreement_report import (
    CONSENSUS,
    Disagreement,
    coder_coverage,
    disagreements,
    reconcile,
)
from framework_qa.core.errors import FqaError
from framework_qa.gui.dialogs.errors import attempt
from framework_qa.gui.session import Session
from framework_qa.gui.viewer.positions import PositionMap

CODED = QColor(80, 140, 255, 90)       # coded by this coder and every other
CODED_ALONE = QColor(255, 150, 0, 120)  # coded by this coder, not by every other
DISAGREE = QColor(230, 40, 40)


def _intersection(a: list[Interval], b: list[Interval]) -> list[Interval]:
    """Intersection of two sorted, disjoint interval lists."""
    out: list[Interval] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < end:
            out.append((start, end))
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return out


def _difference(a: list[Interval], b: list[Interval]) -> list[Interval]:
    """The parts of sorted, disjoint `a` outside sorted, disjoint `b`."""
    out: list[Interval] = []
    for start, end in a:
        for s, e in b:
            if e <= start or s >= end:
                continue
            if s > start:
                out.append((start, s))
            start = max(start, e)
        if start < end:
            out.append((start, end))
    return out


class ComparisonView(QWidget):
    """Shows (document, code) for the chosen coders; `reconciled` fires after each consensus decision."""

    reconciled = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.document_id: int | None = None
        self.code_id: int | None = None
        self.coders: list[str] = []
        self.items: list[Disagreement] = []
        self._map = PositionMap("")
        self.title = QLabel("Select a row to compare the coders' codings", self)
        self.title.setWordWrap(True)
        self.panes_row = QHBoxLayout()
        self.panes: list[QPlainTextEdit] = []
        self.pane_titles: list[QLabel] = []
        self.list = QListWidget(self)
        self.list.setMaximumHeight(130)
        self.list.currentRowChanged.connect(self._show_disagreement)
        self.buttons_row = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        self.consensus_label = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(self.panes_row, 1)
        legend = QLabel("Blue: coded by every coder. Orange: coded by this coder only. Red wavy line: the "
                        "coders disagree there. Disagreements:", self)
        legend.setWordWrap(True)
        layout.addWidget(legend)
        layout.addWidget(self.list)
        layout.addLayout(self.buttons_row)
        layout.addWidget(self.consensus_label)

    # ------------------------------------------------------------ showing
    def show_pair(self, document_id: int, code_id: int, coders: Sequence[str]) -> None:
        self.document_id, self.code_id, self.coders = document_id, code_id, list(coders)
        self._build_panes()
        self.refresh()

    def clear(self) -> None:
        self.document_id = self.code_id = None
        self.items = []
        self.list.clear()
        for pane in self.panes:
            pane.clear()
        self.title.setText("Select a row to compare the coders' codings")
        self._set_buttons_enabled(False)

    def _build_panes(self) -> None:
        if [t.text() for t in self.pane_titles] == self.coders:
            return
        while self.panes_row.count():
            item = self.panes_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.panes, self.pane_titles = [], []
        for name in self.coders:
            box = QWidget(self)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            title = QLabel(name, box)
            title.setStyleSheet("font-weight: bold")
            pane = QPlainTextEdit(box)
            pane.setReadOnly(True)
            pane.setObjectName(f"pane-{name}")
            column.addWidget(title)
            column.addWidget(pane, 1)
            self.panes_row.addWidget(box, 1)
            self.panes.append(pane)
            self.pane_titles.append(title)
        for pane in self.panes:
            pane.verticalScrollBar().valueChanged.connect(self._sync_scroll)
        while self.buttons_row.count():
            item = self.buttons_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons = []
        choices: list[tuple[str, list[str]]] = [(f"Accept {c}'s", [c]) for c in self.coders]
        choices += [("Both" if len(self.coders) == 2 else "All", list(self.coders)), ("Neither", [])]
        for label, accept in choices:
            button = QPushButton(label, self)
            button.setToolTip(f"Make the {CONSENSUS} coder's coding of this stretch "
                              + (" + ".join(f"{a}'s" for a in accept) if accept else "empty (not coded)"))
            button.clicked.connect(lambda _=False, accept=accept: self.accept(accept))
            self.buttons_row.addWidget(button)
            self.buttons.append(button)
        self.buttons_row.addStretch(1)

    def _sync_scroll(self, value: int) -> None:
        sender = self.sender()
        for pane in self.panes:
            bar: QScrollBar = pane.verticalScrollBar()
            if bar is not sender and bar.value() != value:
                bar.setValue(value)

    def refresh(self) -> None:
        """Re-read the text, codings and disagreements (after any change to the project)."""
        if self.document_id is None or self.code_id is None:
            return
        project = self.session.project
        try:
            doc = project.document(self.document_id)
            code_path = project.code_path(self.code_id)
        except (FqaError, KeyError):
            self.clear()
            return
        text = project.text(doc)
        self._map = PositionMap(text)
        self.title.setText(f"<b>{code_path}</b> in <b>{doc.name}</b>")
        self.items = disagreements(project, doc.id, self.code_id, self.coders)
        covers = [coder_coverage(project, doc.id, self.code_id, name) for name in self.coders]
        shared = covers[0]
        for cover in covers[1:]:
            shared = _intersection(shared, cover)
        for pane, cover in zip(self.panes, covers, strict=True):
            if pane.toPlainText() != text:
                pane.setPlainText(text)
            self._highlight(pane, cover, shared)
        current = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        consensus = coder_coverage(project, doc.id, self.code_id, CONSENSUS)
        for d in self.items:
            who = ", ".join(d.coders_coding(self.coders)) or "nobody"
            snippet = " ".join(text[d.start:d.end].split())
            snippet = snippet if len(snippet) <= 70 else snippet[:69] + "…"
            decided = [(max(s, d.start), min(e, d.end)) for s, e in consensus if s < d.end and e > d.start]
            status = f"  [{CONSENSUS}: {'coded' if decided else 'not coded'}]" if consensus else ""
            self.list.addItem(QListWidgetItem(f"{d.start}–{d.end}  coded by {who}: “{snippet}”{status}"))
        self.list.blockSignals(False)
        if self.items:
            self.list.setCurrentRow(min(max(current, 0), len(self.items) - 1))
        self._set_buttons_enabled(bool(self.items))
        self.consensus_label.setText(
            f"{len(self.items)} disagreement{'s' if len(self.items) != 1 else ''}; decisions go to the "
            f"'{CONSENSUS}' coder and can be undone (Undo)." if self.items else "The coders agree on this code here.")

    def _highlight(self, pane: QPlainTextEdit, coverage: list[Interval], shared: list[Interval]) -> None:
        selections = []
        for start, end in _difference(coverage, shared):
            selections.append(self._selection(pane, start, end, background=CODED_ALONE))
        for start, end in shared:
            selections.append(self._selection(pane, start, end, background=CODED))
        for d in self.items:
            selections.append(self._selection(pane, d.start, d.end, underline=True))
        pane.setExtraSelections(selections)

    def _selection(self, pane: QPlainTextEdit, start: int, end: int, *, background: QColor | None = None,
                   underline: bool = False) -> QTextEdit.ExtraSelection:
        a, b = self._map.range_to_qt(start, end)
        cursor = QTextCursor(pane.document())
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        if background is not None:
            fmt.setBackground(background)
        if underline:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(DISAGREE)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor  # type: ignore[misc]
        selection.format = fmt  # type: ignore[misc]
        return selection

    def _show_disagreement(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            return
        d = self.items[row]
        position = self._map.to_qt(d.start)
        for pane in self.panes:
            cursor = pane.textCursor()
            cursor.setPosition(position)
            pane.setTextCursor(cursor)
            pane.centerCursor()

    def _set_buttons_enabled(self, enabled: bool) -> None:
        for button in self.buttons:
            button.setEnabled(enabled)

    # ------------------------------------------------------------ reconciling
    def current(self) -> Disagreement | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def accept(self, accept: Sequence[str]) -> None:
        d = self.current()
        if d is None or self.document_id is None or self.code_id is None:
            return
        document_id, code_id = self.document_id, self.code_id
        if not attempt(lambda: reconcile(self.session.project, document_id, code_id, d.start, d.end, list(accept)),
                       lambda message: QMessageBox.warning(self, "Reconcile", message)):
            return
        self.refresh()
        self.reconciled.emit()

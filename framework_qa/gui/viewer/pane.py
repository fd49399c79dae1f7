"""The centre of the window: a header naming the open document, the viewer, and a find bar (Ctrl+F)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QPalette, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from framework_qa.gui.session import Session
from framework_qa.gui.viewer.viewer import TranscriptViewer


class FindBar(QWidget):
    def __init__(self, viewer: TranscriptViewer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.viewer = viewer
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in document (Enter: next, Shift+Enter: previous, Esc: close)")
        self.edit.setClearButtonEnabled(True)
        self.result = QLabel(self)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.result)
        layout.addWidget(close)
        self.edit.returnPressed.connect(lambda: self.search(True))
        self.edit.installEventFilter(self)
        self.edit.textChanged.connect(lambda _t: self.search(True, from_start=True))

    def open(self) -> None:
        selected = self.viewer.selected_text()
        if selected and "\n" not in selected:
            self.edit.setText(selected)
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def search(self, forward: bool, from_start: bool = False) -> bool:
        needle = self.edit.text()
        if not needle:
            self.result.clear()
            return False
        flags = QTextDocument.FindFlag(0) if forward else QTextDocument.FindFlag.FindBackward
        if from_start:
            cursor = self.viewer.textCursor()
            cursor.setPosition(cursor.selectionStart())
            self.viewer.setTextCursor(cursor)
        found = self.viewer.find(needle, flags)
        if not found:  # wrap around
            cursor = self.viewer.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start if forward else cursor.MoveOperation.End)
            self.viewer.setTextCursor(cursor)
            found = self.viewer.find(needle, flags)
        self.result.setText("" if found else "not found")
        return found

    def eventFilter(self, obj: object, event: object) -> bool:  # noqa: N802
        if isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.hide()
                self.viewer.setFocus()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.search(False)
                return True
        return False


class ViewerPane(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.viewer = TranscriptViewer(session, self)
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setContentsMargins(10, 6, 10, 6)
        self.find_bar = FindBar(self.viewer, self)
        self.find_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.viewer, 1)
        self.set_header(None)

    def set_header(self, title: str | None, detail: str = "") -> None:
        if title is None:
            self.header.setText("<i>Open a document from the Documents panel, or import transcripts "
                                "(File ▸ Import, or drop files here).</i>")
        else:
            muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
            self.header.setText(f"<b style='font-size:large'>{html.escape(title)}</b>&nbsp;&nbsp;"
                                f"<span style='color:{muted}'>{html.escape(detail)}</span>")

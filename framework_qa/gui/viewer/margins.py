"""The viewer's two margins: paragraph numbers on the left, coding stripes on the right.

Both paint only the blocks currently on screen, asking the viewer for their geometry, so their cost does
not grow with the document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QToolTip, QWidget

from framework_qa.gui.viewer.layers import Mark
from framework_qa.gui.viewer.style import stripe_colour

if TYPE_CHECKING:
    from framework_qa.gui.viewer.viewer import TranscriptViewer

STRIPE_COLUMN = 7    # px per stripe column (a 4 px bar and a gap)
MAX_COLUMNS = 12
LABEL_WIDTH = 132    # px for the code names beside the bars, at least (more for longer names)
LABEL_MAX = 300      # px at most for the names, and never more than a quarter of the viewer


class NumberMargin(QWidget):
    def __init__(self, viewer: TranscriptViewer) -> None:
        super().__init__(viewer)
        self.viewer = viewer

    def width_hint(self) -> int:
        return self.fontMetrics().horizontalAdvance("0000") + 14

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.width_hint(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        pal = self.palette()
        painter.fillRect(event.rect(), pal.color(QPalette.ColorRole.AlternateBase))
        painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        font = self.viewer.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        painter.setFont(font)
        width = self.width() - 6
        for block, top, line_height in self.viewer.visible_block_tops(event.rect().bottom()):
            number = self.viewer.paragraph_number(block.position())
            if number:
                painter.drawText(QRectF(0, top, width, line_height),
                                 int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(number))


class StripeMargin(QWidget):
    """One column per overlapping coding; a bar over the coded lines with the code name beside it.

    The names get the width the longest one needs (as the document's codings stand), within
    `LABEL_WIDTH`..`LABEL_MAX` and a quarter of the viewer; a name is cut only when even that is too
    narrow, and the tooltip of a bar or name gives the code's full path."""

    def __init__(self, viewer: TranscriptViewer) -> None:
        super().__init__(viewer)
        self.viewer = viewer
        self._hits: list[tuple[QRectF, Mark]] = []
        self.labels_drawn: list[str] = []  # the names as last painted (cut or not)
        self._width: tuple[tuple[frozenset[str], str, int], int] | None = None  # (names, font, viewer width)
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def width_hint(self) -> int:
        return 10 + STRIPE_COLUMN * max(1, min(MAX_COLUMNS, self.viewer.marks.columns)) + self.label_width()

    def label_font(self) -> QFont:
        font = self.viewer.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.78))
        return font

    def label_width(self) -> int:
        """Room for the names: swatch and gaps plus the widest name (with a coder count), capped. Kept
        while the names, the font and the viewer's width stay (the margins are placed after every change)."""
        font = self.label_font()
        key = (self.viewer.marks.names, font.key(), self.viewer.width())
        if self._width is not None and self._width[0] == key:
            return self._width[1]
        metrics = QFontMetrics(font)
        widest = max((metrics.horizontalAdvance(f"{n} ×2") for n in key[0]), default=0)
        cap = max(LABEL_WIDTH, min(LABEL_MAX, self.viewer.width() // 4))
        width = max(LABEL_WIDTH, min(cap, widest + 16))
        self._width = (key, width)
        return width

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        pal = self.palette()
        painter.fillRect(event.rect(), pal.color(QPalette.ColorRole.AlternateBase))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.label_font())
        metrics = painter.fontMetrics()
        self._hits = []
        self.labels_drawn = []  # as painted (cut or not), for checks
        current = self.viewer.current_coding_id
        focus = self.viewer.focus_code_id
        columns = max(1, min(MAX_COLUMNS, self.viewer.marks.columns))
        label_x = 8 + columns * STRIPE_COLUMN + 4
        room = max(20, self.width() - label_x - 14)  # for the text, after the swatch
        labels: dict[tuple[int, str], tuple[float, Mark, list[str]]] = {}
        colours: dict[tuple[str, bool], QColor] = {}
        for mark, top, bottom in self.viewer.visible_stripes(self.height()):
            if mark.column >= MAX_COLUMNS:
                continue
            x = 6 + mark.column * STRIPE_COLUMN
            faded = focus is not None and mark.code_id != focus
            colour = colours.get((mark.colour, faded))
            if colour is None:
                colour = colours[(mark.colour, faded)] = stripe_colour(mark.colour, pal)
                if faded:
                    colour.setAlpha(90)
            bar = QRectF(x, top + 2, 4, max(4.0, bottom - top - 4))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(bar, 2, 2)
            if mark.coding_id == current:
                painter.setPen(pal.color(QPalette.ColorRole.Highlight))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(bar.adjusted(-2, -2, 2, 2), 3, 3)
            self._hits.append((QRectF(x - 2, top, STRIPE_COLUMN, bottom - top), mark))
            key = (int(max(top, 0.0)), mark.code_name)
            if key in labels:
                labels[key][2].append(mark.coder)
            else:
                labels[key] = (max(top, 0.0), mark, [mark.coder])
        # one label per code and starting line, pushed down so labels never overlap
        line = metrics.height()
        next_free = 0.0
        text_colour = pal.color(QPalette.ColorRole.Text)
        for y, mark, coders in sorted(labels.values(), key=lambda t: (t[0], t[1].column)):
            y = max(y + 1, next_free)
            if y > self.height():
                break
            colour = stripe_colour(mark.colour, pal)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(label_x, y + line / 2 - 3, 6, 6), 1.5, 1.5)
            text = mark.code_name + (f" ×{len(coders)}" if len(coders) > 1 else "")
            faded = focus is not None and mark.code_id != focus
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText) if faded else text_colour)
            elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            self.labels_drawn.append(elided)
            rect = QRectF(label_x + 10, y, room + 2, line)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided)
            self._hits.append((QRectF(label_x, y, room + 10, line), mark))
            next_free = y + line

    def mark_at(self, pos: QPoint) -> Mark | None:
        for rect, mark in reversed(self._hits):
            if rect.contains(pos.toPointF()):
                return mark
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        mark = self.mark_at(event.position().toPoint())
        if mark is not None and event.button() == Qt.MouseButton.LeftButton:
            self.viewer.select_coding(mark.coding_id)
        elif mark is not None and event.button() == Qt.MouseButton.RightButton:
            self.viewer.select_coding(mark.coding_id)
            self.viewer.request_context_menu(event.globalPosition().toPoint(), mark.start)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            mark = self.mark_at(event.pos())
            if mark is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.viewer.describe_marks([mark], full=True), self)
            return True
        return super().event(event)

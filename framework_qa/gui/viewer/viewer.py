"""The transcript viewer: a read-only QPlainTextEdit that shows one document and its codings.

Contract: the text is set once per document; codings are painted, not written into the document, over the
visible blocks only (translucent tints, so overlaps come out darker), which keeps opening a long transcript
and applying a code cheap. Every position crossing this class's public API is a core position (code points);
the UTF-16 positions of Qt stay inside, converted by `PositionMap`.
"""

from __future__ import annotations

import html
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import cast

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextBlock,
    QTextCursor,
    QTextLayout,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError, NotFound
from framework_qa.gui.codebook.mime import range_mime
from framework_qa.gui.session import Session
from framework_qa.gui.viewer.layers import Mark, MarkIndex
from framework_qa.gui.viewer.margins import NumberMargin, StripeMargin
from framework_qa.gui.viewer.positions import PositionMap
from framework_qa.gui.viewer.prepared import EMPTY, PreparedDocuments, document_key
from framework_qa.gui.viewer.speakers import format_speakers
from framework_qa.gui.viewer.style import highlight_colour

Blocks = list[tuple[int, int, QTextLayout, QPointF]]  # visible blocks: position, length, layout, origin


class TranscriptViewer(QPlainTextEdit):
    context_requested = Signal(QPoint, int)        # global position, core position under the pointer

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.document_id: int | None = None
        self.positions = PositionMap("")
        self.marks = MarkIndex([])
        self.current_coding_id: int | None = None
        self.focus_code_id: int | None = None
        self._shown = EMPTY                          # the shown document's text, positions, paragraphs
        self._prepared = PreparedDocuments()
        self._in_mouse_move = False                  # a drag can start now (see createMimeDataFromSelection)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setAcceptDrops(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.document().setDocumentMargin(14)
        self.setCursorWidth(2)
        self.numbers = NumberMargin(self)
        self.stripes = StripeMargin(self)
        self.updateRequest.connect(self._on_update_request)
        session.changed.connect(self._on_change)
        session.visible_coders_changed.connect(self.reload_marks)
        session.code_selected.connect(self.set_focus_code)
        font = QFont(self.font())
        font.setPointSizeF(max(11.0, font.pointSizeF() + 1))
        self.setFont(font)
        self._update_margins()

    # ------------------------------------------------------------ document
    def show_document(self, document_id: int | None) -> None:
        """Show a document (None: nothing); the cursor goes to its start."""
        self.current_coding_id = None
        self.document_id = document_id
        shown = EMPTY if document_id is None else self._prepared.get(self.session.project, document_id)
        self._shown = shown
        self.positions = shown.positions
        self._load_marks()
        self.setPlainText(shown.text)
        format_speakers(self.document(), shown.labels, self.palette())
        self._update_margins()
        if document_id is not None:
            self.session.document_shown.emit(document_id)

    def _load_marks(self) -> None:
        if self.document_id is None:
            self.marks = MarkIndex([])
            return
        project = self.session.project
        coders = {c.id: c.name for c in project.coders()}
        every = self.session.document_codings(self.document_id)
        shows = self.session.shows_coder
        shown = {cid for cid in {c.coder_id for c in every} if shows(coders.get(cid, "?"))}
        codes = {c.id: (c.colour, c.name) for c in project.codes()}
        codings = [c for c in every if c.coder_id in shown and c.code_id in codes]
        starts = self.positions.many_to_qt([c.start for c in codings])
        ends = self.positions.many_to_qt([c.end for c in codings])
        self.marks = MarkIndex(
            Mark(c.id, c.code_id, a, b, *codes[c.code_id], coders.get(c.coder_id, "?"))
            for c, a, b in zip(codings, starts, ends, strict=True))
        if self.current_coding_id is not None and self.marks.get(self.current_coding_id) is None:
            self.current_coding_id = None

    def reload_marks(self) -> None:
        try:
            self._load_marks()
        except NotFound:  # another program deleted the document while this was being read
            self.show_document(None)
            return
        self._update_margins()
        self.viewport().update()
        self.stripes.update()

    def _on_change(self, change: Change) -> None:
        """Re-read what the change touched. Another program's changes (`remote`) are announced one by one
        after the project has caught up with all of them, so the document may already be gone while an
        earlier change is handled; a `reset` names every table without ids: every mark is re-read."""
        if change.reset or change.touches("documents"):
            self._prepared.clear()  # not needed for correctness (see `prepared`): frees what may be gone
        if self.document_id is None:
            return
        if change.remote or self.document_id in change.ids("documents"):
            if self.document_id not in {d.id for d in self.session.project.documents()}:
                self.show_document(None)
                return
            if document_key(self.session.project, self.document_id) != self._shown.key:
                self.show_document(self.document_id)  # replaced under the same id (deleted, then added)
                return
        if change.reset or change.touches("codes", "coders"):
            self.reload_marks()
        elif self.document_id in change.coded_documents:
            ids = change.ids("codings")
            if len(ids) > 50:
                self.reload_marks()
            else:
                self._update_marks(ids)

    def _update_marks(self, coding_ids: frozenset[int]) -> None:
        """Re-read only the codings a command touched (applying a code on a long transcript stays cheap)."""
        project = self.session.project
        added: list[Mark] = []
        coders = {c.id: c.name for c in project.coders()}
        codes = {c.id: c for c in project.codes()}
        for cid in coding_ids:
            try:
                c = project.coding(cid)
            except FqaError:
                continue  # removed by the command
            coder = coders.get(c.coder_id, "?")
            if c.document_id != self.document_id or c.code_id not in codes or not self.session.shows_coder(coder):
                continue
            added.append(Mark(c.id, c.code_id, self.positions.to_qt(c.start), self.positions.to_qt(c.end),
                              codes[c.code_id].colour, codes[c.code_id].name, coder))
        self.marks = self.marks.updated(coding_ids, added)
        if self.current_coding_id is not None and self.marks.get(self.current_coding_id) is None:
            self.current_coding_id = None
        self._update_margins()
        self.viewport().update()
        self.stripes.update()

    # ------------------------------------------------------------ positions and selection
    def select_range(self, start: int, end: int, *, centre: bool = True) -> None:
        """Select core range [start, end) and scroll it into view."""
        a, b = self.positions.range_to_qt(start, end)
        cursor = self.textCursor()
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        if centre:
            self.centerCursor()

    def selected_range(self) -> tuple[int, int] | None:
        """The selection as a core range, or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        a, b = self.positions.range_to_core(cursor.selectionStart(), cursor.selectionEnd())
        return (a, b) if a < b else None

    def selected_text(self) -> str:
        return self.textCursor().selectedText().replace("\u2029", "\n")

    def cursor_position(self) -> int:
        return self.positions.to_core(self.textCursor().position())

    def core_position_at(self, viewport_pos: QPoint) -> int:
        return self.positions.to_core(self.cursorForPosition(viewport_pos).position())

    def marks_at(self, core_pos: int) -> list[Mark]:
        return self.marks.at(self.positions.to_qt(core_pos))

    def select_coding(self, coding_id: int) -> None:
        """Make a coding current and select its text."""
        mark = self.marks.get(coding_id)
        if mark is None:
            return
        self.current_coding_id = coding_id
        cursor = self.textCursor()
        cursor.setPosition(mark.start)
        cursor.setPosition(mark.end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.viewport().update()
        self.stripes.update()
        self.session.coding_selected.emit(coding_id)

    def set_focus_code(self, code_id: int | None) -> None:
        self.focus_code_id = code_id
        self.viewport().update()
        self.stripes.update()

    def paragraph_number(self, qt_position: int) -> int:
        return self._shown.paragraphs.get(qt_position, 0)

    def paragraph_at(self, core_pos: int) -> int:
        starts = self._shown.starts
        i = bisect_left(starts, self.positions.to_qt(core_pos) + 1) - 1
        return self._shown.paragraphs[starts[i]] if i >= 0 else 0

    # ------------------------------------------------------------ drag out
    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802
        """What a drag of the selection carries: Qt's own text formats plus the selection as a core range
        (`codebook.mime.RANGE_MIME`), which a code in the codebook accepts as a drop.

        Qt calls this when a drag starts and on Copy. Its own result is a private QTextEditMimeData whose
        `formats()` is a fixed list, so a format added to it stays invisible to `hasFormat` and to every
        drop target: a drag gets a plain QMimeData with Qt's formats copied in. Copy keeps Qt's object:
        the clipboard outlives Python at exit, and a Python-made QMimeData left in it crashes the exit.
        A drag starts inside `mouseMoveEvent` (and ends there: QDrag.exec blocks), Copy never does."""
        qt_mime = super().createMimeDataFromSelection()
        selected = self.selected_range()
        if not self._in_mouse_move or not selected or self.document_id is None:
            return qt_mime
        mime = range_mime(self.document_id, selected[0], selected[1])
        for fmt in qt_mime.formats():
            mime.setData(fmt, qt_mime.data(fmt))
        return mime

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._in_mouse_move = True
        try:
            super().mouseMoveEvent(event)
        finally:
            self._in_mouse_move = False

    # ------------------------------------------------------------ font
    def zoom(self, steps: int) -> None:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, min(40.0, font.pointSizeF() + steps)))
        self.setFont(font)
        self._update_margins()

    def point_size(self) -> float:
        return self.font().pointSizeF()

    def set_point_size(self, size: float) -> None:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, min(40.0, size)))
        self.setFont(font)
        self._update_margins()

    # ------------------------------------------------------------ geometry of visible blocks
    def _visible(self, bottom: float) -> Iterator[tuple[QTextBlock, QPointF]]:
        """Visible blocks with the offset at which Qt draws their layout (as QPlainTextEdit paints)."""
        offset = QPointF(self.contentOffset())
        block = self.firstVisibleBlock()
        while block.isValid():
            rect = self.blockBoundingRect(block).translated(offset)
            if rect.top() > bottom:
                break
            if block.isVisible():
                yield block, QPointF(offset)
            offset.setY(offset.y() + rect.height())
            block = block.next()

    def visible_block_tops(self, bottom: float) -> Iterator[tuple[QTextBlock, float, float]]:
        for block, offset in self._visible(bottom):
            layout = block.layout()
            if layout.lineCount():
                line = layout.lineAt(0)
                yield block, offset.y() + layout.position().y() + line.y(), line.height()

    def _blocks(self, bottom: float) -> tuple[Blocks, list[int]]:
        """The visible blocks' geometry, read once per paint, and their positions (to bisect)."""
        blocks = [(b.position(), b.length(), layout, offset + layout.position())
                  for b, offset in self._visible(bottom) for layout in (b.layout(),)]
        return blocks, [b[0] for b in blocks]

    def _rects(self, blocks: Blocks, starts: list[int], start: int, end: int) -> Iterator[QRectF]:
        """Line rectangles of Qt range [start, end) within the visible blocks (only the blocks it spans
        are visited: a screen shows hundreds of marks, each a few blocks long)."""
        for k in range(max(0, bisect_right(starts, start) - 1), len(blocks)):
            base, length, layout, origin = blocks[k]
            if base >= end:
                break
            a, b = max(start, base) - base, min(end, base + length - 1) - base
            if a >= b:
                continue
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                ls = line.textStart()
                la, lb = max(a, ls), min(b, ls + line.textLength())
                if la < lb:
                    x1 = cast(tuple[float, int], line.cursorToX(la))[0]
                    x2 = cast(tuple[float, int], line.cursorToX(lb))[0]
                    yield QRectF(origin.x() + x1, origin.y() + line.y(), x2 - x1, line.height())

    def _visible_range(self, blocks: Blocks) -> tuple[int, int]:
        return blocks[0][0], blocks[-1][0] + blocks[-1][1]

    def visible_stripes(self, height: float) -> Iterator[tuple[Mark, float, float]]:
        """Marks on screen with the top and bottom (viewport y) of the lines they cover."""
        if not len(self.marks):
            return
        blocks, starts = self._blocks(height)
        if not blocks:
            return
        lo, hi = self._visible_range(blocks)
        for mark in self.marks.overlapping(lo, hi):
            rects = list(self._rects(blocks, starts, mark.start, mark.end))
            if rects:
                top = -4.0 if mark.start < lo else rects[0].top()
                bottom = height + 4.0 if mark.end > hi else rects[-1].bottom()
                yield mark, top, bottom

    # ------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if len(self.marks):
            painter = QPainter(self.viewport())
            self._paint_marks(painter, event.rect())
            painter.end()
        super().paintEvent(event)

    def _paint_marks(self, painter: QPainter, area: QRect) -> None:
        blocks, starts = self._blocks(area.bottom())
        if not blocks:
            return
        lo, hi = self._visible_range(blocks)
        pal = self.palette()
        focus = self.focus_code_id
        painter.setPen(Qt.PenStyle.NoPen)
        outlined: list[tuple[QRectF, Mark]] = []
        brushes: dict[tuple[str, bool], QColor] = {}
        for mark in self.marks.overlapping(lo, hi):
            strong = focus is not None and mark.code_id == focus
            brush = brushes.get((mark.colour, strong))
            if brush is None:
                brush = brushes[(mark.colour, strong)] = highlight_colour(mark.colour, pal, strong)
            painter.setBrush(brush)
            for rect in self._rects(blocks, starts, mark.start, mark.end):
                painter.drawRect(rect)
                if mark.coding_id == self.current_coding_id:
                    outlined.append((rect, mark))
        for rect, mark in outlined:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(highlight_colour(mark.colour, pal, True), 1.5))
            painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))

    # ------------------------------------------------------------ margins
    def _update_margins(self) -> None:
        left, right = self.numbers.width_hint(), self.stripes.width_hint()
        self.setViewportMargins(left, 0, right, 0)
        self._place_margins()

    def _place_margins(self) -> None:
        rect = self.contentsRect()
        left, right = self.numbers.width_hint(), self.stripes.width_hint()
        self.numbers.setGeometry(QRect(rect.left(), rect.top(), left, rect.height()))
        # beside the viewport, not at the frame's edge: the vertical scroll bar sits there
        self.stripes.setGeometry(QRect(self.viewport().geometry().right() + 1, rect.top(), right, rect.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_margins()  # the names' room follows the width

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self.numbers.scroll(0, dy)
        self.numbers.update()
        self.stripes.update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange) and hasattr(self, "numbers"):
            self.numbers.setFont(self.font())
            self._update_margins()

    # ------------------------------------------------------------ hover and context menu
    def describe_marks(self, marks: list[Mark], *, full: bool = False) -> str:
        """Tooltip HTML naming each mark's code and coder; `full` names the code by its whole path (as a
        stripe does, whose label may be cut) and adds the coding's memo."""
        rows = []
        for m in marks:
            name, memo = m.code_name, ""
            if full:
                try:
                    name = self.session.project.code_path(m.code_id).replace("/", " › ")
                    memo = self.session.project.coding(m.coding_id).memo
                except (FqaError, KeyError):  # deleted a moment ago by another program
                    pass
            rows.append(f"<tr><td><span style='color:{m.colour}'>&#9608;</span> {html.escape(name)}</td>"
                        f"<td>&nbsp;{html.escape(m.coder)}</td></tr>"
                        + (f"<tr><td colspan=2><i>{html.escape(memo)}</i></td></tr>" if memo else ""))
        return f"<table>{''.join(rows)}</table>"

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            marks = self.marks.at(self.cursorForPosition(event.pos()).position())
            if marks:
                QToolTip.showText(event.globalPos(), self.describe_marks(marks), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def request_context_menu(self, global_pos: QPoint, qt_pos: int) -> None:
        self.context_requested.emit(global_pos, self.positions.to_core(qt_pos))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        self.context_requested.emit(event.globalPos(), self.core_position_at(event.pos()))

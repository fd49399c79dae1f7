"""Dragging a selection out of the transcript onto a code, through the same paths Qt uses.

The drag starts with a real mouse press and move in the viewer, so Qt's text control creates the drag and
asks the viewer for its mime data; the drop is delivered to the codebook view as real drag enter, move and
drop events at a code's row. Only then is a missing or hidden mime format caught (reading the viewer's mime
data directly, or dropping hand-made data, misses both).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from framework_qa.gui.actions import coding as coding_module
from framework_qa.gui.codebook.mime import RANGE_MIME, range_mime
from framework_qa.gui.codebook.panel import CodebookPanel
from framework_qa.gui.main_window import MainWindow
from framework_qa.gui.viewer import TranscriptViewer
from tests.gui.coding_widgets_support import reopen
from tests.gui.workbench_support import EMOJI_TEXT, make_session, show_window


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    return show_window(qtbot, make_session(tmp_path), "P01")


def drag_selection(qtbot: QtBot, viewer: TranscriptViewer) -> QMimeData:
    """Press inside the selection and move past the drag distance: Qt's text control starts a QDrag
    (parented to the viewport) with what the viewer's `createMimeDataFromSelection` returned."""
    cursor = viewer.textCursor()
    inside = viewer.textCursor()
    inside.setPosition(cursor.selectionStart() + 2)
    start = viewer.cursorRect(inside).center()
    qtbot.mousePress(viewer.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewer.viewport(), start + QPoint(60, 40))
    drags = viewer.viewport().findChildren(QDrag)
    assert drags, "no drag started"
    mime = drags[-1].mimeData()
    assert mime is not None
    return mime


def drop_on_code(panel: CodebookPanel, mime: QMimeData, code_id: int) -> bool:
    """Deliver the drag to the codebook view at the code's row; True if the view accepted the drop."""
    index = panel.proxy.mapFromSource(panel.model.index_of(code_id))
    panel.tree.scrollTo(index)
    centre = panel.tree.visualRect(index).center()
    viewport = panel.tree.viewport()
    copy, left, none = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(centre, copy, mime, left, none)
    QApplication.sendEvent(viewport, enter)
    move = QDragMoveEvent(centre, copy, mime, left, none)
    QApplication.sendEvent(viewport, move)
    if not (enter.isAccepted() and move.isAccepted()):
        return False
    drop = QDropEvent(QPointF(centre), copy, mime, left, none)
    QApplication.sendEvent(viewport, drop)
    return drop.isAccepted()


def test_dragging_a_selection_after_emoji_onto_a_code_codes_those_code_points(
        window: MainWindow, qtbot: QtBot) -> None:
    start = EMOJI_TEXT.index("breathing exercise")  # after 🙂 😀 😀: three UTF-16 positions further in Qt
    end = start + len("breathing exercise")
    window.viewer.select_range(start, end)
    mime = drag_selection(qtbot, window.viewer)
    assert mime.hasFormat(RANGE_MIME) and mime.text() == "breathing exercise"
    panel = window.panels.codebook
    assert isinstance(panel, CodebookPanel)
    bond = window.session.project.code("Working alliance/Bond").id
    assert drop_on_code(panel, mime, bond)
    path = window.session.project.path
    with reopen(path) as check:
        [coding] = check.codings(document="P01", code="Working alliance/Bond")
        assert (coding.start, coding.end, check.coder(coding.coder_id).name) == (start, end, "amira")
    assert window.coding.recent_codes()[0] == bond  # it went through CodingActions
    window.undo()
    with reopen(path) as check:
        assert check.codings(document="P01", code="Working alliance/Bond") == []


def test_copying_the_selection_keeps_qts_own_clipboard_data(window: MainWindow) -> None:
    """Copy is not a drag: the clipboard keeps the text formats Qt made (no Python-owned mime data)."""
    window.viewer.select_range(0, len("Interviewer"))
    window.viewer.copy()
    clip = QApplication.clipboard().mimeData()
    assert clip is not None and clip.text() == "Interviewer"
    QApplication.clipboard().clear()


def test_a_drop_the_project_refuses_is_explained_and_writes_nothing(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(coding_module, "show_error", lambda parent, message: shown.append(message))
    panel = window.panels.codebook
    assert isinstance(panel, CodebookPanel)
    project = window.session.project
    before = len(project.codings())
    stale = range_mime(project.document("P01").id, 5, 10_000)  # e.g. dragged before the text shrank
    drop_on_code(panel, stale, project.code("Working alliance/Goal").id)
    assert shown and "not inside" in shown[0]
    assert len(project.codings()) == before


def test_a_range_is_refused_between_codes(window: MainWindow, qtbot: QtBot) -> None:
    window.viewer.select_range(0, 5)
    mime = drag_selection(qtbot, window.viewer)
    panel = window.panels.codebook
    assert isinstance(panel, CodebookPanel)
    model = panel.model
    assert not model.canDropMimeData(mime, Qt.DropAction.CopyAction, 0, 0, model.index(0, 0))

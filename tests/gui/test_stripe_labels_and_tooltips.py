"""Coding stripe labels get the room their names need (cut only in a narrow viewer), stripes explain
themselves with the code's full path, and code definitions keep their bullet lists in tooltips."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from framework_qa.gui.codebook.model import CodeTreeModel, rich_text
from framework_qa.gui.codebook.quickkeys import QuickKeys
from framework_qa.gui.main_window import MainWindow
from framework_qa.gui.session import Session
from tests.gui.workbench_support import EMOJI_TEXT, make_session

THEME = "Working alliance/Reminders felt pushy at times"


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    session = make_session(tmp_path)
    start = EMOJI_TEXT.index("reminders felt pushy")
    session.project.add_coding("P01", start, start + 20, THEME, "amira", emergent=True,
                               memo="said twice")
    win = MainWindow(session, restore=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.open_document_named("P01")
    return win


def test_a_long_code_name_is_not_cut_when_the_margin_has_room(window: MainWindow) -> None:
    stripes = window.viewer.stripes
    stripes.repaint()
    assert stripes.labels_drawn == ["Reminders felt pushy at times"]


def test_in_a_narrow_viewer_the_label_is_cut_and_the_stripe_tooltip_gives_the_full_path(
        window: MainWindow, qtbot: QtBot) -> None:
    window.resize(700, 600)
    window.docks["codebook"].hide()
    window.docks["documents"].hide()
    window.viewer.resize(420, 500)
    stripes = window.viewer.stripes
    stripes.repaint()
    [label] = stripes.labels_drawn
    assert label.endswith("…")
    rect, _mark = next((r, m) for r, m in stripes._hits if r.width() > 10)  # the (cut) name, not the bar
    pos = rect.center().toPoint()
    QApplication.sendEvent(stripes, QHelpEvent(QEvent.Type.ToolTip, pos, stripes.mapToGlobal(pos)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Working alliance › Reminders felt pushy at times" in QToolTip.text()
    assert "said twice" in QToolTip.text()  # the coding's memo
    QToolTip.hideText()


def test_definition_bullets_stay_a_list_in_the_codebook_tooltip(session: Session) -> None:
    model = CodeTreeModel(session, QuickKeys(session.project))
    goal = session.project.code("Working alliance/Goal")
    tip = model.data(model.index_of(goal.id), Qt.ItemDataRole.ToolTipRole)
    assert isinstance(tip, str)
    assert goal.inclusion.startswith("- ")
    bullets = [line for text in (goal.inclusion, goal.exclusion) for line in text.splitlines()
               if line.startswith("- ")]
    assert tip.count("<li>") == len(bullets) > 1
    assert "<i>Include:</i>" in tip and "<ul" in tip


def test_rich_text_makes_runs_of_dash_lines_a_list_and_escapes_the_rest() -> None:
    html = rich_text("Covers <both>:\n- one\n- two & three\nAfter.", "<i>Include:</i> ")
    assert html == ("<p><i>Include:</i> Covers &lt;both&gt;:</p>"
                    "<ul style='margin-top:0; margin-bottom:0'><li>one</li><li>two &amp; three</li></ul>"
                    "<p>After.</p>")
    assert rich_text("- only").startswith("<ul")

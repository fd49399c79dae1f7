"""The tick list used for the speaker and case filters: clicks tick and untick without closing the
list, the closed box says what is ticked, and refilling keeps ticks on names still there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from framework_qa.gui.search.checklist import CheckList


def test_clicking_entries_ticks_several_and_leaves_the_list_open(qtbot: QtBot) -> None:
    box = CheckList("speakers", "Only these speakers")
    qtbot.addWidget(box)
    box.set_names(["Interviewer", "P01", "P02"])
    box.show()
    box.showPopup()
    view = box.view()
    for row in (1, 2):
        rect = view.visualRect(box.model().index(row, 0))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.isVisible(), "the list stays open for the next tick"
    assert box.checked() == ["P01", "P02"]
    assert box.summary() == "P01, P02" and "Ticked: P01, P02" in box.toolTip()
    rect = view.visualRect(box.model().index(1, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert box.checked() == ["P02"]


def test_summary_counts_many_and_refilling_keeps_ticks(qtbot: QtBot) -> None:
    box = CheckList("cases", "Only these cases")
    qtbot.addWidget(box)
    box.set_names([f"P{i:02d}" for i in range(1, 8)])
    assert box.summary() == "(any)" and box.checked() == []
    with qtbot.waitSignal(box.checked_changed):
        box.set_checked(["P01", "P03", "P05"])
    assert box.summary() == "3 cases"
    box.set_names(["P01", "P02", "P05", "P09"])  # P03 is gone (deleted case)
    assert box.checked() == ["P01", "P05"]

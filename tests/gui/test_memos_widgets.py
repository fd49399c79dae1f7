"""The memo editor (one command per editing burst) and the list of all memos."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFocusEvent

from framework_qa import Project
from framework_qa.gui.memos.model import MemoListModel
from framework_qa.gui.memos.panel import MemoList, MemoPanel
from framework_qa.gui.session import Session
from tests.gui.coding_widgets_support import reopen
from tests.support.demo import demo_project


@pytest.fixture
def editor(session: Session, qtbot) -> MemoPanel:
    widget = MemoPanel(session)
    widget.timer.setInterval(50)
    qtbot.addWidget(widget)
    return widget


def type_text(qtbot, panel: MemoPanel, text: str) -> None:
    panel.editor.setFocus()
    qtbot.keyClicks(panel.editor, text)


def test_typing_a_burst_saves_once_after_the_pause_and_undoes(editor: MemoPanel, study: Project, qtbot) -> None:
    bond = study.code("Working alliance/Bond").id
    editor.set_target("code", bond)
    labels: list[str] = []
    study.subscribe(lambda change: labels.append(change.label))
    type_text(qtbot, editor, "Bond covers warmth")
    qtbot.waitUntil(lambda: labels == ["Edit code memo"], timeout=2000)
    with reopen(study.path) as check:
        assert check.memo("code", bond) == "Bond covers warmth"
    study.undo()
    with reopen(study.path) as check:
        assert check.memo("code", bond) == ""
    assert editor.editor.toPlainText() == ""


def test_leaving_the_editor_saves_at_once(editor: MemoPanel, study: Project, qtbot) -> None:
    editor.timer.setInterval(60_000)
    editor.set_target("project", 0)
    type_text(qtbot, editor, "Overall notes")
    editor.eventFilter(editor.editor, QFocusEvent(QEvent.Type.FocusOut))
    with reopen(study.path) as check:
        assert check.memo("project", 0) == "Overall notes"


def test_switching_target_saves_the_previous_memo(editor: MemoPanel, study: Project, qtbot) -> None:
    editor.timer.setInterval(60_000)
    p01 = study.case("P01").id
    editor.set_target("case", p01)
    type_text(qtbot, editor, "Talkative")
    editor.set_target("document", study.document("P02").id)
    assert editor.editor.toPlainText() == ""
    with reopen(study.path) as check:
        assert check.memo("case", p01) == "Talkative"
    editor.set_target("case", p01)
    assert editor.editor.toPlainText() == "Talkative"


def test_a_coding_memo_is_edited_through_the_coding(editor: MemoPanel, study: Project, qtbot) -> None:
    coding = study.codings(code="Working alliance/Bond")[0]
    editor.set_target("coding", coding.id)
    assert editor.editor.toPlainText() == "warmth towards the guide"
    editor.editor.selectAll()
    type_text(qtbot, editor, "guide as a person")
    editor.save()
    with reopen(study.path) as check:
        assert check.coding(coding.id).memo == "guide as a person"
    assert study.undo_stack.undo_label == "Edit coding memo"
    study.undo()
    assert editor.editor.toPlainText() == "warmth towards the guide"


def test_a_deleted_target_disables_the_editor(editor: MemoPanel, study: Project) -> None:
    theme_change = study.add_code("Guilt")
    theme = theme_change.created_id("codes")
    editor.set_target("code", theme)
    assert editor.editor.isEnabled()
    study.delete_code(theme)
    assert not editor.editor.isEnabled() and editor.target is None


def test_memo_list_passes_the_model_tester_on_the_demo_project(qtmodeltester, tmp_path: Path) -> None:
    with demo_project(tmp_path / "demo.fqa") as project:
        model = MemoListModel(Session(project, "amira"))
        assert model.rowCount() > 1
        qtmodeltester.check(model)


def test_memo_list_shows_every_memo_and_activation_names_its_target(session: Session, study: Project,
                                                                    qtbot) -> None:
    listing = MemoList(session)
    qtbot.addWidget(listing)
    study.set_memo("project", 0, "Study aims\nsecond line")
    study.set_memo("code", study.code("Working alliance/Goal").id, "Goal memo")
    rows = [(listing.proxy.index(r, 0).data(), listing.proxy.index(r, 1).data())
            for r in range(listing.proxy.rowCount())]
    assert rows[0] == ("Project", "Study aims")
    assert ("Code: Working alliance/Goal", "Goal memo") in rows
    assert any(on.startswith("Coding: P01 · Bond") and memo == "warmth towards the guide" for on, memo in rows)
    goal_row = next(r for r, (on, _memo) in enumerate(rows) if on.startswith("Code:"))
    with qtbot.waitSignal(listing.memo_activated) as signal:
        listing.view.activated.emit(listing.proxy.index(goal_row, 0))
    assert signal.args == ["code", study.code("Working alliance/Goal").id]


def test_memo_typed_just_before_closing_is_saved_not_lost(session: Session, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Closing the project inside the idle delay still writes the memo being typed."""
    from framework_qa import open_project

    panel = MemoPanel(session)
    qtbot.addWidget(panel)
    panel.set_target("project", 0)
    panel.editor.setPlainText("Written seconds before closing")
    path = session.project.path
    session.close()
    with open_project(path) as again:
        assert again.memo("project", 0) == "Written seconds before closing"

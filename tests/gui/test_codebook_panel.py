"""The codebook panel's gestures: filter, selection, quick keys, add, delete, merge, promote, frameworks."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from framework_qa import Project
from framework_qa.gui.actions.coding import CodingActions
from framework_qa.gui.codebook import editing
from framework_qa.gui.codebook.coders import ALL, CHOOSE, MINE, CoderFilter
from framework_qa.gui.codebook.mime import range_mime
from framework_qa.gui.codebook.model import COUNT
from framework_qa.gui.codebook.panel import CodebookPanel
from framework_qa.gui.session import Session
from framework_qa.gui.viewer import TranscriptViewer
from tests.gui.coding_widgets_support import build_project, isolate_settings, reopen
from tests.support.demo import demo_project


@pytest.fixture
def panel(session: Session, qtbot) -> CodebookPanel:
    widget = CodebookPanel(session)
    qtbot.addWidget(widget)
    return widget


def answer(monkeypatch, button: QMessageBox.StandardButton) -> list[str]:
    """Auto-answer QMessageBox.question; returns the questions asked."""
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return button
    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def visible_names(panel: CodebookPanel) -> list[str]:
    names, stack = [], [panel.proxy.index(r, 0) for r in range(panel.proxy.rowCount())]
    while stack:
        index = stack.pop()
        names.append(index.data(Qt.ItemDataRole.EditRole))
        stack.extend(panel.proxy.index(r, 0, index) for r in range(panel.proxy.rowCount(index)))
    return names


def test_the_filter_matches_names_and_definitions_and_keeps_ancestors(panel: CodebookPanel) -> None:
    panel.filter.setText("bond")
    names = visible_names(panel)
    assert "Bond" in names and "Working alliance" in names and "Engagement" not in names
    panel.filter.setText("doable routes")  # only in the definition of Task
    assert visible_names(panel) == ["Working alliance", "Task"]
    panel.filter.clear()
    assert "Engagement" in visible_names(panel)


def test_selecting_a_code_announces_it_and_activating_emits_code_activated(
        panel: CodebookPanel, session: Session, study: Project, qtbot) -> None:
    bond_id = study.code("Working alliance/Bond").id
    with qtbot.waitSignal(session.code_selected) as selected:
        panel.select_code(bond_id)
    assert selected.args == [bond_id] and panel.selected_code_id() == bond_id
    with qtbot.waitSignal(panel.code_activated) as activated:
        panel.tree.activated.emit(panel.tree.currentIndex())
    assert activated.args == [bond_id]


def test_selection_and_expansion_survive_a_codebook_change(panel: CodebookPanel, study: Project) -> None:
    bond_id = study.code("Working alliance/Bond").id
    panel.select_code(bond_id)
    announced: list[int] = []
    panel.session.code_selected.connect(announced.append)
    study.add_code("Guilt")
    assert panel.selected_code_id() == bond_id and announced == []
    assert panel.tree.isExpanded(panel.proxy.mapFromSource(panel.model.index_of(study.code("Working alliance").id)))


def test_quick_keys_are_assigned_shown_and_remembered_per_project(
        panel: CodebookPanel, session: Session, study: Project, tmp_path: Path, qtbot) -> None:
    bond_id = study.code("Working alliance/Bond").id
    panel.assign_quick_key(3, bond_id)
    assert panel.quick_code(3) == bond_id and panel.quick_code(4) is None
    assert panel.model.index_of(bond_id).data() == "Bond  [3]"
    goal_id = study.code("Working alliance/Goal").id
    panel.assign_quick_key(3, goal_id)  # a key belongs to one code
    assert panel.model.index_of(bond_id).data() == "Bond"
    again = CodebookPanel(session)
    qtbot.addWidget(again)
    assert again.quick_code(3) == goal_id
    with build_project(tmp_path / "other.fqa") as other:
        elsewhere = CodebookPanel(Session(other, "amira"))
        qtbot.addWidget(elsewhere)
        assert elsewhere.quick_code(3) is None


def test_a_quick_key_follows_its_code_through_delete_and_undo(panel: CodebookPanel, study: Project,
                                                              monkeypatch) -> None:
    bond_id = study.code("Working alliance/Bond").id
    panel.assign_quick_key(1, bond_id)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert panel.delete(bond_id)
    assert panel.quick_code(1) is None
    study.undo()
    assert panel.quick_code(1) == bond_id


def test_the_context_menu_offers_quick_keys_and_editing(panel: CodebookPanel, study: Project) -> None:
    menu = panel.build_menu(study.code("Working alliance/Bond").id)
    texts = [a.text() for a in menu.actions()]
    assert {"Rename", "Merge into…", "Delete…", "Assign quick key", "Mark as emergent"} <= set(texts)
    keys = next(a.menu() for a in menu.actions() if a.text() == "Assign quick key")
    keys.actions()[4].trigger()
    assert panel.quick_code(5) == study.code("Working alliance/Bond").id


def test_adding_codes_and_themes_under_the_selection_or_at_the_top(panel: CodebookPanel, study: Project) -> None:
    panel.select_code(study.code("Working alliance/Bond").id)
    theme = panel.add_code("emergent", name="Feeling judged")
    top = panel.add_code("deductive", parent=None, name="Context")
    with reopen(study.path) as check:
        assert check.code_path(theme) == "Working alliance/Bond/Feeling judged"
        assert check.code(theme).origin == "emergent"
        assert check.code_path(top) == "Context" and check.code(top).origin == "deductive"
    assert panel.selected_code_id() == top
    study.undo()
    study.undo()
    with reopen(study.path) as check:
        assert check.find_code("Context") is None and check.find_code("Working alliance/Bond/Feeling judged") is None


def test_a_duplicate_name_is_reported_not_raised(panel: CodebookPanel, study: Project, monkeypatch) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    assert panel.add_code("deductive", parent=study.code("Working alliance").id, name="Bond") is None
    assert warnings and "already exists" in warnings[0]


def test_deleting_confirms_with_the_codings_affected_and_undoes(panel: CodebookPanel, study: Project,
                                                                monkeypatch) -> None:
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    goal_id = study.code("Working alliance/Goal").id
    assert panel.delete(goal_id)
    assert "2 codings will be removed" in asked[0]
    with reopen(study.path) as check:
        assert check.find_code("Working alliance/Goal") is None
        assert len(check.codings()) == 2
    study.undo()
    with reopen(study.path) as check:
        assert len(check.codings(code="Working alliance/Goal")) == 2


def test_declining_the_delete_keeps_the_code(panel: CodebookPanel, study: Project, monkeypatch) -> None:
    answer(monkeypatch, QMessageBox.StandardButton.No)
    root = study.code("Working alliance").id
    assert not panel.delete(root)
    assert study.find_code("Working alliance/Goal") is not None


def test_merging_moves_the_codings_to_the_target_and_undoes(panel: CodebookPanel, study: Project,
                                                            monkeypatch) -> None:
    goal, bond = study.code("Working alliance/Goal").id, study.code("Working alliance/Bond").id
    monkeypatch.setattr(editing, "choose_code", lambda *a, **k: bond)
    panel.merge(goal)
    with reopen(study.path) as check:
        assert check.find_code("Working alliance/Goal") is None
        assert len(check.codings(code=bond)) == 3
    assert panel.model.index_of(bond, COUNT).data() == "3"
    study.undo()
    with reopen(study.path) as check:
        assert len(check.codings(code=goal)) == 2


def test_promoting_a_theme_moves_it_under_a_category_and_can_mark_it_deductive(
        panel: CodebookPanel, study: Project, monkeypatch) -> None:
    theme = panel.add_code("emergent", parent=None, name="Feeling judged")
    assert theme is not None
    bond = study.code("Working alliance/Bond").id
    offered: list[list[int]] = []

    def choose(project, parent, title, prompt="", *, exclude=(), only=None):
        offered.append([c.id for c in only])
        return bond
    monkeypatch.setattr(editing, "choose_code", choose)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    panel.promote(theme)
    assert theme not in offered[0] and bond in offered[0]
    with reopen(study.path) as check:
        assert check.code_path(theme) == "Working alliance/Bond/Feeling judged"
        assert check.code(theme).origin == "deductive"
    study.undo()
    study.undo()
    with reopen(study.path) as check:
        assert check.code_path(theme) == "Feeling judged" and check.code(theme).origin == "emergent"


def test_marking_emergent_and_editing_colour_are_undoable_edits(panel: CodebookPanel, study: Project,
                                                                monkeypatch) -> None:
    bond = study.code("Working alliance/Bond").id
    panel.set_origin(bond, "emergent")
    assert panel.model.index_of(bond).data(Qt.ItemDataRole.FontRole).italic()
    from PySide6.QtGui import QColor
    monkeypatch.setattr(editing.QColorDialog, "getColor", lambda *a, **k: QColor("#123456"))
    panel.edit_colour(bond)
    with reopen(study.path) as check:
        assert check.code(bond).colour == "#123456" and check.code(bond).origin == "emergent"
    study.undo()
    study.undo()
    with reopen(study.path) as check:
        assert check.code(bond).origin == "deductive"


def test_importing_a_shipped_framework_adds_its_codes_and_undoes(panel: CodebookPanel, study: Project) -> None:
    panel.import_framework("psd")
    assert panel.model.rowCount() == 2
    with reopen(study.path) as check:
        assert check.find_code("Persuasive Systems Design") is not None
    study.undo()
    assert panel.model.rowCount() == 1


def test_coder_filter_switches_between_mine_all_and_chosen(session: Session, qtbot, monkeypatch) -> None:
    widget = CoderFilter(session)
    qtbot.addWidget(widget)
    assert widget.combo.currentIndex() == ALL
    widget.combo.activated.emit(MINE)
    assert session.visible_coders == frozenset({"amira"})
    monkeypatch.setattr(widget, "choose_coders", lambda: frozenset({"ben"}))
    widget.combo.setCurrentIndex(CHOOSE)
    widget.combo.activated.emit(CHOOSE)
    assert session.visible_coders == frozenset({"ben"})
    assert widget.combo.itemText(CHOOSE) == "ben"
    widget.combo.activated.emit(ALL)
    assert session.visible_coders is None


def test_dropping_a_range_refreshes_counts_quickly_on_the_demo_project(tmp_path: Path, qtbot) -> None:
    isolate_settings(tmp_path / "settings")
    with demo_project(tmp_path / "demo.fqa") as project:
        session = Session(project, "amira")
        panel = CodebookPanel(session)
        qtbot.addWidget(panel)
        viewer = TranscriptViewer(session)
        qtbot.addWidget(viewer)
        CodingActions(session, viewer, panel, panel, lambda message: None)  # codes the drop
        doc = project.documents()[0]
        bond = project.code("Working alliance/Bond").id
        target = panel.model.index_of(bond)
        before = int(panel.model.index_of(bond, COUNT).data())
        started = time.perf_counter()
        panel.model.dropMimeData(range_mime(doc.id, 0, 20), Qt.DropAction.CopyAction, -1, 0, target)
        elapsed = time.perf_counter() - started
        assert int(panel.model.index_of(bond, COUNT).data()) == before + 1
        assert elapsed < 0.05, f"coding and recounting took {elapsed * 1000:.1f} ms"


def test_dropping_a_dragged_range_onto_a_code_in_the_tree_announces_it(panel: CodebookPanel, study: Project,
                                                                   qtbot) -> None:
    panel.resize(400, 500)
    panel.show()
    qtbot.waitExposed(panel)
    bond = study.code("Working alliance/Bond").id
    target = panel.proxy.mapFromSource(panel.model.index_of(bond))
    centre = panel.tree.visualRect(target).center()
    doc = study.document("P02").id
    data = range_mime(doc, 0, 11)
    viewport = panel.tree.viewport()
    copy, left, none = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(viewport, QDragEnterEvent(centre, copy, data, left, none))
    move = QDragMoveEvent(centre, copy, data, left, none)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    with qtbot.waitSignal(panel.range_dropped) as dropped:
        QApplication.sendEvent(viewport, QDropEvent(QPointF(centre), copy, data, left, none))
    assert dropped.args == [doc, 0, 11, bond]

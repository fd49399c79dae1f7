"""The codebook tree model: structure, counts, drops, renames and moves, each checked in the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt

from framework_qa import Project
from framework_qa.gui.codebook.mime import RANGE_MIME, codes_mime, range_mime
from framework_qa.gui.codebook.model import COUNT, NAME, CodeTreeModel
from framework_qa.gui.codebook.quickkeys import QuickKeys
from framework_qa.gui.session import Session
from tests.gui.coding_widgets_support import isolate_settings, reopen
from tests.support.demo import demo_project


@pytest.fixture
def model(session: Session) -> CodeTreeModel:
    return CodeTreeModel(session, QuickKeys(session.project))


def index_of(model: CodeTreeModel, project: Project, path: str, column: int = NAME) -> QModelIndex:
    return model.index_of(project.code(path).id, column)


def test_tree_model_passes_the_model_tester_on_the_demo_project(qtmodeltester, tmp_path: Path) -> None:
    isolate_settings(tmp_path / "settings")
    with demo_project(tmp_path / "demo.fqa") as project:
        session = Session(project, "amira")
        qtmodeltester.check(CodeTreeModel(session, QuickKeys(project)))


def test_tree_model_passes_the_model_tester_after_edits(qtmodeltester, model: CodeTreeModel, study: Project) -> None:
    study.add_code("Guilt", origin="emergent")
    study.move_code("Working alliance/Bond", None, 0)
    qtmodeltester.check(model)


def test_frameworks_are_roots_with_their_categories_below(model: CodeTreeModel, study: Project) -> None:
    root = model.index(0, NAME)
    assert root.data() == "Working alliance"
    assert [model.index(r, NAME, root).data() for r in range(model.rowCount(root))] == [
        c.name for c in study.children(study.code("Working alliance"))]


def test_counts_tooltip_swatch_and_emergent_font(model: CodeTreeModel, study: Project) -> None:
    goal = index_of(model, study, "Working alliance/Goal")
    assert goal.siblingAtColumn(COUNT).data() == "2"
    assert goal.data(Qt.ItemDataRole.DecorationRole).name() == study.code("Working alliance/Goal").colour
    definition = study.code("Working alliance/Goal").definition
    assert definition[:20] in goal.data(Qt.ItemDataRole.ToolTipRole).replace("&#x27;", "'")
    study.add_code("Guilt")
    guilt = index_of(model, study, "Guilt")
    assert guilt.data(Qt.ItemDataRole.FontRole).italic()
    assert "emergent" in guilt.data(Qt.ItemDataRole.ToolTipRole)


def test_counts_respect_the_visible_coders(model: CodeTreeModel, session: Session, study: Project) -> None:
    goal = index_of(model, study, "Working alliance/Goal", COUNT)
    session.set_visible_coders(frozenset({"ben"}))
    assert goal.data() == "1"
    session.set_visible_coders(frozenset({"nobody-yet"}))
    assert goal.data() == ""
    session.set_visible_coders(None)
    assert goal.data() == "2"


def test_dropping_a_range_on_a_code_announces_it_and_leaves_the_coding_to_the_window(
        model: CodeTreeModel, study: Project, qtbot) -> None:
    doc = study.document("P02")
    bond = index_of(model, study, "Working alliance/Bond")
    data = range_mime(doc.id, 0, 11)
    assert model.canDropMimeData(data, Qt.DropAction.CopyAction, -1, 0, bond)
    with qtbot.waitSignal(model.range_dropped) as signal:
        assert model.dropMimeData(data, Qt.DropAction.CopyAction, -1, 0, bond)
    assert signal.args == [doc.id, 0, 11, study.code("Working alliance/Bond").id]
    with reopen(study.path) as check:  # the model itself writes nothing (CodingActions codes it)
        assert check.codings(document="P02", code="Working alliance/Bond") == []


def test_a_coding_updates_counts_without_resetting_the_tree(model: CodeTreeModel, study: Project, qtbot) -> None:
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    changed: list[int] = []
    model.dataChanged.connect(lambda a, b, roles: changed.append(a.column()))
    study.add_coding("P02", 0, 5, "Working alliance/Goal", "amira")
    assert resets == [] and changed == [COUNT]


def test_malformed_or_empty_drops_are_refused(model: CodeTreeModel, study: Project) -> None:
    goal = index_of(model, study, "Working alliance/Goal")
    bad = QMimeData()
    bad.setData(RANGE_MIME, b"{not json")
    assert not model.canDropMimeData(bad, Qt.DropAction.CopyAction, -1, 0, goal)
    assert not model.canDropMimeData(range_mime(1, 0, 3), Qt.DropAction.CopyAction, -1, 0, QModelIndex())


def test_renaming_through_set_data_renames_the_code_and_undoes(model: CodeTreeModel, study: Project) -> None:
    bond_id = study.code("Working alliance/Bond").id
    assert model.setData(model.index_of(bond_id), "Bond with the app")
    with reopen(study.path) as check:
        assert check.code(bond_id).name == "Bond with the app"
    assert model.index_of(bond_id).data() == "Bond with the app"
    study.undo()
    with reopen(study.path) as check:
        assert check.code(bond_id).name == "Bond"


def test_renaming_to_a_sibling_name_is_refused_with_a_message(model: CodeTreeModel, study: Project, qtbot) -> None:
    with qtbot.waitSignal(model.error):
        assert not model.setData(index_of(model, study, "Working alliance/Bond"), "Goal")
    assert study.find_code("Working alliance/Bond") is not None


def test_moving_a_code_by_drop_changes_its_parent_and_position_and_undoes(
        model: CodeTreeModel, study: Project) -> None:
    bond = study.code("Working alliance/Bond")
    goal = index_of(model, study, "Working alliance/Goal")
    assert model.dropMimeData(codes_mime([bond.id]), Qt.DropAction.MoveAction, -1, 0, goal)
    with reopen(study.path) as check:
        assert check.code_path(bond.id) == "Working alliance/Goal/Bond"
    study.undo()
    root = model.index(0, NAME)
    assert model.dropMimeData(codes_mime([bond.id]), Qt.DropAction.MoveAction, 0, 0, root)
    with reopen(study.path) as check:
        assert [c.name for c in check.children(check.code("Working alliance"))][:2] == ["Bond", "Goal"]
    study.undo()
    with reopen(study.path) as check:
        assert check.code_path(bond.id) == "Working alliance/Bond"
        assert [c.name for c in check.children(check.code("Working alliance"))][:3] == ["Goal", "Task", "Bond"]


def test_moving_a_code_down_among_its_siblings_lands_before_the_drop_row(model: CodeTreeModel, study: Project) -> None:
    goal = study.code("Working alliance/Goal")
    root = model.index(0, NAME)
    assert model.dropMimeData(codes_mime([goal.id]), Qt.DropAction.MoveAction, 3, 0, root)  # before Engagement
    with reopen(study.path) as check:
        assert [c.name for c in check.children(check.code("Working alliance"))][:4] == [
            "Task", "Bond", "Goal", "Engagement"]


def test_a_code_cannot_be_dropped_into_its_own_subtree(model: CodeTreeModel, study: Project) -> None:
    root_id = study.code("Working alliance").id
    goal = index_of(model, study, "Working alliance/Goal")
    assert not model.canDropMimeData(codes_mime([root_id]), Qt.DropAction.MoveAction, -1, 0, goal)
    assert not model.dropMimeData(codes_mime([root_id]), Qt.DropAction.MoveAction, -1, 0, goal)

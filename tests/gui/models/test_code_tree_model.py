"""The codebook's tree and its filter as the codebook panel shows them: names with quick keys, counts
and their tooltips, colours, emergent themes in italics, the definition tooltip with its lists, the
search text, flags, what a coding, a quick key and a code edit announce, and drops of codes and ranges."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox

from framework_qa import Project
from framework_qa.gui.codebook.mime import CODES_MIME, RANGE_MIME, codes_mime, range_mime
from framework_qa.gui.codebook.model import CODE_ID_ROLE, COUNT, NAME, SEARCH_ROLE, CodeFilterProxy, rich_text
from framework_qa.gui.codebook.panel import CodebookPanel
from framework_qa.gui.session import Session
from tests.gui.coding_widgets_support import reopen
from tests.gui.models.reading import (
    DISPLAY,
    EDIT,
    RIGHT,
    TIP,
    VERTICAL,
    cells,
    column,
    delete_panel_with_its_models,
    flags,
    headers,
    tree,
)

ITEM = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        | Qt.ItemFlag.ItemIsDropEnabled)
ALLIANCE = ["Goal", "Task", "Bond", "Engagement", "Other alliance-relevant"]


@pytest.fixture
def panel(qtbot, session: Session) -> CodebookPanel:  # type: ignore[no-untyped-def]
    panel = CodebookPanel(session)
    qtbot.addWidget(panel)
    return panel


def _index(panel: CodebookPanel, path: str, column: int = NAME) -> QModelIndex:
    return panel.model.index_of(panel.session.project.code(path).id, column)


def test_names_counts_colours_and_roles(panel: CodebookPanel, study: Project) -> None:
    model = panel.model
    study.add_code("Worry <fear>", origin="emergent", colour="#112233", definition="Anxious talk.\n\nOften early.",
                   inclusion="- dread\n* panic\nand more", exclusion="• anger")
    study.add_code("Sub", parent="Worry <fear>", origin="deductive")
    assert headers(model) == [None, "Code", "Codings", None]
    assert headers(model, TIP) == [None] * 4 and headers(model, orientation=VERTICAL) == [None] * 4
    assert tree(model) == [("Working alliance", ALLIANCE), ("Worry <fear>", ["Sub"])]
    root = model.index(0, NAME)
    assert cells(model, parent=root) == [["Goal", "2"], ["Task", "1"], ["Bond", "1"], ["Engagement", ""],
                                         ["Other alliance-relevant", ""]]
    assert cells(model, EDIT, root)[0] == ["Goal", None]
    ids = [study.code(f"Working alliance/{n}").id for n in ALLIANCE]
    assert cells(model, CODE_ID_ROLE, root) == [[i, i] for i in ids]
    assert cells(model, Qt.ItemDataRole.TextAlignmentRole, root) == [[None, RIGHT]] * 5
    assert column(model, COUNT, TIP, root) == ["2 codings on this code", "1 coding on this code",
                                               "1 coding on this code", "0 codings on this code",
                                               "0 codings on this code"]
    assert column(model, COUNT, TIP) == ["0 codings on this code, 4 including its sub-codes",
                                         "0 codings on this code"]
    assert [c.name() for c in column(model, NAME, Qt.ItemDataRole.DecorationRole, root)] == [
        study.code(f"Working alliance/{n}").colour for n in ALLIANCE]
    assert column(model, NAME, Qt.ItemDataRole.DecorationRole)[1] == QColor("#112233")
    assert [row[COUNT] for row in cells(model, Qt.ItemDataRole.DecorationRole)] == [None, None]
    worry = model.index(1, NAME)
    assert worry.data(Qt.ItemDataRole.FontRole).italic() and root.data(Qt.ItemDataRole.FontRole) is None
    assert worry.siblingAtColumn(COUNT).data(Qt.ItemDataRole.FontRole) is None
    assert worry.data(TIP) == ("<p><b>Worry &lt;fear&gt;</b> <i>(emergent theme)</i></p>"
                               "<p>Anxious talk.</p><p>Often early.</p>"
                               "<p style='margin-bottom:0'><i>Include:</i> </p>"
                               "<ul style='margin-top:0; margin-bottom:0'><li>dread</li><li>panic</li></ul>"
                               "<p>and more</p>"
                               "<p style='margin-bottom:0'><i>Exclude:</i> </p>"
                               "<ul style='margin-top:0; margin-bottom:0'><li>anger</li></ul>")
    sub = model.index(0, NAME, worry)
    assert sub.data(TIP) == "<p><b>Sub</b></p>"
    assert worry.data(SEARCH_ROLE) == "worry <fear> anxious talk.\n\noften early. - dread\n* panic\nand more • anger"
    assert worry.siblingAtColumn(COUNT).data(SEARCH_ROLE) is None
    assert flags(model, root) == [[ITEM | Qt.ItemFlag.ItemIsEditable, ITEM]] * 5
    assert model.flags(QModelIndex()) == Qt.ItemFlag.ItemIsDropEnabled  # drops between top-level codes
    assert model.data(QModelIndex()) is None and model.code_id(QModelIndex()) is None
    assert model.count(ids[0]) == 2 and model.count(-1) == 0 and model.subtree_count(root.internalId()) == 4
    assert not model.index_of(-1).isValid() and model.index_of(ids[2], COUNT) == model.index(2, COUNT, root)


def test_rich_text_leads_a_paragraph_or_stands_above_a_list() -> None:
    assert rich_text("One.\nTwo.", "<i>Lead:</i> ") == "<p><i>Lead:</i> One.</p><p>Two.</p>"
    assert rich_text("- a\n- b\nc", "L ") == ("<p style='margin-bottom:0'>L </p>"
                                             "<ul style='margin-top:0; margin-bottom:0'><li>a</li><li>b</li></ul>"
                                             "<p>c</p>")
    assert rich_text("- a\nb\n- c\n- d") == ("<ul style='margin-top:0; margin-bottom:0'><li>a</li></ul><p>b</p>"
                                             "<ul style='margin-top:0; margin-bottom:0'><li>c</li><li>d</li></ul>")
    assert rich_text("") == "" and rich_text("", "L") == "<p style='margin-bottom:0'>L</p>"
    assert rich_text("  - x & y  ") == "<ul style='margin-top:0; margin-bottom:0'><li>x &amp; y</li></ul>"


def test_the_tree_s_structure_for_a_view(panel: CodebookPanel, study: Project) -> None:
    model = panel.model
    root = model.index(0, NAME)
    assert model.rowCount() == 1 and model.columnCount() == 2 and model.rowCount(root) == 5
    assert model.rowCount(model.index(0, COUNT)) == 0  # only the name column has children
    goal = model.index(0, NAME, root)
    for row, column_, parent in ((0, 2, QModelIndex()), (0, -1, QModelIndex()), (-1, 0, QModelIndex()),
                                 (1, 0, QModelIndex()), (5, 0, root), (0, 0, model.index(0, COUNT)),
                                 (0, 0, goal)):
        assert not model.index(row, column_, parent).isValid(), (row, column_)
    assert model.parent(goal) == root and model.parent(root) == QModelIndex()
    assert model.parent(QModelIndex()) == QModelIndex() and model.parent(model.index(2, COUNT, root)) == root


def test_a_coding_announces_the_count_cells_that_moved(panel: CodebookPanel, session: Session,
                                                       study: Project) -> None:
    model = panel.model
    changed: list[tuple[int, int, int, list[int]]] = []
    model.dataChanged.connect(lambda a, b, roles=(): changed.append((int(a.internalId()), a.column(), b.column(),
                                                                     list(roles))))
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    task = study.code("Working alliance/Task").id
    study.add_coding("P02", 0, 5, "Working alliance/Task", "amira")
    assert changed == [(task, COUNT, COUNT, [DISPLAY, TIP])] and resets == []
    assert _index(panel, "Working alliance/Task", COUNT).data() == "2"
    changed.clear()
    session.set_visible_coders(frozenset({"ben"}))  # counts of the shown coders only
    assert _index(panel, "Working alliance/Goal", COUNT).data() == "1"
    assert _index(panel, "Working alliance/Bond", COUNT).data() == ""


def test_a_quick_key_shows_after_the_name_and_announces_its_row(panel: CodebookPanel, study: Project) -> None:
    model = panel.model
    goal, task = study.code("Working alliance/Goal").id, study.code("Working alliance/Task").id
    changed: list[tuple[int, int, list[int]]] = []
    bond = study.code("Working alliance/Bond").id
    panel.assign_quick_key(1, bond)  # kept through the changes below: never announced again
    model.dataChanged.connect(lambda a, b, roles=(): changed.append((int(a.internalId()), a.column(), list(roles))))
    model.dataChanged.connect(lambda a, b, _roles=(): None if a == b else changed.append((-1, -1, [])))
    panel.assign_quick_key(3, goal)
    assert _index(panel, "Working alliance/Goal").data() == "Goal  [3]"
    assert _index(panel, "Working alliance/Goal").data(EDIT) == "Goal"  # an edit starts from the name
    assert changed == [(goal, NAME, [DISPLAY])]
    changed.clear()
    panel.assign_quick_key(3, task)  # the key moves: both rows change
    assert sorted(changed) == sorted([(goal, NAME, [DISPLAY]), (task, NAME, [DISPLAY])])
    assert _index(panel, "Working alliance/Goal").data() == "Goal"


def test_code_edits_are_re_read(panel: CodebookPanel, study: Project) -> None:
    model = panel.model
    study.update_code("Working alliance/Bond", name="Rapport", colour="#010203")
    assert tree(model) == [("Working alliance", ["Goal", "Task", "Rapport", "Engagement", "Other alliance-relevant"])]
    assert _index(panel, "Working alliance/Rapport").data(Qt.ItemDataRole.DecorationRole) == QColor("#010203")
    study.move_code("Working alliance/Rapport", None, 0)
    assert tree(model)[0] == "Rapport"
    study.delete_code("Rapport")
    assert tree(model) == [("Working alliance", ["Goal", "Task", "Engagement", "Other alliance-relevant"])]


def test_renaming_in_place(panel: CodebookPanel, study: Project) -> None:
    model = panel.model
    errors: list[str] = []
    model.error.connect(errors.append)
    bond = _index(panel, "Working alliance/Bond")
    commands: list[object] = []
    panel.session.changed.connect(commands.append)
    assert not model.setData(bond, " Bond ")  # the same name
    assert not model.setData(bond.siblingAtColumn(COUNT), "9")
    assert not model.setData(bond, "X", DISPLAY) and not model.setData(QModelIndex(), "X")
    assert commands == [] and errors == []
    assert model.setData(bond, " Rapport ")
    assert study.code(bond.internalId()).name == "Rapport"


def test_drops_of_codes_and_ranges(panel: CodebookPanel, study: Project, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = panel.model
    assert model.mimeTypes() == [CODES_MIME, RANGE_MIME]
    assert model.supportedDropActions() == Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    assert model.supportedDragActions() == Qt.DropAction.MoveAction
    root = model.index(0, NAME)
    goal, task = model.index(0, NAME, root), model.index(1, NAME, root)
    dragged = model.mimeData([goal, goal.siblingAtColumn(COUNT), task])  # a row's two cells: one code
    assert model.canDropMimeData(dragged, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    empty = QMimeData()
    assert not model.canDropMimeData(empty, Qt.DropAction.MoveAction, -1, -1, root)
    assert not model.dropMimeData(empty, Qt.DropAction.MoveAction, -1, -1, root)
    doc = study.document("P02").id
    assert not model.canDropMimeData(range_mime(doc, 0, 5), Qt.DropAction.CopyAction, 0, 0, root)  # between codes
    assert not model.dropMimeData(range_mime(doc, 0, 5), Qt.DropAction.CopyAction, 0, 0, root)
    assert model.dropMimeData(dragged, Qt.DropAction.MoveAction, -1, -1, QModelIndex())  # to the top level
    assert tree(model) == [("Working alliance", ["Bond", "Engagement", "Other alliance-relevant"]), "Goal", "Task"]
    study.undo()
    study.undo()
    bond_id = study.code("Working alliance/Bond").id
    root = model.index(0, NAME)
    assert model.dropMimeData(codes_mime([bond_id]), Qt.DropAction.MoveAction, 1, 0, root)  # up, before Task
    assert tree(model)[0] == ("Working alliance", ["Goal", "Bond", "Task", "Engagement", "Other alliance-relevant"])
    task_id = study.code("Working alliance/Task").id
    root = model.index(0, NAME)
    assert model.dropMimeData(codes_mime([task_id]), Qt.DropAction.MoveAction, 2, 0, root)  # onto its own place
    assert tree(model)[0] == ("Working alliance", ["Goal", "Bond", "Task", "Engagement", "Other alliance-relevant"])


def test_a_move_the_project_refuses_is_reported(panel: CodebookPanel, study: Project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    model = panel.model
    errors: list[str] = []
    model.error.connect(errors.append)
    study.add_code("Goal")  # a top-level code named like a child of Working alliance
    root = model.index(0, NAME)
    assert not model.dropMimeData(codes_mime([study.code("Goal").id]), Qt.DropAction.MoveAction, -1, -1, root)
    assert len(errors) == 1 and tree(model)[1] == "Goal"


def test_the_filter_keeps_matches_and_their_parents(panel: CodebookPanel, study: Project) -> None:
    proxy = panel.proxy
    study.add_code("Hopes", parent="Working alliance/Goal")
    panel.filter.setText("  HOPES ")  # Goal's definition says "hopes"; the code Hopes; any case
    assert tree(proxy) == [("Working alliance", [("Goal", ["Hopes"])])]
    panel.filter.setText("dread")  # nothing
    assert tree(proxy) == []
    own = CodeFilterProxy()
    own.setSourceModel(panel.model)
    own.set_text("task")
    assert own.filterRole() == SEARCH_ROLE and own.filterKeyColumn() == NAME
    assert tree(own) == [("Working alliance", ["Goal", "Task", "Other alliance-relevant"])]


def test_the_panel_owns_its_model(qtbot, session: Session, study: Project) -> None:  # type: ignore[no-untyped-def]
    delete_panel_with_its_models(CodebookPanel(session))
    study.add_code("Later")  # no model left listening
    with reopen(study.path) as check:
        assert check.find_code("Later") is not None

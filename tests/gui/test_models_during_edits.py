"""Every item model and both filter proxies watched while real commands change a real project file:
Qt's model tester attached during the inserts, removals and resets, and a mirror that follows only
what the model announced (see `model_mirror`). The rows announced are checked against where the item
really is."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from framework_qa import Project
from framework_qa.gui.agreement.model import AgreementTreeModel
from framework_qa.gui.cases.model import DocumentTreeModel
from framework_qa.gui.cases.table_model import CasesTableModel
from framework_qa.gui.codebook.model import CodeFilterProxy, CodeTreeModel
from framework_qa.gui.codebook.quickkeys import QuickKeys
from framework_qa.gui.codings.model import CODING_ROLE, CodingsTableModel
from framework_qa.gui.documents.panel import DocumentFilterProxy
from framework_qa.gui.matrix import MatrixPanel
from framework_qa.gui.matrix.table_model import MatrixTableModel
from framework_qa.gui.memos.model import MemoListModel
from framework_qa.gui.search.model import SearchResultsModel
from framework_qa.gui.session import Session
from tests.core.analysis.matrix.conftest import build_small
from tests.gui.model_mirror import Watch


@pytest.fixture
def watch(qtlog, qtbot) -> Iterator[Watch]:  # type: ignore[no-untyped-def]
    """Verified again at the end (a panel's models only while the panel lives: tests with a panel verify
    after each step)."""
    watching = Watch(qtlog)
    yield watching
    watching.verify()


def _coding_id(index: QModelIndex) -> object:
    coding = index.data(CODING_ROLE)
    return None if coding is None else coding.id


def _span(project: Project, document: str, words: str) -> tuple[int, int]:
    start = project.text(document).index(words)
    return start, start + len(words)


def _each_step(watch: Watch, steps: list[Callable[[], object]]) -> None:
    for step in steps:
        step()
        watch.verify()


# ------------------------------------------------------------------ the codings table
def test_a_coding_in_the_middle_of_the_document_is_announced_at_its_row(watch: Watch, session: Session,
                                                                        study: Project) -> None:
    model = CodingsTableModel(session)
    model.show_document(study.document("P01").id)
    mirror = watch(model, key=_coding_id)
    assert [model.coding(r).code_id for r in range(3)] == [study.code("Working alliance/Goal").id] * 2 + [
        study.code("Working alliance/Bond").id]
    mirror.take_events()
    start, end = _span(study, "P01", "And Robin, the guide?")  # after both Goal codings, before Bond
    change = study.add_coding("P01", start, end, "Working alliance/Task", "amira")
    (new_id,) = change.ids("codings")
    assert model.row_of(new_id) == 2
    assert mirror.take_events() == [("inserted", (), 2, 2)]
    watch.verify()


def test_removing_and_recoding_announce_the_rows_they_touch(watch: Watch, session: Session, study: Project) -> None:
    model = CodingsTableModel(session)
    model.show_document(study.document("P01").id)
    mirror = watch(model, key=_coding_id)
    bond = model.coding(2)
    assert bond is not None
    mirror.take_events()
    study.remove_coding(bond.id)
    assert mirror.take_events() == [("removed", (), 2, 2)]
    watch.verify()
    study.undo()
    assert mirror.take_events() == [("inserted", (), 2, 2)] and model.row_of(bond.id) == 2
    watch.verify()
    first = model.coding(0)
    assert first is not None
    start, end = _span(study, "P01", "someone was there")  # moves the first coding after the last
    study.update_coding(first.id, start=start, end=end)
    assert mirror.take_events() == [("removed", (), 0, 0), ("inserted", (), 2, 2)]
    assert model.row_of(first.id) == 2
    watch.verify()
    study.update_coding(first.id, memo="hope as a goal")  # same place: one row's cells change
    assert mirror.take_events() == [("changed", (), 2, 2)]
    watch.verify()


def test_the_codings_of_a_code_follow_codings_made_removed_and_undone(watch: Watch, session: Session,
                                                                     study: Project) -> None:
    model = CodingsTableModel(session)
    model.show_code(study.code("Working alliance").id, with_descendants=True)
    watch(model, key=_coding_id)
    goal = "Working alliance/Goal"
    start, end = _span(study, "P02", "on the train")
    _each_step(watch, [
        lambda: study.add_coding("P02", start, end, goal, "ben"),
        lambda: study.add_coding("P01", *_span(study, "P01", "before meetings"), goal, "amira"),
        lambda: study.remove_coding(model.coding(0).id),  # type: ignore[union-attr]
        study.undo, study.undo, study.redo,
        lambda: study.rename_document("P02", "P02 (train)"),
        lambda: study.delete_code("Working alliance/Task"),
        study.undo,
    ])


# ------------------------------------------------------------------ the codebook and its filter
def test_the_codebook_and_its_filter_follow_code_edits_and_counts(watch: Watch, session: Session,
                                                                  study: Project) -> None:
    model = CodeTreeModel(session, QuickKeys(study))
    proxy = CodeFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_text("hope")  # Goal's definition ("hopes to change") and, once added, Hope
    watch(model, key=model.code_id)
    watch(proxy)
    names = [proxy.index(r, 0, proxy.index(0, 0)).data() for r in range(proxy.rowCount(proxy.index(0, 0)))]
    assert names == ["Goal"]
    start, end = _span(study, "P02", "Every day")
    _each_step(watch, [
        lambda: study.add_code("Hope", parent="Working alliance/Goal"),
        lambda: study.add_code("Worry", origin="emergent"),
        lambda: study.add_coding("P02", start, end, "Working alliance/Goal/Hope", "amira"),  # counts change
        lambda: study.update_code("Working alliance/Task", name="Hopeful tasks"),  # now matches the filter
        lambda: study.move_code("Working alliance/Bond", None, 0),
        lambda: proxy.set_text("worr"),
        lambda: study.delete_code("Worry"),
        study.undo, study.undo,
        lambda: proxy.set_text(""),
        lambda: study.merge_codes("Working alliance/Goal/Hope", "Working alliance/Goal"),
        study.undo,
    ])


def test_a_count_change_is_announced_on_its_code_s_row(watch: Watch, session: Session, study: Project) -> None:
    model = CodeTreeModel(session, QuickKeys(study))
    mirror = watch(model, key=model.code_id)
    task = model.index_of(study.code("Working alliance/Task").id)
    path = (task.parent().row(), task.row())
    mirror.take_events()
    study.add_coding("P01", *_span(study, "P01", "before meetings"), "Working alliance/Task", "amira")
    changed = [(where, first) for what, where, first, _last in mirror.take_events() if what == "changed"]
    assert changed == [(path[:1], path[1])]
    watch.verify()


# ------------------------------------------------------------------ documents, cases and the filter
def test_the_documents_tree_and_its_filter_follow_imports_cases_and_deletions(watch: Watch, session: Session,
                                                                             study: Project) -> None:
    model = DocumentTreeModel(session)
    proxy = DocumentFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_text("p0")
    watch(model)
    watch(proxy)
    _each_step(watch, [
        lambda: study.add_document("P03", "Interviewer: Why?\nP03: Because.\n", case="P03"),
        lambda: study.add_document("P02 follow-up", "Interviewer: Again?\nP02: Yes.\n", case="P02"),
        lambda: study.set_document_case("Notes", "P01"),
        lambda: study.rename_document("Notes", "Field notes"),
        lambda: proxy.set_text("leeds"),  # an attribute value keeps its case and the case's documents
        lambda: study.set_case_value("P02", "site", "Leeds"),
        lambda: study.delete_document("P02 follow-up"),
        lambda: study.delete_case("P01"),
        study.undo, study.undo, study.undo,
        lambda: proxy.set_text(""),
        study.redo,
    ])


def test_the_cases_table_follows_cases_attributes_and_values(watch: Watch, session: Session,
                                                             study: Project) -> None:
    model = CasesTableModel(session)
    watch(model)
    _each_step(watch, [
        lambda: study.add_case("P04"),
        lambda: study.define_attribute("joined", "date"),
        lambda: study.set_case_value("P04", "age", "51"),
        lambda: study.rename_case("P02", "P02b"),
        lambda: study.delete_case("P01"),
        study.undo, study.undo,
    ])


# ------------------------------------------------------------------ memos
def test_the_memo_list_follows_coding_memos_and_memos(watch: Watch, session: Session, study: Project) -> None:
    model = MemoListModel(session)
    mirror = watch(model)
    before = model.rowCount()
    start, end = _span(study, "P02", "on the train")
    mirror.take_events()
    (coding_id,) = study.add_coding("P02", start, end, "Working alliance/Task", "ben", memo="commuting").ids("codings")
    row = next(r for r in range(model.rowCount()) if model.target(r) == ("coding", coding_id))
    assert mirror.take_events() == [("inserted", (), row, row)]
    watch.verify()
    _each_step(watch, [
        lambda: study.set_memo("code", study.code("Working alliance/Goal").id, "what they hoped for"),
        lambda: study.update_coding(study.codings(document="P01")[0].id, memo="first words"),
        lambda: study.update_coding(study.codings(document="P01")[0].id, memo=""),
        study.undo, study.undo, study.undo,
    ])
    assert model.rowCount() == before + 1  # the new coding's memo; the code memo was undone


# ------------------------------------------------------------------ the matrix, sorted by a code
def test_the_matrix_follows_codings_summaries_and_its_sorting(watch: Watch, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = build_small(tmp_path / "p.fqa")
    session = Session(project, "amira")
    panel = MatrixPanel(session)
    qtbot.addWidget(panel)
    panel.show()  # the matrix follows changes while it can be seen
    model = panel.model
    assert isinstance(model, MatrixTableModel)
    task = [c.path for c in model.matrix.columns].index("Alliance/Task")  # type: ignore[union-attr]
    mirror = watch(model, roles=(Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole))
    model.sort(task, Qt.SortOrder.DescendingOrder)  # a header click: cases by their Task codings
    text = project.text("B1")
    mirror.take_events()
    for start, end, coder in ((0, 5, "amira"), (6, 10, "ben"), (12, len(text), "ben")):
        project.add_coding("B1", start, end, "Alliance/Task", coder)  # beta now has the most Task codings
        watch.verify()
    assert model.matrix_row(0) == model.matrix.row_index(project.case("beta").id)  # type: ignore[union-attr]
    _each_step(watch, [
        lambda: panel.heat_box.setChecked(True),
        lambda: project.set_summary("gamma", "Guilt", "Nothing said about guilt."),
        project.undo, project.undo, project.undo,
        lambda: project.add_code("Privacy"),  # a new column: the matrix is rebuilt
        lambda: model.sort(task, Qt.SortOrder.AscendingOrder),
    ])
    session.close()


# ------------------------------------------------------------------ agreement report and its sorting proxy
def test_the_agreement_tree_and_its_sorting_proxy_follow_reconciling(watch: Watch, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from framework_qa.gui.agreement import AgreementPanel

    project = build_small(tmp_path / "p.fqa")
    panel = AgreementPanel(Session(project, "amira"))
    qtbot.addWidget(panel)
    panel.show()  # the report follows changes only while it can be seen
    assert isinstance(panel.model, AgreementTreeModel)
    watch(panel.model)
    watch(panel.proxy)
    panel.select(["amira", "ben"])
    assert panel.compute()
    watch.verify()
    assert panel.model.rowCount() > 0
    panel.tree.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    a1 = project.text("A1")
    _each_step(watch, [
        lambda: project.add_coding("A1", 0, len(a1), "Alliance/Goal", "ben"),
        lambda: qtbot.waitUntil(lambda: panel.model.rowCount() > 0),
        project.undo,
        lambda: panel.compute(),
    ])


# ------------------------------------------------------------------ search results and their check boxes
def test_search_results_announce_the_check_boxes_they_change(watch: Watch) -> None:
    from framework_qa.core.search import IndexDocument, SearchIndex

    docs = [IndexDocument(1, "P01", "P01", "I: reminders?\nP01: The reminders helped. Reminders!",
                          [(0, 13, "I"), (14, 49, "P01")]),
            IndexDocument(2, "P02", "P02", "P02: No reminder for me.", [(0, 24, "P02")])]
    model = SearchResultsModel()
    watch(model, roles=(Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.CheckStateRole))
    model.set_results(SearchIndex.in_memory(docs).search("reminder"))
    first_doc = model.index(0, 0)
    hit = model.index(1, 0, first_doc)
    unchecked = Qt.CheckState.Unchecked.value
    checked = Qt.CheckState.Checked.value
    _each_step(watch, [
        lambda: model.setData(hit, unchecked, Qt.ItemDataRole.CheckStateRole),  # the document is partly checked
        lambda: model.setData(first_doc, unchecked, Qt.ItemDataRole.CheckStateRole),  # and all its hits
        lambda: model.setData(first_doc, checked, Qt.ItemDataRole.CheckStateRole),
        lambda: model.set_all_checked(False),
        lambda: model.set_all_checked(True),
        lambda: model.set_results(None),
    ])


# ------------------------------------------------------------------ no model without these tests
def test_every_item_model_and_proxy_of_the_window_is_watched_here() -> None:
    """A new Qt item model (or proxy) class in framework_qa/gui must get a test in this file."""
    import re

    gui = Path(__file__).resolve().parents[2] / "framework_qa" / "gui"
    pattern = re.compile(r"^class (\w+)\((?:QAbstract\w*Model|QSortFilterProxyModel|QStandardItemModel)\)", re.M)
    models = {name for path in gui.rglob("*.py") for name in pattern.findall(path.read_text(encoding="utf-8"))}
    assert len(models) >= 10, models
    source = Path(__file__).read_text(encoding="utf-8")
    unwatched = sorted(m for m in models if not re.search(rf"\b{m}\b", source.split("# " + "-" * 66 + " no model")[0]))
    assert unwatched == []

"""The search results as the search panel's tree shows them: document rows with their counts, hit rows
with the context on one line, the hit in bold and the left context right-aligned and elided at its
start; check boxes on the first column, and exactly the check-box cells they change announced."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import QStyleOptionViewItem, QTreeView

from framework_qa.core.search import IndexDocument, SearchIndex, SearchResults
from framework_qa.gui.search.model import DOCUMENT_ID_ROLE, HIT_ROLE, LeftContextDelegate, SearchResultsModel
from framework_qa.gui.search.panel import SearchPanel
from framework_qa.gui.session import Session
from tests.gui.models.reading import ALIGN, FONT, RIGHT, SELECTABLE, TIP, VERTICAL, cells, flags, headers

CHECK = Qt.ItemDataRole.CheckStateRole
CHECKED, UNCHECKED, PARTLY = Qt.CheckState.Checked, Qt.CheckState.Unchecked, Qt.CheckState.PartiallyChecked
CHECKABLE = SELECTABLE | Qt.ItemFlag.ItemIsUserCheckable
TEXT = "I: reminders?\nP01: The reminders\thelped. Reminders!"
NOTE = "A reminder,\non two lines."


def _results(limit: int | None = None) -> SearchResults:
    docs = [IndexDocument(1, "P01", "P01", TEXT, [(0, 13, "I"), (14, len(TEXT), "P01")]),
            IndexDocument(2, "P02", "P02", "No reminder for me.", [(0, 19, None)]),
            IndexDocument(3, "Note", None, NOTE, [(0, len(NOTE), None)])]
    return SearchIndex.in_memory(docs).search("reminder", limit=limit)


def _view(qtbot, model: SearchResultsModel) -> QTreeView:  # type: ignore[no-untyped-def]
    """The panel's tree: the left context's column elided by `LeftContextDelegate`."""
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegateForColumn(1, LeftContextDelegate(view))
    return view


def test_documents_and_their_hits_in_reading_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = SearchResultsModel()
    view = _view(qtbot, model)
    model.set_results(_results())
    assert headers(model) == [None, "Document", "Before", "Hit", "After", None]
    assert headers(model, TIP) == [None] * 6 and headers(model, orientation=VERTICAL)[1:3] == [None, None]
    assert cells(model) == [["P01 (3 hits)", None, None, None], ["P02 (1 hit)", None, None, None],
                            ["Note (1 hit)", None, None, None]]
    assert cells(model, DOCUMENT_ID_ROLE) == [[1] * 4, [2] * 4, [3] * 4]
    assert cells(model, HIT_ROLE) == [[None] * 4] * 3
    assert [[f.bold() if f else f for f in row] for row in cells(model, FONT)] == [[True, None, None, None]] * 3
    assert cells(model, CHECK) == [[UNCHECKED, None, None, None]] * 3
    assert cells(model, TIP) == [[None] * 4] * 3 and cells(model, ALIGN) == [[None] * 4] * 3
    assert flags(model) == [[CHECKABLE, SELECTABLE, SELECTABLE, SELECTABLE]] * 3
    p01, p02, note = (model.index(r, 0) for r in range(3))
    assert cells(model, parent=p01) == [["¶1 I", "I: ", "reminders", "?"],
                                        ["¶2 P01", "P01: The ", "reminders", " helped. Reminders!"],
                                        ["¶2 P01", "P01: The reminders helped. ", "Reminders", "!"]]
    assert cells(model, parent=note) == [["¶1", "A ", "reminder", ", on two lines."]]  # no speaker, one line
    assert cells(model, parent=p02)[0][0] == "¶1"
    hits = [model.index(r, 0, p01).data(HIT_ROLE) for r in range(3)]
    assert [h.start for h in hits] == [3, 23, 41] and cells(model, HIT_ROLE, p01) == [[h] * 4 for h in hits]
    assert cells(model, DOCUMENT_ID_ROLE, p01) == [[1] * 4] * 3
    assert cells(model, TIP, p01)[1] == ["P01, paragraph 2, characters 23-32"] * 4
    assert cells(model, ALIGN, p01) == [[None, RIGHT, None, None]] * 3
    assert [[f.bold() if f else f for f in row] for row in cells(model, FONT, p01)] == [[None, None, True, None]] * 3
    assert cells(model, CHECK, p01) == [[UNCHECKED, None, None, None]] * 3
    assert flags(model, p01) == [[CHECKABLE, SELECTABLE, SELECTABLE, SELECTABLE]] * 3
    assert model.hits() == [*hits, model.index(0, 0, p02).data(HIT_ROLE), model.index(0, 0, note).data(HIT_ROLE)]
    assert [g.document for g in model.groups()] == ["P01", "P02", "Note"]
    option = QStyleOptionViewItem()
    before = model.index(1, 1, p01)
    view.itemDelegateForColumn(1).initStyleOption(option, before)
    assert option.textElideMode == Qt.TextElideMode.ElideLeft and option.text == "P01: The "
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags and model.data(QModelIndex()) is None
    assert model.parent(QModelIndex()) == QModelIndex() and model.parent(p01) == QModelIndex()
    assert model.parent(model.index(2, 3, p01)) == p01 and model.rowCount(model.index(0, 1)) == 0
    assert model.rowCount(model.index(0, 0, p01)) == 0


def test_a_document_with_more_hits_than_shown_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = SearchResultsModel()
    model.set_results(_results(limit=2))
    assert cells(model) == [["P01 (3 hits, 2 shown)", None, None, None]]


def test_checking_hits_and_documents_announces_each_check_box(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = SearchResultsModel()
    _view(qtbot, model)
    assert model.checked_hits() == [] and model.hits() == []
    model.set_all_checked(True)  # before any search: nothing to check
    model.set_results(_results())
    announced: list[tuple[tuple[int, ...], int, int, int, list[int]]] = []

    def path(index: QModelIndex) -> tuple[int, ...]:
        return (index.parent().row(), index.row()) if index.parent().isValid() else (index.row(),)

    model.dataChanged.connect(lambda a, b, roles=(): announced.append((path(a), b.row(), a.column(), b.column(),
                                                                       list(roles))))
    p01 = model.index(0, 0)
    assert model.setData(model.index(1, 0, p01), CHECKED.value, CHECK)  # the view hands over an int
    assert announced == [((0, 1), 1, 0, 0, [CHECK]), ((0,), 0, 0, 0, [CHECK])]
    assert cells(model, CHECK, p01) == [[UNCHECKED, None, None, None], [CHECKED, None, None, None],
                                        [UNCHECKED, None, None, None]]
    assert p01.data(CHECK) == PARTLY
    assert [h.start for h in model.checked_hits()] == [23]
    announced.clear()
    assert model.setData(p01, CHECKED, CHECK)  # a document checks all its hits
    assert announced == [((0,), 0, 0, 0, [CHECK]), ((0, 0), 2, 0, 0, [CHECK])]
    assert p01.data(CHECK) == CHECKED and len(model.checked_hits()) == 3
    announced.clear()
    assert model.setData(p01, UNCHECKED.value, CHECK)
    assert p01.data(CHECK) == UNCHECKED and model.checked_hits() == []
    assert not model.setData(model.index(0, 1, p01), CHECKED.value, CHECK)  # only the first column checks
    assert not model.setData(model.index(0, 0, p01), CHECKED.value, Qt.ItemDataRole.EditRole)
    assert not model.setData(QModelIndex(), CHECKED.value, CHECK)
    assert model.checked_hits() == []
    announced.clear()
    model.set_all_checked(True)
    assert announced == [((0,), 0, 0, 0, [CHECK]), ((0, 0), 2, 0, 0, [CHECK]), ((1,), 1, 0, 0, [CHECK]),
                         ((1, 0), 0, 0, 0, [CHECK]), ((2,), 2, 0, 0, [CHECK]), ((2, 0), 0, 0, 0, [CHECK])]
    assert len(model.checked_hits()) == 5 and [row[0] for row in cells(model, CHECK)] == [CHECKED] * 3
    model.set_all_checked(False)
    assert model.checked_hits() == [] and [row[0] for row in cells(model, CHECK)] == [UNCHECKED] * 3
    model.set_results(None)
    assert model.rowCount() == 0 and model.checked_hits() == []


def test_the_search_panel_owns_its_model(qtbot, session: Session) -> None:  # type: ignore[no-untyped-def]
    panel = SearchPanel(session)
    qtbot.addWidget(panel)
    assert QObject.parent(panel.model) is panel and isinstance(panel.model, SearchResultsModel)

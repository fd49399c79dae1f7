"""The documents dock's tree and its filter as the dock shows them: cases with their documents (a case
holding one document of its name as one row), "(no case)" last, attribute values as columns, tooltips,
renaming in place, each kind of change re-read, and the filter keeping matches with their cases."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMessageBox

from framework_qa import Project
from framework_qa.gui.cases.model import (
    CASE_ID_ROLE,
    DOCUMENT_ID_ROLE,
    NO_CASE,
    SEARCH_ROLE,
    DocumentTreeModel,
)
from framework_qa.gui.documents.panel import DocumentFilterProxy, DocumentsPanel
from framework_qa.gui.session import Session
from tests.gui.models.reading import (
    EDIT,
    EDITABLE,
    FONT,
    SELECTABLE,
    TIP,
    VERTICAL,
    cells,
    delete_panel_with_its_models,
    flags,
    headers,
    tree,
)

P01_TIP = ("<b>P01</b> (1 document)<table><tr><td><i>age</i></td><td>34</td></tr>"
           "<tr><td><i>site</i></td><td>Leeds</td></tr></table>")


def _panel(qtbot, session: Session) -> DocumentsPanel:  # type: ignore[no-untyped-def]
    panel = DocumentsPanel(session)
    qtbot.addWidget(panel)
    return panel


def test_cases_with_their_documents_and_the_loose_ones_last(qtbot, session: Session, study: Project) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, session)
    model = panel.model
    p01, p02, notes = (study.document(n).id for n in ("P01", "P02", "Notes"))
    c01, c02 = study.case("P01").id, study.case("P02").id
    assert headers(model) == [None, "Case / document", "age", "site", None]
    assert headers(model, TIP) == [None] * 5 and headers(model, orientation=VERTICAL) == [None] * 5
    assert tree(model) == ["P01", "P02", (NO_CASE, ["Notes"])]
    assert cells(model) == [["P01", "34", "Leeds"], ["P02", "", "York"], [NO_CASE, "", ""]]
    assert cells(model, EDIT) == [["P01", None, None], ["P02", None, None], [NO_CASE, None, None]]
    loose = model.index(2, 0)
    assert cells(model, parent=loose) == [["Notes", "", ""]] and cells(model, EDIT, loose) == [["Notes", None, None]]
    assert cells(model, CASE_ID_ROLE) == [[c01] * 3, [c02] * 3, [None] * 3]
    assert cells(model, DOCUMENT_ID_ROLE) == [[p01] * 3, [p02] * 3, [None] * 3]  # a merged row is its document
    assert cells(model, CASE_ID_ROLE, loose) == [[None] * 3] and cells(model, DOCUMENT_ID_ROLE, loose) == [[notes] * 3]
    tips = cells(model, TIP)
    assert tips[0] == [f"P01<br>from P01 (txt), 162 characters<br>{P01_TIP}", None, None]
    assert tips[2] == [None] * 3 and cells(model, TIP, loose) == [["Notes<br>from Notes (txt), 19 characters", None,
                                                                   None]]
    assert cells(model, SEARCH_ROLE) == [["p01 34 leeds", None, None], ["p02 york", None, None],
                                         ["(no case)", None, None]]
    assert cells(model, SEARCH_ROLE, loose) == [["notes", None, None]]
    fonts = cells(model, FONT)
    assert fonts[:2] == [[None] * 3] * 2 and fonts[2][0].italic() and fonts[2][1:] == [None, None]
    assert cells(model, FONT, loose) == [[None] * 3]
    assert flags(model) == [[EDITABLE, SELECTABLE, SELECTABLE]] * 2 + [[SELECTABLE] * 3]  # "(no case)" has no name
    assert flags(model, loose) == [[EDITABLE, SELECTABLE, SELECTABLE]]
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags and model.data(QModelIndex()) is None
    assert model.document_id(QModelIndex()) is None and model.case_id(QModelIndex()) is None
    assert model.document_id(loose) is None and model.case_id(model.index(0, 0, loose)) is None
    assert model.index_of_document(p02) == model.index(1, 0)
    assert model.index_of_document(notes) == model.index(0, 0, loose) and not model.index_of_document(-1).isValid()
    assert model.attribute_names() == ["age", "site"]
    for row, column, parent in ((3, 0, QModelIndex()), (-1, 0, QModelIndex()), (0, 3, QModelIndex()),
                                (0, -1, QModelIndex()), (1, 0, loose), (0, 0, model.index(0, 0)),
                                (0, 0, model.index(2, 1)), (0, 0, model.index(0, 0, loose))):
        assert not model.index(row, column, parent).isValid(), (row, column)
    assert model.rowCount(model.index(0, 0)) == 0 and model.rowCount(model.index(2, 1)) == 0
    assert model.rowCount(model.index(0, 0, loose)) == 0 and model.rowCount(loose) == 1
    assert model.parent(model.index(0, 2, loose)) == loose and model.parent(loose) == QModelIndex()


def test_a_case_with_several_documents_or_another_name_keeps_its_document_rows(qtbot, session: Session,
                                                                               study: Project) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, session)
    model = panel.model
    study.add_document("P01 b", "P01: " + "more " * 250 + "\n", case="P01")
    study.add_case("R&D")
    study.add_document("Lab", "R: notes.\n", case="R&D")
    study.add_case("Empty")
    assert tree(model) == ["Empty", ("P01", ["P01", "P01 b"]), "P02", ("R&D", ["Lab"]), (NO_CASE, ["Notes"])]
    p01 = model.index(1, 0)
    assert cells(model, parent=p01) == [["P01", "34", "Leeds"], ["P01 b", "34", "Leeds"]]
    assert cells(model, TIP)[1][0] == P01_TIP.replace("(1 document)", "(2 documents)")
    assert cells(model, TIP, p01)[1][0] == "P01 b<br>from P01 b (txt), 1,256 characters"
    assert cells(model, TIP)[3][0] == "<b>R&amp;D</b> (1 document)" and cells(model, TIP)[0][0] == (
        "<b>Empty</b> (0 documents)")
    assert cells(model, EDIT)[1] == ["P01", None, None] and cells(model, DOCUMENT_ID_ROLE)[1] == [None] * 3
    assert cells(model, SEARCH_ROLE)[1] == ["p01 34 leeds", None, None]
    assert cells(model, SEARCH_ROLE, p01)[1] == ["p01 b 34 leeds", None, None]
    assert model.rowCount(model.index(0, 0)) == 0 and model.index_of_document(study.document("P01 b").id) == (
        model.index(1, 0, p01))
    assert flags(model, p01) == [[EDITABLE, SELECTABLE, SELECTABLE]] * 2


def test_documents_sort_by_their_lower_case_names(qtbot, session: Session, study: Project) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, session)
    for name in ("P01a", "p01_x", "P01 B"):
        study.add_document(name, "P01: more.\n", case="P01")
    assert tree(panel.model)[0] == ("P01", ["P01", "P01 B", "p01_x", "P01a"])  # "_" sorts before letters


def test_each_kind_of_change_is_re_read(qtbot, session: Session, study: Project) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, session)
    model = panel.model
    study.rename_document("Notes", "Field notes")  # documents
    assert tree(model) == ["P01", "P02", (NO_CASE, ["Field notes"])]
    study.rename_case("P02", "P2")  # cases: no longer one row with its document
    assert tree(model) == ["P01", ("P2", ["P02"]), (NO_CASE, ["Field notes"])]
    study.define_attribute("joined", "date")  # attributes
    assert headers(model)[1:-1] == ["Case / document", "age", "site", "joined"]
    study.set_case_value("P01", "joined", "2024-05-01")  # case values
    assert cells(model)[0] == ["P01", "34", "Leeds", "2024-05-01"]
    study.set_document_case("Field notes", "P01")
    assert tree(model) == [("P01", ["Field notes", "P01"]), ("P2", ["P02"])]  # no "(no case)" row left


def test_renaming_in_place(qtbot, session: Session, study: Project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    panel = _panel(qtbot, session)
    model = panel.model
    errors: list[str] = []
    model.error.connect(errors.append)
    commands: list[object] = []
    session.changed.connect(commands.append)
    assert not model.setData(model.index(0, 0), "P01")  # the same name: nothing to do
    assert not model.setData(model.index(0, 0), "X", Qt.ItemDataRole.DisplayRole)
    assert not model.setData(model.index(0, 1), "X")  # an attribute column
    assert not model.setData(model.index(2, 0), "Loose")  # "(no case)" is not a case
    assert not model.setData(QModelIndex(), "X")
    assert commands == [] and errors == []
    assert model.setData(model.index(0, 0), "  Interview 1 ")  # a merged row renames its document
    assert study.document(study.document("Interview 1").id).case_id == study.case("P01").id
    assert tree(model) == [("P01", ["Interview 1"]), "P02", (NO_CASE, ["Notes"])]
    assert model.setData(model.index(0, 0), "Participant 1")  # a case row renames the case
    assert [c.name for c in study.cases()] == ["P02", "Participant 1"]
    loose = model.index(2, 0)
    assert model.setData(model.index(0, 0, loose), "Field notes")
    assert study.document("Field notes").case_id is None
    assert tree(model) == ["P02", ("Participant 1", ["Interview 1"]), (NO_CASE, ["Field notes"])]
    assert not model.setData(model.index(1, 0), "Participant 1") and errors == []  # unchanged
    assert not model.setData(model.index(0, 0), "Field notes")  # a taken document name
    assert len(errors) == 1 and "Field notes" in errors[0]
    assert not model.setData(model.index(1, 0), "P02") and len(errors) == 2  # a taken case name
    assert warnings == errors  # the dock shows each


def test_the_filter_keeps_matches_with_their_cases_and_documents(qtbot, session: Session, study: Project) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, session)
    proxy = panel.proxy
    study.add_document("P01 b", "P01: more.\n", case="P01")
    panel.filter.setText("  LEEDS ")  # an attribute value of case P01, any case, spaces ignored
    assert tree(proxy) == [("P01", ["P01", "P01 b"])]
    panel.filter.setText("p01 b")  # a document: kept with its case, its sibling hidden
    assert tree(proxy) == [("P01", ["P01 b"])]
    panel.filter.setText("york")
    assert tree(proxy) == ["P02"]
    panel.filter.setText("no case")  # "(no case)" keeps its documents
    assert tree(proxy) == [(NO_CASE, ["Notes"])]
    panel.filter.setText("")
    assert tree(proxy) == [("P01", ["P01", "P01 b"]), "P02", (NO_CASE, ["Notes"])]


def test_a_filter_proxy_on_its_own(qtbot, session: Session) -> None:  # type: ignore[no-untyped-def]
    model = DocumentTreeModel(session)
    proxy = DocumentFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_text(" notes\t")
    assert tree(proxy) == [(NO_CASE, ["Notes"])]
    assert proxy.filterRole() == SEARCH_ROLE and proxy.filterKeyColumn() == 0


def test_the_dock_owns_its_model(qtbot, session: Session, study: Project) -> None:  # type: ignore[no-untyped-def]
    delete_panel_with_its_models(DocumentsPanel(session))
    study.add_case("P05")  # no model left listening

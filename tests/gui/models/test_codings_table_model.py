"""The codings table's model as the codings panel shows it (through its sorting proxy): the codings of
a document or of a code, each column and role, the visible coders, what each kind of change does, the
rows and cells a coding change announces, and editing a memo in place."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox

from framework_qa import Project
from framework_qa.core.project import CodingRequest
from framework_qa.gui.codings.model import CODING_ROLE, EXCERPT, SORT_ROLE, CodingsTableModel
from framework_qa.gui.codings.panel import CodingsPanel
from framework_qa.gui.session import Session
from tests.gui.coding_widgets_support import reopen
from tests.gui.models.reading import (
    EDIT,
    EDITABLE,
    RIGHT,
    SELECTABLE,
    TIP,
    VERTICAL,
    cells,
    column,
    flags,
    headers,
)

P01_ROWS = [["P01", "2", "Goal", "ben", "I wanted the panic", ""],
            ["P01", "2", "Goal", "amira", "I wanted the panic to stop", ""],
            ["P01", "4", "Bond", "amira", "Robin felt like someone was there", "warmth towards the guide"]]
P02_ROW = ["P02", "2", "Task", "ben", "Every day", ""]
GOAL, TASK, BOND = "Working alliance/Goal", "Working alliance/Task", "Working alliance/Bond"


class Signals:
    """What the model announced: ("inserted" | "removed", first, last), ("changed", top-left, bottom-right
    as (row, column)), ("reset",)."""

    def __init__(self, model: CodingsTableModel) -> None:
        self.events: list[tuple[object, ...]] = []
        model.rowsInserted.connect(lambda _p, a, b: self.events.append(("inserted", a, b)))
        model.rowsRemoved.connect(lambda _p, a, b: self.events.append(("removed", a, b)))
        model.dataChanged.connect(lambda a, b, _r=(): self.events.append(
            ("changed", (a.row(), a.column()), (b.row(), b.column()))))
        model.modelReset.connect(lambda: self.events.append(("reset",)))

    def take(self) -> list[tuple[object, ...]]:
        events, self.events = self.events, []
        return events


@pytest.fixture
def panel(qtbot, session: Session) -> CodingsPanel:  # type: ignore[no-untyped-def]
    panel = CodingsPanel(session)
    qtbot.addWidget(panel)
    return panel


def _span(project: Project, document: str, words: str) -> tuple[int, int]:
    start = project.text(document).index(words)
    return start, start + len(words)


def test_the_codings_of_a_document_in_every_column_and_role(panel: CodingsPanel, study: Project) -> None:
    model = panel.model
    assert model.shown == ("none", None) and model.rowCount() == 0  # nothing chosen yet
    panel.show_document(study.document("P01").id)
    assert model.shown == ("document", study.document("P01").id)
    assert headers(model) == [None, "Document", "¶", "Code", "Coder", "Text", "Memo", None]
    assert headers(model, TIP) == [None, None, "Paragraph (speaker turn) number", None, None, None, None, None]
    assert headers(model, orientation=VERTICAL) == [None] * 5
    assert cells(model) == P01_ROWS
    assert cells(model, EDIT) == [[r[0], int(r[1]), *r[2:]] for r in P01_ROWS]
    assert cells(model, SORT_ROLE) == [[0, 0, "working alliance/goal", "ben", 0, ""],
                                       [1, 1, "working alliance/goal", "amira", 1, ""],
                                       [2, 2, "working alliance/bond", "amira", 2, "warmth towards the guide"]]
    assert cells(model, TIP) == [[None, None, GOAL, None, "I wanted the panic", None],
                                 [None, None, GOAL, None, "I wanted the panic to stop", None],
                                 [None, None, BOND, None, "Robin felt like someone was there",
                                  "warmth towards the guide"]]
    goal, bond = QColor(study.code(GOAL).colour), QColor(study.code(BOND).colour)
    assert column(model, 2, Qt.ItemDataRole.DecorationRole) == [goal, goal, bond]
    assert [row[:2] + row[3:] for row in cells(model, Qt.ItemDataRole.DecorationRole)] == [[None] * 5] * 3
    assert cells(model, Qt.ItemDataRole.TextAlignmentRole) == [[None, RIGHT, None, None, None, None]] * 3
    codings = study.codings(document="P01")
    assert column(model, 3, CODING_ROLE) == codings  # the store's order: position, then end
    assert [model.coding(r) for r in (-1, 3)] == [None, None] and model.coding(0) == codings[0]
    assert [model.row_of(c.id) for c in codings] == [0, 1, 2] and model.row_of(-1) == -1
    assert flags(model) == [[SELECTABLE] * 5 + [EDITABLE]] * 3  # only the memo is edited in place
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags and model.data(QModelIndex()) is None
    assert model.rowCount(model.index(0, 0)) == 0 and model.columnCount(model.index(0, 0)) == 0
    panel.proxy.sort(3, Qt.SortOrder.AscendingOrder)  # a click on "Coder"
    assert [panel.proxy.index(r, 3).data() for r in range(3)] == ["amira", "amira", "ben"]
    panel.proxy.sort(1, Qt.SortOrder.DescendingOrder)  # "¶": by position, last first
    assert [panel.proxy.index(r, 4).data() for r in range(3)] == [r[4] for r in P01_ROWS[::-1]]


def test_excerpts_are_one_line_cut_at_the_limit_and_numbered_by_paragraph(panel: CodingsPanel,
                                                                         study: Project) -> None:
    long = "word " * 31 + "wordy"  # 160 characters once joined
    text = f"A: first line\nsecond  line\n{long}\n{long}x\n"
    study.add_document("Long", text, spans=None)
    doc = study.document("Long").id
    starts = [s.start for s in study.spans(doc)]
    assert starts[0] == 0 and len(starts) >= 2
    study.add_codings([CodingRequest("Long", 3, 26, TASK, "amira"),
                       CodingRequest("Long", text.index(long), text.index(long) + len(long), TASK, "amira"),
                       CodingRequest("Long", text.index(long + "x"), text.index(long + "x") + len(long) + 1, TASK,
                                     "amira")])
    panel.show_document(doc)
    model = panel.model
    excerpts = column(model, 4)
    assert excerpts[0] == "first line second line"  # line breaks and runs of spaces: one space
    assert excerpts[1] == long and len(long) == EXCERPT  # exactly the limit: whole
    assert excerpts[2] == long[:EXCERPT - 1] + "…"  # one more: cut, with an ellipsis
    assert column(model, 4, TIP) == excerpts
    paragraphs = [next(i for i, s in enumerate(starts, 1) if i == len(starts) or starts[i] > c.start)
                  for c in (model.coding(r) for r in range(3)) if c is not None]
    assert column(model, 1, EDIT) == paragraphs


def test_the_codings_of_a_code_with_or_without_its_sub_codes(panel: CodingsPanel, study: Project) -> None:
    model = panel.model
    alliance = study.code("Working alliance").id
    study.add_coding("P02", 0, 11, "Working alliance", "amira")
    model.show_code(alliance)  # with sub-codes unless told otherwise
    assert model.shown == ("code", alliance)
    assert [r[2] for r in cells(model)] == ["Goal", "Goal", "Bond", "Working alliance", "Task"]
    panel.descendants.setChecked(False)
    assert cells(model) == [["P02", "1", "Working alliance", "amira", "Interviewer", ""]]
    study.add_coding("P01", 0, 11, GOAL, "amira")  # a sub-code's coding: not shown now
    study.add_coding("P01", 0, 11, "Working alliance", "ben")  # the code's own: shown
    assert column(model, 3) == ["ben", "amira"]
    panel.descendants.setChecked(True)
    assert len(column(model)) == 7
    study.add_code("Hope", parent=GOAL)
    signals = Signals(model)
    study.add_coding("P02", 0, 5, f"{GOAL}/Hope", "ben")  # a sub-sub-code's coding: one row announced
    assert signals.take() == [("inserted", 5, 5)] and model.index(5, 2).data() == "Hope"
    assert model.index(5, 2).data(TIP) == f"{GOAL}/Hope"
    model.show_code(study.code(GOAL).id)  # Goal and its sub-codes, not its siblings
    study.add_coding("P02", 0, 5, BOND, "ben")
    assert column(model, 2) == ["Goal", "Goal", "Goal", "Hope"]
    model.show_code(study.code(TASK).id, with_descendants=False)
    assert cells(model) == [P02_ROW]
    study.add_coding("P01", *_span(study, "P01", "before meetings"), GOAL, "ben")  # another code: not shown
    assert cells(model) == [P02_ROW]
    study.delete_code(TASK)  # the shown code is gone
    assert model.shown == ("none", None) and model.rowCount() == 0
    model.set_with_descendants(True)  # nothing shown: nothing to read
    assert model.rowCount() == 0


def test_only_the_visible_coders_codings(panel: CodingsPanel, session: Session, study: Project) -> None:
    model = panel.model
    session.set_visible_coders(frozenset({"ben"}))  # nothing shown yet: still nothing
    assert model.rowCount() == 0
    panel.show_document(study.document("P01").id)
    assert column(model, 3) == ["ben"]
    study.add_coding("P01", *_span(study, "P01", "before meetings"), GOAL, "amira")  # hidden coder
    assert column(model, 3) == ["ben"]
    model.show_code(study.code("Working alliance").id)
    assert column(model, 3) == ["ben", "ben"]
    study.add_coding("P02", 0, 11, GOAL, "amira")
    assert column(model, 3) == ["ben", "ben"]
    session.set_visible_coders(frozenset())  # nobody
    assert model.rowCount() == 0
    session.set_visible_coders(None)  # everybody
    assert column(model, 3) == ["ben", "amira", "amira", "amira", "amira", "ben"]


def test_each_kind_of_change_shows(panel: CodingsPanel, study: Project) -> None:
    model = panel.model
    panel.show_document(study.document("P01").id)
    study.update_code(GOAL, name="Aims")  # codes
    assert column(model, 2) == ["Aims", "Aims", "Bond"] and column(model, 2, TIP)[0] == "Working alliance/Aims"
    study.rename_document("P01", "Interview 1")  # documents
    assert column(model) == ["Interview 1"] * 3
    study.add_coding("P02", 0, 11, "Working alliance/Aims", "amira")  # another document's coding: no row
    assert model.rowCount() == 3
    study.delete_document("Interview 1")  # the shown document is gone
    assert model.rowCount() == 0 and model.shown == ("none", None)


def test_coding_changes_announce_their_rows(panel: CodingsPanel, study: Project) -> None:
    model = panel.model
    panel.show_document(study.document("P01").id)
    signals = Signals(model)
    codings = study.codings(document="P01")
    later, earlier = _span(study, "P01", "someone was there"), _span(study, "P01", "before meetings")
    study.add_codings([CodingRequest("P01", *later, TASK, "amira"), CodingRequest("P01", *earlier, TASK, "amira")])
    assert signals.take() == [("inserted", 2, 2), ("inserted", 4, 4)]  # in text order, not creation order
    assert column(model, 4) == ["I wanted the panic", "I wanted the panic to stop", "before meetings",
                                "Robin felt like someone was there", "someone was there"]
    for before in (1, 2, 3):  # the shown document's coding among the other's, wherever a set puts it
        others = [CodingRequest("P02", i, i + 5, TASK, "amira") for i in range(4)]
        study.add_codings([*others[:before], CodingRequest("P01", 0, 5, TASK, "amira"), *others[before:]])
        assert signals.take() == [("inserted", 0, 0)]  # the other document's codings are passed over
        study.undo()
        signals.take()
    study.update_coding(codings[2].id, memo="warm")  # in place: the whole row
    assert signals.take() == [("changed", (3, 0), (3, 5))] and model.index(3, 5).data() == "warm"
    study.remove_codings([codings[0].id, codings[1].id])  # rows 0 and 1, from the last
    assert signals.take() == [("removed", 1, 1), ("removed", 0, 0)]
    assert column(model, 4) == ["before meetings", "Robin felt like someone was there", "someone was there"]
    start, end = _span(study, "P01", "Robin felt")
    study.set_coverage("P01", BOND, "amira", start, end, [(start, end)], label="Reconcile")  # one removed, three added
    assert column(model, 4) == ["before meetings", "Robin felt", "like someone was there", "someone was there"]
    assert column(model, 2) == ["Task", "Bond", "Bond", "Task"] and column(model, 5) == ["", "", "warm", ""]
    assert ("reset",) not in signals.take()


def test_the_last_coding_of_a_document_removed_and_a_large_change(panel: CodingsPanel, study: Project) -> None:
    model = panel.model
    panel.show_document(study.document("P02").id)
    signals = Signals(model)
    study.remove_coding(study.codings(document="P02")[0].id)
    assert signals.take() == [("removed", 0, 0)] and model.rowCount() == 0
    study.add_codings([CodingRequest("P02", i % 50, i % 50 + 1 + i // 50, TASK, "amira") for i in range(64)])
    assert signals.take() == [("inserted", i, i) for i in range(64)]  # up to 64: row by row
    study.add_codings([CodingRequest("P02", i % 50, i % 50 + 2 + i // 50, TASK, "ben") for i in range(65)])
    assert signals.take() == [("reset",)] and model.rowCount() == 129  # more: read again at once


def test_editing_a_memo_in_place(panel: CodingsPanel, study: Project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    model = panel.model
    panel.show_document(study.document("P01").id)
    bond = model.index(2, 5)
    commands: list[object] = []
    panel.session.changed.connect(commands.append)
    assert not model.setData(bond, "warmth towards the guide")  # unchanged
    assert not model.setData(model.index(2, 4), "new text")  # only the memo column
    assert not model.setData(bond, "x", Qt.ItemDataRole.DisplayRole) and not model.setData(QModelIndex(), "x")
    assert commands == []
    assert model.setData(bond, "warmth, at last")
    assert model.setData(model.index(0, 5), None) is False  # no memo to clear
    with reopen(study.path) as check:
        assert [c.memo for c in check.codings(document="P01")][2] == "warmth, at last"
    assert bond.data() == "warmth, at last" and warnings == []
    assert model.setData(model.index(0, 5), "ben's goal")
    assert column(model, 5) == ["ben's goal", "", "warmth, at last"]


def test_an_excerpt_of_a_document_another_program_deleted(panel: CodingsPanel, study: Project) -> None:
    model = panel.model
    panel.show_document(study.document("P02").id)
    with reopen(study.path) as other:
        other.delete_document("P02")
    assert cells(model) == [["P02", "1", "Task", "ben", "", ""]]  # until the change arrives


def test_a_memo_edit_of_a_coding_another_program_removed_is_reported(panel: CodingsPanel, study: Project,
                                                                     monkeypatch) -> None:  # type: ignore[no-untyped-def]
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    model = panel.model
    panel.show_document(study.document("P02").id)
    with reopen(study.path) as other:
        other.remove_coding(other.codings(document="P02")[0].id)
    assert not model.setData(model.index(0, 5), "too late")
    assert len(warnings) == 1


def test_a_coding_before_the_first_paragraph_is_numbered_one(panel: CodingsPanel, study: Project) -> None:
    study.add_document("Lead", "\n\nA: words here\n")
    doc = study.document("Lead").id
    assert study.spans(doc)[0].start > 0
    study.add_coding("Lead", 0, 4, TASK, "amira")
    panel.show_document(doc)
    assert panel.model.index(0, 1).data() == "1"


def test_the_panel_owns_its_model(qtbot, session: Session, study: Project) -> None:  # type: ignore[no-untyped-def]
    panel = CodingsPanel(session)
    model = panel.model
    panel.show_document(study.document("P01").id)
    shiboken6.delete(panel)
    assert not shiboken6.isValid(model)
    study.add_coding("P01", 0, 11, GOAL, "amira")  # no model left listening

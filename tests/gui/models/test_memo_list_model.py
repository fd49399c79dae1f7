"""The memo list's model as the memo list shows it: a row per memo in kind order (project, cases,
documents, codes, codings), the first line and the full text as tooltip, when it was written; codings'
memos followed one by one, and a burst of them re-read once it settles."""

from __future__ import annotations

import re

import shiboken6
from PySide6.QtCore import QModelIndex, Qt

from framework_qa import Project
from framework_qa.core.project import CodingRequest
from framework_qa.gui.memos.model import INCREMENTAL_LIMIT, KIND_ROLE, TARGET_ROLE, target_name
from framework_qa.gui.memos.panel import MemoList
from framework_qa.gui.session import Session
from tests.gui.models.reading import TIP, VERTICAL, cells, column, headers

STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d$")
BOND_MEMO = "warmth towards the guide"


def _list(qtbot, session: Session) -> MemoList:  # type: ignore[no-untyped-def]
    listing = MemoList(session)
    qtbot.addWidget(listing)
    return listing


def _minute(stamp: str) -> str:
    """'2026-11-30T13:50:18…' as the list shows it: '2026-11-30 13:50'."""
    return f"{stamp[:10]} {stamp[11:16]}"


def _memos(study: Project) -> None:
    study.set_memo("code", study.code("Working alliance/Goal").id, "\n  \n  What they hoped for  \nand more")
    study.set_memo("document", study.document("P01").id, "Long interview")
    study.set_memo("case", study.case("P02").id, "Recruited late")
    study.set_memo("project", 0, "Study aims")
    study.add_code("T_1")
    study.add_code("Ta")
    study.set_memo("code", study.code("Ta").id, "sorts after T_1, as lower-case text does")
    study.set_memo("code", study.code("T_1").id, "sorts before Ta")


def test_every_memo_in_kind_order_with_its_first_line(qtbot, session: Session, study: Project) -> None:  # type: ignore[no-untyped-def]
    listing = _list(qtbot, session)
    model = listing.model
    _memos(study)
    assert [row[:2] for row in cells(model)] == [
        ["Project", "Study aims"],
        ["Case: P02", "Recruited late"],
        ["Document: P01", "Long interview"],
        ["Code: T_1", "sorts before Ta"],
        ["Code: Ta", "sorts after T_1, as lower-case text does"],
        ["Code: Working alliance/Goal", "What they hoped for"],
        ["Coding: P01 · Bond", BOND_MEMO]]
    goal, bond = study.code("Working alliance/Goal").id, study.codings(document="P01")[2]
    assert bond.memo == BOND_MEMO
    kinds = ["project", "case", "document", "code", "code", "code", "coding"]
    targets = [0, study.case("P02").id, study.document("P01").id, study.code("T_1").id, study.code("Ta").id, goal,
               bond.id]
    assert cells(model, KIND_ROLE) == [[k] * 3 for k in kinds]
    assert cells(model, TARGET_ROLE) == [[t] * 3 for t in targets]
    assert [model.target(r) for r in range(-1, 8)] == [None, *zip(kinds, targets, strict=True), None]
    memos = {(m.target_kind, m.target_id): m.updated_at for m in study.memos()}
    updated = column(model, 2)
    assert updated[:6] == [_minute(memos[k, t]) for k, t in zip(kinds[:6], targets[:6], strict=True)]
    assert updated[6] == _minute(bond.created_at) and all(STAMP.match(str(u)) for u in updated)
    tips = cells(model, TIP)
    assert tips[5] == [None, "\n  \n  What they hoped for  \nand more", None]  # the whole memo, on its line only
    assert [row[1] for row in tips] == [m for m in ("Study aims", "Recruited late", "Long interview",
                                                    "sorts before Ta", "sorts after T_1, as lower-case text does")] + [
        "\n  \n  What they hoped for  \nand more", BOND_MEMO]
    assert cells(model, Qt.ItemDataRole.EditRole) == [[None] * 3] * 7
    assert headers(model) == [None, "On", "Memo", "Updated", None]
    assert headers(model, TIP) == [None] * 5 and headers(model, orientation=VERTICAL) == [None] * 9
    assert model.data(QModelIndex()) is None and model.data(QModelIndex(), KIND_ROLE) is None
    assert model.rowCount(model.index(0, 0)) == 0 and model.columnCount(model.index(0, 0)) == 0


def test_coding_memos_come_change_and_go_one_row_at_a_time(qtbot, session: Session, study: Project) -> None:  # type: ignore[no-untyped-def]
    listing = _list(qtbot, session)
    model = listing.model
    _memos(study)
    resets: list[object] = []
    model.modelReset.connect(lambda: resets.append(1))
    p01 = study.codings(document="P01")
    text = study.text("P02")
    (new,) = study.add_coding("P02", 0, 11, "Working alliance/Goal", "amira", memo="asked first").ids("codings")
    study.update_coding(p01[0].id, memo="  the panic  ")
    study.update_coding(p01[1].id, memo="   ")  # blank: no row
    assert column(model, 0)[6:] == ["Coding: P01 · Bond", "Coding: P01 · Goal", "Coding: P02 · Goal"]
    assert column(model, 1)[6:] == [BOND_MEMO, "the panic", "asked first"]
    assert column(model, 0, TARGET_ROLE)[6:] == [p01[2].id, p01[0].id, new]
    study.update_coding(p01[0].id, memo="the panic, again")  # the middle coding row
    assert column(model, 1)[6:] == [BOND_MEMO, "the panic, again", "asked first"]
    study.update_coding(p01[0].id, memo="the panic")
    study.update_coding(p01[2].id, memo="warmth")  # the first coding row changes in place
    study.update_coding(new, memo="")  # the last row goes
    assert column(model, 1)[6:] == ["warmth", "the panic"]
    study.remove_coding(p01[0].id)
    assert column(model, 1)[6:] == ["warmth"]
    study.add_coding("P02", text.index("on the train"), len(text) - 2, "Working alliance/Bond", "ben", memo="x")
    assert column(model, 0)[6:] == ["Coding: P01 · Bond", "Coding: P02 · Bond"]
    assert resets == []  # codings never reset the list
    study.rename_document("P02", "P02 (train)")
    assert column(model, 0)[6:] == ["Coding: P01 · Bond", "Coding: P02 (train) · Bond"] and len(resets) == 1


def test_the_only_memo_goes_and_a_moved_coding_keeps_its_row(qtbot, session: Session, study: Project) -> None:  # type: ignore[no-untyped-def]
    listing = _list(qtbot, session)
    model = listing.model
    bond = study.codings(document="P01")[2]
    events: list[str] = []
    model.rowsInserted.connect(lambda *_: events.append("inserted"))
    model.rowsRemoved.connect(lambda *_: events.append("removed"))
    start, end = bond.start, bond.end
    study.update_coding(bond.id, start=start + 1, end=end)  # the memo's row does not change
    assert events == [] and column(model, 1) == [BOND_MEMO]
    study.set_coverage("P01", "Working alliance/Bond", "amira", start + 1, start + 6, [], label="Reconcile")
    (kept,) = [c for c in study.codings(document="P01") if c.memo]  # the part left outside keeps the memo
    assert kept.id != bond.id and column(model, 0, TARGET_ROLE) == [kept.id] and column(model, 1) == [BOND_MEMO]
    study.update_coding(kept.id, memo="")  # the only row goes
    assert model.rowCount() == 0


def test_each_kind_of_change_is_re_read(qtbot, session: Session, study: Project) -> None:  # type: ignore[no-untyped-def]
    listing = _list(qtbot, session)
    model = listing.model
    study.set_memo("case", study.case("P02").id, "Recruited late")  # memos
    assert column(model) == ["Case: P02", "Coding: P01 · Bond"]
    study.rename_case("P02", "P2")  # cases
    assert column(model)[0] == "Case: P2"
    study.update_code("Working alliance/Bond", name="Rapport")  # codes
    assert column(model)[1] == "Coding: P01 · Rapport"
    study.delete_document("P01")  # documents (its codings go with it)
    assert column(model) == ["Case: P2"]
    study.undo()
    assert column(model) == ["Case: P2", "Coding: P01 · Rapport"]


def test_a_burst_of_coding_memos_is_read_once_it_settles(qtbot, session: Session, study: Project) -> None:  # type: ignore[no-untyped-def]
    listing = _list(qtbot, session)
    model = listing.model
    text = study.text("P01")

    def burst(n: int, memo: str) -> None:
        study.add_codings([CodingRequest("P01", i, i + 1, "Working alliance/Task", "amira", memo=f"{memo} {i}")
                           for i in range(n)], label="burst")

    burst(INCREMENTAL_LIMIT, "small")  # up to the limit: at once
    assert model.rowCount() == 1 + INCREMENTAL_LIMIT
    burst(INCREMENTAL_LIMIT + 1, "large")  # more: after the burst has settled
    assert model.rowCount() == 1 + INCREMENTAL_LIMIT
    study.add_coding("P01", 0, len(text) - 1, "Working alliance/Bond", "ben", memo="during the burst")
    assert model.rowCount() == 1 + INCREMENTAL_LIMIT  # waits for the burst too
    qtbot.waitUntil(lambda: model.rowCount() == 3 + 2 * INCREMENTAL_LIMIT, timeout=2000)
    assert "during the burst" in column(model, 1)


def test_targets_name_themselves_or_say_they_are_gone(study: Project) -> None:
    bond = study.codings(document="P01")[2]
    goal = study.code("Working alliance/Goal").id
    assert target_name(study, "project", 0) == "Project"
    assert target_name(study, "document", study.document("P02").id) == "Document: P02"
    assert target_name(study, "case", study.case("P01").id) == "Case: P01"
    assert target_name(study, "code", goal) == "Code: Working alliance/Goal"
    assert target_name(study, "coding", bond.id) == "Coding: P01 · Bond"
    study.remove_coding(bond.id)
    assert target_name(study, "coding", bond.id) == f"Coding {bond.id} (deleted)"
    assert target_name(study, "case", 999) == "Case 999 (deleted)"


def test_the_list_owns_its_model_and_its_timer(qtbot, session: Session, study: Project) -> None:  # type: ignore[no-untyped-def]
    """Deleting the list in the middle of a burst deletes the model and its pending re-read with it."""
    listing = MemoList(session)
    model = listing.model
    assert model.parent() is listing
    study.add_codings([CodingRequest("P01", i, i + 1, "Working alliance/Task", "amira", memo="m")
                       for i in range(INCREMENTAL_LIMIT + 1)])
    shiboken6.delete(listing)
    assert not shiboken6.isValid(model)
    qtbot.wait(400)  # no re-read of a deleted model
    study.set_memo("project", 0, "after")

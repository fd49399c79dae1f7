"""The keyword-in-context results model: structure, checkboxes, and Qt's model contract."""

from __future__ import annotations

from PySide6.QtCore import Qt

from framework_qa.core.search import IndexDocument, SearchIndex
from framework_qa.gui.search.model import HIT_ROLE, SearchResultsModel


def _results():  # type: ignore[no-untyped-def]
    docs = [
        IndexDocument(1, "P01", "P01", "I: reminders?\nP01: The reminders 🙂 helped. Reminders!",
                      [(0, 13, "I"), (14, 53, "P01")]),
        IndexDocument(2, "P02", "P02", "P02: No reminder for me.", [(0, 24, "P02")]),
    ]
    return SearchIndex.in_memory(docs).search("reminder")


def test_the_results_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = SearchResultsModel()
    qtmodeltester.check(model)
    model.set_results(_results())
    qtmodeltester.check(model)


def test_document_rows_carry_counts_and_hit_rows_the_context_with_the_hit_in_bold() -> None:
    model = SearchResultsModel()
    model.set_results(_results())
    assert model.rowCount() == 2
    first = model.index(0, 0)
    assert first.data() == "P01 (3 hits)" and model.rowCount(first) == 3
    rows = [[model.index(r, c, first).data() for c in range(4)] for r in range(3)]
    for r, row in enumerate(rows):
        assert row[2] == model.hit_index(0, r).data(HIT_ROLE).text
        assert model.index(r, 2, first).data(Qt.ItemDataRole.FontRole).bold()
    assert ["¶2 P01", "P01: The ", "reminders", " 🙂 helped. Reminders!"] in rows


def test_checking_a_document_checks_all_its_hits() -> None:
    model = SearchResultsModel()
    model.set_results(_results())
    assert model.setData(model.index(1, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert [h.document for h in model.checked_hits()] == ["P02"]
    model.setData(model.hit_index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked
    model.set_all_checked(True)
    assert len(model.checked_hits()) == 4

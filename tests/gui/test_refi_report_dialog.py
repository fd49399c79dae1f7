"""The import report dialog shows the summary and every adjusted and dropped item with its reason."""

from __future__ import annotations

from framework_qa.core.interop.adapter import ImportOutcome
from framework_qa.core.interop.refi import ImportReport
from framework_qa.gui.refi import ImportReportDialog


def test_report_dialog_lists_summary_positions_and_reasons(qtbot: object) -> None:
    report = ImportReport(brought_in=["3 codes."], adjusted=["Code 'A/B': renamed."],
                          dropped=["Sets: no equivalent."], counting="UTF-16 code units, CRLF as 2",
                          word_start_share=0.97)
    dialog = ImportReportDialog("Imported x.qdpx", ImportOutcome(report, documents=2, codes=3, codings=5,
                                                                 coders=["a", "b"]))
    text = dialog.details.toPlainText()
    assert text.startswith("Imported x.qdpx: 2 documents, 3 new codes, 5 codings by 2 coders")
    assert "97.0% of coded passages start at a word boundary" in text
    assert "  - Code 'A/B': renamed." in text and "  - Sets: no equivalent." in text
    assert dialog.details.isReadOnly()

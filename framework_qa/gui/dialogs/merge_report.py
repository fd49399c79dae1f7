"""The report of merging a coder's copy: what was copied, moved, already there, and what was not, and why.

The same facts as `framework-qa merge-coder` prints, laid out for reading: a one-line summary on top,
then the matches that were not by identity (a document matched by name, a code by path), everything
unmatched, and every coding not copied with its reason. Nothing the merge left out is hidden.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from framework_qa.core.merge import MergeReport


def summary(report: MergeReport) -> str:
    n = report.copied
    return (f"Copied {n} coding{'s' if n != 1 else ''} of '{report.coder}' from {report.source}: "
            f"{report.already_present} already present, {report.moved} moved to where their text is, "
            f"{len(report.not_copied)} not copied.")


def details_html(report: MergeReport) -> str:
    e = html.escape
    parts: list[str] = []

    def section(title: str, items: list[str]) -> None:
        if items:
            parts.append(f"<h4>{e(title)} ({len(items)})</h4><ul>" + "".join(f"<li>{i}</li>" for i in items)
                         + "</ul>")

    section("Not copied", [f"{e(s.document)} {s.start}–{s.end}, <i>{e(s.code)}</i>: {e(s.reason)}"
                           for s in report.not_copied])
    section("Documents not found in this project", [e(d) for d in report.unmatched_documents])
    section("Codes not found in this project", [e(c) for c in report.unmatched_codes])
    section("Documents matched by name (their text differs)",
            [f"{e(m.source)} → {e(m.target)}" for m in report.documents if m.by == "name"])
    section("Codes matched by path", [f"{e(m.source)} → {e(m.target)}" for m in report.codes if m.by != "guid"])
    same = sum(1 for m in report.documents if m.by == "content")
    parts.append(f"<p>{same} document{'s' if same != 1 else ''} matched by identical text.</p>")
    if report.change is not None:
        parts.append("<p>Edit › Undo takes the whole merge back.</p>")
    return "".join(parts)


class MergeReportDialog(QDialog):
    def __init__(self, report: MergeReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(f"Merged {report.source}")
        self.summary = QLabel(summary(report), self)
        self.summary.setWordWrap(True)
        self.details = QTextBrowser(self)
        self.details.setHtml(details_html(report))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

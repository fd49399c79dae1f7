"""The window's panels, typed: one attribute per dock (`Panels`) and per analysis tab (`AnalysisViews`).

Docks are created with the window. Analysis views (framework matrix, agreement) are large and compute
over the whole project, so they are created the first time their tab is shown, keeping the window quick
to open; their modules (and numpy, which they count with) are imported then too. Panels do not call each other: each follows the session (`changed`, `document_shown`,
`code_selected`, `coding_selected`, `navigate`); the window only turns a panel's request into a gesture.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from framework_qa.gui.cases.table import CasesTable
from framework_qa.gui.codebook.panel import CodebookPanel
from framework_qa.gui.codings.panel import CodingsPanel
from framework_qa.gui.documents.panel import DocumentsPanel
from framework_qa.gui.memos.panel import MemoList, MemoPanel
from framework_qa.gui.search.panel import SearchPanel
from framework_qa.gui.session import Session

if TYPE_CHECKING:
    from framework_qa.gui.agreement.panel import AgreementPanel
    from framework_qa.gui.matrix.panel import MatrixPanel

TITLES = {
    "documents": "Documents",
    "codebook": "Codebook",
    "codings": "Codings",
    "memo": "Memo",
    "cases": "Cases",
    "memos": "All memos",
    "search": "Search",
    "matrix": "Framework matrix",
    "agreement": "Agreement",
}
ANALYSIS_TABS = ("matrix", "agreement")


@dataclass(frozen=True, eq=False)
class Panels:
    """The docked panels; an attribute's name is its dock's key (`dock-<key>` in the saved layout)."""

    documents: DocumentsPanel
    codebook: CodebookPanel
    codings: CodingsPanel
    memo: MemoPanel
    cases: CasesTable
    memos: MemoList
    search: SearchPanel

    @classmethod
    def create(cls, session: Session) -> Panels:
        return cls(documents=DocumentsPanel(session), codebook=CodebookPanel(session),
                   codings=CodingsPanel(session), memo=MemoPanel(session), cases=CasesTable(session),
                   memos=MemoList(session), search=SearchPanel(session))

    def items(self) -> list[tuple[str, QWidget]]:
        """(dock key, panel) in declaration order."""
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


class AnalysisViews:
    """The analysis tabs' widgets, None until their tab is first shown (`create`)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.matrix: MatrixPanel | None = None
        self.agreement: AgreementPanel | None = None

    def get(self, key: str) -> QWidget | None:
        return self.matrix if key == "matrix" else self.agreement if key == "agreement" else None

    def create(self, key: str) -> QWidget:
        """Create the view of `key` (one of `ANALYSIS_TABS`). An agreement view on a project with two
        coders or more computes at once: the tab shows results, not an empty form."""
        if key == "matrix":
            from framework_qa.gui.matrix.panel import MatrixPanel

            self.matrix = MatrixPanel(self._session)
            return self.matrix
        if key != "agreement":
            raise KeyError(key)
        from framework_qa.gui.agreement.panel import AgreementPanel

        self.agreement = AgreementPanel(self._session)
        if len(self._session.project.coders()) >= 2:
            self.agreement.compute()
        return self.agreement


def title(key: str) -> str:
    return TITLES[key]

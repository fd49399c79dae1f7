"""The window's panels: which widget class each dock or analysis tab holds, and its title.

Docks are created with the window. Analysis views (framework matrix, agreement) are large and compute
over the whole project, so they are created the first time their tab is shown, keeping the window quick
to open; their modules (and numpy, which they count with) are imported then too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from framework_qa.gui.cases.panel import DocumentsPanel
from framework_qa.gui.cases.table import CasesTable
from framework_qa.gui.codebook.panel import CodebookPanel
from framework_qa.gui.codings.panel import CodingsPanel
from framework_qa.gui.memos.panel import MemoList, MemoPanel
from framework_qa.gui.search.panel import SearchPanel
from framework_qa.gui.session import Session

PanelFactory = Callable[[Session], QWidget]

PANELS: dict[str, tuple[PanelFactory, str]] = {
    "documents": (DocumentsPanel, "Documents"),
    "codebook": (CodebookPanel, "Codebook"),
    "codings": (CodingsPanel, "Codings"),
    "memo": (MemoPanel, "Memo"),
    "cases": (CasesTable, "Cases"),
    "memos": (MemoList, "All memos"),
    "search": (SearchPanel, "Search"),
}

def _matrix(session: Session) -> QWidget:
    from framework_qa.gui.matrix.panel import MatrixPanel

    return MatrixPanel(session)


def _agreement(session: Session) -> QWidget:
    from framework_qa.gui.agreement.panel import AgreementPanel

    return AgreementPanel(session)


ANALYSIS_TABS: dict[str, tuple[PanelFactory, str]] = {
    "matrix": (_matrix, "Framework matrix"),
    "agreement": (_agreement, "Agreement"),
}


def make_panel(key: str, session: Session, parent: QWidget) -> QWidget:
    cls, _title = PANELS[key]
    widget = cls(session)
    widget.setParent(parent)
    return widget


def title(key: str) -> str:
    return (PANELS.get(key) or ANALYSIS_TABS[key])[1]

"""Creating the window's panels, each from its own module.

A panel whose module is not part of this build is replaced by a label saying so, so the window always
opens; any other import error is a bug and is raised.
"""

from __future__ import annotations

import importlib
import importlib.util

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from framework_qa.gui.session import Session

PANELS = {
    "documents": ("framework_qa.gui.cases.panel", "DocumentsPanel", "Documents"),
    "codebook": ("framework_qa.gui.codebook.panel", "CodebookPanel", "Codebook"),
    "codings": ("framework_qa.gui.codings.panel", "CodingsPanel", "Codings"),
    "memo": ("framework_qa.gui.memos.panel", "MemoPanel", "Memo"),
    "cases": ("framework_qa.gui.cases.table", "CasesTable", "Cases"),
    "memos": ("framework_qa.gui.memos.panel", "MemoList", "All memos"),
}


def _available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def make_panel(key: str, session: Session, parent: QWidget) -> QWidget:
    module_name, class_name, title = PANELS[key]
    if _available(module_name):
        module = importlib.import_module(module_name)
        cls = getattr(module, class_name, None)
        if cls is not None:
            widget: QWidget = cls(session)
            widget.setParent(parent)
            return widget
    label = QLabel(f"{title}: not available in this build", parent)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setEnabled(False)
    return label

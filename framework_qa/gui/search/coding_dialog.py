""""Code checked hits": choose a code and how far to extend each hit, see exactly the codings that will
be created, then create them as one undoable step."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from framework_qa.core.errors import FqaError
from framework_qa.core.search import SearchHit
from framework_qa.core.search.coding import Extent
from framework_qa.core.search.project import CodingPlan, ProjectSearch

EXTENT_LABELS: tuple[tuple[Extent, str], ...] = (
    ("words", "the matched words"),
    ("sentence", "the whole sentence"),
    ("turn", "the whole speaker turn"),
)


class CodeHitsDialog(QDialog):
    """The preview is recomputed whenever the code or extent changes; `plan` is what OK will create."""

    def __init__(self, search: ProjectSearch, hits: Sequence[SearchHit], coder: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Code search hits")
        self._search = search
        self._hits = list(hits)
        self._coder = coder
        self.plan: CodingPlan | None = None
        project = search.project
        self.code_box = QComboBox(self)
        self.code_box.setEditable(False)
        for code in project.codes():
            self.code_box.addItem(project.code_path(code.id), code.id)
        self.extent_box = QComboBox(self)
        for key, label in EXTENT_LABELS:
            self.extent_box.addItem(label, key)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.preview = QTreeWidget(self)
        self.preview.setHeaderLabels(["Document", "Characters", "Text to code"])
        self.preview.setRootIsDecorated(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Code as:", self.code_box)
        form.addRow("Extend each hit to:", self.extent_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 440)
        self.code_box.currentIndexChanged.connect(self.refresh)
        self.extent_box.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def choose(self, code_path: str | None = None, extent: Extent | None = None) -> None:
        if code_path is not None:
            found = self.code_box.findText(code_path)
            if found < 0:
                raise FqaError(f"no code '{code_path}' in the project")
            self.code_box.setCurrentIndex(found)
        if extent is not None:
            self.extent_box.setCurrentIndex(self.extent_box.findData(extent))
        self.refresh()

    def refresh(self) -> None:
        self.preview.clear()
        code_id = self.code_box.currentData()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if code_id is None:
            self.plan = None
            self.summary.setText("The project has no codes yet; add one in the codebook first.")
            ok.setEnabled(False)
            return
        self.plan = self._search.plan_coding(self._hits, int(code_id), self._coder, self.extent_box.currentData())
        for planned in self.plan.ranges:
            item = QTreeWidgetItem([planned.document, f"{planned.start}-{planned.end}",
                                    " ".join(planned.text.split())])
            item.setToolTip(2, planned.text)
            self.preview.addTopLevelItem(item)
        n = len(self.plan.ranges)
        skipped = f"; {self.plan.skipped} already coded by {self._coder} left out" if self.plan.skipped else ""
        self.summary.setText(
            f"{n} coding{'s' if n != 1 else ''} will be created for {self._coder}{skipped}. "
            "This is one step: Undo removes them all.")
        ok.setEnabled(n > 0)


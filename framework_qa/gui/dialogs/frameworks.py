"""Choosing the shipped frameworks a new project's codebook starts with: one check box per framework.

Each box names the framework, its key (as the command line's `--framework` takes it) and how many codes
it brings; the tooltip gives its description. All are ticked at first (a framework analysis usually codes
against several); untick all for an empty codebook. Frameworks can be imported later from the codebook.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from framework_qa.core.errors import FqaError
from framework_qa.core.frameworks import load_framework, shipped_frameworks


class FrameworkChoiceDialog(QDialog):
    """`chosen()` gives the ticked framework keys, in the listed order, after exec()."""

    def __init__(self, project_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New project")
        layout = QVBoxLayout(self)
        intro = QLabel(f"<b>{project_name}</b>: start the codebook with these frameworks "
                       "(untick all for an empty codebook; frameworks can be imported later from the "
                       "codebook's <i>Framework…</i> button).", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.boxes: dict[str, QCheckBox] = {}
        for key in shipped_frameworks():
            try:
                framework = load_framework(key)
            except FqaError:  # a damaged shipped file: leave it out rather than fail the new project
                continue
            box = QCheckBox(f"{framework.name}  ({key}, {framework.count() - 1} codes)", self)
            box.setObjectName(f"framework-{key}")
            box.setChecked(True)
            box.setToolTip(" ".join(framework.root.definition.split()))
            layout.addWidget(box)
            self.boxes[key] = box
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def chosen(self) -> list[str]:
        return [key for key, box in self.boxes.items() if box.isChecked()]


def choose_frameworks(project_name: str, parent: QWidget | None = None) -> list[str] | None:
    """The keys ticked in a `FrameworkChoiceDialog`, or None when cancelled."""
    dialog = FrameworkChoiceDialog(project_name, parent)
    dialog.setObjectName("framework-choice")
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None

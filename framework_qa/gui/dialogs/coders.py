"""Choosing the current coder when a project opens (existing coders, or a new name)."""

from __future__ import annotations

import getpass

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from framework_qa.core.project import Project


def default_coder(project: Project, remembered: str | None) -> str:
    """The coder to use without asking: the remembered one, the only one, or the login name."""
    if remembered:
        return remembered
    coders = project.coders()
    if len(coders) == 1:
        return coders[0].name
    try:
        return getpass.getuser() or "coder"
    except Exception:  # noqa: BLE001 - no login name on this system
        return "coder"


class CoderDialog(QDialog):
    def __init__(self, project: Project, suggested: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who is coding?")
        self.combo = QComboBox(self)
        self.combo.setEditable(True)
        self.combo.addItems([c.name for c in project.coders()])
        self.combo.setCurrentText(suggested)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Your codings are recorded under this name. Choose yourself from the list "
                                "or type a new name.", self))
        layout.addWidget(self.combo)
        layout.addWidget(buttons)

    def coder(self) -> str:
        return self.combo.currentText().strip()


def ask_coder(project: Project, suggested: str, parent: QWidget | None = None) -> str | None:
    dialog = CoderDialog(project, suggested, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.coder():
        return None
    return dialog.coder()


def choose_visible_coders(session: object, parent: QWidget | None = None) -> frozenset[str] | None:
    """Tick the coders whose codings to show; None when cancelled."""
    from PySide6.QtWidgets import QCheckBox

    from framework_qa.gui.session import Session
    assert isinstance(session, Session)
    dialog = QDialog(parent)
    dialog.setWindowTitle("Show codings of")
    layout = QVBoxLayout(dialog)
    visible = session.visible_coders
    boxes: list[QCheckBox] = []
    names = [c.name for c in session.project.coders()]
    if session.coder not in names:
        names.append(session.coder)
    for name in names:
        box = QCheckBox(name + (" (you)" if name == session.coder else ""), dialog)
        box.setProperty("coder", name)
        box.setChecked(visible is None or name in visible)
        layout.addWidget(box)
        boxes.append(box)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return frozenset(str(b.property("coder")) for b in boxes if b.isChecked())

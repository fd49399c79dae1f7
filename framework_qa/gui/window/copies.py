"""File › Save a copy… and File › Merge a coder's copy…: blind double coding across computers.

Save a copy writes a consistent snapshot of the open project (SQLite's online backup, through
`Project.save_copy`) while the window keeps editing the original. Merge reads a copy that came back,
asks whose codings to bring in (offering the copy's coders with how many codings each made, those
with new work first), runs `merge_coder` (one undoable command, so the views refresh from
`Session.changed` like after any edit) and shows the merge report.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QWidget

from framework_qa.core.errors import FqaError
from framework_qa.core.merge import MergeReport, merge_coder
from framework_qa.core.project import Project, open_project
from framework_qa.gui.dialogs.errors import reported, show_error
from framework_qa.gui.dialogs.merge_report import MergeReportDialog
from framework_qa.gui.dialogs.saving import announce_written, ask_save_path

if TYPE_CHECKING:
    from framework_qa.gui.main_window import MainWindow

PROJECT_FILTER = "framework-qa projects (*.fqa)"


def save_copy(window: MainWindow) -> Path | None:
    """Ask where, write the copy, say so; None when cancelled or refused (the reason shown)."""
    project = window.session.project
    default = project.path.with_name(f"{project.path.stem}-copy.fqa")
    path = ask_save_path(window, "Save a copy of the project", default, PROJECT_FILTER)
    if path is None:
        return None
    with reported(lambda message: show_error(window, message, title="Save a copy")) as outcome:
        project.save_copy(path)
    if outcome.failed:
        return None
    announce_written(window, path, f"a copy of {project.path.name} (you are still working in the original)")
    return path


def copy_coders(path: Path) -> list[tuple[str, int]]:
    """The coders of the project file at `path` with the number of codings each made."""
    with open_project(path) as copy:
        return [(c.name, sum(copy.coding_counts([c.id]).values())) for c in copy.coders()]


def ask_coder(parent: QWidget, project: Project, path: Path, me: str) -> str | None:
    """Whose codings to bring in from the copy; None when cancelled. Coders with more codings in the copy
    than in `project` (new work) come first, you last."""
    coders = copy_coders(path)
    if not coders:
        raise FqaError(f"{path.name} has no coders, so there are no codings to merge")
    known = {c.name for c in project.coders()}

    def here(name: str) -> int:
        return sum(project.coding_counts([name]).values()) if name in known else 0
    coders.sort(key=lambda c: (c[0] == me, c[1] <= here(c[0]), c[0].lower()))
    labels = [f"{name} ({n} coding{'s' if n != 1 else ''})" for name, n in coders]
    dialog = QInputDialog(parent)
    dialog.setObjectName("merge-coder-choice")
    dialog.setWindowTitle("Merge a coder's copy")
    dialog.setLabelText(f"Bring in the codings of which coder from {path.name}?")
    dialog.setComboBoxItems(labels)
    dialog.setComboBoxEditable(False)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return coders[labels.index(dialog.textValue())][0]


def merge_copy(window: MainWindow) -> MergeReport | None:
    """Ask for a copy and a coder, merge, show the report (kept open beside the window)."""
    project = window.session.project
    chosen, _ = QFileDialog.getOpenFileName(window, "Merge a coder's copy", str(project.path.parent), PROJECT_FILTER)
    if not chosen:
        return None
    path = Path(chosen)
    report: MergeReport | None = None
    with reported(lambda message: show_error(window, message, title="Merge a coder's copy")):
        coder = ask_coder(window, project, path, window.session.coder)
        if coder is not None:
            report = merge_coder(project, path, coder)
    if report is None:  # cancelled, or refused (the reason shown)
        return None
    dialog = MergeReportDialog(report, window)
    dialog.setObjectName("merge-report")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    window.show_status(f"Merged {report.copied} codings of '{coder}' from {path.name}")
    return report

"""File › New project…: the frameworks are chosen one by one with check boxes, and the file gets .fqa."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from framework_qa import open_project
from framework_qa.gui.dialogs.frameworks import FrameworkChoiceDialog
from framework_qa.gui.main_window import MainWindow
from framework_qa.gui.window import projects
from tests.gui.workbench_support import make_session


def test_new_project_takes_only_the_ticked_frameworks(qtbot: QtBot, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow(make_session(tmp_path), restore=False)
    qtbot.addWidget(window)
    new = next(a for a in window.menuBar().actions()[0].menu().actions()  # type: ignore[union-attr]
               if a.text() == "&New project…")
    assert not new.isEnabled()  # nobody would answer: a window the application does not manage
    projects.manage(window)
    assert new.isEnabled()
    window.show()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "pilot"), "")))
    offered: list[str] = []

    def answer() -> None:  # the framework choice, then the coder dialog of the new window
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, FrameworkChoiceDialog):
            offered.extend(box.text() for box in dialog.findChildren(QCheckBox))
            for key in ("psd", "dta"):
                box = dialog.findChild(QCheckBox, f"framework-{key}")
                assert box is not None and box.isChecked()
                qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
            dialog.accept()
            QTimer.singleShot(0, answer)
        elif isinstance(dialog, QDialog):
            dialog.accept()
        else:
            QTimer.singleShot(10, answer)
    QTimer.singleShot(0, answer)
    new.trigger()
    assert len(offered) == 4 and any(t.startswith("Working alliance  (alliance, ") for t in offered)
    with open_project(tmp_path / "pilot.fqa") as project:
        tops = [c.name for c in project.codes() if c.parent_id is None]
    assert tops == ["Working alliance", "Facilitators and barriers"]
    for opened in list(projects._open_windows):
        opened.close()

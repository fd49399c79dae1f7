"""The Help menu (shortcuts generated from the window, the shipped guide, About) and File › Save a copy… /
Merge a coder's copy…, each reached through its real menu action."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot

from framework_qa import open_project
from framework_qa.core.storage import SCHEMA_VERSION
from framework_qa.gui.dialogs.help import AboutDialog, GuideDialog, ShortcutsDialog
from framework_qa.gui.dialogs.merge_report import MergeReportDialog
from framework_qa.gui.main_window import MainWindow
from tests.gui.workbench_support import make_session, show_window


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    return show_window(qtbot, make_session(tmp_path))


def _trigger(window: MainWindow, menu: str, text: str) -> None:
    top = next(a for a in window.menuBar().actions() if a.text().replace("&", "") == menu)
    action = next(a for a in top.menu().actions() if a.text().replace("&", "") == text)  # type: ignore[union-attr]
    action.trigger()


def test_keyboard_shortcuts_lists_every_menu_command_with_its_keys(window: MainWindow) -> None:
    _trigger(window, "Help", "Keyboard shortcuts")
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    rows = dialog.rows()
    assert ("Code", "Code as…", "Ctrl+K") in rows
    assert any(r[0] == "Code › Quick codes" and r[1].startswith("Quick code 3") and r[2] == "3" for r in rows)
    assert ("Edit", "Redo", "Ctrl+Shift+Z, Ctrl+Y") in rows
    assert any(r[1] == "Save a copy…" for r in rows)  # commands without a key are listed too
    dialog.filter.setText("ctrl+shift")
    assert dialog.rows() and all("ctrl+shift" in " ".join(r).lower() for r in dialog.rows())


def test_user_guide_opens_offline_from_the_shipped_file(window: MainWindow) -> None:
    _trigger(window, "Help", "User guide")
    dialog = window.findChild(GuideDialog)
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    assert "framework-qa: a short guide" in text and "NVivo" in text and "Merge a coder's copy" in text
    assert not dialog.browser.openExternalLinks()


def test_about_names_version_project_file_and_schema(window: MainWindow) -> None:
    _trigger(window, "Help", "About framework-qa")
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    text = dialog.label.text()
    assert "0.1.0" in text and str(window.session.project.path) in text and f"version {SCHEMA_VERSION}" in text


def test_save_a_copy_writes_a_project_and_merge_brings_a_coders_codings_back(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "for-carla"), "")))
    _trigger(window, "File", "Save a copy…")
    copy = tmp_path / "for-carla.fqa"
    assert window.statusBar().currentMessage().startswith("Wrote for-carla.fqa, a copy of study.fqa")
    with open_project(copy) as theirs:  # the second coder codes blind in the copy
        theirs.add_coding("P02", 0, 11, "Working alliance/Goal", "carla")
        theirs.add_coding("P02", 24, 39, "Working alliance/Task", "carla")
    before = len(window.session.project.codings())

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(copy), "")))
    seen: list[list[str]] = []

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        seen.append(dialog.comboBoxItems())
        dialog.setTextValue(dialog.comboBoxItems()[0])
        dialog.accept()
    QTimer.singleShot(0, choose)
    _trigger(window, "File", "Merge a coder's copy…")
    assert seen == [["carla (2 codings)", "ben (1 coding)"]]  # others' work first, coders with codings first
    assert len(window.session.project.codings()) == before + 2
    report = window.findChild(MergeReportDialog)
    assert report is not None and report.isVisible()
    assert report.summary.text().startswith("Copied 2 codings of 'carla' from for-carla.fqa")
    window.undo()  # one undoable step
    assert len(window.session.project.codings()) == before


def test_merging_a_file_that_is_not_a_project_says_why(window: MainWindow, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    bogus = tmp_path / "notes.fqa"
    bogus.write_text("not a project")
    errors: list[str] = []
    monkeypatch.setattr("framework_qa.gui.window.copies.show_error",
                        lambda parent, message, title="": errors.append(message))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(bogus), "")))
    _trigger(window, "File", "Merge a coder's copy…")
    assert errors and "notes.fqa" in errors[0]

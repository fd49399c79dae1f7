"""The window: dropping files imports them off the GUI thread; failures are listed; layout is remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

import framework_qa.gui.actions.importing as importing
from framework_qa.gui.app import recent_projects, remember_project, settings
from framework_qa.gui.main_window import MainWindow
from tests.gui.workbench_support import isolate_settings, make_session


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    win = MainWindow(make_session(tmp_path), restore=False)
    qtbot.addWidget(win)
    win.show()
    return win


def _drop(win: MainWindow, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    win.dropEvent(event)


def test_dropping_transcripts_on_the_window_imports_them_as_one_undoable_command(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listed: list[list[str]] = []
    monkeypatch.setattr(importing, "show_failures", lambda _p, _t, _s, reasons: listed.append(list(reasons)))
    good = tmp_path / "P07.txt"
    good.write_text("Interviewer: Hi.\n\nP07: The app felt like a coach.", encoding="utf-8")
    bad = tmp_path / "notes.pdf"
    bad.write_bytes(b"%PDF-1.4")
    with qtbot.waitSignal(window.importer.finished, timeout=10000) as blocker:
        _drop(window, [good, bad])
    report = blocker.args[0]
    project = window.session.project
    assert report.imported == ["P07"]
    assert "coach" in project.text("P07")
    assert len(listed) == 1 and listed[0][0].startswith("notes.pdf: unknown file type")
    assert window.menus.actions["undo"].text() == "&Undo Import 1 document"
    window.undo()
    assert "P07" not in {d.name for d in project.documents()}


def test_cancelling_an_import_imports_nothing(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    files = []
    for n in range(3):
        path = tmp_path / f"C{n}.txt"
        path.write_text(f"P: text {n}", encoding="utf-8")
        files.append(path)
    window.importer.quiet = True
    with qtbot.waitSignal(window.importer.finished, timeout=10000) as blocker:
        window.importer.start(files)
        assert window.importer.worker is not None
        window.importer.worker.requestInterruption()
    assert blocker.args[0].cancelled
    assert not {"C0", "C1", "C2"} & {d.name for d in window.session.project.documents()}


def test_window_layout_and_recent_projects_are_remembered(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    window.docks["codebook"].hide()
    window.zoom(3)  # the text size is remembered as soon as it changes
    window.save_layout()
    session = make_session(tmp_path / "again")
    isolate_settings(tmp_path / "settings")
    second = MainWindow(session, restore=True)
    qtbot.addWidget(second)
    assert settings().value("window/state") is not None
    assert not second.docks["codebook"].isVisibleTo(second)
    assert second.viewer.point_size() == window.viewer.point_size()
    remember_project(tmp_path / "a.fqa")
    remember_project(tmp_path / "b.fqa")
    assert recent_projects()[:2] == [str((tmp_path / "b.fqa").resolve()), str((tmp_path / "a.fqa").resolve())]


def test_font_size_changes_and_find_selects_the_match(window: MainWindow) -> None:
    window.open_document_named("P02")
    before = window.viewer.point_size()
    window.zoom(2)
    assert window.viewer.point_size() == before + 2
    window.show_find()
    window.pane.find_bar.edit.setText("friend")
    assert window.viewer.selected_text() == "friend"


def test_status_bar_names_the_coder_and_counts(window: MainWindow) -> None:
    window.open_document_named("P02")
    assert "amira" in window._status_coder.text()
    assert "1 codings in this document" in window._status_counts.text()


def test_memo_list_opens_a_coding_memo_at_its_passage(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Activating a coding's memo in the list of all memos shows the passage and edits that memo."""
    from framework_qa.gui.main_window import MainWindow
    from framework_qa.gui.session import Session
    from tests.support.demo import demo_project

    project = demo_project(tmp_path / "demo.fqa")
    coding = next(c for c in project.codings() if c.memo)
    window = MainWindow(Session(project, "amira"), restore=False)
    qtbot.addWidget(window)
    window.panels.memos.memo_activated.emit("coding", coding.id)
    assert window.viewer.document_id == coding.document_id
    assert window.panels.memo.target == ("coding", coding.id)

"""The REFI-QDA File-menu actions: export through a save dialog, import with a report, refusal with a reason."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from framework_qa import Project, new_project
from framework_qa.gui.refi import ImportReportDialog, RefiActions, refi_actions
from framework_qa.gui.refi import actions as refi_module
from framework_qa.gui.session import Session
from tests.support.demo import demo_project

TITLES = ["Export REFI-QDA project...", "Import REFI-QDA project...", "Export codebook (.qdc, .csv)...",
          "Import codebook (.qdc, .csv)..."]


@pytest.fixture
def window(qtbot: object, tmp_path: Path) -> Iterator[tuple[Session, QWidget]]:
    project = demo_project(tmp_path / "demo.fqa")
    session = Session(project, "amira")
    widget = QWidget()
    yield session, widget
    widget.deleteLater()
    session.close()


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    texts: list[str] = []
    monkeypatch.setattr(ImportReportDialog, "exec", lambda self: texts.append(self.text) or 0)
    return texts


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _trigger(widget: QWidget, title: str) -> None:
    holder = widget.findChild(RefiActions)
    assert holder is not None
    next(a for a in holder.actions if a.text() == title).trigger()


def test_refi_actions_offers_the_four_exchange_actions_owned_by_the_widget(window: tuple[Session, QWidget]) -> None:
    session, widget = window
    actions = refi_actions(session, widget)
    assert [a.text() for a in actions] == TITLES
    assert all(a.parent() is widget for a in actions)


def test_export_project_writes_the_chosen_qdpx(window: tuple[Session, QWidget], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    session, widget = window
    refi_actions(session, widget)
    _choose(monkeypatch, tmp_path / "out.qdpx")
    _trigger(widget, TITLES[0])
    with zipfile.ZipFile(tmp_path / "out.qdpx") as archive:
        assert "project.qde" in archive.namelist()


def test_import_project_is_one_undoable_change_and_shows_the_report(
    window: tuple[Session, QWidget], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown: list[str]
) -> None:
    session, widget = window
    refi_actions(session, widget)
    with new_project(tmp_path / "other.fqa") as other:
        other.add_document("Extra", "Some extra words here.\n")
        other.add_code("Fresh")
        other.add_coding("Extra", 5, 10, "Fresh", "cleo")
        from framework_qa.core.interop.adapter import export_qdpx
        export_qdpx(other, tmp_path / "other.qdpx")
    changes: list[object] = []
    session.changed.connect(changes.append)
    _choose(monkeypatch, tmp_path / "other.qdpx")
    _trigger(widget, TITLES[1])
    project: Project = session.project
    assert project.document("Extra") and project.find_code("Fresh") is not None
    assert len(changes) == 1 and project.undo_stack.undo_label == "Import other.qdpx"
    assert shown and shown[0].startswith("Imported other.qdpx: 1 document, 1 new code, 1 coding by 1 coder")
    project.undo()
    assert project.find_code("Fresh") is None


def test_codebook_export_and_import_through_the_actions(
    window: tuple[Session, QWidget], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown: list[str]
) -> None:
    session, widget = window
    refi_actions(session, widget)
    _choose(monkeypatch, tmp_path / "book.qdc")
    _trigger(widget, TITLES[2])
    assert (tmp_path / "book.qdc").exists()
    _trigger(widget, TITLES[3])
    assert "0 new codes" in shown[0] and "already in the project" in shown[0]


def test_refused_file_shows_the_reason_and_changes_nothing(
    window: tuple[Session, QWidget], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown: list[str]
) -> None:
    session, widget = window
    refi_actions(session, widget)
    bad = tmp_path / "bad.qdpx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("project.qde", b"<Project/>")
        archive.writestr("../evil.txt", b"x")
    errors: list[str] = []
    monkeypatch.setattr(refi_module, "show_error", lambda parent, message, **kw: errors.append(message))
    label = session.project.undo_stack.undo_label
    _choose(monkeypatch, bad)
    _trigger(widget, TITLES[1])
    assert len(errors) == 1 and "bad.qdpx" in errors[0] and "outside" in errors[0]
    assert not shown and session.project.undo_stack.undo_label == label


def test_cancelled_file_dialog_does_nothing(window: tuple[Session, QWidget], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch, shown: list[str]) -> None:
    session, widget = window
    refi_actions(session, widget)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    for title in TITLES:
        _trigger(widget, title)
    assert not shown and list(tmp_path.glob("*.qd*")) == []

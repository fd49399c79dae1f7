"""The window's File > REFI-QDA exchange menu offers the codebook as Taguette's CSV as well as .qdc, both
ways, through the same core code as `export-codebook` / `import-codebook` on the command line."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from framework_qa.core.interop.adapter import read_codebook_file
from framework_qa.gui.main_window import MainWindow
from framework_qa.gui.refi import ImportReportDialog
from tests.core.interop.refi.conftest import REFI_SHARED
from tests.gui.workbench_support import make_session, show_window, trigger_menu

CSV_FILTER = "Codebook CSV, Taguette's columns (*.csv)"
EXPORT = ("File", "REFI-QDA exchange", "Export codebook (.qdc, .csv)...")
IMPORT = ("File", "REFI-QDA exchange", "Import codebook (.qdc, .csv)...")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    return show_window(qtbot, make_session(tmp_path))


@pytest.fixture
def reports(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    texts: list[str] = []
    monkeypatch.setattr(ImportReportDialog, "exec", lambda self: texts.append(self.text) or 0)
    return texts


def test_export_offers_csv_and_writes_taguettes_columns(window: MainWindow, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    offered: list[str] = []

    def answer(parent: object, caption: str, default: str, filters: str) -> tuple[str, str]:
        offered.append(filters)
        return str(tmp_path / "for-taguette"), CSV_FILTER  # a name typed without extension, CSV chosen

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    trigger_menu(window, *EXPORT)
    assert offered == ["REFI-QDA codebook (*.qdc);;" + CSV_FILTER]
    written = tmp_path / "for-taguette.csv"
    rows = list(csv.reader(written.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["tag", "description", "number of highlights", "number of documents"]
    project = window.session.project
    assert [r[0] for r in rows[1:]] == [project.code_path(c) for c in project.codes()]
    assert window.statusBar().currentMessage().startswith(f"Wrote for-taguette.csv, {len(rows) - 1} codes")
    codebook, report = read_codebook_file(written)  # what the CLI's import reads back
    assert report.dropped == [] and report.brought_in == [f"{len(rows) - 1} codes."]


def test_import_of_taguettes_csv_from_the_menu_is_one_undoable_change_with_a_report(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reports: list[str]) -> None:
    sample = REFI_SHARED / "samples" / "produced" / "taguette-1.5.2-codebook.csv"
    if not sample.is_file():
        pytest.skip("REFI-QDA sample material is not present")
    chosen = tmp_path / "codebook.csv"
    shutil.copy(sample, chosen)
    offered: list[str] = []

    def answer(parent: object, caption: str, directory: str, filters: str) -> tuple[str, str]:
        offered.append(filters)
        return str(chosen), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer))
    project = window.session.project
    before = [project.code_path(c) for c in project.codes()]
    trigger_menu(window, *IMPORT)
    assert "*.csv" in offered[0].split(";;")[0] and CSV_FILTER in offered[0]
    after = [project.code_path(c) for c in project.codes()]
    assert {"Barriers", "Barriers/time", "Parent::Child", "  spaced  ", "Café – naïve ☕ 😀"} <= set(after)
    assert project.code("Barriers").definition == "Obstacles to use.\nSecond line."
    assert project.code("Barriers").inclusion == "anything blocking"
    assert len(reports) == 1 and reports[0].startswith("Imported codebook.csv: 0 documents, 10 new codes")
    assert "'/' in a tag path was read as a level of the code tree" in reports[0]
    assert project.undo_stack.undo_label == "Import codebook codebook.csv"
    project.undo()
    assert [project.code_path(c) for c in project.codes()] == before

"""Every export from the window adds the extension a user left off, writes the file, and says what it wrote
with a way to open its folder: the matrix, the chart, the agreement report and the REFI-QDA exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from framework_qa.gui.dialogs.saving import BUTTON_NAME, with_extension
from framework_qa.gui.main_window import MainWindow
from tests.gui.workbench_support import make_session, show_window, trigger_menu


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    session = make_session(tmp_path)
    session.project.add_coding("P02", 24, 33, "Working alliance/Bond", "amira")
    return show_window(qtbot, session)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url) or True))
    return urls


def _answer_save(monkeypatch: pytest.MonkeyPatch, path: Path, selected: str = "") -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), selected)))


def _button(parent: QWidget, text: str) -> QPushButton:
    return next(b for b in parent.findChildren(QPushButton) if b.text() == text and b.isVisible())


def test_a_typed_name_gets_the_chosen_filters_extension_unless_it_has_one() -> None:
    filters = "PNG image (*.png);;SVG drawing (*.svg)"
    assert with_extension("/x/chart", "SVG drawing (*.svg)", filters) == Path("/x/chart.svg")
    assert with_extension("/x/chart.png", "SVG drawing (*.svg)", filters) == Path("/x/chart.png")
    assert with_extension("/x/report v2.1", "", "Excel workbook (*.xlsx)") == Path("/x/report v2.1.xlsx")


def test_matrix_export_without_extension_writes_xlsx_and_says_so_with_open_folder(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        opened: list[QUrl]) -> None:
    panel = window.show_matrix()
    _answer_save(monkeypatch, tmp_path / "out" / "matrix", "XLSX (*.xlsx)")
    (tmp_path / "out").mkdir()
    qtbot.mouseClick(_button(panel, "Export xlsx…"), Qt.MouseButton.LeftButton)
    assert (tmp_path / "out" / "matrix.xlsx").is_file()
    message = window.statusBar().currentMessage()
    assert message.startswith("Wrote matrix.xlsx, ") and " sheets" in message
    folder = window.statusBar().findChild(QPushButton, BUTTON_NAME)
    assert folder is not None and folder.isVisible()
    qtbot.mouseClick(folder, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened] == [str((tmp_path / "out").resolve())]
    window.statusBar().showMessage("something else")
    assert not folder.isVisible()  # the button belongs to its message


def test_matrix_csv_and_docx_exports_name_their_size(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    panel = window.show_matrix()
    for kind in ("csv", "docx"):
        _answer_save(monkeypatch, tmp_path / "table", f"{kind.upper()} (*.{kind})")
        qtbot.mouseClick(_button(panel, f"Export {kind}…"), Qt.MouseButton.LeftButton)
        assert (tmp_path / f"table.{kind}").is_file()
        assert window.statusBar().currentMessage().startswith(f"Wrote table.{kind}, 2 cases × ")


def test_chart_saved_as_svg_from_the_filter_shows_a_message_with_open_folder(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        opened: list[QUrl]) -> None:
    panel = window.show_matrix()
    qtbot.mouseClick(_button(panel, "Chart…"), Qt.MouseButton.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets() if w.windowTitle() == "Code frequencies")
    _answer_save(monkeypatch, tmp_path / "frequencies", "SVG drawing (*.svg)")
    qtbot.mouseClick(_button(dialog, "Save as PNG or SVG…"), Qt.MouseButton.LeftButton)
    assert (tmp_path / "frequencies.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    box = dialog.findChild(QMessageBox, "written-notice")
    assert box is not None and box.text().startswith("Wrote frequencies.svg")
    qtbot.mouseClick(_button(box, "Open folder"), Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened] == [str(tmp_path.resolve())]
    dialog.close()


def test_agreement_export_button_adds_xlsx(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    panel = window.show_agreement()
    qtbot.waitUntil(lambda: panel.report is not None)
    _answer_save(monkeypatch, tmp_path / "agreement report")
    qtbot.mouseClick(_button(panel, "Export to Excel…"), Qt.MouseButton.LeftButton)
    assert (tmp_path / "agreement report.xlsx").is_file()
    assert window.statusBar().currentMessage().startswith("Wrote agreement report.xlsx, ")


def test_refi_exports_from_the_file_menu_add_their_extensions(window: MainWindow, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _answer_save(monkeypatch, tmp_path / "for-nvivo")
    trigger_menu(window, "File", "REFI-QDA exchange", "Export REFI-QDA project...")
    assert (tmp_path / "for-nvivo.qdpx").is_file()
    assert window.statusBar().currentMessage().startswith("Wrote for-nvivo.qdpx, ")
    _answer_save(monkeypatch, tmp_path / "codebook")
    trigger_menu(window, "File", "REFI-QDA exchange", "Export codebook (.qdc, .csv)...")
    assert (tmp_path / "codebook.qdc").is_file()
    assert "codes" in window.statusBar().currentMessage()

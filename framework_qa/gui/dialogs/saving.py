"""Asking where to save a file, and saying what was written.

`ask_save_path` wraps `QFileDialog.getSaveFileName`: a name typed without one of the filters' extensions
gets the chosen filter's (a researcher who types "matrix" expects matrix.xlsx, not a file that Excel will
not open). `announce_written` tells the user what landed on disk ("Wrote matrix.xlsx, 3 sheets"): in the
window's status bar with an *Open folder* button beside it while the message shows, or, where there is no
main window (a chart dialog, say), in a small message box with the same button. Every save in the window
goes through these two, so each export behaves alike.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QPushButton, QWidget

SHOWN_MS = 15000
BUTTON_NAME = "open-written-folder"


def filter_suffixes(filters: str) -> list[str]:
    """The extensions a file-dialog filter names, in order: "Excel (*.xlsx);;CSV (*.csv)" -> .xlsx, .csv."""
    return [s.lower() for s in re.findall(r"\*(\.[\w.]+)", filters)]


def with_extension(path: str | Path, selected_filter: str, filters: str) -> Path:
    """`path`, with the selected filter's extension added unless it already ends in one the filters allow."""
    path = Path(path)
    if path.suffix.lower() in filter_suffixes(filters):
        return path
    chosen = filter_suffixes(selected_filter) or filter_suffixes(filters)
    return path.with_name(path.name + chosen[0]) if chosen else path


def ask_save_path(parent: QWidget | None, caption: str, default: str | Path, filters: str) -> Path | None:
    """Ask for a file to write; None when cancelled. The result always carries an allowed extension."""
    chosen, selected = QFileDialog.getSaveFileName(parent, caption, str(default), filters)
    return with_extension(chosen, selected, filters) if chosen else None


def describe(path: Path) -> str:
    """A few words on what a written file holds: the sheets of a workbook, else its size."""
    if path.suffix.lower() == ".xlsx":
        try:
            from openpyxl import load_workbook
            book = load_workbook(path, read_only=True)
            try:
                n = len(book.sheetnames)
            finally:
                book.close()
            return f"{n} sheet{'s' if n != 1 else ''}"
        except Exception:  # noqa: BLE001 - a description must never turn a written file into an error
            pass
    try:
        size = path.stat().st_size
    except OSError:
        return "written"
    if size < 1024:
        return f"{size} bytes"
    return f"{size / 1024:,.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:,.1f} MB"


def open_folder(path: Path) -> bool:
    """Show the folder holding `path` in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.resolve().parent)))


def announce_written(widget: QWidget, path: str | Path, detail: str | None = None) -> str:
    """Tell the user that `path` was written (with `detail`, else `describe(path)`); returns the message."""
    path = Path(path)
    message = f"Wrote {path.name}, {detail or describe(path)} (in {path.resolve().parent})"
    window = widget.window()
    if isinstance(window, QMainWindow):
        _status_notice(window, message, path)
    else:
        _message_box(widget, message, path)
    return message


def _status_notice(window: QMainWindow, message: str, path: Path) -> None:
    bar = window.statusBar()
    button = bar.findChild(QPushButton, BUTTON_NAME)
    if button is None:
        button = QPushButton("Open folder", bar)
        button.setObjectName(BUTTON_NAME)
        button.setToolTip("Show the folder with the file just written")
        bar.insertPermanentWidget(0, button)
        bar.messageChanged.connect(lambda text, b=button: b.setVisible(bool(text) and text == b.property("message")))
        button.clicked.connect(lambda _=False, b=button: open_folder(Path(str(b.property("path")))))
    button.setProperty("message", message)
    button.setProperty("path", str(path))
    bar.showMessage(message, SHOWN_MS)
    button.setVisible(True)


def _message_box(parent: QWidget, message: str, path: Path) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, "Written", message, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("written-notice")
    folder = box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole)
    folder.clicked.connect(lambda _=False: open_folder(path))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()

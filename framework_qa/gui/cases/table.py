"""The cases table: cases x typed attributes, edited in place, with attribute import from CSV/XLSX."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from framework_qa.core.commands import Change
from framework_qa.core.model import AttributeType
from framework_qa.gui.cases.model import SIZE_ROWS
from framework_qa.gui.cases.table_model import HINTS, CasesTableModel
from framework_qa.gui.dialogs.errors import reporting
from framework_qa.gui.session import Session


class AttributeDialog(QDialog):
    """Name and type of a new attribute."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New attribute")
        self.name = QLineEdit(self)
        self.kind = QComboBox(self)
        self.kind.addItems(["text", "number", "date"])
        for i, kind in enumerate(("text", "number", "date")):
            self.kind.setItemData(i, HINTS[kind], Qt.ItemDataRole.ToolTipRole)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("&Type", self.kind)
        form.addRow(buttons)


class CasesTable(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = CasesTableModel(session, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setResizeContentsPrecision(SIZE_ROWS)  # see cases.model.SIZE_ROWS
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #d9534f;")
        self.error_label.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for text, slot in (("Add case…", self.add_case), ("Delete case…", self.delete_selected_case),
                           ("Add attribute…", self.add_attribute), ("Import attributes…", self.import_attributes)):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error_label)
        self.model.error.connect(self.show_error)
        self.model.modelReset.connect(self.view.resizeColumnsToContents)
        self.view.resizeColumnsToContents()
        self.session.changed.connect(self._on_change)

    def _on_change(self, change: Change) -> None:
        """Our next edit clears a rejected value's message; another program's change must not."""
        if not change.remote:
            self.error_label.hide()

    def show_error(self, message: str) -> None:
        """Inline, non-modal: a rejected cell value keeps the user in the table."""
        self.error_label.setText(f"⚠ {message}")
        self.error_label.show()

    def _run(self, command: Callable[[], Change]) -> Change | None:
        return reporting(command, lambda message: QMessageBox.warning(self, "Cases", message))

    def selected_case_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.case_id(index.row()) if index.isValid() else None

    def add_case(self, name: str | None = None) -> None:
        if not name:
            name, ok = QInputDialog.getText(self, "New case", "Case name:")
            if not ok or not name.strip():
                return
        change = self._run(lambda: self.session.project.add_case(name))
        if change is not None:
            row = self.model.row_of(change.created_id("cases"))
            self.view.setCurrentIndex(self.model.index(row, 0))

    def delete_selected_case(self) -> None:
        case_id = self.selected_case_id()
        if case_id is not None:
            self.delete_case(case_id)

    def delete_case(self, case_id: int) -> bool:
        project = self.session.project
        case = project.case(case_id)
        docs = len(project.case_documents(case_id))
        answer = QMessageBox.question(
            self, "Delete case",
            f"Delete case '{case.name}' with its attribute values and summaries?\n"
            f"Its {docs} document{'s' if docs != 1 else ''} stay, without a case. You can undo this.")
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self._run(lambda: project.delete_case(case_id)) is not None

    def add_attribute(self, name: str | None = None, kind: AttributeType | None = None) -> None:
        if name is None or kind is None:
            dialog = AttributeDialog(self)
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.name.text().strip():
                return
            name, kind = dialog.name.text(), dialog.kind.currentText()  # type: ignore[assignment]
        self._run(lambda: self.session.project.define_attribute(name, kind))  # type: ignore[arg-type]

    def import_attributes(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Import attributes", "",
                                                  "Attribute tables (*.csv *.xlsx);;All files (*)")
            if not path:
                return
        self._run(lambda: self.session.project.import_attributes(path))

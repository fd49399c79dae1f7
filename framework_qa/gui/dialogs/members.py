"""Team › Members…: who belongs to a server project, and in which role.

A table of login and role. An owner adds an existing database login with a role, changes a role (the
role cell is a list) and removes a member; each edit is one core call (`project.set_member`,
`project.remove_member`), applied at once, and the table is then read back from the server, so it shows
what the database holds rather than what was asked. Creating logins stays with the database
administrator. Everyone else sees the table read-only. The database enforces the roles either way; a
refusal is shown as one line under the table.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from framework_qa.core.project import Project
from framework_qa.gui.dialogs.errors import attempt, reporting

ROLES = ("owner", "coder", "reader")


class MembersDialog(QDialog):
    """The project's members; `editable` (this login is an owner) enables adding, changing, removing."""

    def __init__(self, project: Project, editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Members")
        self.setObjectName("members")
        self._project = project
        self.editable = editable
        me = project.identity or "(superuser)"
        note = ("Add an existing database login, change a role, or remove a member. Creating logins is "
                "for the database administrator." if editable else "Only an owner can change the members.")
        intro = QLabel(f"Logged in as <b>{me}</b>. {note}", self)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["Login", "Role"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.login = QLineEdit(self)
        self.login.setPlaceholderText("database login")
        self.role = QComboBox(self)
        self.role.addItems(ROLES)
        self.role.setCurrentText("coder")
        self.add_button = QPushButton("&Add", self)
        self.add_button.clicked.connect(self.add_member)
        self.login.returnPressed.connect(self.add_member)
        self.remove_button = QPushButton("&Remove selected", self)
        self.remove_button.clicked.connect(self.remove_selected)
        adding = QHBoxLayout()
        adding.addWidget(self.login, 1)
        adding.addWidget(self.role)
        adding.addWidget(self.add_button)
        adding.addWidget(self.remove_button)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addLayout(adding)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        for widget in (self.login, self.role, self.add_button, self.remove_button):
            widget.setEnabled(editable)
        self.resize(480, 360)
        self.reload()

    # ------------------------------------------------------------ reading
    def members(self) -> list[tuple[str, str]]:
        """What the table shows: (login, role) rows."""
        rows = []
        for row in range(self.table.rowCount()):
            login, cell, shown = self.table.item(row, 0), self.table.cellWidget(row, 1), self.table.item(row, 1)
            role = cell.currentText() if isinstance(cell, QComboBox) else shown.text() if shown else ""
            rows.append((login.text() if login else "", role))
        return rows

    def reload(self) -> None:
        """Read the members back from the server."""
        members = reporting(self._project.members, self.problem.setText)
        if members is None:
            return
        self.table.setRowCount(len(members))
        for row, (login, role) in enumerate(members):
            self.table.setItem(row, 0, QTableWidgetItem(login))
            if self.editable:
                combo = QComboBox(self.table)
                combo.addItems(ROLES)
                combo.setCurrentText(role)
                combo.currentTextChanged.connect(lambda new, who=login: self.set_role(who, new))
                self.table.setCellWidget(row, 1, combo)
            else:
                self.table.setItem(row, 1, QTableWidgetItem(role))

    # ------------------------------------------------------------ editing (owners)
    def add_member(self) -> None:
        login = self.login.text().strip()
        if not login:
            self.problem.setText("Type the login to add (an existing database login).")
            return
        if self._apply(lambda: self._project.set_member(login, self.role.currentText())):
            self.login.clear()

    def set_role(self, login: str, role: str) -> None:
        self._apply(lambda: self._project.set_member(login, role))

    def remove_selected(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if not rows:
            self.problem.setText("Select the member to remove.")
            return
        item = self.table.item(min(rows), 0)
        if item is not None:
            login = item.text()
            self._apply(lambda: self._project.remove_member(login))

    def _apply(self, edit: Callable[[], None]) -> bool:
        """One core call, then the table as the server now has it; a refusal becomes the problem line."""
        ok = attempt(edit, self.problem.setText)
        if ok:
            self.problem.clear()
        self.reload()  # also puts back a role list the database refused to change
        return ok

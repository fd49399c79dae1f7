"""What the window does differently on a server project: the Team menu, the login as coder, roles.

- The coder is the database login (`project.identity`): "Switch coder…" is disabled there (the database
  refuses codings under any other name), and the status bar says "Coder: amira (server login)".
- Team › Members… lists the members (owners edit them), Team › Blind coding switches blind coding
  (owners only; it reflects `project.blind` each time the menu opens), Team › History… tells the change
  feed as sentences.
- A reader's window disables the menu commands that change the project; any other way of trying (a drag,
  a panel's button) is refused by the database and shown as one message
  ("…: your role in this project does not allow this change").

A project file (or a superuser's connection, which has no identity) gets none of this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu

from framework_qa.core.errors import FqaError
from framework_qa.gui.dialogs.errors import show_error

if TYPE_CHECKING:
    from framework_qa.gui.main_window import MainWindow

# Menu commands (keys of the window's actions) that change the project: disabled for readers.
EDITING = ("import", "import_attributes", "merge_copy", "code_as", "new_theme", "uncode", "change_code",
           "fit_coding", "coding_memo", *(f"quick{n}" for n in range(1, 10)))
READ_ONLY_TIP = "Your role in this project is reader: you can read and export, not change it"


class TeamControl(QObject):
    """Built with the window's menus; `menu` is None unless the project is on a server."""

    def __init__(self, window: MainWindow, acts: dict[str, QAction]) -> None:
        super().__init__(window)
        self._window = window
        self._project = window.session.project
        self.is_server = hasattr(self._project.store, "members")
        self.login = self._project.identity
        self.role = self._read_role()
        self.menu: QMenu | None = None
        self.dialogs: list[QDialog] = []
        if self.login is not None and "switch_coder" in acts:
            acts["switch_coder"].setEnabled(False)
            acts["switch_coder"].setStatusTip(f"On a server project you code as your login, {self.login}")
        if self.role == "reader":
            for key in EDITING:
                if key in acts:
                    acts[key].setEnabled(False)
                    acts[key].setStatusTip(READ_ONLY_TIP)
        if self.is_server:
            self._build_menu(acts)

    def _read_role(self) -> str | None:
        """This login's role (owner, coder, reader); None on a file or for a non-member."""
        try:
            return getattr(self._project.store, "role", None)
        except FqaError:  # the server is gone for now: act as the least privileged, the database decides
            return None

    # ------------------------------------------------------------ status
    def coder_note(self) -> str:
        """What follows the coder's name in the status bar."""
        if self.login is None:
            return ""
        return " (server login, read-only)" if self.role == "reader" else " (server login)"

    # ------------------------------------------------------------ menu
    def _build_menu(self, acts: dict[str, QAction]) -> None:
        w = self._window
        menu = self.menu = w.menuBar().addMenu("&Team")
        menu.aboutToShow.connect(self.refresh)
        members = QAction("&Members…", w)
        members.setStatusTip("Who belongs to this server project, and in which role")
        members.triggered.connect(lambda _=False: self.show_members())
        menu.addAction(members)
        acts["team_members"] = members
        blind = QAction("&Blind coding", w)
        blind.setCheckable(True)
        blind.setStatusTip("Hide coders' codings from each other until blind coding is switched off (owners)")
        blind.triggered.connect(self.set_blind)
        menu.addAction(blind)
        acts["team_blind"] = blind
        self.blind_action = blind
        menu.addSeparator()
        history = QAction("&History…", w)
        history.setStatusTip("Every change to the project, who made it and when")
        history.triggered.connect(lambda _=False: self.show_history())
        menu.addAction(history)
        acts["team_history"] = history
        self.refresh()

    def refresh(self) -> None:
        """Role and blind state as the server has them now (another owner may have changed either)."""
        self.role = self._read_role()
        self.blind_action.setEnabled(self.role == "owner")
        self.blind_action.setToolTip("" if self.role == "owner" else "Only an owner can switch blind coding")
        try:
            self.blind_action.setChecked(self._project.blind)
        except FqaError:
            pass

    def set_blind(self, on: bool) -> None:
        try:
            self._project.set_blind(on)
        except FqaError as exc:
            show_error(self._window, str(exc))
        self.refresh()
        self._window.show_status("Blind coding is on: coders see only their own codings." if self.blind_action.isChecked()
                                 else "Blind coding is off: coders see everyone's codings.")

    def show_members(self) -> QDialog:
        from framework_qa.gui.dialogs.members import MembersDialog
        self.refresh()
        return self._keep(MembersDialog(self._project, self.role == "owner", self._window))

    def show_history(self) -> QDialog:
        from framework_qa.gui.dialogs.history import HistoryDialog
        return self._keep(HistoryDialog(self._window.session, self._window))

    def _keep(self, dialog: QDialog) -> QDialog:
        """Dialogs stay open beside the window (not modal) and are freed when closed."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialogs.append(dialog)
        dialog.destroyed.connect(lambda *_: self.dialogs.remove(dialog) if dialog in self.dialogs else None)
        dialog.show()
        return dialog

"""A server project in the window: File › Open server project…, the password question, the login as coder,
and the Team menu (members, blind coding, history), each reached through its real menu action or dialog,
against a real PostgreSQL server with real logins (owner amira, coder ben, reader rita, newcomer carla)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from framework_qa import new_project, open_project
from framework_qa.gui import app as appmod
from framework_qa.gui.codebook.chooser import CodeChooser
from framework_qa.gui.dialogs.history import HistoryDialog
from framework_qa.gui.dialogs.members import MembersDialog
from framework_qa.gui.dialogs.server import PasswordDialog, ServerAddressDialog, with_password
from framework_qa.gui.main_window import MainWindow
from framework_qa.gui.window import projects
from tests.gui.workbench_support import isolate_settings, make_session

TEXT = "Interviewer: Why did you keep using it?\nP01: I trusted it. Robin felt real.\n"
BOND = "Working alliance/Bond"
PASSWORD = "s3cr&t pass/?word"  # characters an address would otherwise misread


@pytest.fixture
def team(pg_server: object, tmp_path: Path) -> Iterator[dict[str, str]]:
    """Logins and addresses (without passwords: trust authentication) of a project owned by amira."""
    isolate_settings(tmp_path / "settings")
    database, logins = pg_server.team_database(("amira", "ben", "rita", "carla"))  # type: ignore[attr-defined]
    address = {who: pg_server.address(database, login) for who, login in logins.items()}  # type: ignore[attr-defined]
    with new_project(address["amira"], ["alliance"]) as project:
        project.add_document("P01", TEXT)
        project.set_member(logins["ben"], "coder")
        project.set_member(logins["rita"], "reader")
    yield {"database": database, **{f"{k}_login": v for k, v in logins.items()}, **address}
    for window in list(projects._open_windows):
        window.close()


@pytest.fixture(scope="module")
def password_project(pg_server: object) -> dict[str, str]:
    """A project whose owner must give a password: a pg_hba rule for this one login, before the trust lines."""
    login, database = f"pw_{os.getpid()}", f"pwdb_{os.getpid()}"
    hba = pg_server.folder / "data" / "pg_hba.conf"  # type: ignore[attr-defined]
    with psycopg.connect(pg_server.address("postgres"), autocommit=True) as admin:  # type: ignore[attr-defined]
        admin.execute(f"CREATE ROLE {login} LOGIN PASSWORD '{PASSWORD}'")
        admin.execute(f"CREATE DATABASE {database} OWNER {login}")
        hba.write_text(f"host all {login} 127.0.0.1/32 scram-sha-256\n" + hba.read_text())
        admin.execute("SELECT pg_reload_conf()")
    address = pg_server.address(database, login)  # type: ignore[attr-defined]
    with new_project(with_password(address, PASSWORD), ["alliance"]) as project:
        project.add_document("P01", TEXT)
    return {"address": address, "login": login, "database": database}


@pytest.fixture
def no_stored_password(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """libpq finds no password of its own: no PGPASSWORD, no ~/.pgpass, no service file."""
    for name in ("PGPASSWORD", "PGSERVICE", "PGSERVICEFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))


def answer_dialogs(qtbot: QtBot, *handlers: Callable[[QDialog], None]) -> list[QDialog]:
    """Give each modal dialog, as it appears, to the next handler (which must close it); returns the
    dialogs seen. The caller then triggers what opens them."""
    seen: list[QDialog] = []
    pending = list(handlers)

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog not in seen and pending:
            seen.append(dialog)
            pending.pop(0)(dialog)
        if pending:
            QTimer.singleShot(10, look)
    QTimer.singleShot(0, look)
    return seen


def trigger(window: MainWindow, menu: str, text: str) -> QAction:
    top = next(a for a in window.menuBar().actions() if a.text().replace("&", "") == menu)
    action = next(a for a in top.menu().actions()  # type: ignore[union-attr]
                  if a.text().replace("&", "") == text)
    action.trigger()
    return action


def menu_titles(window: MainWindow) -> list[str]:
    return [a.text().replace("&", "") for a in window.menuBar().actions()]


def open_window(qtbot: QtBot, address: str) -> MainWindow:
    window = projects.open_in_new_window(None, address)
    assert window is not None
    qtbot.waitExposed(window)
    return window


def file_window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    window = MainWindow(make_session(tmp_path), restore=False)
    projects.manage(window)  # as the application's windows are: File › Open… is answered
    qtbot.addWidget(window)
    window.show()
    return window


def new_window(before: list[MainWindow]) -> MainWindow:
    [opened] = [w for w in projects._open_windows if w not in before]
    return opened


# ---------------------------------------------------------------- opening


def test_open_server_project_through_the_file_menu(qtbot: QtBot, tmp_path: Path, team: dict[str, str]) -> None:
    window = file_window(qtbot, tmp_path)
    assert "Team" not in menu_titles(window)  # a project file has no Team menu

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ServerAddressDialog)
        port = int(team["amira"].rsplit(":", 1)[1].split("/")[0])
        dialog.host.setText("127.0.0.1")
        dialog.port.setValue(port)
        dialog.database.setText(team["database"])
        dialog.user.setText(team["amira_login"])
        open_button = next(b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == "Open")
        qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    before = list(projects._open_windows)
    seen = answer_dialogs(qtbot, fill)
    trigger(window, "File", "Open server project…")
    assert len(seen) == 1
    opened = new_window(before)
    assert opened.session.project.location == team["amira"]
    assert opened.windowTitle() == f"{team['database']} on 127.0.0.1 — framework-qa"
    assert "Team" in menu_titles(opened)
    assert appmod.recent_projects()[0] == team["amira"]
    assert not window.isVisible()  # the file's window made way, as when opening a file


def test_a_pasted_address_with_a_wrong_scheme_is_refused_in_the_dialog(qtbot: QtBot) -> None:
    dialog = ServerAddressDialog()
    qtbot.addWidget(dialog)
    dialog.pasted.setText("amira@host/study")
    dialog._accept_if_valid()
    assert dialog.result() != QDialog.DialogCode.Accepted and "postgresql://" in dialog.problem.text()


def test_the_password_is_asked_for_used_once_and_never_remembered(
        qtbot: QtBot, tmp_path: Path, team: dict[str, str], password_project: dict[str, str],
        no_stored_password: None) -> None:
    window = file_window(qtbot, tmp_path)
    prompts: list[str] = []

    def paste(dialog: QDialog) -> None:
        assert isinstance(dialog, ServerAddressDialog)
        dialog.pasted.setText(password_project["address"])
        dialog.accept()

    def type_password(password: str) -> Callable[[QDialog], None]:
        def answer(dialog: QDialog) -> None:
            assert isinstance(dialog, PasswordDialog)
            prompts.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
            qtbot.keyClicks(dialog.field, password)
            dialog.accept()
        return answer
    before = list(projects._open_windows)
    seen = answer_dialogs(qtbot, paste, type_password("wrong"), type_password(PASSWORD))
    trigger(window, "File", "Open server project…")
    assert [type(d) for d in seen] == [ServerAddressDialog, PasswordDialog, PasswordDialog]
    assert "asks for a password" in prompts[0] and "refused that password" in prompts[1]
    opened = new_window(before)
    project = opened.session.project
    assert project.identity == password_project["login"]
    assert PASSWORD not in project.location and "s3cr" not in project.location
    assert PASSWORD not in opened.windowTitle()
    assert appmod.recent_projects()[0] == password_project["address"]
    settings_text = "".join(p.read_text(errors="replace") for p in (tmp_path / "settings").rglob("*") if p.is_file())
    assert password_project["database"] in settings_text and "wrong" not in settings_text
    assert PASSWORD not in settings_text and "s3cr" not in settings_text


def test_cancelling_the_password_question_opens_nothing(
        qtbot: QtBot, tmp_path: Path, password_project: dict[str, str], no_stored_password: None) -> None:
    isolate_settings(tmp_path / "settings")
    seen = answer_dialogs(qtbot, lambda dialog: dialog.reject())
    assert projects.open_in_new_window(None, password_project["address"]) is None
    assert [type(d) for d in seen] == [PasswordDialog]
    assert appmod.recent_projects() == []


# ---------------------------------------------------------------- the login is the coder


def test_the_coder_is_the_login_and_a_coding_made_in_the_window_is_theirs(
        qtbot: QtBot, team: dict[str, str]) -> None:
    window = open_window(qtbot, team["ben"])
    ben = team["ben_login"]
    assert window.session.coder == ben
    assert f"Coder: <b>{ben}</b> (server login)" in window._status_coder.text()
    switch = window.menus.actions["switch_coder"]
    assert not switch.isEnabled()
    switch.trigger()  # disabled: nothing happens, no "Who is coding?" question
    assert QApplication.activeModalWidget() is None and window.session.coder == ben
    window.open_document_named("P01")
    start = TEXT.index("I trusted it")
    window.viewer.select_range(start, start + len("I trusted it"))

    def choose_bond(dialog: QDialog) -> None:
        assert isinstance(dialog, CodeChooser)
        dialog.filter.setText("Bond")
        dialog.accept()
    answer_dialogs(qtbot, choose_bond)
    trigger(window, "Code", "Code as…")
    with open_project(team["amira"]) as owner:  # the owner's own connection: what the server holds
        [coding] = owner.codings(document="P01")
        assert owner.coder(coding.coder_id).name == ben and owner.code_path(coding.code_id) == BOND
        assert (coding.start, coding.end) == (start, start + len("I trusted it"))


# ---------------------------------------------------------------- the Team menu


def test_an_owner_adds_a_coder_changes_a_role_and_removes_a_member(qtbot: QtBot, team: dict[str, str]) -> None:
    window = open_window(qtbot, team["amira"])
    trigger(window, "Team", "Members…")
    dialog = window.findChild(MembersDialog)
    assert dialog is not None and dialog.isVisible() and dialog.editable
    carla, rita = team["carla_login"], team["rita_login"]
    qtbot.keyClicks(dialog.login, carla)
    dialog.role.setCurrentText("coder")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert (carla, "coder") in dialog.members() and dialog.problem.text() == ""
    row = [login for login, _ in dialog.members()].index(rita)
    combo = dialog.table.cellWidget(row, 1)
    assert isinstance(combo, QComboBox)
    combo.setCurrentText("coder")
    with open_project(team["amira"]) as check:
        assert (carla, "coder") in check.members() and (rita, "coder") in check.members()
    dialog.table.selectRow([login for login, _ in dialog.members()].index(carla))
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert carla not in [login for login, _ in dialog.members()]
    qtbot.keyClicks(dialog.login, "nobody_here")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() and "nobody_here" not in [login for login, _ in dialog.members()]


def test_members_are_read_only_for_a_coder(qtbot: QtBot, team: dict[str, str]) -> None:
    window = open_window(qtbot, team["ben"])
    trigger(window, "Team", "Members…")
    dialog = window.findChild(MembersDialog)
    assert dialog is not None and not dialog.editable
    assert not dialog.add_button.isEnabled() and not dialog.remove_button.isEnabled()
    assert (team["rita_login"], "reader") in dialog.members()


def test_an_owner_switches_blind_coding_from_the_team_menu(qtbot: QtBot, team: dict[str, str]) -> None:
    window = open_window(qtbot, team["amira"])
    blind = window.menus.actions["team_blind"]
    assert blind.isEnabled() and not blind.isChecked()
    trigger(window, "Team", "Blind coding")
    assert blind.isChecked()
    with open_project(team["ben"]) as ben:
        assert ben.blind
    trigger(window, "Team", "Blind coding")
    with open_project(team["ben"]) as ben:
        assert not ben.blind
    coder_window = open_window(qtbot, team["ben"])
    assert not coder_window.menus.actions["team_blind"].isEnabled()


def test_history_tells_the_change_feed_as_sentences(qtbot: QtBot, team: dict[str, str]) -> None:
    window = open_window(qtbot, team["amira"])
    trigger(window, "Team", "History…")
    dialog = window.findChild(HistoryDialog)
    assert dialog is not None and dialog.isVisible()
    before = len(dialog.sentences())
    window.session.project.add_coding("P01", 0, 11, BOND, team["amira_login"])
    qtbot.waitUntil(lambda: len(dialog.sentences()) == before + 1)
    assert dialog.sentences()[-1].split(" ", 2)[2].startswith(f"{team['amira_login']}: ")
    assert "P01" in dialog.sentences()[-1]


def test_history_narrows_to_one_account_and_a_first_day_like_the_command_line(
        qtbot: QtBot, team: dict[str, str]) -> None:
    window = open_window(qtbot, team["amira"])
    with open_project(team["ben"]) as ben:
        ben.add_coding("P01", 18, 33, BOND, team["ben_login"])
    window.session.project.add_coding("P01", 0, 11, BOND, team["amira_login"])
    trigger(window, "Team", "History…")
    dialog = window.findChild(HistoryDialog)
    assert dialog is not None and dialog.isVisible()
    everyone = dialog.sentences()
    assert {team["amira_login"], team["ben_login"]} <= {s.split(" ", 3)[2].rstrip(":") for s in everyone}

    dialog.who.setFocus()  # the account chooser, by keyboard: type the start of a name
    qtbot.keyClicks(dialog.who, team["ben_login"][:4])
    assert dialog.who.currentText() == team["ben_login"]
    assert dialog.sentences() and all(f" {team['ben_login']}: " in s for s in dialog.sentences())
    assert f"by {team['ben_login']}" in dialog.summary.text()

    qtbot.mouseClick(dialog.since_on, Qt.MouseButton.LeftButton, pos=dialog.since_on.rect().center())
    assert dialog.since.isEnabled() and dialog.sentences()  # today (UTC), the default day, keeps them
    dialog.since.setFocus()
    qtbot.keyClick(dialog.since, Qt.Key.Key_Up)  # the year section: next year, when nothing happened yet
    assert dialog.chosen_day() is not None and dialog.sentences() == []
    assert dialog.summary.text().startswith(f"0 changes by {team['ben_login']} since ")
    qtbot.keyClick(dialog.since, Qt.Key.Key_Down)
    qtbot.mouseClick(dialog.since_on, Qt.MouseButton.LeftButton, pos=dialog.since_on.rect().center())
    qtbot.keyClick(dialog.who, Qt.Key.Key_Home)  # back to everyone, the first choice
    assert dialog.chosen_account() is None and dialog.sentences() == everyone

    window.session.project.add_coding("P01", 12, 17, BOND, team["amira_login"])  # followed live, filtered too
    qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a new search, not a longer one
    qtbot.keyClicks(dialog.who, team["amira_login"][:4])
    assert dialog.chosen_account() == team["amira_login"]
    qtbot.waitUntil(lambda: len(dialog.sentences()) == 1 + sum(f" {team['amira_login']}: " in s for s in everyone))


# ---------------------------------------------------------------- a reader


def test_a_readers_window_disables_editing_and_the_database_refuses_the_rest(
        qtbot: QtBot, team: dict[str, str]) -> None:
    window = open_window(qtbot, team["rita"])
    assert "(server login, read-only)" in window._status_coder.text()
    for key in ("code_as", "new_theme", "import", "quick1"):
        assert not window.menus.actions[key].isEnabled(), key
    window.open_document_named("P01")
    window.viewer.select_range(0, 11)
    messages: list[str] = []

    def read(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        messages.append(dialog.text())
        dialog.accept()
    answer_dialogs(qtbot, read)
    code_id = window.session.project.code(BOND).id
    window.panels.codebook.code_activated.emit(code_id)  # a double-click
    assert len(messages) == 1 and messages[0].endswith("your role in this project does not allow this change")
    assert window.session.project.codings() == []

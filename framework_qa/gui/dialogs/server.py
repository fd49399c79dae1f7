"""Asking for a server project's address, and for a password when the server wants one.

The address follows libpq: `postgresql://user@host:port/database[?sslmode=...]`. A password the user
types is passed to libpq for one connection only (`with_password` puts it in that connection's address,
held in memory by the open project to reconnect); it is never written to settings, logs or messages, and
`project.location` (what titles and recent lists show) is the address without it.
"""

from __future__ import annotations

import getpass
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from framework_qa.core.addresses import is_server_address

# What the core's one-line error says when libpq had no password, or the server refused the one given.
_PASSWORD_WANTED = ("asks for a password", "no password supplied", "password is required",
                    "password authentication failed", "refused the login")
_PASSWORD_WRONG = ("password authentication failed", "refused the login")


def wants_password(message: str) -> bool:
    """True when an open failed for want of a (right) password, so asking for one may help."""
    return any(part in message.lower() for part in _PASSWORD_WANTED)


def password_was_wrong(message: str) -> bool:
    return any(part in message.lower() for part in _PASSWORD_WRONG)


def compose_address(host: str, port: int, database: str, user: str) -> str:
    """`postgresql://user@host:port/database`, each part percent-encoded as libpq expects."""
    host = host.strip() or "localhost"
    if ":" in host and not host.startswith("["):  # an IPv6 address
        host = f"[{host}]"
    login = f"{quote(user.strip(), safe='')}@" if user.strip() else ""
    return f"postgresql://{login}{host}:{port}/{quote(database.strip(), safe='')}"


def with_password(address: str, password: str) -> str:
    """`address` with libpq's `password=` parameter set (replacing any given), for one connection."""
    parts = urlsplit(address)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"]
    query.append(("password", password))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query, quote_via=quote), parts.fragment))


def without_password(address: str) -> str:
    """`address` with no password at all (neither `user:password@` nor `password=`), for settings and
    recent lists. Unlike a masked `password=***`, what remains opens the project again as it should:
    libpq looks for the password itself, and the window asks if it finds none."""
    parts = urlsplit(address)
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        netloc = f"{user.split(':', 1)[0]}@{host}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"]
    return urlunsplit((parts.scheme, netloc, parts.path, urlencode(query, quote_via=quote), parts.fragment))


class ServerAddressDialog(QDialog):
    """Host, port, database and user, or a pasted `postgresql://` address (which then wins)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open server project")
        self.setObjectName("server-address")
        intro = QLabel("Open a project kept on a PostgreSQL server. Passwords come from your ~/.pgpass, "
                       "PGPASSWORD or a service file as usual; if the server still wants one, you are asked.",
                       self)
        intro.setWordWrap(True)
        self.host = QLineEdit("localhost", self)
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit(self)
        self.database.setPlaceholderText("the project's database, e.g. study")
        self.user = QLineEdit(_login_name(), self)
        self.pasted = QLineEdit(self)
        self.pasted.setPlaceholderText("or paste postgresql://user@host:5432/database")
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.hide()
        form = QFormLayout()
        form.addRow("&Host:", self.host)
        form.addRow("&Port:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User:", self.user)
        form.addRow("&Address:", self.pasted)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def address(self) -> str:
        pasted = self.pasted.text().strip()
        if pasted:
            return pasted
        return compose_address(self.host.text(), self.port.value(), self.database.text(), self.user.text())

    def _accept_if_valid(self) -> None:
        pasted = self.pasted.text().strip()
        if pasted and not is_server_address(pasted):
            self._say("An address starts with postgresql:// (e.g. postgresql://amira@host:5432/study).")
        elif not pasted and not self.database.text().strip():
            self._say("Name the project's database (or paste its address).")
        else:
            self.accept()

    def _say(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()


class PasswordDialog(QDialog):
    """One masked field; `password()` after exec(). The dialog holds the password only while open."""

    def __init__(self, where: str, wrong: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Password")
        self.setObjectName("server-password")
        reason = ("The server refused that password. Try again." if wrong
                  else "The server asks for a password.")
        label = QLabel(f"{reason}<br>Password for <b>{_escape(where)}</b>:", self)
        label.setWordWrap(True)
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def password(self) -> str:
        return self.field.text()


def ask_address(parent: QWidget | None = None) -> str | None:
    dialog = ServerAddressDialog(parent)
    return dialog.address() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_password(where: str, wrong: bool, parent: QWidget | None = None) -> str | None:
    """The typed password, or None when cancelled. `where` must already be free of any password."""
    dialog = PasswordDialog(where, wrong, parent)
    try:
        return dialog.password() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.field.clear()
        dialog.deleteLater()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on this system
        return ""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

"""Codebook editing gestures for `CodebookPanel`: each asks what it needs, then runs one project command.

Errors the core raises (`FqaError`: duplicate names, moving a code into itself...) reach the user as a
message box; nothing here writes to the project except through its commands.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QCursor
from PySide6.QtWidgets import QColorDialog, QDialog, QFileDialog, QInputDialog, QMenu, QMessageBox, QWidget

from framework_qa.core.commands import Change
from framework_qa.core.frameworks import shipped_frameworks
from framework_qa.core.model import Origin
from framework_qa.gui.codebook.chooser import choose_code
from framework_qa.gui.codebook.editor import CodeEditor
from framework_qa.gui.codebook.quickkeys import KEYS
from framework_qa.gui.dialogs.errors import reporting

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QTreeView

    from framework_qa.gui.codebook.model import CodeFilterProxy, CodeTreeModel
    from framework_qa.gui.codebook.quickkeys import QuickKeys
    from framework_qa.gui.session import Session


class CodebookEditing:
    """Mixed into `CodebookPanel` (a QWidget with `session`, `model`, `proxy`, `tree`, `quick_keys`)."""

    session: Session
    model: CodeTreeModel
    proxy: CodeFilterProxy
    tree: QTreeView
    quick_keys: QuickKeys

    code_activated: SignalInstance  # CodebookPanel.code_activated: "code the selection with this code"

    def selected_code_id(self) -> int | None: ...
    def select_code(self, code_id: int) -> None: ...

    def _widget(self) -> QWidget:
        assert isinstance(self, QWidget)  # the panel this is mixed into
        return self

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self._widget(), "Codebook", message)

    def run(self, command: Callable[[], Change]) -> Change | None:
        """Run a project command; a user-facing error becomes a message box and None."""
        return reporting(command, self.show_error)

    # ------------------------------------------------------------ menu
    def build_menu(self, code_id: int | None) -> QMenu:
        menu = QMenu(self._widget())
        project = self.session.project
        if code_id is None:
            menu.addAction("Add top-level code…", lambda: self.add_code("deductive", parent=None))
            menu.addAction("Add emergent theme…", lambda: self.add_code("emergent", parent=None))
        else:
            code = project.code(code_id)
            menu.addAction("Code selection here", lambda: self.code_activated.emit(code_id))
            menu.addSeparator()
            menu.addAction("Add sub-code…", lambda: self.add_code("deductive", parent=code_id))
            menu.addAction("Add emergent theme here…", lambda: self.add_code("emergent", parent=code_id))
            menu.addAction("Add top-level emergent theme…", lambda: self.add_code("emergent", parent=None))
            menu.addSeparator()
            menu.addAction("Rename", lambda: self.rename(code_id))
            menu.addAction("Edit definition…", lambda: self.edit_details(code_id))
            menu.addAction("Colour…", lambda: self.edit_colour(code_id))
            if code.origin == "emergent":
                menu.addAction("Mark as deductive", lambda: self.set_origin(code_id, "deductive"))
                menu.addAction("Promote under a framework category…", lambda: self.promote(code_id))
            else:
                menu.addAction("Mark as emergent", lambda: self.set_origin(code_id, "emergent"))
            keys = menu.addMenu("Assign quick key")
            current = self.quick_keys.key_of(code_id)
            for n in KEYS:
                taken = self.quick_keys.code_for(n)
                label = str(n) + (f"  ({project.code(taken).name})" if taken and taken != code_id else "")
                action = keys.addAction(label, partial(self.quick_keys.assign, n, code_id))
                action.setCheckable(True)
                action.setChecked(n == current)
            if current is not None:
                keys.addSeparator()
                keys.addAction("No quick key", lambda: self.quick_keys.assign(current, None))
            menu.addSeparator()
            menu.addAction("Merge into…", lambda: self.merge(code_id))
            menu.addAction("Delete…", lambda: self.delete(code_id))
        menu.addSeparator()
        frameworks = menu.addMenu("Import framework")
        self._fill_framework_menu(frameworks)
        return menu

    def _fill_framework_menu(self, menu: QMenu) -> None:
        for key, path in shipped_frameworks().items():
            menu.addAction(f"{key} ({path.stem})", partial(self.import_framework, key))
        menu.addSeparator()
        menu.addAction("From a file…", self.import_framework_file)

    def import_framework_menu(self) -> None:
        menu = QMenu(self._widget())
        self._fill_framework_menu(menu)
        menu.exec(QCursor.pos())

    # ------------------------------------------------------------ commands
    def add_code(self, origin: Origin, parent: int | None | bool = True, name: str | None = None) -> int | None:
        """Add a code or theme under `parent` (True: the selected code); asks for a name unless given."""
        parent_id = self.selected_code_id() if parent is True else parent
        assert parent_id is None or isinstance(parent_id, int)
        if name is None:
            what = "emergent theme" if origin == "emergent" else "code"
            where = f" under '{self.session.project.code(parent_id).name}'" if parent_id is not None else ""
            name, ok = QInputDialog.getText(self._widget(), f"New {what}", f"Name of the new {what}{where}:")
            if not ok or not name.strip():
                return None
        change = self.run(lambda: self.session.project.add_code(name, parent=parent_id, origin=origin))
        if change is None:
            return None
        new_id = change.created_id("codes")
        self.select_code(new_id)
        return new_id

    def rename(self, code_id: int) -> None:
        """Start inline editing of the code's name; committing runs the model's rename."""
        index = self.proxy.mapFromSource(self.model.index_of(code_id))
        self.tree.setCurrentIndex(index)
        self.tree.edit(index)

    def edit_details(self, code_id: int) -> None:
        project = self.session.project
        dialog = CodeEditor(project.code(code_id), project.code_path(code_id), self._widget())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.changes():
            self.run(lambda: project.update_code(code_id, **dialog.changes()))

    def edit_colour(self, code_id: int) -> None:
        code = self.session.project.code(code_id)
        chosen = QColorDialog.getColor(QColor(code.colour), self._widget(), f"Colour of '{code.name}'")
        if chosen.isValid() and chosen.name() != code.colour:
            self.run(lambda: self.session.project.update_code(code_id, colour=chosen.name()))

    def set_origin(self, code_id: int, origin: Origin) -> None:
        self.run(lambda: self.session.project.update_code(code_id, origin=origin))

    def promote(self, code_id: int) -> None:
        """Move an emergent theme under a deductive code; optionally mark it deductive (a second edit)."""
        project = self.session.project
        banned = {code_id, *(d.id for d in project.descendants(code_id))}
        targets = [c for c in project.codes() if c.origin == "deductive" and c.id not in banned]
        target = choose_code(project, self._widget(), "Promote theme",
                             f"Promote '{project.code(code_id).name}' under:", only=targets)
        if target is None or self.run(lambda: project.move_code(code_id, target)) is None:
            return
        answer = QMessageBox.question(self._widget(), "Promote theme", "Also mark it as a deductive code?")
        if answer == QMessageBox.StandardButton.Yes:
            self.set_origin(code_id, "deductive")

    def merge(self, code_id: int, target: int | None = None) -> None:
        project = self.session.project
        if target is None:
            banned = {code_id, *(d.id for d in project.descendants(code_id))}
            target = choose_code(project, self._widget(), "Merge code",
                                 f"Merge '{project.code(code_id).name}' (its codings, sub-codes and memo) into:",
                                 exclude=banned)
        if target is not None:
            self.run(lambda: project.merge_codes(code_id, target))

    def delete(self, code_id: int) -> bool:
        """Delete after confirming with the number of codings that go with the code and its sub-codes."""
        project = self.session.project
        code = project.code(code_id)
        n = project.affected_codings(code_id)
        subs = len(project.descendants(code_id))
        detail = f" and its {subs} sub-code{'s' if subs != 1 else ''}" if subs else ""
        answer = QMessageBox.question(
            self._widget(), "Delete code",
            f"Delete '{code.name}'{detail}?\n{n} coding{'s' if n != 1 else ''} will be removed. "
            "You can undo this.")
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self.run(lambda: project.delete_code(code_id)) is not None

    def import_framework(self, key_or_path: str | Path) -> None:
        self.run(lambda: self.session.project.add_framework(key_or_path))

    def import_framework_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._widget(), "Import framework", "",
                                              "Framework files (*.yaml *.yml)")
        if path:
            self.import_framework(path)

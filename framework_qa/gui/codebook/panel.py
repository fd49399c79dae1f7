"""The codebook dock: a filterable tree of frameworks, categories, codes and emergent themes.

Coding happens by dropping a text range on a code (`range_dropped`), double-clicking a code
(`code_activated`, which the window turns into "code the current selection"), or a quick key
(`quick_code(n)`); the window's `CodingActions` turns each into a project command. Editing the codebook
goes through the context menu and buttons (see `editing.py`); every edit is one undoable project command.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from framework_qa.gui.codebook.editing import CodebookEditing
from framework_qa.gui.codebook.model import COUNT, NAME, CodeFilterProxy, CodeTreeModel
from framework_qa.gui.codebook.quickkeys import QuickKeys
from framework_qa.gui.session import Session


class CodebookPanel(CodebookEditing, QWidget):
    code_activated = Signal(int)
    range_dropped = Signal(int, int, int, int)  # document id, start, end (code points), code id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        QWidget.__init__(self, parent)
        self.session = session
        self.quick_keys = QuickKeys(session.project, self)
        self.model = CodeTreeModel(session, self.quick_keys, self)
        self.proxy = CodeFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter codes and definitions…")
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeView(self)
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.setAcceptDrops(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COUNT, QHeaderView.ResizeMode.ResizeToContents)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for text, tip, slot in (("+ Code", "Add a code under the selected code (or at the top level)",
                                 lambda: self.add_code("deductive")),
                                ("+ Theme", "Add an emergent theme under the selected code (or on its own)",
                                 lambda: self.add_code("emergent")),
                                ("Framework…", "Import a shipped framework or your own framework file",
                                 self.import_framework_menu)):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

        self._expanded: set[int] = set()
        self._current: int | None = None
        self._restoring = False  # re-selecting after a codebook change is not a new choice of code
        self.model.modelAboutToBeReset.connect(self._remember_view)
        self.model.modelReset.connect(self._restore_view)
        self.model.error.connect(self.show_error)
        self.model.range_dropped.connect(self.range_dropped)
        self.filter.textChanged.connect(self._filter_changed)
        self.tree.activated.connect(self._activated)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self._expand_top_level()

    # ------------------------------------------------------------ public
    def selected_code_id(self) -> int | None:
        return self.model.code_id(self.proxy.mapToSource(self.tree.currentIndex()))

    def select_code(self, code_id: int) -> None:
        """Make the code current (revealing it, clearing the filter if it hides the code)."""
        source = self.model.index_of(code_id)
        if not source.isValid():
            return
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.filter.clear()
            index = self.proxy.mapFromSource(source)
        self.tree.scrollTo(index)
        self.tree.setCurrentIndex(index)

    def quick_code(self, n: int) -> int | None:
        """The code id bound to quick key `n` (1-9), or None."""
        return self.quick_keys.code_for(n)

    def assign_quick_key(self, n: int, code_id: int | None) -> None:
        self.quick_keys.assign(n, code_id)

    # ------------------------------------------------------------ view state
    def _expand_top_level(self) -> None:
        for row in range(self.proxy.rowCount()):
            self.tree.expand(self.proxy.index(row, NAME))

    def _remember_view(self) -> None:
        self._current = self.selected_code_id()
        self._expanded = set()
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, NAME, parent)
                if self.tree.isExpanded(index):
                    cid = self.model.code_id(self.proxy.mapToSource(index))
                    if cid is not None:
                        self._expanded.add(cid)
                    stack.append(index)

    def _restore_view(self) -> None:
        for cid in self._expanded:
            self.tree.expand(self.proxy.mapFromSource(self.model.index_of(cid)))
        if self.filter.text():
            self.tree.expandAll()
        if self._current is not None and self.model.index_of(self._current).isValid():
            self._restoring = True
            self.select_code(self._current)
            self._restoring = False

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        if text.strip():
            self.tree.expandAll()

    def _activated(self, index: QModelIndex) -> None:
        cid = self.model.code_id(self.proxy.mapToSource(index))
        if cid is not None:
            self.code_activated.emit(cid)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        cid = self.model.code_id(self.proxy.mapToSource(current))
        if cid is not None and not self._restoring:
            self.session.code_selected.emit(cid)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        cid = self.model.code_id(self.proxy.mapToSource(index)) if index.isValid() else None
        if index.isValid():
            self.tree.setCurrentIndex(index)
        self.build_menu(cid).exec(self.tree.viewport().mapToGlobal(pos))

"""MatrixPanel: the framework matrix as one self-contained widget (to sit in a tab or a dock).

Controls: saved matrices (open, save, delete), columns (all leaf codes, the children of a framework or
category, or a hand-picked set), a rows filter typed as `weeks_of_use>4; gender=female`, grouping, a
coder filter, the heat view, the frequency chart and exports. Below, the matrix; beside it the excerpts
behind the selected cell (clicking one asks the session to open the transcript there) and the summary
editor, with "Draft from excerpts" for an empty summary. The panel follows the session's changes, so
undo, other windows and the command line all show up here. Codings and summaries change cells, not rows
or columns: the matrix is updated from the change (`incremental`: only the cells of the touched
documents' rows under the touched codes' columns are recounted, from those documents' codings), so
applying a code costs milliseconds on a project of 200,000 codings. Changes to codes, cases, documents,
attributes or coders recompute it in full. Either way the work is done only while the panel can be seen:
a hidden panel (another tab in front) gathers what changed and catches up when shown, and other
programs' changes, which arrive in bursts, are taken in once per burst.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from framework_qa.core.analysis.matrix import (
    Matrix,
    MatrixSpec,
    build_matrix,
    cell_excerpts,
    delete_matrix,
    draft_summary,
    matrix_report,
    parse_conditions,
    save_matrix,
    saved_matrices,
)
from framework_qa.core.analysis.matrix.incremental import recount_documents, with_summaries
from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError
from framework_qa.gui.dialogs.errors import attempt, reporting
from framework_qa.gui.dialogs.saving import announce_written, ask_save_path
from framework_qa.gui.matrix.chart import chart_dialog
from framework_qa.gui.matrix.summary_editor import SummaryEditor
from framework_qa.gui.matrix.table_model import MatrixTableModel
from framework_qa.gui.session import Session

LEAVES = "All leaf codes"
PICKED = "Hand-picked codes"
_STRUCTURE = ("codes", "cases", "documents", "attributes", "case_values", "coders")  # rows or columns change
_WATCHED = (*_STRUCTURE, "codings", "summaries", "saved_views")
INCREMENTAL_DOCUMENTS = 50  # more documents' codings changed at once: a full recount is as quick


class MatrixPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.project = session.project
        self.model = MatrixTableModel(self)
        self._coders: set[str] | None = None  # None: all coders
        self._stale = False          # rows or columns may have changed while hidden (or in a burst): recompute
        self._choices_stale = False  # ... and it touched what the choices list
        self._coded: set[int] = set()  # documents whose codings changed since the matrix was last brought up to date
        self._summaries_stale = False
        self._catch_up = QTimer(self)
        self._catch_up.setSingleShot(True)
        self._catch_up.timeout.connect(self._bring_up_to_date)
        self._build()
        self._fill_choices()
        session.changed.connect(self._on_change)
        self.refresh()

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        self.saved_combo = QComboBox()
        self.saved_combo.setMinimumWidth(140)
        self.saved_combo.activated.connect(lambda _i: self.open_saved(self.saved_combo.currentText()))
        save_btn = QPushButton("Save…")
        save_btn.clicked.connect(self._ask_save)
        self.delete_btn = QPushButton("Delete")
        self.delete_btn.clicked.connect(lambda: self.delete_saved(self.saved_combo.currentText()))
        self.columns_combo = QComboBox()
        self.columns_combo.setMinimumWidth(220)
        self.columns_combo.currentIndexChanged.connect(self._on_columns_mode)
        self.picker = QListWidget()
        self.picker.setMaximumHeight(130)
        self.picker.itemChanged.connect(lambda _i: self.refresh())
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("rows filter, e.g. weeks_of_use>4; gender=female")
        self.filter_edit.editingFinished.connect(self.refresh)
        self.group_combo = QComboBox()
        self.group_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.coders_btn = QToolButton()
        self.coders_btn.setText("Coders: all")
        self.coders_btn.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.coders_menu = QMenu(self)
        self.coders_btn.setMenu(self.coders_menu)
        self.heat_box = QCheckBox("Heat (coverage)")
        self.heat_box.toggled.connect(self.model.set_heat)
        chart_btn = QPushButton("Chart…")
        chart_btn.clicked.connect(self.show_chart)
        export_btns = []
        for kind in ("xlsx", "docx", "csv"):
            btn = QPushButton(f"Export {kind}…")
            btn.clicked.connect(lambda _c=False, k=kind: self.export(k))
            export_btns.append(btn)
        self.status = QLabel()
        self.status.setStyleSheet("color: #a33;")

        top = QHBoxLayout()
        w: QWidget
        for w in (QLabel("Matrix:"), self.saved_combo, save_btn, self.delete_btn, QLabel("Columns:"),
                  self.columns_combo):
            top.addWidget(w)
        top.addStretch(1)
        second = QHBoxLayout()
        second.addWidget(QLabel("Rows:"))
        second.addWidget(self.filter_edit, 2)
        for w in (QLabel("Group by:"), self.group_combo, self.coders_btn, self.heat_box, chart_btn, *export_btns):
            second.addWidget(w)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # a header click sorts cases by that code's codings
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setDefaultSectionSize(170)
        # Row heights are measured when the matrix is computed, for the rows an update touched, and after
        # a column is resized; a ResizeToContents header would re-measure all 30,000 cells on every change.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._remeasure = QTimer(self)
        self._remeasure.setSingleShot(True)
        self._remeasure.setInterval(100)
        self._remeasure.timeout.connect(self.table.resizeRowsToContents)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._remeasure.start())
        self.table.selectionModel().selectionChanged.connect(self._on_select)
        self.excerpts = QListWidget()
        self.excerpts.setWordWrap(True)
        self.excerpts.itemClicked.connect(self._on_excerpt)
        self.editor = SummaryEditor(self.project, write_waiting=lambda: self.session.write_waiting)
        self.editor.failed.connect(self._report)
        self.session.about_to_close.connect(self.editor.commit)  # a summary being typed is written, not lost
        self.draft_btn = QPushButton("Draft from excerpts")
        self.draft_btn.setToolTip("Fill an empty summary with the excerpts' references and short quotes")
        self.draft_btn.clicked.connect(self.draft)
        self.cell_label = QLabel("No cell selected")
        self.cell_label.setWordWrap(True)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.cell_label)
        side_layout.addWidget(QLabel("Excerpts (click to open the transcript there):"))
        side_layout.addWidget(self.excerpts, 3)
        side_layout.addWidget(QLabel("Summary:"))
        side_layout.addWidget(self.editor, 2)
        side_layout.addWidget(self.draft_btn)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.picker)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        self.picker.setVisible(False)

    def _fill_choices(self) -> None:
        """(Re)fill the column sources, hand-pick list, attributes, coders and saved matrices."""
        p = self.project
        widgets = (self.columns_combo, self.picker, self.group_combo, self.saved_combo)
        for w in widgets:
            w.blockSignals(True)
        mode = self.columns_combo.currentText()
        picked = set(self.picked_paths())
        self.columns_combo.clear()
        self.columns_combo.addItem(LEAVES)
        for code in p.codes():
            if p.children(code):
                path = p.code_path(code.id)
                self.columns_combo.addItem(path, path)
        self.columns_combo.addItem(PICKED)
        self.columns_combo.setCurrentIndex(max(0, self.columns_combo.findText(mode)))
        self.picker.clear()
        for code in p.codes():
            path = p.code_path(code.id)
            item = QListWidgetItem(path)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if path in picked else Qt.CheckState.Unchecked)
            self.picker.addItem(item)
        group = self.group_combo.currentText()
        self.group_combo.clear()
        self.group_combo.addItem("(none)")
        self.group_combo.addItems([a.name for a in p.attributes()])
        self.group_combo.setCurrentIndex(max(0, self.group_combo.findText(group)))
        current = self.saved_combo.currentText()
        self.saved_combo.clear()
        self.saved_combo.addItems(sorted(saved_matrices(p)))
        self.saved_combo.setCurrentIndex(self.saved_combo.findText(current))
        self.delete_btn.setEnabled(self.saved_combo.count() > 0)
        for w in widgets:
            w.blockSignals(False)
        self.picker.setVisible(self.columns_combo.currentText() == PICKED)
        self.coders_menu.clear()
        every = self.coders_menu.addAction("All coders")
        every.triggered.connect(lambda: self.set_coders(None))
        for coder in p.coders():
            action = self.coders_menu.addAction(coder.name)
            action.setCheckable(True)
            action.setChecked(self._coders is not None and coder.name in self._coders)
            action.triggered.connect(lambda checked, n=coder.name: self._toggle_coder(n, checked))

    # ------------------------------------------------------------ the spec
    def picked_paths(self) -> list[str]:
        return [self.picker.item(i).text() for i in range(self.picker.count())
                if self.picker.item(i).checkState() == Qt.CheckState.Checked]

    def current_spec(self) -> MatrixSpec:
        mode = self.columns_combo.currentText()
        if mode == PICKED:
            columns = tuple(self.picked_paths())
        elif mode == LEAVES or not mode:
            columns = ()
        else:
            parent = self.project.code(mode)
            columns = tuple(self.project.code_path(c.id) for c in self.project.children(parent))
        group = self.group_combo.currentText()
        return MatrixSpec(columns=columns, where=tuple(parse_conditions(self.filter_edit.text())),
                          coders=None if self._coders is None else tuple(sorted(self._coders)),
                          group_by=None if group in ("", "(none)") else group,
                          extra={"source": mode, "heat": self.model.heat})

    def apply_spec(self, spec: MatrixSpec) -> None:
        """Set the controls to show `spec` (a saved matrix)."""
        source = spec.extra.get("source")
        for w in (self.columns_combo, self.group_combo, self.picker):
            w.blockSignals(True)
        if source and self.columns_combo.findText(source) >= 0 and source != PICKED:
            self.columns_combo.setCurrentIndex(self.columns_combo.findText(source))
        elif not spec.columns:
            self.columns_combo.setCurrentIndex(0)
        else:
            self.columns_combo.setCurrentIndex(self.columns_combo.findText(PICKED))
            for i in range(self.picker.count()):
                item = self.picker.item(i)
                item.setCheckState(Qt.CheckState.Checked if item.text() in spec.columns else Qt.CheckState.Unchecked)
        self.group_combo.setCurrentIndex(max(0, self.group_combo.findText(spec.group_by or "(none)")))
        for w in (self.columns_combo, self.group_combo, self.picker):
            w.blockSignals(False)
        self.picker.setVisible(self.columns_combo.currentText() == PICKED)
        self.filter_edit.setText("; ".join(str(c) for c in spec.where))
        self._coders = None if spec.coders is None else set(spec.coders)
        self.heat_box.setChecked(bool(spec.extra.get("heat", False)))
        self._fill_choices()
        self.refresh()

    # ------------------------------------------------------------ computing
    def refresh(self) -> None:
        """Recompute the matrix from the project, keeping the selected cell where it still exists."""
        self.coders_btn.setText("Coders: all" if self._coders is None else f"Coders: {', '.join(sorted(self._coders)) or 'none'}")
        selected = self.selected_cell()
        matrix = reporting(lambda: build_matrix(self.project, self.current_spec()), self._report)
        if matrix is None:
            return
        self.status.setText("")
        self.status.setVisible(False)
        self._stale, self._coded, self._summaries_stale = False, set(), False
        self.model.set_matrix(matrix)
        self.table.resizeRowsToContents()
        if selected is not None:
            r = matrix.row_index(selected[0])
            c = next((i for i, col in enumerate(matrix.columns) if col.code_id == selected[1]), None)
            if r is not None and c is not None:
                self.select_cell(self.model.model_row(r), c)
                return
        self._show_cell()

    def _on_change(self, change: Change) -> None:
        if not change.touches(*_WATCHED):
            return
        if change.reset or change.touches(*_STRUCTURE):
            self._stale = True
        else:
            self._coded |= change.coded_documents if change.touches("codings") else set()
            self._summaries_stale |= change.touches("summaries")
        self._choices_stale |= change.touches("codes", "attributes", "coders", "saved_views")
        if not self.isVisible():
            return  # showEvent catches up
        if change.remote:
            self._catch_up.start()  # once the poll has announced the whole burst
        else:
            self._bring_up_to_date()

    def _bring_up_to_date(self) -> None:
        if self._choices_stale:
            self._choices_stale = False
            self._fill_choices()
        if self._stale or (self._coded or self._summaries_stale) and not self._update():
            self.refresh()
            self.editor.reload()

    def _update(self) -> bool:
        """Bring the shown matrix up to date with the codings and summaries that changed, touching only
        their cells; False when it has to be recomputed in full instead."""
        matrix = self.model.matrix
        if matrix is None or len(self._coded) > INCREMENTAL_DOCUMENTS:
            return False
        project = self.project
        cells: list[tuple[int, int]] = []
        try:
            if self._coded:
                codings = {doc: [(c.document_id, c.code_id, c.coder_id, c.start, c.end)
                                 for c in project.codings(document=doc)]
                           for doc in self._coded if doc in matrix.document_rows}
                matrix, cells = recount_documents(matrix, codings)
            if self._summaries_stale:
                matrix, more = with_summaries(matrix, {(s.case_id, s.code_id): s.text for s in project.summaries()})
                cells = sorted({*cells, *more})
                self.editor.reload()
        except FqaError:  # a document went away meanwhile (another program): recompute
            return False
        self._coded, self._summaries_stale = set(), False
        self._show_updated(matrix, cells)
        return True

    def _show_updated(self, matrix: Matrix, cells: list[tuple[int, int]]) -> None:
        selected = self.selected_cell()
        self.model.update_matrix(matrix, cells)
        for r in sorted({r for r, _c in cells}):
            self.table.resizeRowToContents(self.model.model_row(r))
        if selected is not None:
            index = self.table.currentIndex()
            if (self.model.matrix_row(index.row()), index.column()) in cells:
                self._show_cell()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self._bring_up_to_date()
        super().showEvent(event)

    def _report(self, message: str) -> None:
        self.status.setText(message)
        self.status.setVisible(True)

    def _attempt(self, command: Callable[[], object]) -> bool:
        """Run a project command; a user-facing error shows in the status line instead of propagating."""
        return attempt(command, self._report)

    def _on_columns_mode(self, _index: int) -> None:
        self.picker.setVisible(self.columns_combo.currentText() == PICKED)
        self.refresh()

    def set_coders(self, names: set[str] | None) -> None:
        self._coders = None if names is None else set(names)
        self._fill_choices()
        self.refresh()

    def _toggle_coder(self, name: str, checked: bool) -> None:
        names = set(self._coders or ())
        names = names | {name} if checked else names - {name}
        self.set_coders(names or None)

    # ------------------------------------------------------------ the selected cell
    def select_cell(self, row: int, column: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, column))
        self._show_cell()

    def selected_cell(self) -> tuple[int, int] | None:
        """(case id, code id) of the selected cell, or None."""
        index = self.table.currentIndex()
        m = self.model.matrix
        if m is None or not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return m.rows[self.model.matrix_row(index.row())].case_id, m.columns[index.column()].code_id

    def _on_select(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show_cell()

    def _show_cell(self) -> None:
        self.excerpts.clear()
        index = self.table.currentIndex()
        m = self.model.matrix
        if m is None or not index.isValid():
            self.cell_label.setText("No cell selected")
            self.editor.show_cell(None)
            self.draft_btn.setEnabled(False)
            return
        r, c = self.model.matrix_row(index.row()), index.column()
        self.cell_label.setText(f"<b>{m.rows[r].name}</b> × <b>{m.columns[c].path}</b>")
        for e in cell_excerpts(self.project, m, r, c):
            item = QListWidgetItem(f"{e.reference} ({e.coder}): {' '.join(e.text.split())}")
            item.setData(Qt.ItemDataRole.UserRole, (e.document_id, e.start, e.end))
            item.setToolTip(e.code)
            self.excerpts.addItem(item)
        self.editor.show_cell((m.rows[r].case_id, m.columns[c].code_id))
        self.draft_btn.setEnabled(self.excerpts.count() > 0 and not self.editor.toPlainText().strip())

    def _on_excerpt(self, item: QListWidgetItem) -> None:
        doc, start, end = item.data(Qt.ItemDataRole.UserRole)
        self.session.navigate.emit(doc, start, end)

    def draft(self) -> bool:
        """Fill the selected cell's summary from its excerpts, only if it is empty. True if written."""
        cell = self.selected_cell()
        m = self.model.matrix
        if cell is None or m is None or self.editor.toPlainText().strip() or self.project.summary(*cell).strip():
            return False
        index = self.table.currentIndex()
        text = draft_summary(cell_excerpts(self.project, m, self.model.matrix_row(index.row()), index.column()))
        if not text:
            return False
        return self._attempt(lambda: self.project.set_summary(cell[0], cell[1], text))

    # ------------------------------------------------------------ saved matrices
    def _ask_save(self) -> None:
        name, ok = QInputDialog.getText(self, "Save matrix", "Name:", text=self.saved_combo.currentText())
        if ok and name.strip():
            self.save_current(name.strip())

    def save_current(self, name: str) -> None:
        if not self._attempt(lambda: save_matrix(self.project, name, self.current_spec())):
            return
        self._fill_choices()
        self.saved_combo.setCurrentIndex(self.saved_combo.findText(name))

    def open_saved(self, name: str) -> None:
        spec = saved_matrices(self.project).get(name)
        if spec is not None:
            self.apply_spec(spec)
            self.saved_combo.setCurrentIndex(self.saved_combo.findText(name))

    def delete_saved(self, name: str) -> None:
        if name and self._attempt(lambda: delete_matrix(self.project, name)):
            self._fill_choices()

    # ------------------------------------------------------------ chart and exports
    def show_chart(self) -> QDialog | None:
        m = self.model.matrix
        return None if m is None else chart_dialog(self, m)

    def export(self, kind: str, path: str | Path | None = None) -> Path | None:
        m = self.model.matrix
        if m is None:
            return None
        if path is None:
            path = ask_save_path(self, f"Export matrix as {kind}", f"matrix.{kind}", f"{kind.upper()} (*.{kind})")
            if path is None:
                return None
        target = Path(path)
        report = matrix_report(self.project, m, self.saved_combo.currentText() or "Framework matrix")
        if kind == "xlsx":
            from framework_qa.core.exporters.matrix_xlsx import write_matrix_xlsx as write
        elif kind == "docx":
            from framework_qa.core.exporters.matrix_docx import write_matrix_docx as write
        else:
            from framework_qa.core.exporters.matrix_csv import write_matrix_csv as write
        try:
            write(report, target)
        except OSError as exc:
            self.status.setText(f"Cannot write {target.name}: {exc.strerror or exc}")
            return None
        rows, cols = m.shape
        announce_written(self, target, None if kind == "xlsx" else f"{rows} cases × {cols} codes")
        return target

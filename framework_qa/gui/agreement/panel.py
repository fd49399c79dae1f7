"""The agreement view: choose what to compare, read the table, compare and reconcile, export.

Left: coders, documents, codes (none ticked = every code the coders applied), unit (+ overlap for
segments) and the uncoded setting for per-category alpha. Centre: the per-code table, expandable to per
code x document, sortable by any column. Right: the side-by-side comparison of the selected row (a code
row shows the document where the coders differ most). Bottom: the overall figures and the methods
paragraph with a copy button. The report follows changes to codings, codes, documents and coders, so
reconciling or undoing shows here; but it is a pass over every coding of the chosen coders (seconds on a
large project), so it is recomputed only once the changes pause (`DEBOUNCE_MS`) and only while the panel
can be seen: a hidden panel remembers that it is out of date and catches up when shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QObject, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from framework_qa.core.analysis.agreement import Measure
from framework_qa.core.analysis.agreement_report import (
    CONSENSUS,
    LABELS,
    AgreementReport,
    Row,
    agreement_report,
)
from framework_qa.core.commands import Change
from framework_qa.gui.agreement.compare import ComparisonView
from framework_qa.gui.agreement.model import SORT_ROLE, AgreementTreeModel
from framework_qa.gui.dialogs.errors import reporting
from framework_qa.gui.dialogs.saving import announce_written, ask_save_path
from framework_qa.gui.session import Session

DEBOUNCE_MS = 300  # a recompute waits for this pause in the changes (coding a run of passages recomputes once)


def _checklist(parent: QWidget, height: int = 110) -> QListWidget:
    widget = QListWidget(parent)
    widget.setMaximumHeight(height)
    return widget


def _checked(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


def _fill(widget: QListWidget, names: list[str], checked: set[str]) -> None:
    widget.clear()
    for name in names:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if name in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)


class AgreementPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.report: AgreementReport | None = None
        self.coders = _checklist(self)
        self.documents = _checklist(self)
        self.codes = _checklist(self, 160)
        self.unit = QComboBox(self)
        self.unit.addItems(["character", "paragraph", "segment"])
        self.overlap = QDoubleSpinBox(self)
        self.overlap.setRange(1, 100)
        self.overlap.setValue(90)
        self.overlap.setSuffix(" %")
        self.uncoded = QComboBox(self)
        self.uncoded.addItem("missing", "missing")
        self.uncoded.addItem('own value "none"', "none")
        self.compute_button = QPushButton("Compute", self)
        self.export_button = QPushButton("Export to Excel…", self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        self.model = AgreementTreeModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.tree = QTreeView(self)
        self.tree.setModel(self.proxy)
        self.tree.setSortingEnabled(True)
        self.tree.header().setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # codebook order at first
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.installEventFilter(self)
        self.tree.setUniformRowHeights(True)
        # code paths: elided in the middle, so both the framework and the leaf name stay readable
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.comparison = ComparisonView(session, self)
        self.overall = QLabel(self)
        self.overall.setWordWrap(True)
        self.methods = QPlainTextEdit(self)
        self.methods.setReadOnly(True)
        self.methods.setMaximumHeight(110)
        self.copy_button = QPushButton("Copy methods paragraph", self)

        controls = QWidget(self)
        form = QFormLayout(controls)
        form.addRow("Coders (2+)", self.coders)
        form.addRow("Documents", self.documents)
        form.addRow("Codes (none ticked = all used)", self.codes)
        form.addRow("Unit", self.unit)
        form.addRow("Segment overlap", self.overlap)
        form.addRow("Uncoded in categories", self.uncoded)
        buttons = QHBoxLayout()
        buttons.addWidget(self.compute_button)
        buttons.addWidget(self.export_button)
        form.addRow(buttons)
        form.addRow(self.status)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(controls)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.comparison)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([260, 900, 360])
        methods_row = QHBoxLayout()
        methods_row.addWidget(self.methods, 1)
        methods_row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.overall)
        layout.addLayout(methods_row)

        self.unit.currentTextChanged.connect(self._unit_changed)
        self.compute_button.clicked.connect(self.compute)
        self.export_button.clicked.connect(self.export)
        self.copy_button.clicked.connect(self.copy_methods)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        self.comparison.reconciled.connect(self._schedule)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._stale = False  # changes came in that the shown report does not include
        self._timer.timeout.connect(self._recompute_quietly)
        session.changed.connect(self._project_changed)
        self.reload_choices()
        self._unit_changed(self.unit.currentText())

    # ------------------------------------------------------------ choices
    def reload_choices(self) -> None:
        """Refill coders, documents and codes from the project, keeping what was ticked."""
        project = self.session.project
        coder_names = [c.name for c in project.coders()]
        if self.coders.count():
            ticked = set(_checked(self.coders))
        else:
            ticked = set([n for n in coder_names if n != CONSENSUS][:2])
        _fill(self.coders, coder_names, ticked)
        doc_names = [d.name for d in project.documents()]
        _fill(self.documents, doc_names, set(_checked(self.documents)) if self.documents.count() else set(doc_names))
        _fill(self.codes, [project.code_path(c.id) for c in project.codes()], set(_checked(self.codes)))
        self.export_button.setEnabled(self.report is not None)

    def select(self, coders: list[str], unit: str = "character", documents: list[str] | None = None,
               codes: list[str] | None = None, overlap: float = 90.0) -> None:
        """Set the choices programmatically (what the controls would set)."""
        for widget, names in ((self.coders, coders), (self.documents, documents), (self.codes, codes or [])):
            if names is None:
                continue
            for i in range(widget.count()):
                item = widget.item(i)
                item.setCheckState(Qt.CheckState.Checked if item.text() in names else Qt.CheckState.Unchecked)
        self.unit.setCurrentText(unit)
        self.overlap.setValue(overlap)

    def _unit_changed(self, unit: str) -> None:
        self.overlap.setEnabled(unit == "segment")
        self.uncoded.setEnabled(unit != "segment")

    # ------------------------------------------------------------ computing
    def compute(self) -> bool:
        coders = _checked(self.coders)
        documents = _checked(self.documents)
        if not documents:
            self.status.setText("Tick at least one document.")
            return False
        report = reporting(lambda: agreement_report(
            self.session.project, coders, documents=documents, codes=_checked(self.codes) or None,
            unit=self.unit.currentText(), overlap=self.overlap.value() / 100,
            uncoded=str(self.uncoded.currentData())), self.status.setText)
        if report is None:
            return False
        self._show(report)
        return True

    def _fit_path_column(self) -> None:
        """Give the path column (elided in the middle) what the measure columns leave of the view, so
        every measure, Jaccard last, stays in sight without scrolling; between 12 and 32 wide letters.
        The counts after the measures may scroll."""
        header = self.tree.header()
        if not header.count() or self.report is None:
            return
        em = self.tree.fontMetrics().horizontalAdvance("M")
        measures = sum(header.sectionSize(c) for c in range(1, 1 + len(self.report.measure_keys))
                       if not header.isSectionHidden(c))
        room = self.tree.viewport().width() - measures - self.tree.indentation() // 2
        header.resizeSection(0, max(12 * em, min(32 * em, room)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.tree and event.type() == QEvent.Type.Resize:
            self._fit_path_column()
        return super().eventFilter(watched, event)

    def _show(self, report: AgreementReport) -> None:
        selected = self._selected_key()
        sort_column = self.proxy.sortColumn()
        sort_order = self.proxy.sortOrder()
        self.report = report
        project = self.session.project
        self.model.set_report(report, {c.id: i for i, c in enumerate(project.codes())},
                              {d.id: i for i, d in enumerate(project.documents())})
        header = self.tree.header()
        for column, key in enumerate(report.measure_keys, start=1):  # e.g. Cohen's kappa for 3 coders
            never = all(r.measures[key].value is None for r in report.per_document)
            self.tree.setColumnHidden(column, never)
        if header.count():
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            self._fit_path_column()
            QTimer.singleShot(0, self._fit_path_column)  # again once the tab is laid out
        if sort_column >= 0:
            self.proxy.sort(sort_column, sort_order)
        self.methods.setPlainText(report.methods)
        self.export_button.setEnabled(True)
        undefined = sum(1 for n in report.notes if n.measure)
        self.status.setText(
            f"{len(report.per_code)} codes × {len(report.document_names)} documents at the "
            f"{report.settings.unit.value} level. {undefined} undefined values (hover “—” for why).")
        overall = report.overall
        if overall is not None:
            parts = [f"{LABELS[k]} {self._fmt(overall.measures[k])}" for k in report.measure_keys
                     if overall.measures[k].value is not None]
            text = "<b>Overall</b> (pooled over codes and documents): " + ", ".join(parts)
            if report.per_category:
                text += "<br><b>Per category</b> (Krippendorff's α, uncoded = " + report.settings.uncoded.value + "): "
                text += "; ".join(
                    f"{c.category.rsplit('/', 1)[-1]} {self._fmt(c.alpha)}" for c in report.per_category)
            self.overall.setText(text)
            self.overall.setToolTip("\n".join(
                f"{c.category}: undefined, {c.alpha.reason}" for c in report.per_category if c.alpha.value is None))
        if selected is not None:
            self._reselect(*selected)

    @staticmethod
    def _fmt(m: Measure) -> str:
        return "—" if m.value is None else f"{m.value:.3f}"

    def _project_changed(self, change: Change) -> None:
        if change.touches("codings", "codes", "documents", "coders"):
            self._schedule()

    def _schedule(self) -> None:
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self._timer.start()
        super().showEvent(event)

    def _recompute_quietly(self) -> None:
        if self.report is None or not self.isVisible():
            return  # a hidden panel catches up when shown
        self._stale = False
        self.reload_choices()
        self.compute()
        self.comparison.refresh()

    # ------------------------------------------------------------ selection
    def _selected_row(self) -> Row | None:
        indexes = self.tree.selectionModel().selectedRows()
        if not indexes:
            return None
        return self.model.row_at(self.proxy.mapToSource(indexes[0]))

    def _selected_key(self) -> tuple[int | None, int | None] | None:
        row = self._selected_row()
        return None if row is None else (row.code_id, row.document_id)

    def _reselect(self, code_id: int | None, document_id: int | None) -> None:
        for r in range(self.proxy.rowCount()):
            parent = self.proxy.index(r, 0)
            row = self.model.row_at(self.proxy.mapToSource(parent))
            if row is None or row.code_id != code_id:
                continue
            target = parent
            if document_id is not None:
                for c in range(self.proxy.rowCount(parent)):
                    child = self.proxy.index(c, 0, parent)
                    child_row = self.model.row_at(self.proxy.mapToSource(child))
                    if child_row is not None and child_row.document_id == document_id:
                        self.tree.expand(parent)
                        target = child
            self.tree.selectionModel().blockSignals(True)
            self.tree.setCurrentIndex(target)
            self.tree.selectionModel().blockSignals(False)
            return

    def select_row(self, code: str, document: str | None = None) -> None:
        """Select the row of a code path (and document name), as a click would."""
        for r in range(self.proxy.rowCount()):
            parent = self.proxy.index(r, 0)
            if self.proxy.data(parent) != code:
                continue
            target = parent
            if document is not None:
                self.tree.expand(parent)
                for c in range(self.proxy.rowCount(parent)):
                    if self.proxy.data(self.proxy.index(c, 0, parent)) == document:
                        target = self.proxy.index(c, 0, parent)
            self.tree.setCurrentIndex(target)
            return
        raise KeyError(code)

    def _selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        row = self._selected_row()
        if row is None or self.report is None or row.code_id is None:
            self.comparison.clear()
            return
        document_id = row.document_id
        if document_id is None:  # a code row: the document where the coders differ most
            candidates = [r for r in self.report.per_document if r.code_id == row.code_id]
            if not candidates:
                return
            document_id = max(candidates, key=lambda r: sum(r.counts.only.values())).document_id
        if document_id is not None:
            self.comparison.show_pair(document_id, row.code_id, list(self.report.settings.coders))

    # ------------------------------------------------------------ output
    def copy_methods(self) -> None:
        QGuiApplication.clipboard().setText(self.methods.toPlainText())

    def export(self, path: str | None = None) -> None:
        if self.report is None:
            return
        if not path:
            chosen = ask_save_path(self, "Export agreement report", "agreement.xlsx", "Excel workbook (*.xlsx)")
            if chosen is None:
                return
            path = str(chosen)
        from framework_qa.core.exporters.agreement_xlsx import write_agreement_xlsx

        try:
            write_agreement_xlsx(self.report, path)
        except OSError as exc:
            QMessageBox.warning(self, "Export", f"Cannot write {path}: {exc.strerror or exc}")
            return
        self.status.setText(announce_written(self, path))



"""Code-frequency bar chart of the matrix, drawn with QPainter and saved as PNG or SVG.

One drawing routine serves the screen, PNG (QImage) and SVG (QSvgGenerator), so the saved file is
exactly what the analyst saw. Two views: "by case" (total codings per case over the shown columns) and
"by group" (codings per code, one bar per attribute group, or per code for all cases when ungrouped).
Both axes are titled (what the bars are, what their length counts), the value axis has round ticks, and
every bar carries its number, so a saved chart reads on its own in a report.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from framework_qa.core.analysis.matrix import Matrix
from framework_qa.core.errors import FqaError

SERIES_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f")


@dataclass(frozen=True)
class ChartData:
    title: str
    labels: list[str]            # one per bar group (a case, or a code)
    series: list[str]            # legend entries
    values: list[list[int]]      # [label][series]
    label_axis: str = "Code"     # what the bars are (the vertical axis' title)
    value_axis: str = "Number of codings"  # what their length counts (the horizontal axis' title)


def frequency_data(matrix: Matrix, by: str = "group") -> ChartData:
    rows, cols = matrix.shape
    if by == "case":
        return ChartData("Codings per case (shown codes)", [r.name for r in matrix.rows], ["Codings"],
                         [[sum(matrix.codings_count(r, c) for c in range(cols))] for r in range(rows)],
                         "Case", "Number of codings of the shown codes")
    groups = list(dict.fromkeys(row.group for row in matrix.rows if row.group is not None))
    if not groups:
        return ChartData("Codings per code (all shown cases)", [c.name for c in matrix.columns], ["All cases"],
                         [[sum(matrix.codings_count(r, c) for r in range(rows))] for c in range(cols)],
                         "Code", "Number of codings in the shown cases")
    values = []
    for c in range(cols):
        per = dict.fromkeys(groups, 0)
        for r, row in enumerate(matrix.rows):
            per[row.group] += matrix.codings_count(r, c)  # type: ignore[index]
        values.append(list(per.values()))
    return ChartData(f"Codings per code by {matrix.spec.group_by}", [c.name for c in matrix.columns],
                     [str(g) for g in groups], values, "Code", f"Number of codings (one bar per {matrix.spec.group_by})")


def axis_ticks(top: int) -> list[int]:
    """Round tick values from 0 to at least `top`, about five of them (1, 2 or 5 times a power of ten)."""
    if top <= 0:
        return [0, 1]
    rough = top / 5
    power = 10 ** math.floor(math.log10(rough)) if rough >= 1 else 1
    step = next((m * power for m in (1, 2, 5, 10) if m * power >= rough), 10 * power)
    step = max(1, int(step))
    return list(range(0, math.ceil(top / step) * step + 1, step))


def paint_chart(painter: QPainter, rect: QRectF, data: ChartData) -> None:
    """Horizontal bars (long code names stay readable), each with its value at its end; a value axis with
    round ticks and light grid lines; both axes titled; legend under the title."""
    painter.fillRect(rect, QColor("white"))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont(painter.font())
    font.setPointSizeF(9)
    painter.setFont(font)
    metrics = painter.fontMetrics()
    line = float(metrics.height())
    title_h, legend_h, axis_title_w = 28.0, 22.0, line + 6
    label_w = min(220.0, max((metrics.horizontalAdvance(t) for t in data.labels), default=40) + 12.0)
    painter.setPen(QColor("#222"))
    bold = QFont(font)
    bold.setBold(True)
    painter.setFont(bold)
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), title_h), Qt.AlignmentFlag.AlignCenter, data.title)
    painter.setFont(font)
    left = rect.left() + axis_title_w + label_w
    x = left
    for i, name in enumerate(data.series):  # legend
        colour = QColor(SERIES_COLOURS[i % len(SERIES_COLOURS)])
        painter.fillRect(QRectF(x, rect.top() + title_h + 4, 12, 12), colour)
        painter.drawText(QRectF(x + 16, rect.top() + title_h, 200, legend_h), Qt.AlignmentFlag.AlignVCenter, name)
        x += 28 + metrics.horizontalAdvance(name)
    top_value = max((v for row in data.values for v in row), default=0)
    ticks = axis_ticks(top_value)
    value_room = metrics.horizontalAdvance(f"{max(ticks):,}") + 12
    plot = QRectF(left, rect.top() + title_h + legend_h + 6,
                  rect.right() - left - value_room, rect.height() - title_h - legend_h - 12 - 2 * line - 10)
    if not data.labels or plot.width() <= 0 or plot.height() <= 0:
        return
    scale = plot.width() / ticks[-1]
    for tick in ticks:  # grid, tick numbers and the value axis' title
        tx = plot.left() + tick * scale
        painter.setPen(QPen(QColor("#e4e4e4"), 1))
        painter.drawLine(QPointF(tx, plot.top()), QPointF(tx, plot.bottom()))
        painter.setPen(QColor("#555"))
        painter.drawText(QRectF(tx - 40, plot.bottom() + 3, 80, line), Qt.AlignmentFlag.AlignHCenter, f"{tick:,}")
    painter.setPen(QColor("#222"))
    painter.drawText(QRectF(plot.left(), plot.bottom() + line + 6, plot.width(), line),
                     Qt.AlignmentFlag.AlignHCenter, data.value_axis)
    painter.save()  # the label axis' title, written upwards along the left edge
    painter.translate(rect.left() + 2, plot.center().y())
    painter.rotate(-90)
    painter.drawText(QRectF(-plot.height() / 2, 0, plot.height(), line), Qt.AlignmentFlag.AlignHCenter, data.label_axis)
    painter.restore()
    band = plot.height() / len(data.labels)
    bar = max(1.0, band * 0.8 / max(1, len(data.series)))
    small = QFont(font)
    small.setPointSizeF(max(6.0, min(9.0, bar * 0.75)))
    for i, label in enumerate(data.labels):
        y = plot.top() + i * band
        painter.setPen(QColor("#333"))
        painter.setFont(font)
        painter.drawText(QRectF(left - label_w, y, label_w - 6, band), Qt.AlignmentFlag.AlignRight
                         | Qt.AlignmentFlag.AlignVCenter, metrics.elidedText(label, Qt.TextElideMode.ElideRight,
                                                                            int(label_w - 8)))
        painter.setFont(small)
        for s, value in enumerate(data.values[i]):
            box = QRectF(plot.left(), y + band * 0.1 + s * bar, value * scale, bar * 0.92)
            painter.fillRect(box, QColor(SERIES_COLOURS[s % len(SERIES_COLOURS)]))
            if bar >= 5:  # every bar says its value, unless too thin to hold a readable number
                painter.drawText(QRectF(box.right() + 3, box.top() - 2, value_room, box.height() + 4),
                                 Qt.AlignmentFlag.AlignVCenter, f"{value:,}")
    painter.setFont(font)
    painter.setPen(QPen(QColor("#999"), 1))
    painter.drawLine(plot.topLeft(), plot.bottomLeft())
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())


def chart_size(data: ChartData) -> QSize:
    per_label = max(22, 13 * len(data.series) + 8)  # bars tall enough to carry their numbers
    return QSize(900, int(min(4000, 130 + max(1, len(data.labels)) * per_label)))


def save_chart(data: ChartData, path: str | Path) -> None:
    """Write the chart as PNG or SVG (by the file's suffix)."""
    path = Path(path)
    size = chart_size(data)
    rect = QRectF(0, 0, size.width(), size.height())
    suffix = path.suffix.lower()
    if suffix == ".svg":
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(size)
        generator.setViewBox(rect)
        generator.setTitle(data.title)
        painter = QPainter(generator)
        paint_chart(painter, rect, data)
        painter.end()
    elif suffix == ".png":
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        paint_chart(painter, rect, data)
        painter.end()
        if not image.save(str(path)):  # format from the .png suffix
            raise FqaError(f"{path.name}: cannot write the chart")
    else:
        raise FqaError(f"{path.name}: save the chart as .png or .svg")


class FrequencyChart(QWidget):
    def __init__(self, data: ChartData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = data
        self.setMinimumSize(chart_size(data).boundedTo(QSize(900, 600)))

    def set_data(self, data: ChartData) -> None:
        self._data = data
        self.update()

    @property
    def chart_data(self) -> ChartData:
        return self._data

    def paintEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        paint_chart(painter, QRectF(self.rect()), self._data)
        painter.end()


CHART_FILTERS = "PNG image (*.png);;SVG drawing (*.svg)"


def chart_dialog(parent: QWidget, m: Matrix) -> QDialog:
    """The code-frequency chart of `m` in a dialog (by code and group, or by case), with saving."""
    from framework_qa.gui.dialogs.errors import attempt, dialog_for
    from framework_qa.gui.dialogs.saving import announce_written, ask_save_path

    dialog = QDialog(parent)
    dialog.setWindowTitle("Code frequencies")
    by = QComboBox()
    by.addItems(["by code and group", "by case"])
    chart = FrequencyChart(frequency_data(m, "group"))
    by.currentIndexChanged.connect(lambda i: chart.set_data(frequency_data(m, "case" if i else "group")))
    save = QPushButton("Save as PNG or SVG…")

    def ask() -> None:
        path = ask_save_path(dialog, "Save chart", "code-frequencies.png", CHART_FILTERS)
        if path is None:
            return
        if not attempt(lambda: save_chart(chart.chart_data, path), dialog_for(dialog, "Save chart")):
            return
        announce_written(dialog, path, f"{len(chart.chart_data.labels)} bars")
    save.clicked.connect(ask)
    layout = QVBoxLayout(dialog)
    row = QHBoxLayout()
    row.addWidget(by)
    row.addStretch(1)
    row.addWidget(save)
    layout.addLayout(row)
    layout.addWidget(chart, 1)
    dialog.resize(960, 640)
    dialog.show()
    return dialog

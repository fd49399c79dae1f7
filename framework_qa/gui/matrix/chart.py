"""Code-frequency bar chart of the matrix, drawn with QPainter and saved as PNG or SVG.

One drawing routine serves the screen, PNG (QImage) and SVG (QSvgGenerator), so the saved file is
exactly what the analyst saw. Two views: "by case" (total codings per case over the shown columns) and
"by group" (codings per code, one bar per attribute group, or per code for all cases when ungrouped).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

from framework_qa.core.analysis.matrix import Matrix
from framework_qa.core.errors import FqaError

SERIES_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f")


@dataclass(frozen=True)
class ChartData:
    title: str
    labels: list[str]            # one per bar group (a case, or a code)
    series: list[str]            # legend entries
    values: list[list[int]]      # [label][series]


def frequency_data(matrix: Matrix, by: str = "group") -> ChartData:
    rows, cols = matrix.shape
    if by == "case":
        return ChartData("Codings per case (shown codes)", [r.name for r in matrix.rows], ["Codings"],
                         [[sum(matrix.codings_count(r, c) for c in range(cols))] for r in range(rows)])
    groups = list(dict.fromkeys(row.group for row in matrix.rows if row.group is not None))
    if not groups:
        return ChartData("Codings per code (all shown cases)", [c.name for c in matrix.columns], ["All cases"],
                         [[sum(matrix.codings_count(r, c) for r in range(rows))] for c in range(cols)])
    values = []
    for c in range(cols):
        per = dict.fromkeys(groups, 0)
        for r, row in enumerate(matrix.rows):
            per[row.group] += matrix.codings_count(r, c)  # type: ignore[index]
        values.append(list(per.values()))
    return ChartData(f"Codings per code by {matrix.spec.group_by}", [c.name for c in matrix.columns],
                     [str(g) for g in groups], values)


def paint_chart(painter: QPainter, rect: QRectF, data: ChartData) -> None:
    painter.fillRect(rect, QColor("white"))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont(painter.font())
    font.setPointSizeF(9)
    painter.setFont(font)
    metrics = painter.fontMetrics()
    title_h, legend_h, label_w = 28.0, 22.0, min(220.0, max((metrics.horizontalAdvance(t) for t in data.labels),
                                                             default=40) + 12.0)
    painter.setPen(QColor("#222"))
    bold = QFont(font)
    bold.setBold(True)
    painter.setFont(bold)
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), title_h), Qt.AlignmentFlag.AlignCenter, data.title)
    painter.setFont(font)
    x = rect.left() + label_w
    for i, name in enumerate(data.series):  # legend
        colour = QColor(SERIES_COLOURS[i % len(SERIES_COLOURS)])
        painter.fillRect(QRectF(x, rect.top() + title_h + 4, 12, 12), colour)
        painter.drawText(QRectF(x + 16, rect.top() + title_h, 200, legend_h), Qt.AlignmentFlag.AlignVCenter, name)
        x += 28 + metrics.horizontalAdvance(name)
    plot = QRectF(rect.left() + label_w, rect.top() + title_h + legend_h + 6,
                  rect.width() - label_w - 50, rect.height() - title_h - legend_h - 30)
    if not data.labels or plot.width() <= 0 or plot.height() <= 0:
        return
    top = max((v for row in data.values for v in row), default=0) or 1
    band = plot.height() / len(data.labels)
    bar = max(1.0, band * 0.8 / max(1, len(data.series)))
    for i, label in enumerate(data.labels):  # horizontal bars: long code names stay readable
        y = plot.top() + i * band
        painter.setPen(QColor("#333"))
        painter.drawText(QRectF(rect.left(), y, label_w - 6, band), Qt.AlignmentFlag.AlignRight
                         | Qt.AlignmentFlag.AlignVCenter, metrics.elidedText(label, Qt.TextElideMode.ElideRight,
                                                                            int(label_w - 8)))
        for s, value in enumerate(data.values[i]):
            width = plot.width() * value / top
            box = QRectF(plot.left(), y + band * 0.1 + s * bar, width, bar * 0.92)
            painter.fillRect(box, QColor(SERIES_COLOURS[s % len(SERIES_COLOURS)]))
            if bar >= 9:
                painter.drawText(QRectF(box.right() + 3, box.top(), 46, box.height()),
                                 Qt.AlignmentFlag.AlignVCenter, str(value))
    painter.setPen(QPen(QColor("#999"), 1))
    painter.drawLine(plot.topLeft(), plot.bottomLeft())


def chart_size(data: ChartData) -> QSize:
    return QSize(900, int(min(4000, 90 + max(1, len(data.labels)) * max(18, 10 * len(data.series)))))


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

"""A horizontal stacked bar chart of red / yellow / green counts per unit."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QFont, QPainter

from aqdesk.domain.enums import Color
from aqdesk.services.status import ColorCounts
from aqdesk.ui.models.rows import COLOR_INK


class ColourBarChart(QChartView):
    def __init__(self, title: str, parent=None):
        chart = QChart()
        chart.setTitle(title)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(4, 4, 4, 4))
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)

    def show_counts(self, units: Sequence[tuple[str, ColorCounts]]) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        units = list(reversed(units))  # the first unit at the top
        series = QHorizontalStackedBarSeries()
        for color in Color:
            bars = QBarSet(color.label)
            bars.setColor(COLOR_INK[color])
            bars.append([getattr(counts, color.value) for _name, counts in units])
            series.append(bars)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([name for name, _counts in units])
        names.setLabelsFont(small_font())
        counts = QValueAxis()
        counts.setLabelFormat("%d")
        counts.setMin(0)
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(counts)
        counts.applyNiceNumbers()


def small_font() -> QFont:
    """Axis labels a size smaller than the UI, so that unit names fit unelided."""
    font = QFont()
    font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
    return font

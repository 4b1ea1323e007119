"""A horizontal stacked bar chart of red / yellow / green counts per unit."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt

from aqdesk.domain.enums import Color
from aqdesk.services.status import ColorCounts
from aqdesk.ui.models.rows import COLOR_INK
from aqdesk.ui.widgets.chart_view import ChartView, small_font


class ColourBarChart(ChartView):
    def show_counts(self, units: Sequence[tuple[str, ColorCounts]]) -> None:
        chart = self.clear()
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


"""A horizontal stacked bar chart of red / yellow / green counts per unit."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarSet,
    QHorizontalStackedBarSeries,
)

from aqdesk.domain import palette
from aqdesk.services.reports.status import ColorCounts
from aqdesk.ui.models.rows import COLOR_INK
from aqdesk.ui.widgets.chart_view import ChartView


class ColourBarChart(ChartView):
    def show_counts(self, units: Sequence[tuple[str, ColorCounts]]) -> None:
        units = list(reversed(units))  # the first unit at the top
        series = QHorizontalStackedBarSeries()
        for color in palette.ORDER:
            bars = QBarSet(color.label)
            bars.setColor(COLOR_INK[color])
            bars.append([getattr(counts, color.value) for _name, counts in units])
            series.append(bars)
        self.show_bars(series, [name for name, _counts in units], horizontal=True)

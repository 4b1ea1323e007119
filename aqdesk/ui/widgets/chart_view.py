"""What every chart of the program shares: a titled chart, legend below, tight margins,
and axis labels a size smaller than the UI so that unit names fit unelided."""

from __future__ import annotations

from PySide6.QtCharts import QAbstractBarSeries, QBarCategoryAxis, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QFont, QPainter


class ChartView(QChartView):
    def __init__(self, title: str, parent=None):
        chart = QChart()
        chart.setTitle(title)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(4, 4, 4, 4))
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)

    def show_bars(self, series: QAbstractBarSeries, categories: list[str], *, horizontal: bool = False,
                  maximum: float | None = None) -> None:
        """Replace what the chart shows with ``series`` over named categories and a count axis."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append(categories)
        names.setLabelsFont(small_font())
        names.setTruncateLabels(False)  # an elided "…" tells a clerk nothing; the axis takes the room
        values = QValueAxis()
        values.setLabelFormat("%d")
        values.setMin(0)
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        series.attachAxis(values)
        if maximum is None:
            values.applyNiceNumbers()
        else:
            values.setMax(maximum)


def small_font() -> QFont:
    font = QFont()
    font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
    return font

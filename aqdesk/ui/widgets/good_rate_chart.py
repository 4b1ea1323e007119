"""优良率 by month against the target line: the running rate from January, each month's own
rate, and the year's target."""

from __future__ import annotations

from PySide6.QtCharts import QCategoryAxis, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPen

from aqdesk.domain import palette
from aqdesk.services.air.days import Month
from aqdesk.ui.widgets.chart_view import ChartView, small_font


class GoodRateChart(ChartView):
    def __init__(self, parent=None):
        super().__init__("优良率（%）", parent)
        self.setMinimumHeight(200)

    def show_months(self, months: list[Month], target: float | None) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        running = QLineSeries(name="累计优良率")
        running.setPen(QPen(QColor(palette.GOOD_RATE_LINE), 2.5))
        running.append([QPointF(m.month, m.good_rate) for m in months if m.good_rate is not None])
        alone = QScatterSeries(name="当月优良率")
        alone.setColor(QColor(palette.GOOD_RATE_LINE).lighter(160))
        alone.setMarkerSize(8)
        alone.append([QPointF(m.month, m.month_rate) for m in months if m.month_rate is not None])
        series = [running, alone]
        if target is not None:
            line = QLineSeries(name=f"目标 {target:g}%")
            line.setPen(QPen(QColor(palette.TARGET_LINE), 1.5, Qt.PenStyle.DashLine))
            line.append([QPointF(1, target), QPointF(12, target)])
            series.append(line)
        # a value axis formats labels printf-style, which cannot write 月: the months are categories
        x, y = QCategoryAxis(), QValueAxis()
        x.setRange(0.5, 12.5)
        for month in range(1, 13):
            x.append(f"{month}月", month + 0.5)
        x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionCenter)
        lowest = min([m.month_rate for m in months if m.month_rate is not None] + [target or 100, 100])
        floor = max(0, int(lowest) // 10 * 10)
        y.setRange(floor, 100)
        y.setTickCount((100 - floor) // 10 + 1)
        y.setLabelFormat("%d")
        for axis in (x, y):
            axis.setLabelsFont(small_font())
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for s in series:
            chart.addSeries(s)
            s.attachAxis(x)
            s.attachAxis(y)

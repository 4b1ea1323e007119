"""优良率 by month against the target line: the running rate from January, each month's own
rate, the year's target and the stage targets."""

from __future__ import annotations

from PySide6.QtCharts import QCategoryAxis, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPen

from aqdesk.domain import palette
from aqdesk.services.air.days import Month
from aqdesk.ui.widgets.chart_view import ChartView, small_font

HEADROOM = 3  # percentage points above 100 on the rate axis


class GoodRateChart(ChartView):
    def __init__(self, parent=None):
        super().__init__("优良率（%）", parent)
        self.setMinimumHeight(200)
        # the axes stay; only the series change (axes removed and re-added leave their labels behind)
        self.months, self.rates = QCategoryAxis(), QValueAxis()
        self.months.setRange(0.5, 12.5)
        for month in range(1, 13):  # a value axis formats printf-style, which cannot write 月
            self.months.append(f"{month}月", month + 0.5)
        self.months.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionCenter)
        self.rates.setLabelFormat("%d")
        for axis, side in ((self.months, Qt.AlignmentFlag.AlignBottom), (self.rates, Qt.AlignmentFlag.AlignLeft)):
            axis.setLabelsFont(small_font())
            self.chart().addAxis(axis, side)

    def show_months(self, months: list[Month], target: float | None,
                    stages: tuple[tuple[int, float], ...] = ()) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        running = QLineSeries()
        running.setName("累计优良率")
        running.setPen(QPen(QColor(palette.GOOD_RATE_LINE), 2.5))
        running.append([QPointF(m.month, m.good_rate) for m in months if m.good_rate is not None])
        alone = QScatterSeries()
        alone.setName("当月优良率")
        alone.setColor(QColor(palette.GOOD_RATE_LINE).lighter(160))
        alone.setMarkerSize(8)
        alone.append([QPointF(m.month, m.month_rate) for m in months if m.month_rate is not None])
        series = [running, alone]
        if target is not None:
            line = QLineSeries()
            line.setName(f"目标 {target:g}%")
            line.setPen(QPen(QColor(palette.TARGET_LINE), 1.5, Qt.PenStyle.DashLine))
            line.append([QPointF(1, target), QPointF(12, target)])
            series.append(line)
        if stages:
            marks = QScatterSeries()
            marks.setName("阶段目标")
            marks.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeRectangle)
            marks.setColor(QColor(palette.TARGET_LINE))
            marks.setMarkerSize(9)
            marks.append([QPointF(month, rate) for month, rate in stages])
            series.append(marks)
        lowest = min([m.month_rate for m in months if m.month_rate is not None] + [target or 100, 100]
                     + [rate for _month, rate in stages])
        floor = max(0, int(lowest) // 10 * 10)
        # a little room above 100, so a month of all good days shows its whole dot; ticks stay on tens
        self.rates.setRange(floor, 100 + HEADROOM)
        self.rates.setTickType(QValueAxis.TickType.TicksDynamic)
        self.rates.setTickAnchor(floor)
        self.rates.setTickInterval(10)
        for s in series:
            chart.addSeries(s)
            s.attachAxis(self.months)
            s.attachAxis(self.rates)

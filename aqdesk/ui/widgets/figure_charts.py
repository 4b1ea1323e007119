"""Small charts of city-wide figures for the overview: 双替代 completion by kind and the
number of enterprises at each relocation stage."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCharts import QBarSeries, QBarSet
from PySide6.QtGui import QColor

from aqdesk.domain import palette
from aqdesk.domain.substitution import Households
from aqdesk.ui.widgets.chart_view import ChartView

BLUE, TEAL, GREY = QColor(palette.COMPLETED), QColor(palette.ACCEPTED), QColor(palette.OTHER)


class FigureChart(ChartView):
    def __init__(self, title: str, parent=None):
        super().__init__(title, parent)
        self.setMinimumHeight(220)


def _draw(view: FigureChart, categories: list[str], sets: list[QBarSet], maximum: float | None = None) -> None:
    series = QBarSeries()
    series.setLabelsVisible(True)
    for bars in sets:
        series.append(bars)
    view.chart().legend().setVisible(len(sets) > 1)
    view.show_bars(series, categories, maximum=maximum)


class SubstitutionChart(FigureChart):
    def __init__(self, parent=None):
        super().__init__("双替代完成率（%）", parent)

    def show_households(self, by_kind: Mapping[str, Households]) -> None:
        kinds = [k for k in by_kind if k]
        completed, accepted = QBarSet("已完成"), QBarSet("已验收")
        completed.setColor(BLUE)
        accepted.setColor(TEAL)
        completed.append([round(by_kind[k].percent or 0, 1) for k in kinds])
        accepted.append([round(by_kind[k].accepted_percent or 0, 1) for k in kinds])
        _draw(self, kinds, [completed, accepted], maximum=100)


class StageChart(FigureChart):
    def __init__(self, parent=None):
        super().__init__("退城入园企业所处阶段（家）", parent)

    def show_stages(self, stages: Mapping[str, int]) -> None:
        bars = QBarSet("企业数")
        bars.setColor(GREY)
        bars.append(list(stages.values()))
        _draw(self, list(stages), [bars])

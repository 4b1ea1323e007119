"""总览: colour counts for every ledger, the most overdue items, the unit ranking and the
city-wide figures a leader reads at a dispatch meeting."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.domain import palette
from aqdesk.domain.enums import Color
from aqdesk.services.reports.overview import overview
from aqdesk.services.reports.status import ColorCounts
from aqdesk.ui.contract import Page
from aqdesk.ui.models.ledgers import OverdueModel, RankingModel
from aqdesk.ui.models.rows import COLOR_FILLS, COLOR_INK, ROW_ROLE
from aqdesk.ui.text import arg
from aqdesk.ui.widgets.colour_chart import ColourBarChart
from aqdesk.ui.widgets.figure_charts import StageChart, SubstitutionChart
from aqdesk.ui.widgets.tables import rows_view

CHART_UNITS = 8


class CountCard(QFrame):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        caption = QLabel(title)
        caption.setObjectName("cardTitle")
        layout.addWidget(caption)
        row = QHBoxLayout()
        self.numbers: dict[Color, QLabel] = {}
        for color in palette.ORDER:
            label = QLabel("0")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setMinimumWidth(44)
            label.setStyleSheet(
                f"background:{COLOR_FILLS[color].name()};color:{COLOR_INK[color].name()};"
                "font-size:18px;font-weight:bold;border-radius:4px;padding:3px;"
            )
            label.setToolTip(color.label)
            self.numbers[color] = label
            row.addWidget(label)
        layout.addLayout(row)

    def show_counts(self, counts: ColorCounts) -> None:
        for color, label in self.numbers.items():
            label.setText(str(getattr(counts, color.value)))


class AirCard(CountCard):
    """Counties by their air-quality colour; each number's tooltip names them."""

    def show_counties(self, counties: dict[Color, list[str]]) -> None:
        for color, label in self.numbers.items():
            names = counties.get(color, [])
            label.setText(str(len(names)))
            label.setToolTip(arg(self.tr("%1：%2"), color.label, "、".join(names) or self.tr("无")))


class OverviewPage(Page):
    """Emits ``item_opened(ledger, id)`` when one of the most overdue items is opened."""

    item_opened = Signal(str, int)
    brief_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        heading = QLabel(self.tr("总览"))
        heading.setObjectName("pageTitle")
        self.as_of_label = QLabel()
        self.cards = {
            key: CountCard(title)
            for key, title in (
                ("tasks", self.tr("重点任务")), ("milestones", self.tr("退城入园节点")),
                ("townships", self.tr("双替代乡镇")), ("counties", self.tr("散煤治理县区")),
                ("sheets", self.tr("督办单")),
            )
        }
        self.air_card = AirCard(self.tr("空气质量县区"))
        self.air_card.setToolTip(self.tr("各县区优良率、PM2.5对照年度目标的形势；鼠标停在数字上看县区名单"))
        grid = QGridLayout()
        for i, card in enumerate([*self.cards.values(), self.air_card]):
            grid.addWidget(card, 0, i)

        self.overdue = OverdueModel(self)
        self.overdue_table = rows_view(self.overdue)
        self.overdue_table.activated.connect(self._open)
        self.units = RankingModel(self)
        self.unit_table = rows_view(self.units)
        self.ranking_title = QLabel(self.tr("单位排名（部门、县区分别排名，按得分；鼠标停留看计分规则）"))
        self.chart = ColourBarChart(self.tr("牵头任务预警（逾期最多的%n个单位）", "", CHART_UNITS))
        self.households = SubstitutionChart()
        self.stages = StageChart()

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self._titled(self.tr("逾期最久的事项（双击打开）"), self.overdue_table))
        left.addWidget(self._titled(self.ranking_title, self.unit_table))
        figures = QSplitter()
        figures.addWidget(self.households)
        figures.addWidget(self.stages)
        figures.setSizes([320, 320])
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.chart)
        right.addWidget(figures)
        right.setSizes([380, 300])
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([560, 640])

        brief = QPushButton(self.tr("打印专报…"))
        brief.setToolTip(self.tr("给领导的一页纸专报"))
        brief.clicked.connect(self.brief_requested)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.as_of_label)
        top.addWidget(brief)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(split, 1)

    @staticmethod
    def _titled(title: str | QLabel, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title if isinstance(title, QLabel) else QLabel(title))
        layout.addWidget(widget)
        return box

    def refresh(self, db: Database, as_of: dt.date, year: int | None = None) -> None:
        data = overview(db, as_of, year)
        self.as_of_label.setText(arg(self.tr("截至 %1"), f"{as_of.year}年{as_of.month}月{as_of.day}日"))
        for key in self.cards:
            self.cards[key].show_counts(getattr(data, key))
        self.air_card.show_counties(data.air)
        self.overdue.set_rows(data.most_overdue)
        leading = [u for u in data.units if u.counts.total]
        self.units.set_rows(data.ranking.all)
        self.ranking_title.setToolTip(data.ranking.rule)
        self.unit_table.setToolTip(data.ranking.rule)
        self.chart.show_counts([(u.name, u.counts) for u in leading[:CHART_UNITS]])
        self.households.show_households(data.households)
        self.stages.show_stages(data.stages)

    def _open(self, index) -> None:
        item = index.data(ROW_ROLE)
        self.item_opened.emit(item.ledger, item.id)

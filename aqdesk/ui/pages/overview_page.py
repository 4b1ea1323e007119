"""总览: colour counts for each ledger, the unit ranking and a chart of colours by unit."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.domain.enums import Color
from aqdesk.services.overview import overview
from aqdesk.services.status import ColorCounts
from aqdesk.ui.models.ledgers import UnitCountsModel
from aqdesk.ui.models.rows import COLOR_FILLS, COLOR_INK
from aqdesk.ui.widgets.colour_chart import ColourBarChart

CHART_UNITS = 12


class CountCard(QFrame):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("countCard")
        layout = QVBoxLayout(self)
        caption = QLabel(title)
        caption.setObjectName("cardTitle")
        layout.addWidget(caption)
        row = QHBoxLayout()
        self.numbers: dict[Color, QLabel] = {}
        for color in Color:
            label = QLabel("0")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setMinimumWidth(56)
            label.setStyleSheet(
                f"background:{COLOR_FILLS[color].name()};color:{COLOR_INK[color].name()};"
                "font-size:20px;font-weight:bold;border-radius:4px;padding:4px;"
            )
            label.setToolTip(color.label)
            self.numbers[color] = label
            row.addWidget(label)
        layout.addLayout(row)

    def show_counts(self, counts: ColorCounts) -> None:
        for color, label in self.numbers.items():
            label.setText(str(getattr(counts, color.value)))


class OverviewPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        heading = QLabel(self.tr("总览"))
        heading.setObjectName("pageTitle")
        self.as_of_label = QLabel()
        self.cards = {
            key: CountCard(title)
            for key, title in (
                ("tasks", self.tr("重点任务")), ("enterprises", self.tr("退城入园企业")),
                ("townships", self.tr("双替代乡镇")), ("sheets", self.tr("督办单")),
            )
        }
        grid = QGridLayout()
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, i)

        self.units = UnitCountsModel(self)
        self.table = QTableView()
        self.table.setModel(self.units)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.chart = ColourBarChart(self.tr("牵头任务预警（逾期最多的%n个单位）", "", CHART_UNITS))

        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.chart)
        split.setSizes([380, 620])

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.as_of_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(QLabel(self.tr("单位排名（按逾期任务数）")))
        layout.addWidget(split, 1)

    def refresh(self, db: Database, as_of: dt.date) -> None:
        data = overview(db, as_of)
        self.as_of_label.setText(self.tr("截至 %1").replace("%1", f"{as_of.year}年{as_of.month}月{as_of.day}日"))
        for key, counts in (("tasks", data.status.tasks), ("enterprises", data.enterprises),
                            ("townships", data.townships), ("sheets", data.sheets)):
            self.cards[key].show_counts(counts)
        leading = [u for u in data.status.units if u.counts.total]
        self.units.set_rows(leading)
        self.chart.show_counts([(u.name, u.counts) for u in leading[:CHART_UNITS]])

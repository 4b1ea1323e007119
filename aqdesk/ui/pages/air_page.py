"""空气质量: each county's 优良率 and PM2.5 year to date against its targets, the days it can
still afford, its colour and ranking; for the county chosen, 优良率 by month against the target
line and its year day by day."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.domain.air.ranking import RankBy, rank_by
from aqdesk.services.air.standings import AirReport, air_report, county_year
from aqdesk.ui.contract import Page
from aqdesk.ui.dialogs.air_targets_dialog import AirTargetsDialog
from aqdesk.ui.models.air import AirModel
from aqdesk.ui.text import arg
from aqdesk.ui.widgets.aqi_calendar import AqiCalendar
from aqdesk.ui.widgets.good_rate_chart import GoodRateChart
from aqdesk.ui.widgets.tables import rows_view, shrink_to_fit


class AirPage(Page):
    """Emits ``targets_changed`` after new targets are saved: other screens colour by them too."""

    targets_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.db: Database | None = None
        self.as_of = dt.date.today()
        self.report: AirReport | None = None
        heading = QLabel(self.tr("空气质量"))
        heading.setObjectName("pageTitle")
        self.city_label = QLabel()
        self.rank_by = QComboBox()
        for choice in RankBy:
            self.rank_by.addItem(arg(self.tr("按%1排名"), choice.label), choice.value)
        self.rank_by.activated.connect(lambda _i: self._reload())
        targets = QPushButton(self.tr("设定目标…"))
        targets.setToolTip(self.tr("各县区和全市本年度的优良率、PM2.5、重污染天数目标"))
        targets.clicked.connect(self.edit_targets)
        self.model = AirModel(self)
        self.table = rows_view(self.model, single=True)
        shrink_to_fit(self.table, self.model.COLUMNS)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_county())
        self.chart = GoodRateChart()
        self.calendar_title = QLabel()
        self.calendar = AqiCalendar()
        days = QWidget()
        days_layout = QVBoxLayout(days)
        days_layout.setContentsMargins(0, 0, 0, 0)
        days_layout.addWidget(self.calendar_title)
        days_layout.addWidget(self.calendar, 1)
        below = QSplitter(Qt.Orientation.Horizontal)
        below.addWidget(self.chart)
        below.addWidget(days)
        below.setSizes([500, 500])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(below)
        split.setSizes([330, 270])
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.city_label, 1)
        top.addWidget(self.rank_by)
        top.addWidget(targets)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def refresh(self, db: Database, as_of: dt.date, year: int | None = None) -> None:
        self.db, self.as_of = db, as_of
        self._reload(first=True)

    def _reload(self, first: bool = False) -> None:
        if self.db is None:
            return
        chosen = None if first else rank_by(self.rank_by.currentData())
        self.report = report = air_report(self.db, self.as_of, chosen)
        self.rank_by.setCurrentIndex(self.rank_by.findData(report.rank_by.value))
        city = report.city
        if city is None:
            self.city_label.setText(arg(self.tr("　截至%1，尚无空气质量数据（报送导入可导入监测站日报）"), _day(self.as_of)))
        else:
            s = city.summary
            self.city_label.setText(arg(self.tr("　截至%1，全市优良率%2%（%3天中%4天），PM2.5 %5，%6"), _day(self.as_of),
                                        f"{s.good_rate:g}", s.valid_days, s.good_days,
                                        "—" if s.pm25 is None else f"{s.pm25:g}", city.standing.reason))
        self.model.set_rows(sorted(report.counties, key=lambda r: (r.rank is None, r.rank or 0)))
        if self.model.rows():
            self.table.selectRow(0)
        self._show_county()

    def edit_targets(self) -> None:
        if self.db is not None and AirTargetsDialog(self.db, self.as_of.year, self).exec():
            self._reload()
            self.targets_changed.emit()

    def _show_county(self) -> None:
        if self.db is None or self.report is None:
            return
        index = self.table.currentIndex()
        rows = self.model.rows()
        county_id = rows[index.row()].county_id if index.isValid() and rows else None
        year = county_year(self.db, county_id, self.as_of)
        self.chart.chart().setTitle(arg(self.tr("%1 %2年优良率（%）"), year.name, self.as_of.year))
        self.chart.show_months(year.months, year.target.good_rate, year.target.stages)
        self.calendar_title.setText(arg(self.tr("%1 %2年逐日空气质量（AQI级别）"), year.name, self.as_of.year))
        self.calendar.show_year(self.as_of.year, year.cells)


def _day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"

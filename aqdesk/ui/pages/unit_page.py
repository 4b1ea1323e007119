"""部门视图: units in the office's ranking, a unit's tasks led and co-led, and a chart."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from aqdesk.db.database import Database
from aqdesk.services.reports.unit_view import UnitSummary, unit_summaries
from aqdesk.ui.contract import HistoryTarget, Page
from aqdesk.ui.models.ledgers import TASK_HISTORY, UnitSummaryModel, UnitTaskModel
from aqdesk.ui.models.rows import ROW_ROLE
from aqdesk.ui.text import arg
from aqdesk.ui.widgets.colour_chart import ColourBarChart
from aqdesk.ui.widgets.tables import rows_view


class UnitPage(Page):
    """Emits ``activated(task_row)`` when one of the unit's tasks is opened."""

    activated = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        heading = QLabel(self.tr("部门视图"))
        heading.setObjectName("pageTitle")
        self.units = UnitSummaryModel(self)
        self.unit_table = rows_view(self.units, single=True)
        self.unit_table.selectionModel().currentRowChanged.connect(self._show_unit)
        self.tasks = UnitTaskModel(self)
        self.task_table = rows_view(self.tasks)
        self.task_table.activated.connect(lambda index: self.activated.emit(index.data(ROW_ROLE)[1]))
        self.unit_label = QLabel()
        self.chart = ColourBarChart(self.tr("各单位牵头任务预警"))

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.unit_label)
        lower_layout.addWidget(self.task_table)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.unit_table)
        left.addWidget(lower)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.chart)
        split.setSizes([640, 420])
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(split, 1)

    def refresh(self, db: Database, as_of: dt.date, year: int | None = None) -> None:
        current = self.unit_table.currentIndex()
        chosen = current.data(ROW_ROLE).name if current.isValid() else None
        summaries = unit_summaries(db, as_of, year)
        self.units.set_rows(summaries)
        self.chart.show_counts([(u.name, u.led) for u in summaries if u.led.total][:15])
        if summaries:  # the unit the clerk was looking at stays chosen after a change
            names = [u.name for u in summaries]
            self.unit_table.selectRow(names.index(chosen) if chosen in names else 0)

    def history_target(self) -> HistoryTarget | None:
        index = self.task_table.currentIndex()
        if not index.isValid():
            return None
        task = index.data(ROW_ROLE)[1]
        table, title = TASK_HISTORY
        return HistoryTarget(table, task.id, title(task))

    def _show_unit(self, current, _previous) -> None:
        unit: UnitSummary | None = current.data(ROW_ROLE) if current.isValid() else None
        self.tasks.set_rows(unit.tasks if unit else [])
        if unit:
            self.unit_label.setText(arg(self.tr("%1：牵头 %2 项，配合 %3 项"), unit.name, str(unit.led.total), str(unit.co_led)))

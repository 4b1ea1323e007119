"""重点任务: the ledger with filters by category, unit (lead or cooperating) and colour."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from aqdesk.db.database import Database
from aqdesk.domain.enums import Color
from aqdesk.services import tasks
from aqdesk.services.tasks import TaskRow
from aqdesk.ui.models.ledgers import TaskModel
from aqdesk.ui.models.task_filter import TaskFilterProxy
from aqdesk.ui.pages.ledger_page import LedgerPage

ALL = None


class TaskPage(LedgerPage):
    proxy: TaskFilterProxy

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("重点任务台账"), TaskModel(), tasks.task_rows, parent)
        self.category_combo = self._combo(self.tr("全部类别"))
        self.unit_combo = self._combo(self.tr("全部单位"))
        self.unit_combo.setToolTip(self.tr("该单位牵头或配合的任务"))
        self.color_combo = self._combo(self.tr("全部预警"))
        for color in Color:
            self.color_combo.addItem(color.label, color)
        position = self.top.indexOf(self.search)
        for widget in (QLabel(self.tr("类别")), self.category_combo, QLabel(self.tr("单位")), self.unit_combo,
                       QLabel(self.tr("预警")), self.color_combo):
            self.top.insertWidget(position, widget)
            position += 1

    def _combo(self, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, ALL)
        combo.currentIndexChanged.connect(self.filter_changed)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def make_proxy(self) -> TaskFilterProxy:
        return TaskFilterProxy(self)

    def filter_changed(self) -> None:
        self.proxy.set_filter(
            category=self.category_combo.currentData(), unit=self.unit_combo.currentData(),
            color=self.color_combo.currentData(), text=self.search.text(),
        )
        self._show_totals(self.proxy.accepted_rows())

    def refresh(self, db: Database, as_of: dt.date) -> None:
        super().refresh(db, as_of)
        rows: Sequence[TaskRow] = [self.model.row_object(r) for r in range(self.model.rowCount())]
        first_number: dict[str, str] = {}
        for r in rows:
            first_number[r.category] = min(first_number.get(r.category, r.number), r.number)
        self._refill(self.category_combo, sorted(first_number, key=first_number.get))
        self._refill(self.unit_combo, sorted({r.lead for r in rows} | {u for r in rows for u in r.cooperator_names}))
        self.filter_changed()

    @staticmethod
    def _refill(combo: QComboBox, names: list[str]) -> None:
        keep = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for name in names:
            combo.addItem(name, name)
        combo.setCurrentIndex(max(0, combo.findData(keep)) if keep else 0)
        combo.blockSignals(False)

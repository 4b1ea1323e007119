"""督办记录: what the office does beyond a sheet — the letter register, 约谈, 问责,
inspections, the office's rules and each unit's file — one tab each."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from aqdesk.db.database import Database
from aqdesk.ui.contract import Acts, Page
from aqdesk.ui.pages.followup.accountability_tab import AccountabilityTab
from aqdesk.ui.pages.followup.inspections_tab import InspectionsTab
from aqdesk.ui.pages.followup.record_tab import RecordTab
from aqdesk.ui.pages.followup.register_tab import RegisterTab
from aqdesk.ui.pages.followup.rules_tab import RulesTab
from aqdesk.ui.pages.followup.summons_tab import SummonsTab
from aqdesk.ui.pages.followup.unit_file_tab import UnitFileTab


class FollowUpPage(Acts, Page):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        heading = QLabel(self.tr("督办记录"))
        heading.setObjectName("pageTitle")
        self.register = RegisterTab()
        self.summons = SummonsTab()
        self.accountability = AccountabilityTab()
        self.inspections = InspectionsTab()
        self.rules = RulesTab()
        self.unit_file = UnitFileTab()
        self.tabs = QTabWidget()
        named: tuple[tuple[RecordTab, str], ...] = (
            (self.register, self.tr("发文登记")), (self.summons, self.tr("约谈")),
            (self.accountability, self.tr("问责")), (self.inspections, self.tr("督查巡查")),
            (self.rules, self.tr("约谈和催办规则")), (self.unit_file, self.tr("一单位一档")))
        self._by_index = [tab for tab, _name in named]  # QTabWidget.widget() gives a bare QWidget
        for tab, name in named:
            self.tabs.addTab(tab, name)
            tab.acted.connect(self.acted)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_current())
        self.db: Database | None = None
        self.as_of = dt.date.today()
        self._stale: set[int] = set()
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)

    def refresh(self, db: Database, as_of: dt.date, year: int | None = None) -> None:
        self.db, self.as_of = db, as_of
        self._stale = set(range(self.tabs.count()))
        self._refresh_current()

    def show_item(self, item_id: int) -> bool:
        """A letter of the register (the agenda's letters awaiting a reply open here)."""
        self.tabs.setCurrentWidget(self.register)
        self._refresh_current()
        return self.register.select_letter(item_id)

    def show_commitment(self, commitment_id: int) -> bool:
        """The 约谈 that made the commitment, its commitments listed below it."""
        self.tabs.setCurrentWidget(self.summons)
        self._refresh_current()
        return self.summons.select(lambda record: any(c.id == commitment_id for c in record.commitments))

    def show_finding(self, finding_id: int) -> bool:
        self.tabs.setCurrentWidget(self.inspections)
        self._refresh_current()
        return self.inspections.select(lambda finding: finding.id == finding_id)

    def _refresh_current(self) -> None:
        """Only the tab in view reads the database; the others when next shown."""
        index = self.tabs.currentIndex()
        if self.db is not None and index in self._stale:
            self._by_index[index].refresh(self.db, self.as_of)
            self._stale.discard(index)

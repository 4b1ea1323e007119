"""Reporting periods: the office's cycle (monthly, weekly, or weekly only in the heating
season) and the day each period's returns are due."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from aqdesk.domain.enums import Labelled

ONE_DAY = dt.timedelta(days=1)
WEEKDAYS = "一二三四五六日"


class Cycle(Labelled):
    MONTHLY = "monthly", "每月"
    WEEKLY = "weekly", "每周"
    HEATING_WEEKLY = "heating_weekly", "供暖季每周、其余每月"


@dataclass(frozen=True)
class ReportingRule:
    cycle: Cycle = Cycle.MONTHLY
    monthly_due_day: int = 25  # returns due on this day of the month
    weekly_due_weekday: int = 5  # 1 = Monday … 7 = Sunday
    heating_start: tuple[int, int] = (11, 15)
    heating_end: tuple[int, int] = (3, 15)

    def weekly_on(self, day: dt.date) -> bool:
        if self.cycle is Cycle.WEEKLY:
            return True
        if self.cycle is Cycle.MONTHLY:
            return False
        md = (day.month, day.day)
        return md >= self.heating_start or md <= self.heating_end

    def period_of(self, day: dt.date) -> Period:
        if self.weekly_on(day):
            start = day - dt.timedelta(days=day.weekday())
            return Period(start, start + 6 * ONE_DAY, start + (self.weekly_due_weekday - 1) * ONE_DAY, True)
        start = day.replace(day=1)
        last = calendar.monthrange(day.year, day.month)[1]
        return Period(start, day.replace(day=last), day.replace(day=min(self.monthly_due_day, last)), False)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    due: dt.date
    weekly: bool

    def covers(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    @property
    def label(self) -> str:
        if self.weekly:
            return (f"{self.start.month}月{self.start.day}日至{self.end.month}月{self.end.day}日"
                    f"（周{WEEKDAYS[self.due.weekday()]}报送）")
        return f"{self.start.year}年{self.start.month}月（{self.due.day}日前报送）"

    @property
    def name(self) -> str:
        """The period alone, without when it is due: ``2026年11月``, ``11月23日至11月29日``."""
        return self.label.split("（")[0]

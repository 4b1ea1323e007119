"""Working days: weekends, public holidays and 调休 working weekend days.

A calendar knows the years it has official data for; any other year falls back to
Monday–Friday, and ``covers`` lets the UI say so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

ONE_DAY = dt.timedelta(days=1)


class WorkCalendar:
    def __init__(self, days: Mapping[dt.date, bool] | None = None, years: Iterable[int] = ()):
        self._days = dict(days or {})
        self._years = frozenset(years) | {d.year for d in self._days}

    def covers(self, year: int) -> bool:
        return year in self._years

    @property
    def years(self) -> frozenset[int]:
        return self._years

    def is_workday(self, day: dt.date) -> bool:
        known = self._days.get(day)
        if known is not None:
            return known
        return day.weekday() < 5

    def add_workdays(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after ``start`` (before it when n < 0); n = 0 gives ``start``."""
        step = ONE_DAY if n >= 0 else -ONE_DAY
        day, left = start, abs(n)
        while left:
            day += step
            if self.is_workday(day):
                left -= 1
        return day

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end], or minus those in [end, start) when end is before
        start — the exact inverse of ``add_workdays`` in both directions."""
        if end < start:
            return -sum(1 for k in range((start - end).days) if self.is_workday(end + k * ONE_DAY))
        return sum(1 for k in range(1, (end - start).days + 1) if self.is_workday(start + k * ONE_DAY))

    def natural_deadline(self, start: dt.date, days: int) -> dt.date:
        """民法典 art. 201–203: count from the day after ``start``; a last day that is not
        a working day moves to the next working day."""
        end = start + dt.timedelta(days=days)
        while not self.is_workday(end):
            end += ONE_DAY
        return end

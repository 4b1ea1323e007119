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
        self._origin: dt.date | None = None
        self._cumulative: list[int] = []

    def _index(self) -> None:
        """Cumulative working-day counts over the known years plus a margin, so that
        counting between two dates (done for every row of a ledger) is a subtraction."""
        first = min(self._years, default=dt.date.today().year) - 5
        last = max(self._years, default=dt.date.today().year) + 10
        self._origin = dt.date(first, 1, 1)
        total, counts = 0, []
        day = self._origin
        while day.year <= last:
            total += self.is_workday(day)
            counts.append(total)
            day += ONE_DAY
        self._cumulative = counts

    def _count_through(self, day: dt.date) -> int | None:
        """Working days from the index origin through ``day``, when indexed."""
        if self._origin is None:
            self._index()
        assert self._origin is not None
        offset = (day - self._origin).days
        return self._cumulative[offset] if 0 <= offset < len(self._cumulative) else None

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
            return -self.workdays_between(end - ONE_DAY, start - ONE_DAY)
        a, b = self._count_through(start), self._count_through(end)
        if a is not None and b is not None:
            return b - a
        return sum(1 for k in range(1, (end - start).days + 1) if self.is_workday(start + k * ONE_DAY))

    def natural_deadline(self, start: dt.date, days: int) -> dt.date:
        """民法典 art. 201–203: count from the day after ``start``; a last day that is not
        a working day moves to the next working day."""
        end = start + dt.timedelta(days=days)
        while not self.is_workday(end):
            end += ONE_DAY
        return end

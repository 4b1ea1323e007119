"""The office's week as the agenda reads it: this calendar week and the next (Monday to
Sunday, so a 调休 Saturday or Sunday that is worked belongs to its own week), and the last
working day before this week began — the day "newly red" is measured from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from aqdesk.domain.workcalendar import ONE_DAY, WorkCalendar


@dataclass(frozen=True)
class Weeks:
    as_of: dt.date
    start: dt.date  # this week's Monday
    end: dt.date  # this week's Sunday
    next_start: dt.date
    next_end: dt.date
    last_workday_before: dt.date  # the last working day of the previous working week

    @classmethod
    def around(cls, as_of: dt.date, calendar: WorkCalendar) -> Weeks:
        start = as_of - dt.timedelta(days=as_of.weekday())
        last = start - ONE_DAY
        while not calendar.is_workday(last):
            last -= ONE_DAY
        return cls(as_of, start, start + 6 * ONE_DAY, start + 7 * ONE_DAY, start + 13 * ONE_DAY, last)

    def this_week(self, day: dt.date | None) -> bool:
        """Still ahead this week (today included)."""
        return day is not None and self.as_of <= day <= self.end

    def next_week(self, day: dt.date | None) -> bool:
        return day is not None and self.next_start <= day <= self.next_end

    def newly_red(self, deadline: dt.date | None) -> bool:
        """Overdue today, but not yet on the last working day of the previous week: an item
        turns red the day after its deadline."""
        return deadline is not None and self.last_workday_before <= deadline < self.as_of

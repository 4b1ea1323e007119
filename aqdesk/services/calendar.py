"""The working-day calendar kept in the database, seeded from the official tables."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from aqdesk.db.models import CalendarDay
from aqdesk.domain.workcalendar import WorkCalendar

SOURCE_OFFICIAL = "chinese_calendar"
SOURCE_OFFICE = "office"


def official_years() -> range:
    """Years the installed ``chinese_calendar`` package has the State Council's tables for."""
    import chinese_calendar

    holidays = chinese_calendar.holidays
    return range(min(holidays).year, max(holidays).year + 1)


def seed_if_empty(session: Session) -> int:
    """Fill the calendar from ``chinese_calendar`` on first use; returns days written."""
    if session.scalar(select(func.count()).select_from(CalendarDay)):
        return 0
    import chinese_calendar

    rows = []
    for year in official_years():
        day = dt.date(year, 1, 1)
        while day.year == year:
            rows.append({"day": day, "is_workday": chinese_calendar.is_workday(day), "source": SOURCE_OFFICIAL})
            day += dt.timedelta(days=1)
    session.execute(CalendarDay.__table__.insert(), rows)
    return len(rows)


def load(session: Session) -> WorkCalendar:
    days = {d: w for d, w in session.execute(select(CalendarDay.day, CalendarDay.is_workday))}
    return WorkCalendar(days)

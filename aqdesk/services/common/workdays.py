"""The working-day calendar kept in the database, seeded from the official tables."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from aqdesk.db.database import Database
from aqdesk.db.models import CalendarDay
from aqdesk.domain.workcalendar import WorkCalendar

SOURCE_OFFICIAL = "chinese_calendar"
SOURCE_OFFICE = "office"
INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


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
    # Two programs may seed a new database at once: the second one's days are already there.
    insert = INSERTS.get(session.get_bind().dialect.name)
    session.execute(insert(CalendarDay).on_conflict_do_nothing() if insert else CalendarDay.__table__.insert(), rows)
    return len(rows)


def load(session: Session) -> WorkCalendar:
    days = {d: w for d, w in session.execute(select(CalendarDay.day, CalendarDay.is_workday))}
    return WorkCalendar(days)


@dataclass(frozen=True)
class YearCalendar:
    year: int
    official: bool  # seeded from the State Council's published arrangement
    days: dict[dt.date, tuple[bool, str]]  # day → (is_workday, source), only stored days

    @property
    def office_days(self) -> int:
        return sum(1 for _w, source in self.days.values() if source == SOURCE_OFFICE)


def year_calendar(db: Database, year: int) -> YearCalendar:
    with db.reading() as session:
        rows = session.execute(select(CalendarDay).where(
            CalendarDay.day >= dt.date(year, 1, 1), CalendarDay.day <= dt.date(year, 12, 31))).scalars()
        days = {r.day: (r.is_workday, r.source) for r in rows}
    return YearCalendar(year, any(s == SOURCE_OFFICIAL for _w, s in days.values()), days)


def set_day(db: Database, day: dt.date, is_workday: bool) -> None:
    """The office's own ruling on a day (a newly published holiday, a local 调休)."""
    with db.transaction() as session:
        session.merge(CalendarDay(day=day, is_workday=is_workday, source=SOURCE_OFFICE))


def reset_day(db: Database, day: dt.date) -> None:
    """Back to the published arrangement, or to Monday–Friday for a year without one."""
    with db.transaction() as session:
        row = session.get(CalendarDay, day)
        if row is None:
            return
        if day.year in official_years():
            import chinese_calendar

            row.is_workday, row.source = chinese_calendar.is_workday(day), SOURCE_OFFICIAL
        else:
            session.delete(row)


def years_without_official_data(db: Database, as_of: dt.date) -> list[int]:
    """The years deadlines near ``as_of`` fall in (this one, and the next from October on,
    when next year's deadlines draw close) that have no official holiday arrangement."""
    years = [as_of.year] + ([as_of.year + 1] if as_of.month >= 10 else [])
    with db.reading() as session:
        return [y for y in years if session.scalar(select(CalendarDay.day).where(
            CalendarDay.source == SOURCE_OFFICIAL,
            CalendarDay.day.between(dt.date(y, 1, 1), dt.date(y, 12, 31))).limit(1)) is None]

"""The working-day calendar kept in the database, seeded from the official tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from aqdesk.db.database import Database
from aqdesk.db.models import CalendarDay
from aqdesk.domain.holiday_notice import HolidayNotice, parse_notice
from aqdesk.domain.workcalendar import WorkCalendar
from aqdesk.errors import UserError

SOURCE_OFFICIAL = "chinese_calendar"
SOURCE_NOTICE = "state_council_notice"  # read from the notice text the office pasted
SOURCE_OFFICE = "office"
PUBLISHED = (SOURCE_OFFICIAL, SOURCE_NOTICE)
# the dialects whose INSERT can skip rows already there
INSERTS: dict[str, Callable[[type[CalendarDay]], postgresql.Insert | sqlite.Insert]] = {
    "postgresql": postgresql.insert, "sqlite": sqlite.insert}


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
    skipping = INSERTS.get(session.get_bind().dialect.name)
    session.execute(skipping(CalendarDay).on_conflict_do_nothing() if skipping else insert(CalendarDay), rows)
    return len(rows)


def load(session: Session) -> WorkCalendar:
    days = {d: w for d, w in session.execute(select(CalendarDay.day, CalendarDay.is_workday))}
    return WorkCalendar(days)


@dataclass(frozen=True)
class YearCalendar:
    year: int
    official: bool  # seeded from the State Council's published arrangement
    days: dict[dt.date, tuple[bool, str]]  # day → (is_workday, source), only stored days
    # every day of an official break (国庆 1–7 October), its weekend days too, so the whole
    # break is shaded, not only the weekdays it frees
    breaks: frozenset[dt.date] = frozenset()
    versions: dict[dt.date, int] = field(default_factory=dict)  # of the stored days, as read

    @property
    def office_days(self) -> int:
        return sum(1 for _w, source in self.days.values() if source == SOURCE_OFFICE)


def year_calendar(db: Database, year: int) -> YearCalendar:
    with db.reading() as session:
        rows = list(session.execute(select(CalendarDay).where(
            CalendarDay.day >= dt.date(year, 1, 1), CalendarDay.day <= dt.date(year, 12, 31))).scalars())
        days = {r.day: (r.is_workday, r.source) for r in rows}
    official = any(s in PUBLISHED for _w, s in days.values())
    breaks: frozenset[dt.date] = frozenset()
    if official and year in official_years():
        import chinese_calendar

        breaks = frozenset(d for d in chinese_calendar.holidays if d.year == year)
    return YearCalendar(year, official, days, breaks, {r.day: r.version for r in rows})


def read_notice(text: str) -> HolidayNotice:
    """The pasted notice, read; refused with what is wrong when it cannot be read whole."""
    notice = parse_notice(text)
    if notice.problems:
        raise UserError("无法读取该通知：" + "；".join(notice.problems))
    return notice


def notice_changes(db: Database, notice: HolidayNotice) -> list[tuple[dt.date, bool, bool]]:
    """The days whose status the notice changes: (day, working now, working per notice)."""
    current = load_year(db, notice.read_year)
    return [(day, current[day], working) for day, working in notice.year_days().items() if current[day] != working]


def load_year(db: Database, year: int) -> dict[dt.date, bool]:
    calendar = year_calendar(db, year)
    day, days = dt.date(year, 1, 1), {}
    while day.year == year:
        days[day] = calendar.days.get(day, (day.weekday() < 5, ""))[0]
        day += dt.timedelta(days=1)
    return days


def apply_notice(db: Database, notice: HolidayNotice) -> int:
    """The notice's arrangement becomes the year's calendar, replacing what was there (the
    office's own rulings of that year included: the notice is the authority); returns the
    days saved."""
    with db.transaction() as session:
        session.execute(delete(CalendarDay).where(
            CalendarDay.day.between(dt.date(notice.read_year, 1, 1), dt.date(notice.read_year, 12, 31))))
        rows = [{"day": d, "is_workday": w, "source": SOURCE_NOTICE} for d, w in notice.year_days().items()]
        session.execute(insert(CalendarDay), rows)
        return len(rows)


UNCHECKED = object()


def _check_seen(row: CalendarDay | None, day: dt.date, seen) -> None:
    """``seen``: the day's version when the clerk looked (None: not stored then)."""
    if seen is not UNCHECKED and (row.version if row else None) != seen:
        raise UserError(f"{day.isoformat()} 刚被他人修改，请重新打开工作日历查看后再修改。")


def set_day(db: Database, day: dt.date, is_workday: bool, seen=UNCHECKED) -> None:
    """The office's own ruling on a day (a newly published holiday, a local 调休)."""
    with _changing(db, day, seen) as (session, row):
        if row is None:
            session.add(CalendarDay(day=day, is_workday=is_workday, source=SOURCE_OFFICE))
        else:
            row.is_workday, row.source = is_workday, SOURCE_OFFICE


@contextmanager
def _changing(db: Database, day: dt.date, seen):
    try:
        with db.transaction() as session:
            row = session.get(CalendarDay, day, with_for_update=True)
            _check_seen(row, day, seen)
            yield session, row
    except (StaleDataError, IntegrityError) as exc:  # another clerk's save came in between
        raise UserError(f"{day.isoformat()} 刚被他人修改，请重新打开工作日历查看后再修改。") from exc


def reset_day(db: Database, day: dt.date, seen=UNCHECKED) -> None:
    """Back to the published arrangement, or to Monday–Friday for a year without one."""
    with _changing(db, day, seen) as (session, row):
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
            CalendarDay.source.in_(PUBLISHED),
            CalendarDay.day.between(dt.date(y, 1, 1), dt.date(y, 12, 31))).limit(1)) is None]

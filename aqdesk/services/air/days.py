"""Reading the monitored days: a county's (or the city's) year so far, by month and by day."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from aqdesk.db.models import AirDay, Unit
from aqdesk.domain.air.aqi import Level
from aqdesk.domain.air.evaluation import Day, summarise
from aqdesk.domain.enums import UnitKind
from aqdesk.errors import UserError
from aqdesk.services.common.units import UnitDirectory

CITY = None  # the city's rows carry no county


def counties(session: Session) -> list[tuple[int, str]]:
    """The active counties in the office's order."""
    return [(u.id, u.name) for u in session.scalars(
        select(Unit).where(Unit.kind == UnitKind.COUNTY, Unit.active.is_(True)).order_by(Unit.sort_order, Unit.id))]


def days_of_year(session: Session, year: int, up_to: dt.date) -> dict[int | None, list[Day]]:
    """Every monitored day of ``year`` up to ``up_to``, by county id (None: the city)."""
    found: dict[int | None, list[Day]] = defaultdict(list)
    rows = session.execute(select(
        AirDay.county_id, AirDay.day, AirDay.aqi, AirDay.pm25, AirDay.pm10, AirDay.o3_8h, AirDay.no2, AirDay.so2,
        AirDay.co).where(AirDay.day >= dt.date(year, 1, 1), AirDay.day <= up_to).order_by(AirDay.day))
    for county_id, day, aqi, pm25, pm10, o3_8h, no2, so2, co in rows:
        found[county_id].append(Day(day, aqi, pm25, pm10, o3_8h, no2, so2, co))
    return found


@dataclass(frozen=True)
class Month:
    month: int
    good_rate: float | None  # 优良率 accumulated from January to the month's end (累计)
    month_rate: float | None  # the month on its own


def months(days: list[Day], up_to: dt.date) -> list[Month]:
    """The months of ``up_to``'s year so far: each month's 优良率 and the running one."""
    found = []
    for month in range(1, up_to.month + 1):
        alone = summarise(d for d in days if d.day.month == month)
        running = summarise(d for d in days if d.day.month <= month)
        found.append(Month(month, running.good_rate, alone.good_rate))
    return found


@dataclass(frozen=True)
class CalendarCell:
    day: dt.date
    aqi: int | None
    level: Level | None


def calendar_cells(days: list[Day]) -> dict[dt.date, CalendarCell]:
    """The heat map's cells: each monitored day's AQI and level."""
    return {d.day: CalendarCell(d.day, d.aqi, Level.of(d.aqi) if d.aqi is not None else None) for d in days}


def county_named(session: Session, name: str) -> int:
    """The county ``name`` (or one of its other names) stands for; UserError naming it if none."""
    county_id = UnitDirectory(session).find(name)
    unit = session.get(Unit, county_id) if county_id is not None else None
    if unit is None or unit.kind != UnitKind.COUNTY:
        raise UserError(f"没有名为“{name}”的县（区）")
    return unit.id

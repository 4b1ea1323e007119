"""Each county's year to date against its targets: 优良率, PM2.5, the budget, the colour and
its reasons, and the ranking by the office's figure with the places moved since last month."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from aqdesk.db.database import Database
from aqdesk.db.models import Unit
from aqdesk.domain.air.budget import Standing, Target, stand
from aqdesk.domain.air.evaluation import Summary, summarise
from aqdesk.domain.air.ranking import RankBy, movement, pm25_change, rank
from aqdesk.services.air.days import (
    CalendarCell,
    Month,
    calendar_cells,
    counties,
    county_named,
    days_of_year,
    months,
)
from aqdesk.services.air.targets import targets_of
from aqdesk.services.common import settings

NO_TARGET = Target(None, None)


@dataclass(frozen=True)
class CountyAir:
    county_id: int | None
    name: str
    summary: Summary
    target: Target
    standing: Standing
    rank: int | None
    previous_rank: int | None  # at the end of last month
    pm25_change: float | None  # PM2.5 against the same days of last year, in percent

    @property
    def movement(self) -> str:
        return movement(self.rank, self.previous_rank)

    def as_json(self) -> dict:
        s, t = self.summary, self.target
        return {"name": self.name, "good_rate": s.good_rate, "pm25": s.pm25, "target_good_rate": t.good_rate,
                "target_pm25": t.pm25, "target_stages": [list(s) for s in t.stages], "budget_days": self.standing.budget_days,
                "color": self.standing.color.value, "reason": self.standing.reason, "rank": self.rank,
                "previous_rank": self.previous_rank, "movement": self.movement, "composite": s.composite,
                "valid_days": s.valid_days, "good_days": s.good_days, "heavy_days": s.heavy_days,
                "pm25_ceiling": self.standing.pm25_ceiling, "pm25_change": self.pm25_change}

    def as_text(self) -> str:
        s, t = self.summary, self.target
        rate = "—" if s.good_rate is None else f"{s.good_rate:.1f}%"
        pm25 = "—" if s.pm25 is None else f"{s.pm25:g}"
        place = f"第{self.rank}名" + (f"（{self.movement}）" if self.movement else "") if self.rank else ""
        budget = "" if self.standing.budget_days is None else f"｜还可有{max(self.standing.budget_days, 0)}个超标天"
        return (f"{self.standing.color.label} {self.name}｜优良率 {rate}（目标 {_g(t.good_rate, '%')}）｜PM2.5 {pm25}"
                f"（目标 {_g(t.pm25)}）{budget}｜{place}｜{self.standing.reason}")


def _g(value: float | None, unit: str = "") -> str:
    return "未设定" if value is None else f"{value:g}{unit}"


@dataclass(frozen=True)
class AirReport:
    as_of: dt.date
    rank_by: RankBy
    counties: list[CountyAir]
    city: CountyAir | None  # None while the city has no figures


def air_report(db: Database, as_of: dt.date, rank_by: RankBy | None = None) -> AirReport:
    with db.reading() as session:
        office = settings.load(session).air
        rank_by = rank_by or office.ranking
        listed = counties(session)
        days = days_of_year(session, as_of.year, as_of)
        targets = targets_of(session, as_of.year)
        month_end = as_of.replace(day=1) - dt.timedelta(days=1)
        before = days if month_end.year == as_of.year else days_of_year(session, month_end.year, month_end)
        a_year_ago = days_of_year(session, as_of.year - 1, _year_ago(as_of))
        a_year_before_month_end = a_year_ago if month_end.year == as_of.year else \
            days_of_year(session, month_end.year - 1, _year_ago(month_end))
    ids = [cid for cid, _name in listed] + [None]
    now = {cid: summarise(days.get(cid, [])) for cid in ids}
    then = {cid: summarise(d for d in before.get(cid, []) if d.day <= month_end) for cid in ids}
    last_year = {cid: summarise(a_year_ago.get(cid, [])) for cid in ids}
    last_year_then = {cid: summarise(d for d in a_year_before_month_end.get(cid, []) if d.day <= _year_ago(month_end))
                      for cid in ids}
    counted: list[int | None] = [cid for cid, _name in listed]
    places = rank({c: now[c] for c in counted}, rank_by, last_year)
    earlier = rank({c: then[c] for c in counted}, rank_by, last_year_then)

    def one(cid: int | None, name: str) -> CountyAir:
        target, summary = targets.get(cid, NO_TARGET), now[cid]
        running = {m.month: m.good_rate for m in months(days.get(cid, []), as_of)} if target.stages else None
        return CountyAir(cid, name, summary, target, stand(summary, target, as_of, office.budget_warning_days, running),
                         places.get(cid), earlier.get(cid), pm25_change(summary, last_year[cid]))

    rows = [one(cid, name) for cid, name in listed]
    return AirReport(as_of, rank_by, rows, one(None, "全市") if now[None].valid_days else None)


def _year_ago(day: dt.date) -> dt.date:
    """The same day a year before; 29 February goes back to the 28th."""
    return day.replace(year=day.year - 1, day=28) if (day.month, day.day) == (2, 29) else day.replace(year=day.year - 1)


def only_county(db: Database, report: AirReport, name: str) -> list[CountyAir]:
    """The report's row for the county ``name`` (or one of its other names)."""
    with db.reading() as session:
        county_id = county_named(session, name)
    return [r for r in report.counties if r.county_id == county_id]


@dataclass(frozen=True)
class CountyYear:
    """One county's (or the city's) year for the screen: 优良率 by month, the target line and
    the days of the calendar heat map."""

    name: str
    months: list[Month]
    target: Target
    cells: dict[dt.date, CalendarCell]


def county_year(db: Database, county_id: int | None, as_of: dt.date) -> CountyYear:
    with db.reading() as session:
        days = days_of_year(session, as_of.year, as_of).get(county_id, [])
        target = targets_of(session, as_of.year).get(county_id, NO_TARGET)
        unit = session.get(Unit, county_id) if county_id is not None else None
        name = unit.name if unit is not None else "全市"
    return CountyYear(name, months(days, as_of), target, calendar_cells(days))

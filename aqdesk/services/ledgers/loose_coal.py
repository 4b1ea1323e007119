"""散煤治理 ledger: each county's year-to-date figures against its targets, its history
by period, and hand edits of a period's figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from aqdesk.db.database import Database
from aqdesk.db.models import LooseCoalReport, LooseCoalTarget, Unit
from aqdesk.domain.enums import Color, UnitKind
from aqdesk.domain.loose_coal import FIGURES, RELAPSE, assess_county, percent_of_target
from aqdesk.services.common import audit, settings, years
from aqdesk.services.common.editing import editing, refuse


@dataclass(frozen=True)
class PeriodRow:
    id: int
    version: int
    period: dt.date
    figures: dict[str, float]
    relapse_points: int


@dataclass(frozen=True)
class CountyRow:
    county_id: int
    county: str
    latest_period: dt.date | None
    actual: dict[str, float]
    target: dict[str, float]
    relapse_points: int
    color: Color
    reason: str
    history: tuple[PeriodRow, ...]

    def percent(self, key: str) -> float | None:
        return percent_of_target(self.actual[key], self.target[key])


def county_rows(db: Database, as_of: dt.date, year: int | None = None) -> list[CountyRow]:
    """Each county's figures of plan year ``year`` (by default the one ``as_of`` falls in) up to ``as_of``."""
    with db.reading() as session:
        year = years.resolve(session, as_of, year)
        lag = settings.load(session).warning.lag_points
        counties = session.scalars(
            select(Unit).where(Unit.kind == UnitKind.COUNTY).order_by(Unit.sort_order, Unit.id)
        ).all()
        targets = {t.county_id: t for t in session.scalars(
            select(LooseCoalTarget).where(LooseCoalTarget.year == year))}
        history: dict[int, list[PeriodRow]] = {}
        for r in session.scalars(
            select(LooseCoalReport)
            .where(LooseCoalReport.period >= dt.date(year, 1, 1),
                   LooseCoalReport.period <= min(as_of, dt.date(year, 12, 31)))
            .order_by(LooseCoalReport.period)
        ):
            history.setdefault(r.county_id, []).append(PeriodRow(
                r.id, r.version, r.period, {f: getattr(r, f) for f, _ in FIGURES}, r.relapse_points))
    rows = []
    for county in counties:
        periods, target = history.get(county.id, []), targets.get(county.id)
        if not periods and target is None:
            continue
        actual = {f: sum(p.figures[f] for p in periods) for f, _ in FIGURES}
        goal = {f: getattr(target, f) if target else 0 for f, _ in FIGURES}
        relapse = periods[-1].relapse_points if periods else 0
        color, reason = assess_county(actual, goal, relapse, as_of, lag)
        rows.append(CountyRow(county.id, county.name, periods[-1].period if periods else None, actual, goal,
                              relapse, color, reason, tuple(periods)))
    return rows


def figure_problems(values: dict[str, float]) -> list[str]:
    labels = dict((*FIGURES, RELAPSE))
    return [f"{labels[k]}不能为负数（{v:g}）" for k, v in values.items() if v is not None and v < 0]


def update_period(db: Database, report_id: int, expected_version: int, **values: float) -> str | None:
    refuse(figure_problems(values))
    with editing(db, LooseCoalReport, report_id, expected_version, label="该期散煤数据") as (session, report):
        changes = audit.ChangeSet(session)
        changes.update(report, **values)
        return changes.action_id if changes.count else None


def add_period(db: Database, county_id: int, period: dt.date, **values: float) -> str:
    refuse(figure_problems(values))
    with db.transaction() as session:
        exists = session.scalar(select(LooseCoalReport.id).where(
            LooseCoalReport.county_id == county_id, LooseCoalReport.period == period))
        if exists:
            refuse([f"{period.isoformat()} 这一期已有数据，请直接修改该期。"])
        changes = audit.ChangeSet(session)
        changes.insert(LooseCoalReport(county_id=county_id, period=period, **values))
        return changes.action_id

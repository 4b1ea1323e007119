"""The targets each county (and the city) is held to per year."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from aqdesk.db.database import Database
from aqdesk.db.models import AirTarget
from aqdesk.domain.air.budget import Target, parse_stages
from aqdesk.errors import UserError
from aqdesk.services.air.days import counties, county_named

CITY_NAME = "全市"


def targets_of(session: Session, year: int) -> dict[int | None, Target]:
    return {t.county_id: Target(t.good_rate, t.pm25, t.heavy_days, parse_stages(t.stages))
            for t in session.scalars(select(AirTarget).where(AirTarget.year == year))}


def set_target(db: Database, county: str | None, year: int, target: Target) -> None:
    """Set a county's (``None``: the city's) targets for ``year``, in one transaction."""
    with db.transaction() as session:
        county_id = None if county is None else county_named(session, county)
        _store(session, year, county_id, county or CITY_NAME, target)


def year_targets(db: Database, year: int) -> list[tuple[int | None, str, Target]]:
    """Every county's targets for ``year`` (empty where none is set), then the city's: for editing."""
    with db.reading() as session:
        found = targets_of(session, year)
        listed = [(cid, name) for cid, name in counties(session)] + [(None, CITY_NAME)]
    return [(cid, name, found.get(cid, Target(None, None))) for cid, name in listed]


def save_year_targets(db: Database, year: int, targets: list[tuple[int | None, str, Target]]) -> None:
    """Store a year's targets, all or none."""
    with db.transaction() as session:
        for county_id, name, target in targets:
            _store(session, year, county_id, name, target)


def _store(session: Session, year: int, county_id: int | None, name: str, target: Target) -> None:
    _check(name, target)
    row = session.scalars(select(AirTarget).where(
        AirTarget.year == year, AirTarget.county_id.is_(None) if county_id is None
        else AirTarget.county_id == county_id)).first()
    if row is None:
        if target == Target(None, None):
            return
        row = AirTarget(county_id=county_id, year=year)
        session.add(row)
    row.good_rate, row.pm25, row.heavy_days = target.good_rate, target.pm25, target.heavy_days
    row.stages = ",".join(f"{month}:{rate:g}" for month, rate in target.stages)


def _check(name: str, target: Target) -> None:
    if target.good_rate is not None and not 0 <= target.good_rate <= 100:
        raise UserError(f"{name}：优良率目标应在 0–100 之间，而不是 {target.good_rate:g}")
    if target.pm25 is not None and not 0 < target.pm25 <= 500:
        raise UserError(f"{name}：PM2.5目标应在 0–500 之间，而不是 {target.pm25:g}")
    if target.heavy_days is not None and not 0 <= target.heavy_days <= 366:
        raise UserError(f"{name}：重污染天数目标应在 0–366 之间，而不是 {target.heavy_days}")

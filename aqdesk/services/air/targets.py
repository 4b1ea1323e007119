"""The targets each county (and the city) is held to per year."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from aqdesk.db.database import Database
from aqdesk.db.models import AirTarget
from aqdesk.domain.air.budget import Target
from aqdesk.errors import UserError
from aqdesk.services.air.days import county_named


def targets_of(session: Session, year: int) -> dict[int | None, Target]:
    return {t.county_id: Target(t.good_rate, t.pm25, t.heavy_days)
            for t in session.scalars(select(AirTarget).where(AirTarget.year == year))}


def set_target(db: Database, county: str | None, year: int, target: Target) -> None:
    """Set a county's (``None``: the city's) targets for ``year``, in one transaction."""
    if target.good_rate is not None and not 0 <= target.good_rate <= 100:
        raise UserError(f"优良率目标应在 0–100 之间，而不是 {target.good_rate:g}")
    if target.pm25 is not None and target.pm25 <= 0:
        raise UserError(f"PM2.5目标应大于 0，而不是 {target.pm25:g}")
    if target.heavy_days is not None and target.heavy_days < 0:
        raise UserError(f"重污染天数目标不能为负数：{target.heavy_days}")
    with db.transaction() as session:
        county_id = None if county is None else county_named(session, county)
        row = session.scalars(select(AirTarget).where(
            AirTarget.year == year, AirTarget.county_id.is_(None) if county_id is None
            else AirTarget.county_id == county_id)).first()
        if row is None:
            row = AirTarget(county_id=county_id, year=year)
            session.add(row)
        row.good_rate, row.pm25, row.heavy_days = target.good_rate, target.pm25, target.heavy_days

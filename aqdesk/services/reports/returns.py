"""Reporting periods and 催报: which units owe a return for a period, and which have sent it.

A period is received for a unit when an import batch of its return covers it, or when a
hand report does: a progress report entered on a task it leads, a 散煤 report entered by
hand, or the clerk's note that the return came on paper (``record_received``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from aqdesk.db.database import Database
from aqdesk.db.models import (
    Enterprise,
    ImportBatch,
    LooseCoalReport,
    LooseCoalTarget,
    ReportReceived,
    SubstitutionTarget,
    Task,
    TaskProgress,
    Unit,
)
from aqdesk.domain.enums import UnitKind
from aqdesk.domain.periods import Period
from aqdesk.errors import UserError
from aqdesk.services.common import audit, settings
from aqdesk.services.common.units import UnitDirectory


@dataclass(frozen=True)
class UnitReturn:
    unit_id: int
    unit: str
    kind: UnitKind
    leader: str
    contact_person: str
    phone: str
    received_on: dt.date | None
    how: str  # 导入 | 手工录入 | 登记收到 | ""

    @property
    def received(self) -> bool:
        return self.received_on is not None


@dataclass(frozen=True)
class PeriodReturns:
    period: Period
    rows: list[UnitReturn]

    @property
    def missing(self) -> list[UnitReturn]:
        return [r for r in self.rows if not r.received]


def period_returns(db: Database, day: dt.date) -> PeriodReturns:
    """Every unit that owes a return for the period ``day`` falls in, received or not."""
    with db.reading() as session:
        return returns_in(session, settings.load(session).reporting_rule().period_of(day))


def current_period(db: Database, as_of: dt.date) -> Period:
    with db.reading() as session:
        return settings.load(session).reporting_rule().period_of(as_of)


def returns_in(session: Session, period: Period) -> PeriodReturns:
    received = received_in(session, period)
    rows = [UnitReturn(u.id, u.name, UnitKind(u.kind), u.leader, u.contact_person, u.phone,
                       *received.get(u.id, (None, "")))
            for u in reporting_units(session)]
    return PeriodReturns(period, rows)


def reporting_units(session: Session) -> list[Unit]:
    """Departments and counties with something to report: a task they lead, or enterprises,
    townships or 散煤 targets in the county."""
    township_counties = select(Unit.parent_id).join(SubstitutionTarget, SubstitutionTarget.township_id == Unit.id)
    owing = or_(
        Unit.id.in_(select(Task.lead_unit_id)), Unit.id.in_(select(Enterprise.county_id)),
        Unit.id.in_(select(LooseCoalTarget.county_id)), Unit.id.in_(township_counties),
    )
    return list(session.scalars(select(Unit).where(
        Unit.kind.in_((UnitKind.DEPARTMENT.value, UnitKind.COUNTY.value)), Unit.active, owing)
        .order_by(Unit.sort_order, Unit.id)))


def received_in(session: Session, period: Period) -> dict[int, tuple[dt.date, str]]:
    """unit id → (the first day a return for the period came, how)."""
    found: dict[int, tuple[dt.date, str]] = {}

    def note(unit_id: int | None, on: dt.date, how: str) -> None:
        if unit_id is not None and (unit_id not in found or on < found[unit_id][0]):
            found[unit_id] = (on, how)

    for unit_id, at in session.execute(select(ImportBatch.unit_id, ImportBatch.committed_at).where(
            ImportBatch.kind == "return", ImportBatch.undone_at.is_(None),
            ImportBatch.period.between(period.start, period.end))):
        note(unit_id, at.date(), "导入")
    for unit_id, on in session.execute(select(Task.lead_unit_id, TaskProgress.reported_on).join(Task).where(
            TaskProgress.batch_id.is_(None), TaskProgress.period.between(period.start, period.end))):
        note(unit_id, on, "手工录入")
    for unit_id, on in session.execute(select(LooseCoalReport.county_id, LooseCoalReport.period).where(
            LooseCoalReport.batch_id.is_(None), LooseCoalReport.period.between(period.start, period.end))):
        note(unit_id, on, "手工录入")
    for unit_id, on in session.execute(select(ReportReceived.unit_id, ReportReceived.received_on).where(
            ReportReceived.period.between(period.start, period.end))):
        note(unit_id, on, "登记收到")
    return found


def record_received(db: Database, unit: str, day: dt.date, received_on: dt.date, note: str = "") -> str:
    """The clerk's record that a unit's return for the period of ``day`` came outside the
    program (on paper, by e-mail read by hand); undoable like any edit."""
    with db.transaction() as session:
        unit_id = UnitDirectory(session).find(unit)
        if unit_id is None:
            raise UserError(f"找不到单位“{unit}”（请检查名称或简称）。")
        period = settings.load(session).reporting_rule().period_of(day)
        if session.scalar(select(ReportReceived.id).where(
                ReportReceived.unit_id == unit_id, ReportReceived.period == period.end)):
            raise UserError(f"已登记过{unit}{period.label}的报送。")
        changes = audit.ChangeSet(session)
        changes.insert(ReportReceived(unit_id=unit_id, period=period.end, received_on=received_on, note=note))
        return changes.action_id

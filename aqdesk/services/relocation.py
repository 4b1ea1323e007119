"""Reading the 退城入园 ledger: enterprises, their stage and the worst open milestone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import DeadlineChange, Enterprise, Milestone
from aqdesk.domain.enums import Color, MilestoneKind
from aqdesk.domain.relocation import current_stage
from aqdesk.domain.warning import Warning
from aqdesk.services.warnings import Assessor

SEVERITY = {Color.RED: 0, Color.YELLOW: 1, Color.GREEN: 2}


@dataclass(frozen=True)
class EnterpriseRow:
    id: int
    name: str
    credit_code: str
    county: str
    industry: str
    park: str
    stage: str
    planned: tuple[dt.date | None, ...]
    actual: tuple[dt.date | None, ...]
    color: Color
    reason: str
    postponed: int


def enterprise_rows(db: Database, as_of: dt.date) -> list[EnterpriseRow]:
    with db.reading() as session:
        assessor = Assessor.load(session, as_of)
        postponed = dict(session.execute(
            select(Milestone.enterprise_id, func.count())
            .join(DeadlineChange, DeadlineChange.milestone_id == Milestone.id)
            .group_by(Milestone.enterprise_id)
        ).all())
        enterprises = session.scalars(
            select(Enterprise).options(selectinload(Enterprise.milestones), selectinload(Enterprise.county))
            .order_by(Enterprise.id)
        )
        rows = []
        for e in enterprises:
            milestones = sorted(e.milestones, key=lambda m: m.seq)
            warning = _worst_open(assessor, milestones)
            rows.append(EnterpriseRow(
                id=e.id, name=e.name, credit_code=e.credit_code or "", county=e.county.name,
                industry=e.industry, park=e.park,
                stage=current_stage([m.actual_date for m in milestones]),
                planned=tuple(m.planned_date for m in milestones),
                actual=tuple(m.actual_date for m in milestones),
                color=warning.color, reason=warning.reason, postponed=postponed.get(e.id, 0),
            ))
        return rows


def _worst_open(assessor: Assessor, milestones: list[Milestone]) -> Warning:
    open_ones = [(m, assessor.milestone(m)) for m in milestones if m.actual_date is None]
    if not open_ones:
        return Warning(Color.GREEN, "已全部完成")
    milestone, warning = min(open_ones, key=lambda mw: (SEVERITY[mw[1].color], mw[0].seq))
    return Warning(warning.color, f"{MilestoneKind(milestone.kind).label}：{warning.reason}", warning.days_left)

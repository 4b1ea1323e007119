"""退城入园 ledger: enterprises, their milestones and stage, and hand edits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import DeadlineChange, Enterprise, Milestone
from aqdesk.domain import validation
from aqdesk.domain.credit_code import credit_code_problem
from aqdesk.domain.enums import Color, MilestoneKind
from aqdesk.domain.relocation import STAGES, actual_date_problems, current_stage
from aqdesk.domain.warning import Warning
from aqdesk.services import audit
from aqdesk.services.editing import editing, refuse
from aqdesk.services.warnings import Assessor

SEVERITY = {Color.RED: 0, Color.YELLOW: 1, Color.GREEN: 2}


@dataclass(frozen=True)
class MilestoneRow:
    id: int
    version: int
    kind: MilestoneKind
    planned: dt.date | None
    actual: dt.date | None
    color: Color
    reason: str
    days_left: int | None
    postponed: int


@dataclass(frozen=True)
class EnterpriseRow:
    id: int
    version: int
    name: str
    credit_code: str
    county: str
    industry: str
    original_site: str
    park: str
    problems: str
    stage: str
    milestones: tuple[MilestoneRow, ...]
    color: Color
    reason: str
    days_left: int | None
    postponed: int

    @property
    def planned(self) -> tuple[dt.date | None, ...]:
        return tuple(m.planned for m in self.milestones)


def enterprise_rows(db: Database, as_of: dt.date) -> list[EnterpriseRow]:
    with db.reading() as session:
        assessor = Assessor.load(session, as_of)
        postponed = dict(session.execute(
            select(DeadlineChange.milestone_id, func.count()).where(DeadlineChange.milestone_id.is_not(None))
            .group_by(DeadlineChange.milestone_id)
        ).all())
        enterprises = session.scalars(
            select(Enterprise).options(selectinload(Enterprise.milestones), selectinload(Enterprise.county))
            .order_by(Enterprise.id)
        )
        rows = []
        for e in enterprises:
            milestones = tuple(
                _milestone_row(m, assessor.milestone(m), postponed.get(m.id, 0))
                for m in sorted(e.milestones, key=lambda m: m.seq)
            )
            worst = _worst_open(milestones)
            rows.append(EnterpriseRow(
                id=e.id, version=e.version, name=e.name, credit_code=e.credit_code or "", county=e.county.name,
                industry=e.industry, original_site=e.original_site, park=e.park, problems=e.problems,
                stage=current_stage([m.actual for m in milestones]), milestones=milestones,
                color=worst.color, reason=worst.reason, days_left=worst.days_left,
                postponed=sum(m.postponed for m in milestones),
            ))
        return rows


def stage_counts(rows: list[EnterpriseRow]) -> dict[str, int]:
    counts = dict.fromkeys(STAGES, 0)
    for row in rows:
        counts[row.stage] += 1
    return counts


def _milestone_row(m: Milestone, warning: Warning, postponed: int) -> MilestoneRow:
    return MilestoneRow(m.id, m.version, MilestoneKind(m.kind), m.planned_date, m.actual_date,
                        warning.color, warning.reason, warning.days_left, postponed)


def _worst_open(milestones: tuple[MilestoneRow, ...]) -> Warning:
    open_ones = [m for m in milestones if m.actual is None]
    if not open_ones:
        return Warning(Color.GREEN, "已全部完成")
    worst = min(open_ones, key=lambda m: (SEVERITY[m.color], list(MilestoneKind).index(m.kind)))
    return Warning(worst.color, f"{worst.kind.label}：{worst.reason}", worst.days_left)


def update_enterprise(db: Database, enterprise_id: int, expected_version: int, **values: str) -> str | None:
    code = values.get("credit_code")
    if code:
        values["credit_code"] = code.strip().upper()
        refuse([p for p in [credit_code_problem(values["credit_code"])] if p])
    if "name" in values and not values["name"].strip():
        refuse(["企业名称不能为空"])
    with editing(db, Enterprise, enterprise_id, expected_version, label="该企业") as (session, enterprise):
        changes = audit.ChangeSet(session)
        changes.update(enterprise, **values)
        return changes.action_id if changes.count else None


def set_actual_dates(db: Database, enterprise_id: int, expected_version: int,
                     actuals: dict[MilestoneKind, dt.date | None], today: dt.date | None = None) -> str | None:
    """Record when milestones were really reached (the stage follows from these)."""
    today = today or dt.date.today()
    with editing(db, Enterprise, enterprise_id, expected_version, label="该企业") as (session, enterprise):
        milestones = {MilestoneKind(m.kind): m for m in enterprise.milestones}
        merged = [(k, actuals.get(k, milestones[k].actual_date if k in milestones else None)) for k in MilestoneKind]
        refuse(actual_date_problems(merged, today))
        changes = audit.ChangeSet(session)
        for kind, actual in actuals.items():
            changes.update(milestones[kind], actual_date=actual)
        return changes.action_id if changes.count else None


def postpone_milestone(db: Database, milestone_id: int, expected_version: int, *, new_date: dt.date,
                       reason: str, changed_on: dt.date | None = None) -> str:
    with editing(db, Milestone, milestone_id, expected_version, label="该节点") as (session, milestone):
        refuse(validation.postponement_problems(old=milestone.planned_date, new=new_date, reason=reason))
        changes = audit.ChangeSet(session)
        changes.insert(DeadlineChange(milestone_id=milestone.id, old_date=milestone.planned_date, new_date=new_date,
                                      reason=reason.strip(), changed_on=changed_on or dt.date.today()))
        changes.update(milestone, planned_date=new_date)
        return changes.action_id


def postponements(db: Database, enterprise_id: int) -> list[tuple[MilestoneKind, DeadlineChange]]:
    with db.reading() as session:
        rows = session.execute(
            select(Milestone.kind, DeadlineChange).join(DeadlineChange, DeadlineChange.milestone_id == Milestone.id)
            .where(Milestone.enterprise_id == enterprise_id).order_by(DeadlineChange.changed_on, DeadlineChange.id)
        ).all()
        return [(MilestoneKind(kind), change) for kind, change in rows]

"""退城入园 ledger: enterprises, their milestones and stage, and hand edits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from aqdesk.db.database import Database
from aqdesk.db.models import DeadlineChange, Enterprise, Milestone, Unit
from aqdesk.domain import palette, validation
from aqdesk.domain.credit_code import credit_code_problem
from aqdesk.domain.enums import Color, MilestoneKind
from aqdesk.domain.relocation import STAGES, actual_date_problems, current_stage
from aqdesk.domain.warning import Assessment
from aqdesk.services.common import audit, years
from aqdesk.services.common.editing import editing, refuse
from aqdesk.services.common.history import History
from aqdesk.services.common.warning_colours import Assessor


@dataclass(slots=True)
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
    workdays_left: int | None = None


@dataclass(slots=True)
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
    days_text: str = ""  # 逾期/剩余 in the unit the reason uses

    @property
    def planned(self) -> tuple[dt.date | None, ...]:
        return tuple(m.planned for m in self.milestones)


def enterprise_rows(db: Database, as_of: dt.date, year: int | None = None) -> list[EnterpriseRow]:
    """The programme's enterprises in plan year ``year`` (by default the one ``as_of`` falls in)."""
    with db.reading() as session:
        assessor = Assessor.load(session, as_of)
        year = years.resolve(session, as_of, year)
        postponed = dict(session.execute(
            select(DeadlineChange.milestone_id, func.count()).where(DeadlineChange.milestone_id.is_not(None))
            .group_by(DeadlineChange.milestone_id)
        ).all())
        # plain tuples rather than ORM objects: ten thousand enterprises must colour in well under a second
        enterprises = session.execute(
            select(Enterprise.id, Enterprise.version, Enterprise.name, Enterprise.credit_code, Unit.name,
                   Enterprise.industry, Enterprise.original_site, Enterprise.park, Enterprise.problems)
            .join(Unit, Enterprise.county_id == Unit.id).where(*years.in_year(year)).order_by(Enterprise.id)
        ).all()
        records = session.execute(
            select(Milestone.enterprise_id, Milestone.id, Milestone.version, Milestone.kind, Milestone.planned_date,
                   Milestone.actual_date).order_by(Milestone.enterprise_id, Milestone.seq)
        ).all()
        history = History.load(session, as_of)
    kinds = {k.value: k for k in MilestoneKind}
    milestones: dict[int, list[MilestoneRow]] = {}
    for enterprise_id, m_id, m_version, kind, planned, actual in records:
        planned, actual = history.milestone(m_id, planned, actual)
        warning = assessor.milestone_dates(planned, actual)
        milestones.setdefault(enterprise_id, []).append(MilestoneRow(
            m_id, m_version, kinds[kind], planned, actual, warning.color, warning.reason, warning.days_left,
            postponed.get(m_id, 0), warning.workdays_left))
    rows = []
    for e_id, version, name, code, county, industry, site, park, problems in enterprises:
        mine = tuple(milestones.get(e_id, ()))
        worst = _worst_open(mine)
        rows.append(EnterpriseRow(
            id=e_id, version=version, name=name, credit_code=code or "", county=county, industry=industry,
            original_site=site, park=park, problems=problems, stage=current_stage([m.actual for m in mine]),
            milestones=mine, color=worst.color, reason=worst.reason, days_left=worst.days_left,
            postponed=sum(m.postponed for m in mine), days_text=worst.days_text,
        ))
    return rows


def stage_counts(rows: list[EnterpriseRow]) -> dict[str, int]:
    counts = dict.fromkeys(STAGES, 0)
    for row in rows:
        counts[row.stage] += 1
    return counts


def _worst_open(milestones: tuple[MilestoneRow, ...]) -> Assessment:
    open_ones = [m for m in milestones if m.actual is None]
    if not open_ones:
        return Assessment(Color.GREEN, "已全部完成")
    worst = min(open_ones, key=lambda m: palette.SEVERITY[m.color])  # the earliest milestone among equals
    return Assessment(worst.color, f"{worst.kind.label}：{worst.reason}", worst.days_left, worst.workdays_left)


def update_enterprise(db: Database, enterprise_id: int, expected_version: int,
                      **values: str | None) -> str | None:
    """``values``: fields to set; a credit code may be None (cleared), the others are text."""
    code = values.get("credit_code")
    if code:
        values["credit_code"] = code = code.strip().upper()
        refuse([p for p in [credit_code_problem(code)] if p])
    if "name" in values and not (values["name"] or "").strip():
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
        milestones = {m.kind: m for m in enterprise.milestones}
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
        return [(kind, change) for kind, change in rows]

"""年度结转: closing a plan year (its items become read-only) and opening the next, carrying
over what the office chooses and nothing else.

A carried task is a new task of the new year, numbered 「结转1-01」 so that it never meets the
new plan's 1-01, pointing at the task it continues: that task keeps its reports and
postponements in the closed year, and the ledger counts them for the carried one.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import Enterprise, PlanYear, Task
from aqdesk.domain.enums import DeadlineKind, TaskStatus
from aqdesk.errors import UserError
from aqdesk.services.common import audit, years

CARRIED_PREFIX = "结转"
SOURCE = "year-rollover"


class Carry(StrEnum):
    UNFINISHED = "unfinished"  # dated tasks not done
    STANDING = "standing"  # 长期坚持, monthly and quarterly tasks
    ENTERPRISES = "enterprises"  # enterprises of the relocation programme not yet through

    @property
    def label(self) -> str:
        return {"unfinished": "未完成的任务", "standing": "长期坚持（按月、按季度）的任务",
                "enterprises": "未完成的退城入园企业"}[self.value]


def close_year(db: Database, year: int) -> None:
    with db.transaction() as session:
        if year not in years.known_years(session):
            raise UserError(f"台账中没有{year}年度的事项，无需结转关闭。")
        row = session.get(PlanYear, year) or PlanYear(year=year)
        if row.closed_at is not None:
            raise UserError(f"{year}年度已于 {row.closed_at:%Y-%m-%d %H:%M} 结转关闭。")
        row.closed_at, row.closed_by = dt.datetime.now(), audit.current_user()
        session.add(row)


def reopen_year(db: Database, year: int) -> None:
    """For a correction the office must make after all; the year closes again afterwards."""
    with db.transaction() as session:
        row = session.get(PlanYear, year)
        if row is None or row.closed_at is None:
            raise UserError(f"{year}年度没有结转关闭，无需重新打开。")
        row.closed_at, row.closed_by = None, ""


def open_year(db: Database, year: int, carry: set[Carry]) -> dict[str, int]:
    """Open ``year`` after the year before it was closed; returns what was carried over."""
    previous = year - 1
    with db.transaction() as session:
        opened = session.get(PlanYear, year)
        if opened is not None:
            raise UserError(f"{year}年度已于 {opened.opened_at:%Y-%m-%d %H:%M} 开启，不能重复结转。")
        if previous in years.known_years(session) and not years.is_closed(session, previous):
            raise UserError(f"请先结转关闭{previous}年度（工具→年度结转，或 aqdesk year close {previous}），"
                            f"再开启{year}年度。")
        session.add(PlanYear(year=year))
        changes = audit.ChangeSet(session, source=SOURCE)
        counts = {"tasks": 0, "enterprises": 0}
        for task in session.scalars(select(Task).where(Task.plan_year == previous, Task.status != TaskStatus.DONE.value)
                                    .options(selectinload(Task.cooperators)).order_by(Task.number)):
            standing = task.deadline_kind != DeadlineKind.DATE.value
            if (Carry.STANDING if standing else Carry.UNFINISHED) in carry:
                changes.insert(_carried(task, year))
                counts["tasks"] += 1
        for enterprise in session.scalars(select(Enterprise).where(*years.in_year(previous))
                                          .options(selectinload(Enterprise.milestones))):
            unfinished = any(m.actual_date is None for m in enterprise.milestones)
            if unfinished and Carry.ENTERPRISES in carry:
                counts["enterprises"] += 1
            else:
                changes.update(enterprise, last_year=previous)
        return counts


def _carried(task: Task, year: int) -> Task:
    number = task.number if task.number.startswith(CARRIED_PREFIX) else CARRIED_PREFIX + task.number
    return Task(
        plan_year=year, number=number, category_id=task.category_id, title=task.title, target=task.target,
        lead_unit_id=task.lead_unit_id, leader=task.leader, start_date=task.start_date,
        deadline_kind=task.deadline_kind, deadline=task.deadline, status=task.status,
        progress_pct=task.progress_pct, done_on=task.done_on, latest_progress=task.latest_progress,
        problems=task.problems, next_steps=task.next_steps, last_reported_on=task.last_reported_on,
        cooperators=list(task.cooperators), carried_from_id=task.id,
    )

"""Editing the key-task ledger by hand: fields, progress reports, postponements.

Each call is one transaction and one audited, undoable action; ``expected_version`` is the
version the clerk saw, so an edit on top of someone else's newer change is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import DeadlineChange, Task, TaskProgress
from aqdesk.domain import validation
from aqdesk.domain.enums import DeadlineKind, TaskStatus
from aqdesk.domain.warning import Assessment
from aqdesk.errors import UserError
from aqdesk.services.common import audit, years
from aqdesk.services.common.editing import editing, refuse
from aqdesk.services.common.history import History
from aqdesk.services.common.warning_colours import Assessor

EDITABLE = ("title", "target", "leader", "start_date", "deadline_kind", "deadline", "status",
            "progress_pct", "done_on", "latest_progress", "problems", "next_steps")


@dataclass(frozen=True)
class Report:
    period: dt.date
    reported_on: dt.date
    progress: int
    text: str
    problems: str
    next_steps: str


@dataclass(frozen=True)
class Postponement:
    old: dt.date | None
    new: dt.date
    reason: str
    changed_on: dt.date


@dataclass(frozen=True)
class TaskDetail:
    id: int
    version: int
    number: str
    category: str
    lead: str
    cooperators: str
    fields: dict[str, Any]
    reports: list[Report]
    postponements: list[Postponement]
    warning: Assessment  # as of the date asked for: what the clerk reads first
    year: int = 0
    closed: bool = False  # its year is closed: it can be read, not changed


def task_detail(db: Database, task_id: int, as_of: dt.date | None = None) -> TaskDetail:
    with db.reading() as session:
        task = _get(session, task_id, options=True)
        day = as_of or dt.date.today()
        warning = Assessor.load(session, day).task(History.load(session, day).task(task))
        # a task carried over (结转) shows the reports and postponements of the years before
        chain = [task_id]
        while (earlier := session.scalar(select(Task.carried_from_id).where(Task.id == chain[-1]))) is not None:
            chain.append(earlier)
        changes = session.scalars(
            select(DeadlineChange).where(DeadlineChange.task_id.in_(chain)).order_by(DeadlineChange.id)
        )
        reports = session.scalars(select(TaskProgress).where(TaskProgress.task_id.in_(chain))
                                  .order_by(TaskProgress.period.desc(), TaskProgress.id.desc()))
        return TaskDetail(
            id=task.id, version=task.version, number=task.number, category=task.category.name,
            lead=task.lead_unit.name, cooperators="、".join(u.name for u in task.cooperators),
            fields={f: getattr(task, f) for f in EDITABLE},
            reports=[Report(r.period, r.reported_on, r.progress_pct, r.text, r.problems, r.next_steps)
                     for r in reports],
            postponements=[Postponement(c.old_date, c.new_date, c.reason, c.changed_on) for c in changes],
            warning=warning,
            year=task.plan_year, closed=years.is_closed(session, task.plan_year),
        )


def update_task(db: Database, task_id: int, expected_version: int, **values: Any) -> str | None:
    """Change fields of a task; returns the action id, or None when nothing changed."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with _writing(db, task_id, expected_version) as (session, task):
        merged = {f: values.get(f, getattr(task, f)) for f in EDITABLE}
        dated = merged["deadline_kind"] == DeadlineKind.DATE
        if not dated:
            merged["deadline"] = values["deadline"] = None
        refuse(validation.task_problems(title=merged["title"], start=merged["start_date"],
                                        deadline=merged["deadline"], progress=merged["progress_pct"], dated=dated))
        if "deadline" in values and dated and task.deadline and values["deadline"] != task.deadline:
            raise UserError("修改完成时限请使用“推迟”，并填写理由。")
        changes = audit.ChangeSet(session)
        changes.update(task, **values)
        return changes.action_id if changes.count else None


def add_report(db: Database, task_id: int, expected_version: int, *, period: dt.date, progress: int,
               text: str, problems: str = "", next_steps: str = "", reported_on: dt.date | None = None) -> str:
    """A blank 存在问题 or 下步计划 keeps what the task has (as a blank cell does in an import),
    so a short report does not erase what later letters quote."""
    refuse(validation.progress_report_problems(text=text, progress=progress, period=period))
    reported_on = reported_on or dt.date.today()
    with _writing(db, task_id, expected_version) as (session, task):
        changes = audit.ChangeSet(session)
        changes.insert(TaskProgress(task_id=task.id, period=period, reported_on=reported_on,
                                    progress_pct=progress, text=text, problems=problems, next_steps=next_steps))
        done = progress >= 100
        changes.update(
            task, progress_pct=progress, latest_progress=text, problems=problems.strip() or task.problems,
            next_steps=next_steps.strip() or task.next_steps,
            last_reported_on=reported_on,
            status=TaskStatus.DONE if done else TaskStatus.IN_PROGRESS,
            done_on=task.done_on or (reported_on if done else None),
        )
        return changes.action_id


def postpone(db: Database, task_id: int, expected_version: int, *, new_deadline: dt.date, reason: str,
             changed_on: dt.date | None = None) -> str:
    with _writing(db, task_id, expected_version) as (session, task):
        if task.deadline_kind != DeadlineKind.DATE:
            raise UserError(f"任务 {task.number} 为“{task.deadline_kind.label}”，没有可推迟的时限。")
        refuse(validation.postponement_problems(old=task.deadline, new=new_deadline, reason=reason))
        changes = audit.ChangeSet(session)
        changes.insert(DeadlineChange(task_id=task.id, old_date=task.deadline, new_date=new_deadline,
                                      reason=reason.strip(), changed_on=changed_on or dt.date.today()))
        changes.update(task, deadline=new_deadline)
        return changes.action_id


def _writing(db: Database, task_id: int, expected_version: int):
    return editing(db, Task, task_id, expected_version, label="该任务")


def _get(session: Session, task_id: int, options: bool = False) -> Task:
    query = select(Task).where(Task.id == task_id)
    if options:
        query = query.options(selectinload(Task.reports), selectinload(Task.cooperators),
                              selectinload(Task.category), selectinload(Task.lead_unit))
    task = session.scalars(query).first()
    if task is None:
        raise UserError("该任务已不存在（可能已被删除），请刷新。")
    return task

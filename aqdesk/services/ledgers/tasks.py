"""Reading the key-task ledger for screens and reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import DeadlineChange, Task, TaskShare, Unit
from aqdesk.domain.enums import Color, DeadlineKind, TaskStatus
from aqdesk.errors import UserError
from aqdesk.services.common import years
from aqdesk.services.common.history import History
from aqdesk.services.common.units import UnitDirectory
from aqdesk.services.common.warning_colours import Assessor


@dataclass(frozen=True)
class TaskRow:
    id: int
    number: str
    category: str
    title: str
    lead: str
    cooperator_names: tuple[str, ...]
    deadline: dt.date | None
    deadline_text: str
    status: TaskStatus
    progress: int
    latest: str
    color: Color
    reason: str
    days_left: int | None
    postponed: int
    days_text: str = ""  # 逾期/剩余 in the unit the reason uses
    carried: bool = False  # 结转: continued from an earlier year
    share_units: tuple[str, ...] = ()  # the units the task is split among, each with its own share

    @property
    def cooperators(self) -> str:
        return "、".join(self.cooperator_names)


def task_rows(db: Database, as_of: dt.date, year: int | None = None) -> list[TaskRow]:
    """The tasks of plan year ``year`` (by default the one ``as_of`` falls in)."""
    with db.reading() as session:
        assessor = Assessor.load(session, as_of)
        year = years.resolve(session, as_of, year)
        postponed = dict(session.execute(
            select(DeadlineChange.task_id, func.count()).where(DeadlineChange.task_id.is_not(None))
            .group_by(DeadlineChange.task_id)
        ).all())
        tasks = session.scalars(
            select(Task).options(
                selectinload(Task.category), selectinload(Task.lead_unit), selectinload(Task.cooperators),
                selectinload(Task.shares).selectinload(TaskShare.unit),
            ).where(Task.plan_year == year).order_by(Task.number)
        )
        history = History.load(session, as_of)
        rows = []
        for task in tasks:
            t = history.task(task)
            status, progress = t.status, t.progress_pct
            if t.shares:
                derived = assessor.shared(t)
                warning, progress = derived.warning, derived.progress
                status = TaskStatus.DONE if derived.done else TaskStatus.IN_PROGRESS if progress else t.status
            else:
                warning = assessor.task(t)
            kind = t.deadline_kind
            rows.append(TaskRow(
                id=t.id, number=task.number, category=task.category.name, title=task.title,
                lead=task.lead_unit.name, cooperator_names=tuple(u.name for u in task.cooperators),
                deadline=t.deadline,
                deadline_text=t.deadline.isoformat() if kind is DeadlineKind.DATE and t.deadline else kind.label,
                status=status, progress=progress, latest=t.latest_progress,
                color=warning.color, reason=warning.reason, days_left=warning.days_left,
                postponed=postponed.get(t.id, 0) + _earlier_postponements(session, task, postponed),
                carried=task.carried_from_id is not None, days_text=warning.days_text,
                share_units=tuple(sh.unit for sh in t.shares),
            ))
        return rows


def _earlier_postponements(session: Session, task: Task, counts: dict[int | None, int]) -> int:
    """A carried-over task keeps the postponements of the years it was carried from."""
    total, earlier = 0, task.carried_from_id
    while earlier is not None:
        total += counts.get(earlier, 0)
        earlier = session.scalar(select(Task.carried_from_id).where(Task.id == earlier))
    return total


def find_tasks(db: Database, as_of: dt.date, unit: str | None = None, color: Color | None = None,
               year: int | None = None) -> list[TaskRow]:
    """Tasks a unit leads, co-leads or has a share of (any of its names), of one colour, or all."""
    rows = task_rows(db, as_of, year)
    if unit is not None:
        with db.reading() as session:
            unit_id = UnitDirectory(session).find(unit)
            found = session.get(Unit, unit_id) if unit_id else None
            name = found.name if found is not None else None
        if name is None:
            raise UserError(f"找不到单位“{unit}”（请检查名称或简称）。")
        rows = [r for r in rows if r.lead == name or name in r.cooperator_names or name in r.share_units]
    if color is not None:
        rows = [r for r in rows if r.color is color]
    return rows

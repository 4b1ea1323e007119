"""Reading the key-task ledger for screens and reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import DeadlineChange, Task, Unit
from aqdesk.domain.enums import Color, DeadlineKind, TaskStatus
from aqdesk.errors import UserError
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

    @property
    def cooperators(self) -> str:
        return "、".join(self.cooperator_names)


def task_rows(db: Database, as_of: dt.date) -> list[TaskRow]:
    with db.reading() as session:
        assessor = Assessor.load(session, as_of)
        postponed = dict(session.execute(
            select(DeadlineChange.task_id, func.count()).where(DeadlineChange.task_id.is_not(None))
            .group_by(DeadlineChange.task_id)
        ).all())
        tasks = session.scalars(
            select(Task).options(
                selectinload(Task.category), selectinload(Task.lead_unit), selectinload(Task.cooperators)
            ).order_by(Task.number)
        )
        history = History.load(session, as_of)
        rows = []
        for task in tasks:
            t = history.task(task)
            warning = assessor.task(t)
            kind = DeadlineKind(t.deadline_kind)
            rows.append(TaskRow(
                id=t.id, number=task.number, category=task.category.name, title=task.title,
                lead=task.lead_unit.name, cooperator_names=tuple(u.name for u in task.cooperators),
                deadline=t.deadline,
                deadline_text=t.deadline.isoformat() if kind is DeadlineKind.DATE and t.deadline else kind.label,
                status=TaskStatus(t.status), progress=t.progress_pct, latest=t.latest_progress,
                color=warning.color, reason=warning.reason, days_left=warning.days_left,
                postponed=postponed.get(t.id, 0),
            ))
        return rows


def find_tasks(db: Database, as_of: dt.date, unit: str | None = None, color: Color | None = None) -> list[TaskRow]:
    """Tasks a unit leads or co-leads (any of its names), of one colour, or all."""
    rows = task_rows(db, as_of)
    if unit is not None:
        with db.reading() as session:
            unit_id = UnitDirectory(session).find(unit)
            name = session.get(Unit, unit_id).name if unit_id else None
        if name is None:
            raise UserError(f"找不到单位“{unit}”（请检查名称或简称）。")
        rows = [r for r in rows if r.lead == name or name in r.cooperator_names]
    if color is not None:
        rows = [r for r in rows if r.color is color]
    return rows

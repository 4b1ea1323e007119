"""Reading the key-task ledger for screens and reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import DeadlineChange, Task
from aqdesk.domain.enums import Color, DeadlineKind, TaskStatus
from aqdesk.services.warnings import Assessor


@dataclass(frozen=True)
class TaskRow:
    id: int
    number: str
    category: str
    title: str
    lead: str
    cooperators: str
    deadline: dt.date | None
    deadline_text: str
    status: str
    progress: int
    latest: str
    color: Color
    reason: str
    days_left: int | None
    postponed: int


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
        rows = []
        for t in tasks:
            warning = assessor.task(t)
            kind = DeadlineKind(t.deadline_kind)
            rows.append(TaskRow(
                id=t.id, number=t.number, category=t.category.name, title=t.title,
                lead=t.lead_unit.name, cooperators="、".join(u.name for u in t.cooperators),
                deadline=t.deadline,
                deadline_text=t.deadline.isoformat() if kind is DeadlineKind.DATE and t.deadline else kind.label,
                status=TaskStatus(t.status).label, progress=t.progress_pct, latest=t.latest_progress,
                color=warning.color, reason=warning.reason, days_left=warning.days_left,
                postponed=postponed.get(t.id, 0),
            ))
        return rows

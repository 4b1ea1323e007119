"""Reading the 双替代 ledger: each township's households against its target."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import SubstitutionTarget, Unit
from aqdesk.domain.enums import Color, SubstitutionKind
from aqdesk.services.warnings import Assessor


@dataclass(frozen=True)
class TownshipRow:
    id: int
    county: str
    township: str
    kind: str
    target: int
    completed: int
    accepted: int
    percent: float | None
    deadline: dt.date | None
    color: Color
    reason: str
    data_error: str


def township_rows(db: Database, as_of: dt.date) -> list[TownshipRow]:
    with db.reading() as session:
        assessor = Assessor.load(session, as_of)
        targets = session.scalars(
            select(SubstitutionTarget)
            .options(selectinload(SubstitutionTarget.township).selectinload(Unit.parent))
            .order_by(SubstitutionTarget.id)
        )
        rows = []
        for t in targets:
            warning = assessor.township(t)
            rows.append(TownshipRow(
                id=t.id, county=t.township.parent.name if t.township.parent else "",
                township=t.township.name, kind=SubstitutionKind(t.kind).label,
                target=t.target_households, completed=t.completed, accepted=t.accepted,
                percent=100.0 * t.completed / t.target_households if t.target_households else None,
                deadline=t.deadline, color=warning.color, reason=warning.reason,
                data_error=data_error(t.target_households, t.completed, t.accepted),
            ))
        return rows


def data_error(target: int, completed: int, accepted: int) -> str:
    problems = []
    if completed > target:
        problems.append(f"已完成{completed}户超过任务{target}户")
    if accepted > completed:
        problems.append(f"已验收{accepted}户超过已完成{completed}户")
    return "；".join(problems)

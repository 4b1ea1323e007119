"""双替代 ledger: each township's households against its target, roll-ups, hand edits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import SubstitutionTarget, Unit
from aqdesk.domain.enums import Color, SubstitutionKind
from aqdesk.domain.substitution import Households, data_error, figure_problems, roll_up
from aqdesk.services import audit
from aqdesk.services.editing import editing, refuse
from aqdesk.services.warnings import Assessor


@dataclass(frozen=True)
class TownshipRow:
    id: int
    version: int
    county: str
    township: str
    kind: SubstitutionKind
    target: int
    completed: int
    accepted: int
    percent: float | None
    deadline: dt.date | None
    color: Color
    reason: str
    days_left: int | None
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
                id=t.id, version=t.version, county=t.township.parent.name if t.township.parent else "",
                township=t.township.name, kind=SubstitutionKind(t.kind),
                target=t.target_households, completed=t.completed, accepted=t.accepted,
                percent=100.0 * t.completed / t.target_households if t.target_households else None,
                deadline=t.deadline or assessor.heating_season_start, color=warning.color, reason=warning.reason,
                days_left=warning.days_left, data_error=data_error(t.target_households, t.completed, t.accepted),
            ))
        return rows


def totals(rows: list[TownshipRow]) -> dict[tuple[str, str], Households]:
    """Per (county, kind label), per (county, ""), and for 全市."""
    return roll_up((r.county, r.kind.label, r.target, r.completed, r.accepted) for r in rows)


def update_township(db: Database, target_id: int, expected_version: int, *, target: int, completed: int,
                    accepted: int, deadline: dt.date | None) -> str | None:
    refuse(figure_problems(target, completed, accepted))
    with editing(db, SubstitutionTarget, target_id, expected_version, label="该乡镇任务") as (session, row):
        changes = audit.ChangeSet(session)
        changes.update(row, target_households=target, completed=completed, accepted=accepted, deadline=deadline)
        return changes.action_id if changes.count else None

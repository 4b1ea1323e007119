"""Reading the supervision sheets (三色督办单) and where each stands in its loop."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import SupervisionSheet
from aqdesk.domain import loop
from aqdesk.domain.enums import Color, LoopStep
from aqdesk.services.common import years
from aqdesk.services.common.history import History
from aqdesk.services.common.warning_colours import Assessor
from aqdesk.services.supervision.sheet_items import unit_name


@dataclass(frozen=True)
class SheetRow:
    id: int
    number: str
    level: Color
    unit: str
    subject: str
    issued_on: dt.date
    deadline: dt.date
    state: str
    color: Color
    reason: str
    step: LoopStep = LoopStep.ISSUED
    answered_on: dt.date | None = None
    late: bool = False  # the unit's feedback came after the deadline, or has not come and it passed
    days_left: int | None = None  # natural days to its deadline, negative when overdue; None once closed

    @property
    def closed(self) -> bool:
        return self.step is LoopStep.CLOSED


def sheet_rows(db: Database, as_of: dt.date, unit: str | None = None, year: int | None = None) -> list[SheetRow]:
    """Every sheet of plan year ``year`` (by default the one ``as_of`` falls in), newest
    first, or one unit's history (any of its names)."""
    name = unit_name(db, unit) if unit is not None else None
    with db.reading() as session:
        assessor = Assessor.load(session, as_of)
        year = years.resolve(session, as_of, year)
        sheets = session.scalars(
            select(SupervisionSheet).where(SupervisionSheet.year == year)
            .options(selectinload(SupervisionSheet.unit), selectinload(SupervisionSheet.steps))
            .order_by(SupervisionSheet.issued_on.desc(), SupervisionSheet.id.desc())
        )
        history = History.load(session, as_of)
        rows = []
        for s in sheets:
            if (name is not None and s.unit.name != name) or s.issued_on > as_of:
                continue
            steps = [(p.step, p.on_date) for p in sorted(s.steps, key=lambda p: (p.on_date, p.id))]
            steps, state = history.sheet_steps(steps, s.state)
            warning = assessor.sheet_dates(s.deadline, state)
            rows.append(SheetRow(
                id=s.id, number=s.number, level=s.level, unit=s.unit.name, subject=s.subject,
                issued_on=s.issued_on, deadline=s.deadline, state=state.label,
                color=warning.color, reason=warning.reason, step=state,
                answered_on=loop.answered_on(steps), late=loop.answered_late(s.deadline, steps, as_of),
                days_left=warning.days_left,
            ))
        return rows

"""Reading the supervision sheets (三色督办单) and where each stands in its loop."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import SupervisionSheet
from aqdesk.domain.enums import Color, LoopStep
from aqdesk.services.warnings import Assessor


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


def sheet_rows(db: Database, as_of: dt.date) -> list[SheetRow]:
    with db.reading() as session:
        assessor = Assessor.load(session, as_of)
        sheets = session.scalars(
            select(SupervisionSheet).options(selectinload(SupervisionSheet.unit))
            .order_by(SupervisionSheet.issued_on.desc(), SupervisionSheet.id.desc())
        )
        rows = []
        for s in sheets:
            warning = assessor.sheet(s)
            rows.append(SheetRow(
                id=s.id, number=s.number, level=Color(s.level), unit=s.unit.name, subject=s.subject,
                issued_on=s.issued_on, deadline=s.deadline, state=LoopStep(s.state).label,
                color=warning.color, reason=warning.reason,
            ))
        return rows

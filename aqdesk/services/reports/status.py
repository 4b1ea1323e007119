"""Warning-colour counts for the whole office as of a date (``aqdesk status``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from aqdesk.db.database import Database
from aqdesk.db.models import Task, Unit
from aqdesk.domain.enums import Color, UnitKind
from aqdesk.services.common import years
from aqdesk.services.common.history import History
from aqdesk.services.common.warning_colours import Assessor


@dataclass
class ColorCounts:
    red: int = 0
    yellow: int = 0
    green: int = 0

    def add(self, color: Color) -> None:
        setattr(self, color.value, getattr(self, color.value) + 1)

    @property
    def total(self) -> int:
        return self.red + self.yellow + self.green

    def as_dict(self) -> dict[str, int]:
        return {"red": self.red, "yellow": self.yellow, "green": self.green}


@dataclass
class UnitCounts:
    name: str
    kind: UnitKind
    counts: ColorCounts = field(default_factory=ColorCounts)


@dataclass
class Status:
    as_of: dt.date
    tasks: ColorCounts
    units: list[UnitCounts]

    def as_json(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "tasks": self.tasks.as_dict(),
            "units": [{"name": u.name, "kind": u.kind.label, **u.counts.as_dict()} for u in self.units],
        }


def office_status(db: Database, as_of: dt.date, year: int | None = None) -> Status:
    with db.reading() as session:
        return _status(session, as_of, years.resolve(session, as_of, year))


def _status(session: Session, as_of: dt.date, year: int) -> Status:
    assessor = Assessor.load(session, as_of)
    units = {
        u.id: UnitCounts(u.name, u.kind)
        for u in session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id))
    }
    totals = ColorCounts()
    leading: set[int] = set()
    history = History.load(session, as_of)
    for task in session.scalars(select(Task).where(Task.plan_year == year)):
        color = assessor.task(history.task(task)).color
        totals.add(color)
        units[task.lead_unit_id].counts.add(color)
        leading.add(task.lead_unit_id)
    ranked = [u for uid, u in units.items() if u.kind is not UnitKind.TOWNSHIP or uid in leading]
    ranked.sort(key=lambda u: (-u.counts.red, -u.counts.yellow))
    return Status(as_of, totals, ranked)



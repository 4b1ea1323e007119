"""部门视图: each unit's tasks, led and co-led, with counts, completion and the office's
ranking (``reports.ranking``: departments and counties each ranked on their own)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from aqdesk.db.database import Database
from aqdesk.domain.enums import TaskStatus
from aqdesk.services.ledgers.tasks import TaskRow, task_rows
from aqdesk.services.reports.ranking import ranking
from aqdesk.services.reports.status import ColorCounts


@dataclass
class UnitSummary:
    name: str
    led: ColorCounts = field(default_factory=ColorCounts)
    co_led: int = 0
    rank: int | None = None  # among the units of its kind; None for a unit not ranked
    score: float | None = None
    kind: str = ""  # 市直部门 | 县区, for a ranked unit
    done: int = 0
    tasks: list[tuple[str, TaskRow]] = field(default_factory=list)  # (牵头/配合/分工, row)

    @property
    def completion(self) -> float | None:
        return 100.0 * self.done / self.led.total if self.led.total else None

    @property
    def overdue(self) -> int:
        return self.led.red


def unit_summaries(db: Database, as_of: dt.date, year: int | None = None) -> list[UnitSummary]:
    """Units that lead or co-lead a task of plan year ``year``: departments by rank, then
    counties by rank, then the rest (townships leading a task), most overdue first."""
    units: dict[str, UnitSummary] = {}
    for row in task_rows(db, as_of, year):
        lead = units.setdefault(row.lead, UnitSummary(row.lead))
        lead.led.add(row.color)
        lead.done += row.status is TaskStatus.DONE
        lead.tasks.append(("牵头", row))
        for name in row.cooperator_names:
            co = units.setdefault(name, UnitSummary(name))
            co.co_led += 1
            co.tasks.append(("配合", row))
        for name in row.share_units:  # a unit with its own share of the task, not already listed
            if name != row.lead and name not in row.cooperator_names:
                sharer = units.setdefault(name, UnitSummary(name))
                sharer.co_led += 1
                sharer.tasks.append(("分工", row))
    order = {}
    for n, score in enumerate(ranking(db, as_of).all):
        order[score.unit] = n
        if score.unit in units:
            found = units[score.unit]
            found.rank, found.score, found.kind = score.rank, score.score, score.kind.label
    return sorted(units.values(), key=lambda u: (order.get(u.name, len(order)), -u.led.red, u.name))



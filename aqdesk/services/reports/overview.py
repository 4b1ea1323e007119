"""The overview (总览) and ``status --json``: every ledger's colours as of a date, the most
overdue items across ledgers, and the city-wide figures leaders ask for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from aqdesk.db.database import Database
from aqdesk.domain.enums import Color, ItemKind
from aqdesk.domain.loose_coal import FIGURES
from aqdesk.domain.substitution import CITY, Households
from aqdesk.services.ledgers import loose_coal, relocation, substitution, tasks
from aqdesk.services.reports.air_section import air_figures, by_colour
from aqdesk.services.reports.ranking import Ranking, ranking
from aqdesk.services.reports.status import ColorCounts, UnitCounts, office_status
from aqdesk.services.supervision import sheet_list

MOST_OVERDUE = 10


@dataclass(frozen=True)
class OverdueItem:
    ledger: ItemKind  # the screen that opens it
    id: int
    kind: str
    label: str
    unit: str
    days_overdue: int
    reason: str


@dataclass(frozen=True)
class Overview:
    as_of: dt.date
    tasks: ColorCounts
    units: list[UnitCounts]
    milestones: ColorCounts
    enterprises: ColorCounts
    townships: ColorCounts
    counties: ColorCounts
    sheets: ColorCounts
    stages: dict[str, int]
    households: dict[str, Households]  # by kind label, and "" for both kinds
    loose_coal: dict[str, tuple[float, float]]  # figure → (year to date, target)
    most_overdue: list[OverdueItem]
    ranking: Ranking
    air: dict[Color, list[str]]  # county names by their air-quality colour, in ranking order

    def as_json(self) -> dict:
        ranked = self.ranking.by_name()

        def place(name: str) -> dict:
            unit = ranked.get(name)
            return {"rank": unit.rank if unit else None, "score": unit.score if unit else None}

        return {
            "as_of": self.as_of.isoformat(),
            "tasks": self.tasks.as_dict(),
            "units": [{"name": u.name, "kind": u.kind.label, **u.counts.as_dict(), **place(u.name)}
                      for u in self.units],
            "ranking": self.ranking.as_json(),
            "loose_coal": {**self.counties.as_dict(), "totals": {
                label: {"actual": actual, "target": target} for (key, label) in FIGURES
                for actual, target in [self.loose_coal[key]]}},
            "relocation": {**self.enterprises.as_dict(), "milestones": self.milestones.as_dict(),
                           "stages": self.stages},
            "substitution": {**self.townships.as_dict(), "households": {
                kind: {"target": h.target, "completed": h.completed, "accepted": h.accepted}
                for kind, h in self.households.items() if kind}},
            "sheets": self.sheets.as_dict(),
            "most_overdue": [{"kind": i.kind, "item": i.label, "unit": i.unit, "days_overdue": i.days_overdue}
                             for i in self.most_overdue],
        }


def overview(db: Database, as_of: dt.date, year: int | None = None) -> Overview:
    status = office_status(db, as_of, year)
    task_rows = tasks.task_rows(db, as_of, year)
    enterprises = relocation.enterprise_rows(db, as_of, year)
    townships = substitution.township_rows(db, as_of, year)
    counties = loose_coal.county_rows(db, as_of, year)
    sheets = sheet_list.sheet_rows(db, as_of, year=year)
    totals = substitution.totals(townships)
    return Overview(
        as_of=as_of, tasks=status.tasks, units=status.units,
        milestones=_count(m for e in enterprises for m in e.milestones),
        enterprises=_count(enterprises), townships=_count(townships), counties=_count(counties),
        sheets=_count(sheets), stages=relocation.stage_counts(enterprises),
        households={kind: h for (county, kind), h in totals.items() if county == CITY},
        loose_coal={key: (sum(c.actual[key] for c in counties), sum(c.target[key] for c in counties))
                    for key, _label in FIGURES},
        most_overdue=_most_overdue(as_of, task_rows, enterprises, townships, sheets),
        ranking=ranking(db, as_of, sheets=sheets),
        air=by_colour(air_figures(db, as_of)),
    )


def _count(rows) -> ColorCounts:
    counts = ColorCounts()
    for row in rows:
        counts.add(row.color)
    return counts


def _most_overdue(as_of, task_rows, enterprises, townships, sheets) -> list[OverdueItem]:
    items = [
        OverdueItem(ItemKind.TASK, t.id, ItemKind.TASK.label, f"{t.number} {t.title}", t.lead, -t.days_left, t.reason)
        for t in task_rows if t.color is Color.RED and t.days_left is not None
    ] + [
        OverdueItem(ItemKind.ENTERPRISE, e.id, ItemKind.ENTERPRISE.label, e.name, e.county, -e.days_left, e.reason)
        for e in enterprises if e.color is Color.RED and e.days_left is not None
    ] + [
        OverdueItem(ItemKind.TOWNSHIP, t.id, ItemKind.TOWNSHIP.label, f"{t.township}（{t.kind.label}）", t.county, -t.days_left, t.reason)
        for t in townships if t.color is Color.RED and t.days_left is not None
    ] + [
        OverdueItem(ItemKind.SHEET, s.id, ItemKind.SHEET.label, f"{s.number} {s.subject}", s.unit, (as_of - s.deadline).days, s.reason)
        for s in sheets if s.color is Color.RED
    ]
    items.sort(key=lambda i: -i.days_overdue)
    return items[:MOST_OVERDUE]

"""The figures a monthly 通报 publishes, gathered as of a date into plain JSON-ready data, so
that issuing can freeze exactly what was published (``reports.bulletin``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select

from aqdesk.db.database import Database
from aqdesk.db.models import SheetStep, SupervisionSheet
from aqdesk.domain.enums import Color, LoopStep, TaskStatus
from aqdesk.domain.substitution import CITY
from aqdesk.services.common import workdays
from aqdesk.services.ledgers import loose_coal, relocation, substitution, tasks
from aqdesk.services.reports.air_section import air_figures
from aqdesk.services.reports.ranking import ranking
from aqdesk.services.supervision import summons
from aqdesk.services.supervision.sheet_items import all_items
from aqdesk.services.supervision.sheet_list import sheet_rows

COMMENDED = 3
LISTED = 10  # a unit's most overdue items in the 附件; a county with 300 red townships gets a count  # the top units of each ranking with no red item are named for praise


def month_of(text: str) -> dt.date:
    """``"2026-11"`` → 2026-11-01; a clear message for anything else."""
    from aqdesk.errors import UserError

    try:
        year, month = (int(part) for part in text.strip().split("-")[:2])
        return dt.date(year, month, 1)
    except ValueError:
        raise UserError(f"通报期应写作“2026-11”（年-月），而不是“{text}”。") from None


def month_end(first: dt.date) -> dt.date:
    return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def gather(db: Database, period: dt.date, as_of: dt.date) -> dict:
    items = all_items(db, as_of)
    sheets = sheet_rows(db, as_of)
    ranked = ranking(db, as_of, items=items, sheets=sheets)
    task_list = tasks.task_rows(db, as_of)
    enterprises = relocation.enterprise_rows(db, as_of)
    counties = loose_coal.county_rows(db, as_of)
    households = {kind: h for (county, kind), h in substitution.totals(substitution.township_rows(db, as_of)).items()
                  if county == CITY and kind}
    colors = {c: sum(t.color is c for t in task_list) for c in Color}
    categories: dict[str, dict] = {}
    for t in task_list:
        c = categories.setdefault(t.category, {"name": t.category, "total": 0, "done": 0, "red": 0, "progress": 0})
        c["total"] += 1
        c["done"] += t.status is TaskStatus.DONE
        c["red"] += t.color is Color.RED
        c["progress"] += t.progress
    for c in categories.values():
        c["progress"] = round(c["progress"] / c["total"], 1)
    red: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        if item.open and item.color is Color.RED and item.kind != "enterprise" and item.deadline is not None:
            red[item.unit].append({"label": item.label, "kind": item.kind_label, "days": (as_of - item.deadline).days})
    proposals = summons.summons_list(db, as_of)
    return {
        "period": period.isoformat()[:7], "as_of": as_of.isoformat(),
        "air": air_figures(db, as_of),
        "tasks": {"total": len(task_list), "done": sum(t.status is TaskStatus.DONE for t in task_list),
                  **{c.value: n for c, n in colors.items()}},
        "categories": list(categories.values()),
        "ranking": ranked.as_json(),
        "red_by_unit": [{"unit": unit, "count": len(found), "items": sorted(found, key=lambda i: -i["days"])[:LISTED]}
                        for unit, found in sorted(red.items(), key=lambda kv: (-len(kv[1]), kv[0]))],
        "sheets": _sheet_figures(db, period, as_of, sheets),
        "substitution": {kind: {"target": h.target, "completed": h.completed, "accepted": h.accepted}
                         for kind, h in households.items()},
        "relocation": relocation.stage_counts(enterprises),
        "loose_coal": {"relapse_points": sum(c.relapse_points for c in counties),
                       "relapsed": [c.county for c in counties if c.relapse_points]},
        "summons": [{"unit": r.unit, "reason": r.reason} for r in proposals.rows],
        "commend": [u["unit"] for kind in ("departments", "counties")
                    for u in ranked.as_json()[kind][:COMMENDED] if u["red"] == 0],
    }


def _sheet_figures(db: Database, period: dt.date, as_of: dt.date, sheets) -> dict:
    """Sheets issued in the month: how many, signed for within one working day, answered by
    their deadline (of those whose deadline has come), sent back by the office's check."""
    end = min(month_end(period), as_of)
    mine = {s.id: s for s in sheets if period <= s.issued_on <= end}
    with db.reading() as session:
        calendar = workdays.load(session)
        steps: dict[int, list[tuple[str, dt.date]]] = defaultdict(list)
        for sheet_id, step, on in session.execute(select(SheetStep.sheet_id, SheetStep.step, SheetStep.on_date)
                                                  .join(SupervisionSheet).where(SupervisionSheet.id.in_(mine))):
            steps[sheet_id].append((step, on))
    signed = sum(any(step == LoopStep.RECEIVED and on <= calendar.add_workdays(s.issued_on, 1)
                     for step, on in steps[s.id]) for s in mine.values())
    due = [s for s in mine.values() if s.deadline < as_of or s.answered_on is not None]
    answered = sum(not s.late for s in due)
    return {"issued": len(mine), "signed_on_time": signed, "due": len(due), "answered_on_time": answered,
            "returned": sum(any(step == LoopStep.RETURNED for step, _on in steps[s.id]) for s in mine.values()),
            "by_level": {c.value: sum(s.level is c for s in mine.values()) for c in Color}}

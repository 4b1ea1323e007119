"""Reading the 散煤治理 ledger: each county's year-to-date figures against its targets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from aqdesk.db.database import Database
from aqdesk.db.models import LooseCoalReport, LooseCoalTarget, Unit
from aqdesk.domain.enums import Color, UnitKind

FIGURES = (
    ("banned_points", "取缔散煤销售点（个）"),
    ("clean_coal_outlets", "洁净型煤配送网点（个）"),
    ("clean_coal_tonnes", "配送洁净型煤（吨）"),
    ("inspections", "检查次数"),
    ("inferior_coal_tonnes", "查处劣质煤（吨）"),
    ("cases", "立案（起）"),
)


@dataclass(frozen=True)
class CountyRow:
    county: str
    latest_period: dt.date | None
    actual: dict[str, float]
    target: dict[str, float]
    relapse_points: int
    color: Color
    reason: str


def county_rows(db: Database, as_of: dt.date) -> list[CountyRow]:
    year = as_of.year
    with db.reading() as session:
        counties = session.scalars(
            select(Unit).where(Unit.kind == UnitKind.COUNTY).order_by(Unit.sort_order, Unit.id)
        ).all()
        targets = {t.county_id: t for t in session.scalars(
            select(LooseCoalTarget).where(LooseCoalTarget.year == year))}
        reports: dict[int, list[LooseCoalReport]] = {}
        for r in session.scalars(
            select(LooseCoalReport)
            .where(LooseCoalReport.period >= dt.date(year, 1, 1), LooseCoalReport.period <= as_of)
            .order_by(LooseCoalReport.period)
        ):
            reports.setdefault(r.county_id, []).append(r)
        rows = []
        for county in counties:
            mine, target = reports.get(county.id, []), targets.get(county.id)
            if not mine and target is None:
                continue
            actual = {f: sum(getattr(r, f) for r in mine) for f, _ in FIGURES}
            goal = {f: getattr(target, f) if target else 0 for f, _ in FIGURES}
            relapse = mine[-1].relapse_points if mine else 0
            color, reason = _assess(actual, goal, relapse)
            rows.append(CountyRow(county.name, mine[-1].period if mine else None, actual, goal,
                                  relapse, color, reason))
        return rows


def _assess(actual: dict[str, float], goal: dict[str, float], relapse: int) -> tuple[Color, str]:
    if relapse > 0:
        return Color.RED, f"反弹点位{relapse}个"
    behind = [label for f, label in FIGURES if goal[f] and actual[f] < goal[f] * 0.8]
    if behind:
        return Color.YELLOW, "未达目标八成：" + "、".join(label.split("（")[0] for label in behind[:2])
    return Color.GREEN, "无反弹，进度正常"

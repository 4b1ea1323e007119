"""One ranking of the responsible units, used by 总览, 部门视图, the Excel 分单位汇总,
``status --json`` and the 通报: departments and counties ranked separately, by rates rather
than raw counts, so a unit with 12 tasks is not punished for having more work than one with 3.

Score (the office sets the three weights, in per cent, under 选项):

    得分 = 按时完成率 − 红色权重 × 红色事项占比 − 督办权重 × 督办单逾期或退回占比
           − 缺报权重 × 缺报率

按时完成率   of the unit's items whose deadline has passed or that are done, the share done
             by the deadline (100 when nothing has fallen due yet);
红色事项占比 of all the unit's items, the share red now;
督办单…占比 of the sheets issued to the unit, the share answered late (or not answered by
             the deadline) or now sent back by the office's check;
缺报率       of the last six reporting periods that have fallen due, the share without a return.

Items are key tasks (by lead unit), 退城入园 milestones, 双替代 townships and 散煤 (by county).
Equal scores share a rank (1, 1, 3).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from aqdesk.db.database import Database
from aqdesk.db.models import Unit
from aqdesk.domain.enums import Color, LoopStep, UnitKind
from aqdesk.domain.periods import Period, ReportingRule
from aqdesk.services.common import settings
from aqdesk.services.reports.returns import received_in, reporting_units
from aqdesk.services.supervision.sheet_items import Item, all_items
from aqdesk.services.supervision.sheet_list import SheetRow, sheet_rows

RANKED_PERIODS = 6
RANKED_KINDS = (UnitKind.DEPARTMENT, UnitKind.COUNTY)


@dataclass(frozen=True)
class Weights:
    red: int = 50
    late_sheets: int = 30
    missing_returns: int = 20

    @property
    def rule(self) -> str:
        return (f"得分=按时完成率−{self.red}%×红色事项占比−{self.late_sheets}%×督办单逾期或退回占比"
                f"−{self.missing_returns}%×缺报率（均按百分数计；按时完成率指已到期或已完成事项中按期完成的比例，"
                f"缺报率按最近{RANKED_PERIODS}个已到截止日的报送期计）")


@dataclass
class UnitScore:
    unit: str
    kind: UnitKind
    items: int = 0
    due: int = 0  # fallen due or done
    on_time: int = 0
    colors: dict[Color, int] = field(default_factory=lambda: dict.fromkeys(Color, 0))
    sheets: int = 0
    late_sheets: int = 0  # late or sent back
    periods: int = 0
    missed: int = 0
    score: float = 0.0
    rank: int = 0

    @property
    def on_time_rate(self) -> float:
        return 100.0 * self.on_time / self.due if self.due else 100.0

    @property
    def red_rate(self) -> float:
        return 100.0 * self.colors[Color.RED] / self.items if self.items else 0.0

    @property
    def late_sheet_rate(self) -> float:
        return 100.0 * self.late_sheets / self.sheets if self.sheets else 0.0

    @property
    def missing_rate(self) -> float:
        return 100.0 * self.missed / self.periods if self.periods else 0.0

    def as_dict(self) -> dict:
        return {"unit": self.unit, "kind": self.kind.label, "rank": self.rank, "score": self.score,
                "on_time_rate": round(self.on_time_rate, 1), "red_rate": round(self.red_rate, 1),
                "late_sheet_rate": round(self.late_sheet_rate, 1), "missing_rate": round(self.missing_rate, 1),
                "items": self.items, "red": self.colors[Color.RED], "sheets": self.sheets,
                "late_sheets": self.late_sheets, "missed_periods": self.missed}


@dataclass(frozen=True)
class Ranking:
    as_of: dt.date
    weights: Weights
    departments: list[UnitScore]
    counties: list[UnitScore]

    @property
    def rule(self) -> str:
        return self.weights.rule

    @property
    def all(self) -> list[UnitScore]:
        return self.departments + self.counties

    def by_name(self) -> dict[str, UnitScore]:
        return {u.unit: u for u in self.all}

    def as_json(self) -> dict:
        return {"rule": self.rule, "departments": [u.as_dict() for u in self.departments],
                "counties": [u.as_dict() for u in self.counties]}


def ranking(db: Database, as_of: dt.date, items: list[Item] | None = None,
            sheets: list[SheetRow] | None = None) -> Ranking:
    """``items`` and ``sheets`` may be passed by a caller that has read them already."""
    items = all_items(db, as_of) if items is None else items
    sheets = sheet_rows(db, as_of) if sheets is None else sheets
    with db.reading() as session:
        values = settings.load(session).ranking
        weights = Weights(values.weight_red, values.weight_late_sheets,
                          values.weight_missing_returns)
        units = {name: UnitScore(name, UnitKind(kind)) for name, kind in session.execute(
            select(Unit.name, Unit.kind).where(Unit.parent_id.is_(None), Unit.active,
                                               Unit.kind.in_([k.value for k in RANKED_KINDS])))}
        county_of = _township_counties(session)
        owing = [u.name for u in reporting_units(session)]
        periods = recent_periods(settings.load(session).reporting_rule(), as_of)
        received = [{u for u in received_in(session, p)} for p in periods]
        ids = dict(session.execute(select(Unit.name, Unit.id).where(Unit.parent_id.is_(None))).all())
    for item in items:
        if item.kind == "enterprise":
            continue
        score = units.get(item.unit) or units.get(county_of.get(item.unit, ""))
        if score is None:
            continue
        score.items += 1
        if item.open:
            score.colors[item.color] += 1
        if not item.open or (item.deadline is not None and item.deadline < as_of):
            score.due += 1
            score.on_time += not item.open and not item.done_late
    for s in sheets:
        score = units.get(s.unit)
        if score is not None:
            score.sheets += 1
            score.late_sheets += s.late or s.step is LoopStep.RETURNED
    for name in owing:
        if name in units:
            units[name].periods = len(periods)
            units[name].missed = sum(ids[name] not in got for got in received)
    for u in units.values():
        u.score = round(u.on_time_rate - (weights.red * u.red_rate + weights.late_sheets * u.late_sheet_rate
                                          + weights.missing_returns * u.missing_rate) / 100, 1)
    return Ranking(as_of, weights, *(_ranked([u for u in units.values() if u.kind is kind and _counts(u)])
                                     for kind in RANKED_KINDS))


def recent_periods(rule: ReportingRule, as_of: dt.date, count: int = RANKED_PERIODS) -> list[Period]:
    """The last ``count`` periods whose returns have fallen due by ``as_of``, newest first."""
    period = rule.period_of(as_of)
    periods = []
    while len(periods) < count:
        if period.due < as_of:
            periods.append(period)
        period = rule.period_of(period.start - dt.timedelta(days=1))
    return periods


def _counts(u: UnitScore) -> bool:
    """A unit with nothing to answer for is not ranked."""
    return bool(u.items or u.sheets or u.periods)


def _ranked(units: list[UnitScore]) -> list[UnitScore]:
    units.sort(key=lambda u: (-u.score, u.unit))
    for i, u in enumerate(units):
        u.rank = units[i - 1].rank if i and u.score == units[i - 1].score else i + 1
    return units


def _township_counties(session) -> dict[str, str]:
    """Township name → county name, for the townships whose name is theirs alone."""
    found: dict[str, set[str]] = defaultdict(set)
    parent = Unit.__table__.alias("parent")
    for township, county in session.execute(select(Unit.name, parent.c.name).join(parent, parent.c.id == Unit.parent_id)):
        found[township].add(county)
    return {t: next(iter(c)) for t, c in found.items() if len(c) == 1}

"""The ledger items a supervision sheet or letter can be about, with their warning colour
and the unit that answers for them.

An item is named by its natural key, as clerks write it: a task number (``2-07``), an
enterprise's credit code or name (``代码:停产`` for one milestone), a township or a county.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import (
    Enterprise,
    InspectionFinding,
    SubstitutionTarget,
    SummonsCommitment,
    SummonsRecord,
    Task,
    TaskShare,
    Unit,
)
from aqdesk.domain.enums import Color, ItemKind, MilestoneKind, SubstitutionKind, TaskStatus
from aqdesk.domain.followup import InspectionKind
from aqdesk.domain.names import normalize_name
from aqdesk.domain.palette import SEVERITY
from aqdesk.errors import UserError
from aqdesk.services.common import years
from aqdesk.services.common.history import History
from aqdesk.services.common.units import UnitDirectory
from aqdesk.services.common.warning_colours import Assessor
from aqdesk.services.ledgers import loose_coal

KIND_ORDER = {kind: i for i, kind in enumerate(ItemKind)}


@dataclass(frozen=True)
class Item:
    kind: ItemKind
    id: int
    key: str
    label: str
    unit: str  # the unit that answers for the item
    deadline: dt.date | None
    color: Color
    reason: str
    problems: str = ""
    open: bool = True  # not yet done; done items are never listed for a sheet or letter
    done_late: bool = False  # done, but after its deadline (the ranking's on-time rate)
    task_id: int = 0  # a share's task, the screen that opens it

    @property
    def kind_label(self) -> str:
        return self.kind.label

    @property
    def subject(self) -> str:
        """The label without a task's number, for sentences that name the number apart."""
        if self.kind is ItemKind.SHARE:
            return self.label.partition(" ")[2]
        return self.label.removeprefix(self.key).strip() if self.kind is ItemKind.TASK else self.label

    @property
    def number(self) -> str:
        """A task's number, for a task or one unit's share of it."""
        return self.key.partition(":")[0] if self.kind in (ItemKind.TASK, ItemKind.SHARE) else ""


def severity(item: Item) -> tuple:
    return (SEVERITY[item.color], KIND_ORDER[item.kind], item.key)


def suggest_level(items: Iterable[Item]) -> Color:
    """The sheet level the items call for: the worst of their warning colours."""
    return min((i.color for i in items), key=SEVERITY.__getitem__, default=Color.GREEN)


def all_items(db: Database, as_of: dt.date, year: int | None = None) -> list[Item]:
    """The items of plan year ``year`` (by default the one ``as_of`` falls in)."""
    counties = loose_coal.county_rows(db, as_of, year)
    with db.reading() as session:
        assessor = Assessor.load(session, as_of)
        year = years.resolve(session, as_of, year)
        items = []
        history = History.load(session, as_of)
        for task in session.scalars(select(Task).where(Task.plan_year == year).options(
                selectinload(Task.lead_unit), selectinload(Task.shares).selectinload(TaskShare.unit))
                .order_by(Task.number)):
            items.extend(_task_items(assessor, history.task(task), task))
        for e in session.scalars(select(Enterprise).where(*years.in_year(year)).options(
                selectinload(Enterprise.milestones), selectinload(Enterprise.county)).order_by(Enterprise.id)):
            items.extend(_enterprise_items(assessor, history, e))
        items.extend(_township_items(session, assessor, history, year))
        directory = UnitDirectory(session)
        for c in counties:
            items.append(Item(ItemKind.COUNTY, directory.find(c.county) or 0, c.county, f"{c.county}散煤治理",
                              c.county, None, c.color, c.reason))
        items.extend(_followup_items(session, assessor))
    return items


def _task_items(assessor: Assessor, t, task: Task) -> list[Item]:
    """A task, answered for by its lead; a shared one also as each other unit's share, which
    is that unit's item (its letter lists it, its ranking counts it) and names the lead."""
    lead = task.lead_unit.name
    if not t.shares:
        w = assessor.task(t)
        return [Item(ItemKind.TASK, t.id, task.number, f"{task.number} {task.title}", lead, t.deadline, w.color,
                     w.reason, task.problems, t.status != TaskStatus.DONE, _late(t.done_on, t.deadline))]
    derived = assessor.shared(t)
    done_on = max((s.done_on for s in t.shares if s.done_on), default=None) if derived.done else None
    items = [Item(ItemKind.TASK, t.id, task.number, f"{task.number} {task.title}", lead, t.deadline,
                  derived.warning.color, derived.warning.reason, task.problems, not derived.done,
                  _late(done_on, t.deadline))]
    for s in t.shares:
        if s.unit_id == task.lead_unit_id:
            continue  # the lead answers for the task itself
        w = assessor.share(t, s)
        done = s.status == TaskStatus.DONE
        items.append(Item(ItemKind.SHARE, s.id, f"{task.number}:{s.unit}",
                          f"{task.number} {task.title}（{s.unit}分工，{lead}牵头）", s.unit, s.deadline, w.color,
                          w.reason, "", not done, _late(s.done_on, s.deadline), task_id=t.id))
    return items


def _followup_items(session, assessor: Assessor) -> list[Item]:
    """约谈 commitments and inspection findings: deadlines a unit answers for, coloured as
    any milestone is."""
    items = []
    for c in session.scalars(select(SummonsCommitment).options(
            selectinload(SummonsCommitment.summons).selectinload(SummonsRecord.unit)).order_by(SummonsCommitment.id)):
        w = assessor.milestone_dates(c.deadline, c.done_on)
        items.append(Item(ItemKind.COMMITMENT, c.id, f"约谈承诺{c.id}", f"约谈承诺：{c.text}", c.summons.unit.name,
                          c.deadline, w.color, w.reason, open=c.done_on is None))
    for f in session.scalars(select(InspectionFinding).options(
            selectinload(InspectionFinding.unit), selectinload(InspectionFinding.inspection))
            .order_by(InspectionFinding.id)):
        w = assessor.milestone_dates(f.deadline, f.done_on)
        kind = InspectionKind(f.inspection.kind).label
        items.append(Item(ItemKind.FINDING, f.id, f"发现问题{f.id}", f"{kind}发现问题：{f.text}", f.unit.name,
                          f.deadline, w.color, w.reason, open=f.done_on is None))
    return items


def _township_items(session, assessor: Assessor, history: History, season: int) -> list[Item]:
    """Plain rows rather than ORM objects: a city has 10,000 townships or more, and objects
    for them and their counties took 0.8 s of a 1 s agenda (bench/office_week.py)."""
    township, county = Unit.__table__.alias("township"), Unit.__table__.alias("county")
    t = SubstitutionTarget.__table__
    rows = session.execute(
        select(t.c.id, t.c.kind, t.c.target_households, t.c.completed, t.c.deadline, township.c.name, county.c.name)
        .join(township, township.c.id == t.c.township_id).outerjoin(county, county.c.id == township.c.parent_id)
        .where(t.c.season == season).order_by(t.c.id))
    items = []
    default = assessor.heating_season_start
    for target_id, kind, target, completed, deadline, name, county_name in rows:
        completed, _accepted = history.township(target_id, completed, 0)
        w = assessor.township_figures(target, completed, deadline or default)
        items.append(Item(
            ItemKind.TOWNSHIP, target_id, name,
            f"{county_name or ''}{name}{SubstitutionKind(kind).label}（已完成{completed}户/任务{target}户）",
            county_name or name, deadline, w.color, w.reason, open=target <= 0 or completed < target))
    return items


def _enterprise_items(assessor: Assessor, history: History, e: Enterprise) -> list[Item]:
    code = e.credit_code or e.name
    items, worst = [], None
    for m in sorted(e.milestones, key=lambda m: m.seq):
        kind = m.kind
        planned, actual = history.milestone(m.id, m.planned_date, m.actual_date)
        w = assessor.milestone_dates(planned, actual)
        item = Item(ItemKind.MILESTONE, m.id, f"{code}:{kind.label}", f"{e.name}{kind.label}节点", e.county.name,
                    planned, w.color, w.reason, e.problems, actual is None, _late(actual, planned))
        items.append(item)
        if item.open and (worst is None or SEVERITY[item.color] < SEVERITY[worst.color]):
            worst = item
    items.append(Item(ItemKind.ENTERPRISE, e.id, code, e.name, e.county.name,
                      worst.deadline if worst else None, worst.color if worst else Color.GREEN,
                      f"{worst.label.removeprefix(e.name)}{worst.reason}" if worst else "已全部完成",
                      e.problems, worst is not None))
    return items


def _late(done_on: dt.date | None, deadline: dt.date | None) -> bool:
    return done_on is not None and deadline is not None and done_on > deadline


def unit_items(db: Database, unit: str, as_of: dt.date) -> list[Item]:
    """Open items a unit answers for, worst first; enterprises appear as their milestones."""
    name = unit_name(db, unit)
    rows = [i for i in all_items(db, as_of) if i.unit == name and i.open and i.kind is not ItemKind.ENTERPRISE]
    return sorted(rows, key=severity)


def unit_name(db: Database, unit: str) -> str:
    with db.reading() as session:
        unit_id = UnitDirectory(session).find(unit)
        found = session.get(Unit, unit_id) if unit_id else None
        if found is None:
            raise UserError(f"找不到单位“{unit}”（请检查名称或简称）。")
        return found.name


def resolve(db: Database, keys: Sequence[str], as_of: dt.date, year: int | None = None) -> list[Item]:
    """The items named by ``keys``; a township names each of its targets. Unknown keys are
    refused all together, so a typo never issues a sheet about the wrong thing."""
    index: dict[str, list[Item]] = {}
    for item in all_items(db, as_of, year):
        names = [item.key]
        if item.kind is ItemKind.ENTERPRISE:
            names.append(item.label)
        elif item.kind is ItemKind.MILESTONE:
            code, _, kind = item.key.partition(":")
            names.append(f"{code}:{MilestoneKind.from_label(kind).value}")
            names.append(f"{item.label.removesuffix(kind + '节点')}:{kind}")
        for name in names:
            index.setdefault(_norm(name), []).append(item)
    found, unknown = [], []
    for key in keys:
        matches = index.get(_norm(key))
        if matches is None:
            unknown.append(key)
        for item in matches or ():
            if item not in found:
                found.append(item)
    if unknown:
        raise UserError("找不到以下事项：" + "、".join(unknown)
                        + "（请使用任务编号、企业统一社会信用代码或名称、乡镇或县区名称）。")
    return found


def items_by_ref(db: Database, refs: Iterable[tuple[str, int]], as_of: dt.date) -> dict[tuple[str, int], Item]:
    """Current state of the items a sheet names, by (kind, id), whichever plan year they are
    of (a sheet of early January may name last year's tasks)."""
    wanted = set(refs)
    with db.reading() as session:
        held = years.known_years(session)
    return {(i.kind, i.id): i for year in held for i in all_items(db, as_of, year) if (i.kind, i.id) in wanted}


def _norm(text: str) -> str:
    return normalize_name(text).replace("：", ":").upper()

"""A task's responsible units, edited by hand: its lead, its cooperating units and its split
into shares (one per unit) with the rule that colours the task from them. One transaction
and one audited, undoable action per call, refused when the task changed since the clerk
opened it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import SharePostponement, ShareProgress, Task, TaskShare, Unit
from aqdesk.domain import validation
from aqdesk.domain.enums import Color, ShareRule, TaskStatus, UnitKind
from aqdesk.domain.shares import means_every_county, rule_of
from aqdesk.errors import UserError
from aqdesk.services.common import audit
from aqdesk.services.common.editing import editing, refuse
from aqdesk.services.common.history import History
from aqdesk.services.common.units import UnitDirectory
from aqdesk.services.common.warning_colours import Assessor


@dataclass(frozen=True)
class ShareLine:
    id: int
    version: int
    unit: str
    target: str
    deadline: dt.date | None
    progress: int
    done: bool
    color: Color = Color.GREEN
    reason: str = ""


@dataclass(frozen=True)
class TaskUnits:
    """What the task dialog's 责任单位 tab shows and edits."""

    version: int
    lead: str
    cooperators: tuple[str, ...]
    rule: ShareRule
    needed: int | None
    shares: tuple[ShareLine, ...]
    units: tuple[str, ...]  # the departments and counties a clerk may choose from


def task_units(db: Database, task_id: int, as_of: dt.date | None = None) -> TaskUnits:
    as_of = as_of or dt.date.today()
    with db.reading() as session:
        task = session.scalars(select(Task).where(Task.id == task_id).options(
            selectinload(Task.cooperators), selectinload(Task.shares).selectinload(TaskShare.unit))).first()
        if task is None:
            raise UserError("该任务已不存在（可能已被删除），请刷新。")
        assessor, history = Assessor.load(session, as_of), History.load(session, as_of)
        t = history.task(task)
        lines = []
        for share, s in zip(task.shares, t.shares, strict=True):
            w = assessor.share(t, s)
            lines.append(ShareLine(share.id, share.version, s.unit, share.target, s.deadline, s.progress_pct,
                                   s.done_on is not None, w.color, w.reason))
        units = session.scalars(select(Unit.name).where(Unit.parent_id.is_(None), Unit.active,
                                                        Unit.kind != UnitKind.TOWNSHIP.value)
                                .order_by(Unit.sort_order, Unit.id))
        return TaskUnits(task.version, task.lead_unit.name, tuple(u.name for u in task.cooperators),
                         rule_of(task.share_rule), task.shares_needed, tuple(lines), tuple(units))


def shares_of(db: Database, task_id: int) -> list[ShareLine]:
    return list(task_units(db, task_id).shares)


def resolve_units(session, names: Sequence[str]) -> list[int]:
    """Unit ids for the names a clerk or a plan gives; 「全部县区」 (or 各县区) stands for every
    active county. An unknown name is refused with the name."""
    directory, ids, unknown = UnitDirectory(session), [], []
    for name in (n.strip() for n in names):
        if not name:
            continue
        if means_every_county(name):
            ids.extend(counties(session))
            continue
        unit_id = directory.find(name)
        if unit_id is None:
            unknown.append(name)
        else:
            ids.append(unit_id)
    if unknown:
        raise UserError("找不到以下单位：" + "、".join(unknown) + "（请检查名称或简称）。")
    return list(dict.fromkeys(ids))


def counties(session) -> list[int]:
    return list(session.scalars(select(Unit.id).where(Unit.kind == UnitKind.COUNTY.value, Unit.active,
                                                      Unit.parent_id.is_(None)).order_by(Unit.sort_order, Unit.id)))


def set_shares(db: Database, task_id: int, expected_version: int, units: Sequence[str], *,
               rule: ShareRule = ShareRule.ALL, needed: int | None = None, lead: str | None = None,
               cooperators: Sequence[str] | None = None) -> str | None:
    """Make the task's shares those of ``units`` (shares kept keep their reports), its rule
    ``rule`` and, given, its lead and cooperating units. Returns the action id, or None when
    nothing changed."""
    with editing(db, Task, task_id, expected_version, label="该任务") as (session, task):
        wanted = resolve_units(session, units)
        if rule is ShareRule.COUNT and not (needed and 0 < needed <= len(wanted)):
            raise UserError(f"按完成个数认定时，需完成的分工数应在1到{len(wanted)}之间。")
        changes = audit.ChangeSet(session)
        values: dict = {"share_rule": rule, "shares_needed": needed if rule is ShareRule.COUNT else None}
        if lead is not None:
            values["lead_unit_id"] = resolve_units(session, [lead])[0]
        changes.update(task, **values)
        if cooperators is not None:
            changes.links(task, "cooperators", [u for u in resolve_units(session, cooperators)
                                                if u != task.lead_unit_id])
        apply_shares(changes, task, wanted)
        return changes.action_id if changes.count else None


def apply_shares(changes: audit.ChangeSet, task: Task, wanted: Sequence[int]) -> None:
    """Add the missing shares and remove those no longer wanted, within ``changes``."""
    have = {s.unit_id: s for s in task.shares}
    changes.session.expire(task, ["shares"])
    for unit_id, share in have.items():
        if unit_id not in wanted:
            changes.delete(share)
    for unit_id in wanted:
        if unit_id not in have:
            changes.insert(TaskShare(task_id=task.id, unit_id=unit_id, target="", progress_pct=0,
                                     latest_progress="", problems="", next_steps=""))


def set_share_target(db: Database, share_id: int, expected_version: int, target: str) -> str | None:
    """A share's own target text (the county's part: 「划定禁燃区3个」)."""
    with _share(db, share_id, expected_version) as (session, share):
        changes = audit.ChangeSet(session)
        changes.update(share, target=target.strip())
        return changes.action_id if changes.count else None


def postpone_share(db: Database, share_id: int, expected_version: int, *, new_deadline: dt.date, reason: str,
                   changed_on: dt.date | None = None) -> str:
    """Move one share's deadline; the task and its other shares keep theirs."""
    with _share(db, share_id, expected_version) as (session, share):
        old = share.deadline or share.task.deadline
        refuse(validation.postponement_problems(old=old, new=new_deadline, reason=reason))
        changes = audit.ChangeSet(session)
        changes.insert(SharePostponement(share_id=share.id, old_date=old, new_date=new_deadline,
                                         reason=reason.strip(), changed_on=changed_on or dt.date.today()))
        changes.update(share, deadline=new_deadline)
        return changes.action_id


def report_share(db: Database, share_id: int, expected_version: int, *, period: dt.date, progress: int, text: str,
                 reported_on: dt.date | None = None) -> str:
    """A progress report on one share, keyed in by hand as a return would bring it."""
    refuse(validation.progress_report_problems(text=text, progress=progress, period=period))
    reported_on = reported_on or dt.date.today()
    with _share(db, share_id, expected_version) as (session, share):
        changes = audit.ChangeSet(session)
        changes.insert(ShareProgress(share_id=share.id, period=period, reported_on=reported_on, progress_pct=progress,
                                     text=text.strip(), problems="", next_steps=""))
        done = progress >= 100
        changes.update(share, progress_pct=progress, latest_progress=text.strip(), last_reported_on=reported_on,
                       status=TaskStatus.DONE if done else TaskStatus.IN_PROGRESS,
                       done_on=(share.done_on or reported_on) if done else None)
        return changes.action_id


def _share(db: Database, share_id: int, expected_version: int):
    return editing(db, TaskShare, share_id, expected_version, label="该分工")

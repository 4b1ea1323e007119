"""Editing a task's responsible units by hand: its lead, and its split into shares (one per
unit) with the rule that colours the task from them. One transaction and one audited,
undoable action per call, refused when the task changed since the clerk opened it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from aqdesk.db.database import Database
from aqdesk.db.models import Task, TaskShare, Unit
from aqdesk.domain.enums import ShareRule, UnitKind
from aqdesk.domain.shares import means_every_county
from aqdesk.errors import UserError
from aqdesk.services.common import audit
from aqdesk.services.common.editing import editing
from aqdesk.services.common.units import UnitDirectory


@dataclass(frozen=True)
class ShareLine:
    unit: str
    target: str
    deadline: dt.date | None
    progress: int
    done: bool


def shares_of(db: Database, task_id: int) -> list[ShareLine]:
    with db.reading() as session:
        return [ShareLine(s.unit.name, s.target, s.deadline, s.progress_pct, s.done_on is not None)
                for s in session.scalars(select(TaskShare).where(TaskShare.task_id == task_id)
                                         .order_by(TaskShare.unit_id))]


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
               rule: ShareRule = ShareRule.ALL, needed: int | None = None, lead: str | None = None) -> str | None:
    """Make the task's shares those of ``units`` (shares kept keep their reports), its rule
    ``rule`` and, given, its lead ``lead``. Returns the action id, or None when nothing changed."""
    with editing(db, Task, task_id, expected_version, label="该任务") as (session, task):
        wanted = resolve_units(session, units)
        if rule is ShareRule.COUNT and not (needed and 0 < needed <= len(wanted)):
            raise UserError(f"按完成个数认定时，需完成的分工数应在1到{len(wanted)}之间。")
        changes = audit.ChangeSet(session)
        values: dict = {"share_rule": rule, "shares_needed": needed if rule is ShareRule.COUNT else None}
        if lead is not None:
            values["lead_unit_id"] = resolve_units(session, [lead])[0]
        changes.update(task, **values)
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
    changes.session.expire(task, ["shares"])

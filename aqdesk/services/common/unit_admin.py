"""Keeping the list of responsible units: adding one, renaming it, and the other names
(简称, 旧称) returns may use for it, such as 城管局 for 市城管执法局."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import flag_modified

from aqdesk.db.database import Database
from aqdesk.db.models import Unit, UnitAlias
from aqdesk.domain.enums import UnitKind
from aqdesk.domain.names import normalize_name
from aqdesk.errors import UserError
from aqdesk.services.common import audit
from aqdesk.services.common.editing import editing
from aqdesk.services.common.units import UnitDirectory

_SEPARATORS = re.compile(r"[、，,;；|\s]+")
_PHONE = re.compile(r"[0-9０-９\s\-+()（）、，,转]+")


@dataclass(frozen=True)
class UnitRow:
    id: int
    version: int
    name: str
    kind: UnitKind
    parent: str
    aliases: tuple[str, ...]
    active: bool
    leader: str = ""
    contact_person: str = ""
    phone: str = ""


def unit_rows(db: Database) -> list[UnitRow]:
    with db.reading() as session:
        units = session.scalars(select(Unit).options(selectinload(Unit.aliases), selectinload(Unit.parent))
                                .order_by(Unit.sort_order, Unit.id))
        return [UnitRow(u.id, u.version, u.name, u.kind, u.parent.name if u.parent else "",
                        tuple(a.alias for a in u.aliases), u.active, u.leader, u.contact_person, u.phone)
                for u in units]


def split_aliases(text: str) -> list[str]:
    return list(dict.fromkeys(a.strip() for a in _SEPARATORS.split(text) if a.strip()))


def set_aliases(db: Database, unit_id: int, expected_version: int, aliases: list[str]) -> str | None:
    """Replace a unit's other names; a name another unit already goes by is refused."""
    with editing(db, Unit, unit_id, expected_version, label="该单位") as (session, unit):
        directory = UnitDirectory(session)
        taken = [a for a in aliases if directory.find(a) not in (None, unit.id)]
        if taken:
            raise UserError(f"“{'”“'.join(taken)}”已是其他单位的名称或简称，不能再用作{unit.name}的简称。")
        changes = audit.ChangeSet(session)
        wanted = {normalize_name(a): a for a in aliases if normalize_name(a) != normalize_name(unit.name)}
        for alias in list(unit.aliases):
            if normalize_name(alias.alias) not in wanted:
                changes.delete(alias)
        present = {normalize_name(a.alias) for a in unit.aliases}
        for key, name in wanted.items():
            if key not in present:
                changes.insert(UnitAlias(unit_id=unit.id, alias=name))
        if changes.count:
            # aliases belong to the unit: its version moves, so another clerk's dialog opened
            # before this change cannot write its own list over it
            flag_modified(unit, "name")
        return changes.action_id if changes.count else None


def set_contacts(db: Database, unit_id: int, expected_version: int, *, leader: str, contact_person: str,
                 phone: str) -> str | None:
    """The unit's leader, and the contact person and phone the office calls about its returns."""
    values = {"leader": leader.strip(), "contact_person": contact_person.strip(), "phone": phone.strip()}
    problems = [f"{label}“{values[f]}”过长（最多{n}个字）" for f, label, n in (
        ("leader", "责任领导", 100), ("contact_person", "联系人", 100), ("phone", "联系电话", 50))
        if len(values[f]) > n]
    if values["phone"] and not _PHONE.fullmatch(values["phone"]):
        problems.append(f"联系电话“{values['phone']}”只能含数字、空格和 - + ( ) 、 转")
    if problems:
        raise UserError("；".join(problems) + "。")
    with editing(db, Unit, unit_id, expected_version, label="该单位") as (session, unit):
        changes = audit.ChangeSet(session)
        changes.update(unit, **values)
        return changes.action_id if changes.count else None


def rename(db: Database, unit_id: int, expected_version: int, name: str) -> str | None:
    """A new name; the old one stays as an alias so earlier files still match."""
    name = name.strip()
    if not name:
        raise UserError("单位名称不能为空。")
    with editing(db, Unit, unit_id, expected_version, label="该单位") as (session, unit):
        found = UnitDirectory(session).find(name)
        if found not in (None, unit.id):
            raise UserError(f"已有单位名为或简称为“{name}”。")
        old = unit.name
        changes = audit.ChangeSet(session)
        changes.update(unit, name=name)
        if normalize_name(old) != normalize_name(name) and not any(
                normalize_name(a.alias) == normalize_name(old) for a in unit.aliases):
            changes.insert(UnitAlias(unit_id=unit.id, alias=old))
        return changes.action_id if changes.count else None


def add_unit(db: Database, name: str, kind: UnitKind, parent: str | None = None) -> str:
    name = name.strip()
    if not name:
        raise UserError("单位名称不能为空。")
    with db.transaction() as session:
        directory = UnitDirectory(session)
        parent_id = directory.find(parent) if parent else None
        if kind is UnitKind.TOWNSHIP and parent_id is None:
            raise UserError(f"请为乡镇（街道）“{name}”指定所属县（区）。")
        if kind is not UnitKind.TOWNSHIP and directory.find(name) is not None:
            raise UserError(f"已有单位名为或简称为“{name}”。")
        if kind is UnitKind.TOWNSHIP and session.scalar(select(Unit.id).where(
                Unit.parent_id == parent_id, Unit.name == name)):
            raise UserError(f"{parent}已有乡镇（街道）“{name}”。")
        last = max(session.scalars(select(Unit.sort_order)), default=0)
        changes = audit.ChangeSet(session)
        changes.insert(Unit(name=name, kind=kind.value, parent_id=parent_id, sort_order=last + 1))
        return changes.action_id

"""Recording every change a user makes, and undoing a whole action exactly.

One user action (an edit in a dialog, one imported file) is one transaction and one
``action_id``; each changed field is an ``AuditEntry`` with old and new values as text.
Undo writes the old values back as a new action, so an undo can itself be undone (redo),
and it is refused when a later action changed the same fields.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from aqdesk.db.base import Base
from aqdesk.db.models import AuditEntry, ImportBatch
from aqdesk.domain.ledger_columns import field_label, table_label
from aqdesk.errors import UserError
from aqdesk.services.common import clerk, years
from aqdesk.services.common.import_record import Touches, later_import
from aqdesk.services.common.lengths import refuse_too_long
from aqdesk.services.common.stored import DELETED, INSERTED, from_text, to_text

UNDO_PREFIX = "undo:"


def current_user() -> str:
    return clerk.name()


def _row_as_text(obj: Base) -> str:
    mapper = inspect(type(obj))
    return json.dumps({c.key: to_text(getattr(obj, c.key)) for c in mapper.column_attrs}, ensure_ascii=False)


def _model_for(table: str) -> type[Base]:
    for mapper in Base.registry.mappers:
        if mapper.class_.__tablename__ == table:
            return mapper.class_
    raise KeyError(table)


def _row_id(obj: Base) -> int:
    """The ``id`` of an audited row (the mapper's key: ``Base`` cannot declare one for all)."""
    (row_id,) = inspect(type(obj)).primary_key_from_instance(obj)
    return row_id


class ChangeSet:
    """The changes of one user action, written to the audit log as they are made."""

    def __init__(self, session: Session, source: str = "manual", batch_id: int | None = None,
                 action_id: str | None = None):
        self.session = session
        self.source = source
        self.batch_id = batch_id
        self.action_id = action_id or uuid.uuid4().hex
        self.who = current_user()
        self.count = 0

    def _log(self, obj: Base, field: str, old: str | None, new: str | None) -> None:
        self.session.add(AuditEntry(
            action_id=self.action_id, table_name=obj.__tablename__, row_id=_row_id(obj), field=field,
            old_value=old, new_value=new, changed_by=self.who, source=self.source, batch_id=self.batch_id,
        ))
        self.count += 1

    def update(self, obj: Base, **values: Any) -> list[str]:
        """Set fields that differ; returns the names of those changed. Every change is
        refused on an item of a closed plan year."""
        years.refuse_closed_row(self.session, obj)
        refuse_too_long(obj.__tablename__, values)
        changed = []
        for field, new in values.items():
            old = getattr(obj, field)
            if to_text(old) == to_text(new):
                continue
            setattr(obj, field, new)
            self._log(obj, field, to_text(old), to_text(new))
            changed.append(field)
        return changed

    def links(self, obj: Base, field: str, ids: list[int]) -> bool:
        """Set a many-to-many collection (a task's cooperating units) to the rows ``ids``,
        logged as one field holding the ids; returns whether it changed."""
        years.refuse_closed_row(self.session, obj)
        old, ids = [row.id for row in getattr(obj, field)], sorted(set(ids))
        if sorted(old) == ids:
            return False
        target = inspect(type(obj)).relationships[field].mapper.class_
        setattr(obj, field, [self.session.get(target, i) for i in ids])
        self._log(obj, field, json.dumps(old), json.dumps(ids))
        return True

    def insert(self, obj: Base) -> Base:
        years.refuse_closed_row(self.session, obj)
        refuse_too_long(obj.__tablename__, {c.key: getattr(obj, c.key) for c in inspect(type(obj)).column_attrs})
        self.session.add(obj)
        self.session.flush()
        self._log(obj, INSERTED, None, _row_as_text(obj))
        return obj

    def delete(self, obj: Base) -> None:
        years.refuse_closed_row(self.session, obj)
        self._log(obj, DELETED, _row_as_text(obj), None)
        self.session.delete(obj)
        self.session.flush()


def undo(session: Session, action_id: str) -> ChangeSet:
    """Reverse ``action_id`` inside ``session``; raises ``UserError`` with the reason when
    it cannot be reversed exactly."""
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.action_id == action_id).order_by(AuditEntry.id.desc())
    ).all()
    if not entries:
        raise UserError("找不到要撤销的操作记录。")
    if session.scalar(select(AuditEntry.id).where(AuditEntry.source == UNDO_PREFIX + action_id).limit(1)):
        raise UserError("该操作已经撤销过。")
    last_id = entries[0].id
    _refuse_if_imported_later(session, entries, last_id)
    changes = ChangeSet(session, source=UNDO_PREFIX + action_id)
    for entry in entries:
        model = _model_for(entry.table_name)
        _refuse_if_touched_later(session, entry, last_id, model)
        if entry.field == DELETED:
            values = json.loads(entry.old_value or "{}")
            restored = model(**{k: from_text(model.__table__.c[k], v) for k, v in values.items()})
            years.refuse_closed_row(session, restored, _describe(entry))
            changes.insert(restored)
            continue
        row = session.get(model, entry.row_id)
        if row is None:
            raise UserError(f"无法撤销：{_describe(entry)}已被删除。")
        years.refuse_closed_row(session, row, _describe(entry))
        if entry.field == INSERTED:
            changes.delete(row)
        elif entry.field in inspect(model).relationships:
            changes.links(row, entry.field, json.loads(entry.old_value or "[]"))
        else:
            changes.update(row, **{entry.field: from_text(model.__table__.c[entry.field], entry.old_value)})
    return changes


def _refuse_if_touched_later(session: Session, entry: AuditEntry, last_id: int, model: type[Base]) -> None:
    fields = [entry.field, INSERTED, DELETED] if entry.field not in (INSERTED, DELETED) else None
    query = select(AuditEntry).where(
        AuditEntry.table_name == entry.table_name, AuditEntry.row_id == entry.row_id, AuditEntry.id > last_id
    )
    if fields is not None:
        query = query.where(AuditEntry.field.in_(fields))
    later = session.scalars(query.limit(1)).first()
    if later is not None:
        raise UserError(
            f"无法撤销：{_describe(entry)}在{later.changed_at:%Y-%m-%d %H:%M}又被"
            f"{later.changed_by or '他人'}修改过（{_source(later.source)}）。请先撤销后来的修改。"
        )


def _refuse_if_imported_later(session: Session, entries: Sequence[AuditEntry], last_id: int) -> None:
    touches = Touches({(e.table_name, e.row_id, e.field) for e in entries if e.field not in (INSERTED, DELETED)},
                      {(e.table_name, e.row_id) for e in entries if e.field == INSERTED})
    found = later_import(session, touches, ImportBatch.audit_mark >= last_id)
    if found is not None:
        batch, (table, row_id, field) = found
        raise UserError(
            f"无法撤销：{table_label(table)} 第{row_id}条记录{of_field(table, field)}在{batch.committed_at:%Y-%m-%d %H:%M}又被导入的"
            f"“{batch.file_name}”（批次 {batch.id}）修改过。请先撤销该导入。")


def _describe(entry: AuditEntry) -> str:
    return f"{table_label(entry.table_name)} 第{entry.row_id}条记录{of_field(entry.table_name, entry.field)}"


SOURCES = {"manual": "手工修改", "import": "导入", "undo": "撤销", "undo-import": "撤销导入", "year-rollover": "年度结转"}


def _source(source: str) -> str:
    """The action as the clerk knows it: the log stores ``undo:<action id>``, ``import``..."""
    return SOURCES.get(source.split(":")[0], "其他操作")


def of_field(table: str, field: str) -> str:
    """"的「完成进度」" for a field, nothing for a whole row added or deleted."""
    return "" if field in (INSERTED, DELETED) else f"的「{field_label(table, field)}」"

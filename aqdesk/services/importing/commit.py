"""Writing a checked file in one transaction, recording the batch, and undoing it exactly.

Bulk statements rather than ORM objects: a 双替代 return of 100,000 rows must commit in
about a second. Every field changed on an existing row is an audit entry of the batch; rows
a return adds beneath existing ones carry the batch id; rows a plan adds are audited as
inserted. Undo restores the old values and removes the added rows, refusing when a later
change touched the same fields.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import defaultdict
from itertools import islice
from typing import Any

from sqlalchemy import and_, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from aqdesk.db.base import Base
from aqdesk.db.database import Database
from aqdesk.db.models import AuditEntry, ImportBatch
from aqdesk.errors import UserError
from aqdesk.services.audit import DELETED, INSERTED, current_user, from_text, to_text
from aqdesk.services.importing.changes import FieldChange, FilePlan, Insert, Ref

SOURCE = "import"
BATCH_TABLES = ("task_progress", "loose_coal_report", "substitution_report")
CHUNK = 500


def commit(db: Database, plan: FilePlan, accept_valid_rows: bool = False) -> int:
    """Write the file's changes in one transaction; returns the batch id."""
    if not plan.committable(accept_valid_rows):
        reasons = plan.file_errors or plan.errors
        raise UserError(f"“{plan.file_name}”有 {len(plan.errors)} 处错误，未导入：{reasons[0]}"
                        + ("（可选择只导入无误的行）" if not plan.file_errors else ""))
    who = current_user()
    try:
        with db.transaction() as session:
            if session.scalar(select(ImportBatch.id).where(ImportBatch.sha256 == plan.sha256,
                                                           ImportBatch.undone_at.is_(None))):
                raise UserError(f"“{plan.file_name}”已经导入过，不能重复导入。")
            skipped = plan.skipped() if accept_valid_rows else []
            batch = ImportBatch(
                file_name=plan.file_name, sha256=plan.sha256, kind=plan.kind, unit_id=plan.unit_id,
                period=plan.period, rows_read=plan.rows_read, rows_changed=plan.rows_changed,
                errors=len(plan.errors), warnings=len(plan.warnings), committed_by=who,
                skipped_rows=json.dumps([{"sheet": r.sheet, "row": r.row, "problems": [str(p) for p in r.problems]}
                                         for r in skipped], ensure_ascii=False) if skipped else "",
            )
            session.add(batch)
            session.flush()
            action = uuid.uuid4().hex
            audit_rows: list[dict[str, Any]] = []
            _write_inserts(session, plan.inserts(accept_valid_rows), batch.id, action, who, audit_rows)
            _write_changes(session, plan.changes(accept_valid_rows), batch.id, action, who, audit_rows)
            for chunk in _chunks(audit_rows):
                session.execute(insert(AuditEntry), chunk)
            return batch.id
    except IntegrityError as exc:
        raise UserError(f"“{plan.file_name}”未导入：数据与台账冲突（{exc.orig}），请重新预览后再试。") from exc


def _chunks(rows: list, size: int = CHUNK * 20):
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _audit(action: str, batch_id: int, who: str, table: str, row_id: int, field: str,
           old: str | None, new: str | None, source: str = SOURCE) -> dict[str, Any]:
    return {"action_id": action, "table_name": table, "row_id": row_id, "field": field, "old_value": old,
            "new_value": new, "changed_at": dt.datetime.now(), "changed_by": who, "source": source,
            "batch_id": batch_id}


def _write_inserts(session: Session, inserts: list[Insert], batch_id: int, action: str, who: str,
                   audit_rows: list[dict[str, Any]]) -> None:
    ids: dict[str, int] = {}
    bulk: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in inserts:
        table = Base.metadata.tables[item.table]
        values = {k: ids[v.name] if isinstance(v, Ref) else v for k, v in item.values.items()}
        if "version" in table.c:
            values.setdefault("version", 1)
        if item.in_batch:
            bulk[item.table].append({**values, "batch_id": batch_id})
            continue
        result = session.execute(insert(table).values(values))
        if "id" not in table.c:
            continue  # a link row (task ↔ cooperating unit) goes with the row it links
        row_id = result.inserted_primary_key[0]
        if item.ref:
            ids[item.ref] = row_id
        audit_rows.append(_audit(action, batch_id, who, item.table, row_id, INSERTED, None,
                                 json.dumps({k: to_text(v) for k, v in values.items()}, ensure_ascii=False)))
    for name, rows in bulk.items():
        for chunk in _chunks(rows):
            session.execute(insert(Base.metadata.tables[name]), chunk)


def _write_changes(session: Session, changes: list[FieldChange], batch_id: int, action: str, who: str,
                   audit_rows: list[dict[str, Any]]) -> None:
    by_row: dict[tuple[str, int], list[FieldChange]] = defaultdict(list)
    for c in changes:
        by_row[(c.table, c.row_id)].append(c)
    _check_versions(session, by_row)
    statements: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
    for (table_name, row_id), row_changes in by_row.items():
        fields = tuple(sorted(c.field for c in row_changes))
        statements[(table_name, fields)].append({"_id": row_id, **{f"_{c.field}": c.new for c in row_changes}})
        audit_rows.extend(_audit(action, batch_id, who, table_name, row_id, c.field, to_text(c.old), to_text(c.new))
                          for c in row_changes)
    for (table_name, fields), params in statements.items():
        table = Base.metadata.tables[table_name]
        values = {f: bindparam(f"_{f}") for f in fields}
        if "version" in table.c:
            values["version"] = table.c.version + 1
        statement = update(table).where(table.c.id == bindparam("_id")).values(values)
        for chunk in _chunks(params):
            session.execute(statement, chunk)


def _check_versions(session: Session, by_row: dict[tuple[str, int], list[FieldChange]]) -> None:
    """The rows must still be as the clerk previewed them."""
    seen: dict[str, dict[int, int]] = defaultdict(dict)
    for (table_name, row_id), row_changes in by_row.items():
        seen[table_name][row_id] = row_changes[0].version
    for table_name, versions in seen.items():
        table = Base.metadata.tables[table_name]
        if "version" not in table.c:
            continue
        ids = list(versions)
        for start in range(0, len(ids), CHUNK):
            part = ids[start:start + CHUNK]
            for row_id, version in session.execute(select(table.c.id, table.c.version).where(table.c.id.in_(part))):
                if version != versions[row_id]:
                    raise UserError("预览之后台账已被修改（例如有人同时编辑了相关记录），请重新预览后再导入。")


def undo_import(db: Database, batch_id: int) -> None:
    """Restore exactly what the batch changed and remove what it added."""
    who = current_user()
    with db.transaction() as session:
        batch = session.get(ImportBatch, batch_id)
        if batch is None:
            raise UserError(f"没有编号为 {batch_id} 的导入批次。")
        if batch.undone_at is not None:
            raise UserError(f"批次 {batch_id}（{batch.file_name}）已于 {batch.undone_at:%Y-%m-%d %H:%M} 撤销。")
        entries = session.scalars(select(AuditEntry).where(
            AuditEntry.batch_id == batch_id, AuditEntry.source == SOURCE).order_by(AuditEntry.id)).all()
        _refuse_if_touched_later(session, batch, entries)
        action = uuid.uuid4().hex
        undo_source = f"undo-import:{batch_id}"
        audit_rows = []
        restores: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for e in entries:
            if e.field in (INSERTED, DELETED):
                continue
            model = _model(e.table_name)
            restores[(e.table_name, e.field)].append({"_id": e.row_id, "_value": from_text(model, e.field, e.old_value)})
            audit_rows.append(_audit(action, batch_id, who, e.table_name, e.row_id, e.field, e.new_value, e.old_value,
                                     undo_source))
        for (table_name, field), params in restores.items():
            table = Base.metadata.tables[table_name]
            values = {field: bindparam("_value")}
            if "version" in table.c:
                values["version"] = table.c.version + 1
            for chunk in _chunks(params):
                session.execute(update(table).where(table.c.id == bindparam("_id")).values(values), chunk)
        for name in BATCH_TABLES:
            session.execute(delete(Base.metadata.tables[name]).where(Base.metadata.tables[name].c.batch_id == batch_id))
        try:
            for e in reversed([e for e in entries if e.field == INSERTED]):
                table = Base.metadata.tables[e.table_name]
                session.execute(delete(table).where(table.c.id == e.row_id))
                audit_rows.append(_audit(action, batch_id, who, e.table_name, e.row_id, DELETED, e.new_value, None,
                                         undo_source))
            session.flush()
        except IntegrityError as exc:
            raise UserError(f"无法撤销批次 {batch_id}：本批次新增的记录已被后来的数据引用（{exc.orig}）。") from exc
        for chunk in _chunks(audit_rows):
            session.execute(insert(AuditEntry), chunk)
        batch.undone_at = dt.datetime.now()
        batch.undone_by = who


def _refuse_if_touched_later(session: Session, batch: ImportBatch, entries: list[AuditEntry]) -> None:
    if not entries:
        return
    last = entries[-1].id
    mine = AuditEntry.__table__.alias("mine")
    later = AuditEntry.__table__.alias("later")
    conflict = session.execute(
        select(later.c.table_name, later.c.row_id, later.c.field, later.c.changed_at, later.c.changed_by,
               later.c.source)
        .join(mine, and_(mine.c.table_name == later.c.table_name, mine.c.row_id == later.c.row_id))
        .where(mine.c.batch_id == batch.id, mine.c.source == SOURCE, later.c.id > last,
               (later.c.field == mine.c.field) | mine.c.field.in_([INSERTED]) | later.c.field.in_([DELETED]))
        .limit(1)
    ).first()
    if conflict is not None:
        table, row_id, field, when, who, source = conflict
        raise UserError(
            f"无法撤销批次 {batch.id}（{batch.file_name}）：{_describe(session, table, row_id)}的「{field}」"
            f"在 {when:%Y-%m-%d %H:%M} 又被{who or '他人'}修改（{'后来的导入' if source == SOURCE else '手工修改'}）。"
            "请先撤销后来的修改。")


def _describe(session: Session, table: str, row_id: int) -> str:
    t = Base.metadata.tables[table]
    for column in ("number", "name"):
        if column in t.c:
            value = session.scalar(select(t.c[column]).where(t.c.id == row_id))
            if value:
                return f"“{value}”"
    return f"{table} 第{row_id}条记录"


def _model(table: str):
    return next(m.class_ for m in Base.registry.mappers if m.local_table.name == table)

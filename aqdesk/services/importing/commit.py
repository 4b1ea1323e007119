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

from sqlalchemy import and_, delete, insert, select
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
            audit = _Audit(batch.id, who)
            driver = _Driver(session)
            taken = plan.taken(accept_valid_rows)
            _write_inserts(session, driver, [i for r in taken for i in r.inserts], batch.id, audit)
            _write_changes(session, driver, [c for r in taken for c in r.changes], audit)
            driver.audit(audit.rows)
            return batch.id
    except IntegrityError as exc:
        raise UserError(f"“{plan.file_name}”未导入：数据与台账冲突（{exc.orig}），请重新预览后再试。") from exc


class _Driver:
    """Bulk statements handed straight to the database driver as tuples: SQLAlchemy's
    per-row parameter handling would cost seconds on a 100,000-row return."""

    def __init__(self, session: Session):
        self.connection = session.connection()
        self.mark = "?" if self.connection.dialect.paramstyle == "qmark" else "%s"

    def insert(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        marks = ", ".join([self.mark] * len(columns))
        self._many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def update(self, table: str, fields: tuple[str, ...], versioned: bool, rows: list[tuple]) -> None:
        """``rows``: the new values of ``fields`` followed by the row id."""
        sets = ", ".join(f"{f} = {self.mark}" for f in fields) + (", version = version + 1" if versioned else "")
        self._many(f"UPDATE {table} SET {sets} WHERE id = {self.mark}", rows)

    def audit(self, rows: list[tuple]) -> None:
        self.insert("audit_log", AUDIT_COLUMNS, rows)

    def _many(self, sql: str, rows: list[tuple]) -> None:
        for chunk in _chunks(rows):
            self.connection.exec_driver_sql(sql, chunk)


AUDIT_COLUMNS = ("action_id", "table_name", "row_id", "field", "old_value", "new_value", "changed_at",
                 "changed_by", "source", "batch_id")


def _chunks(rows: list, size: int = CHUNK * 20):
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


class _Audit:
    """The audit rows of one action: same action id, time, person, source and batch."""

    def __init__(self, batch_id: int, who: str, source: str = SOURCE):
        self.action, self.when, self.who, self.source, self.batch_id = (
            uuid.uuid4().hex, dt.datetime.now(), who, source, batch_id)
        # formatted once, as SQLAlchemy stores it, rather than once per audit row
        self.when_text = self.when.strftime("%Y-%m-%d %H:%M:%S.%f")
        self.rows: list[tuple] = []

    def add(self, table: str, row_id: int, field: str, old: str | None, new: str | None) -> None:
        self.rows.append((self.action, table, row_id, field, old, new, self.when_text, self.who, self.source,
                          self.batch_id))


def _write_inserts(session: Session, driver: _Driver, inserts: list[Insert], batch_id: int, audit: _Audit) -> None:
    ids: dict[str, int] = {}
    bulk: dict[tuple[str, tuple[str, ...]], list[tuple]] = defaultdict(list)
    for item in inserts:
        table = Base.metadata.tables[item.table]
        values = {k: ids[v.name] if isinstance(v, Ref) else v for k, v in item.values.items()}
        if "version" in table.c:
            values.setdefault("version", 1)
        if item.in_batch:
            values["batch_id"] = batch_id
            _defaults(table, values)  # bulk rows bypass SQLAlchemy, which would fill these in
            columns = tuple(values)
            bulk[(item.table, columns)].append(tuple(values.values()))
            continue
        result = session.execute(insert(table).values(values))
        if "id" not in table.c:
            continue  # a link row (task ↔ cooperating unit) goes with the row it links
        row_id = result.inserted_primary_key[0]
        if item.ref:
            ids[item.ref] = row_id
        audit.add(item.table, row_id, INSERTED, None,
                  json.dumps({k: to_text(v) for k, v in values.items()}, ensure_ascii=False))
    for (name, columns), rows in bulk.items():
        driver.insert(name, columns, rows)


def _defaults(table, values: dict[str, Any]) -> None:
    for column in table.c:
        if column.name not in values and column.default is not None and not column.primary_key:
            default = column.default
            values[column.name] = default.arg(None) if default.is_callable else default.arg


def _write_changes(session: Session, driver: _Driver, changes: list[FieldChange], audit: _Audit) -> None:
    by_row: dict[tuple[str, int], list[FieldChange]] = defaultdict(list)
    for c in changes:
        by_row[(c.table, c.row_id)].append(c)
    _check_versions(session, by_row)
    statements: dict[tuple[str, tuple[str, ...]], list[tuple]] = defaultdict(list)
    for (table_name, row_id), row_changes in by_row.items():
        row_changes.sort(key=lambda c: c.field)
        statements[(table_name, tuple(c.field for c in row_changes))].append(
            (*(c.new for c in row_changes), row_id))
        for c in row_changes:
            audit.add(table_name, row_id, c.field, to_text(c.old), to_text(c.new))
    for (table_name, fields), rows in statements.items():
        driver.update(table_name, fields, "version" in Base.metadata.tables[table_name].c, rows)


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
        audit = _Audit(batch_id, who, f"undo-import:{batch_id}")
        driver = _Driver(session)
        restores: dict[tuple[str, str], list[tuple]] = defaultdict(list)
        for e in entries:
            if e.field in (INSERTED, DELETED):
                continue
            restores[(e.table_name, e.field)].append(
                (from_text(_model(e.table_name), e.field, e.old_value), e.row_id))
            audit.add(e.table_name, e.row_id, e.field, e.new_value, e.old_value)
        for (table_name, field), rows in restores.items():
            driver.update(table_name, (field,), "version" in Base.metadata.tables[table_name].c, rows)
        for name in BATCH_TABLES:
            session.execute(delete(Base.metadata.tables[name]).where(Base.metadata.tables[name].c.batch_id == batch_id))
        try:
            for e in reversed([e for e in entries if e.field == INSERTED]):
                table = Base.metadata.tables[e.table_name]
                session.execute(delete(table).where(table.c.id == e.row_id))
                audit.add(e.table_name, e.row_id, DELETED, e.new_value, None)
            session.flush()
        except IntegrityError as exc:
            raise UserError(f"无法撤销批次 {batch_id}：本批次新增的记录已被后来的数据引用（{exc.orig}）。") from exc
        driver.audit(audit.rows)
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

"""Writing a checked file in one transaction, recording the batch, and undoing it exactly.

Bulk statements rather than ORM objects: a 双替代 return of 100,000 rows must commit in
well under a second. Every field changed on an existing row goes into the batch's compact
record (``record``); rows a return adds beneath existing ones carry the batch id; rows a plan
adds are audited as inserted. Undo restores the old values and removes the added rows,
refusing when a later change touched the same fields.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import defaultdict
from dataclasses import replace
from itertools import groupby, islice
from operator import attrgetter, itemgetter
from typing import Any

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from aqdesk.db.base import Base
from aqdesk.db.database import Database
from aqdesk.db.models import AuditEntry, ImportBatch
from aqdesk.domain.ledger_columns import table_label
from aqdesk.errors import UserError
from aqdesk.gcpause import collector_paused
from aqdesk.services.common import import_record, years
from aqdesk.services.common.audit import current_user, of_field
from aqdesk.services.common.stored import DELETED, INSERTED, from_text, to_text
from aqdesk.services.importing import bulk_pg
from aqdesk.services.importing.changes import Bulk, FieldChange, FilePlan, Insert, Ref, Removal

SOURCE = "import"
BATCH_TABLES = ("task_progress", "share_progress", "loose_coal_report", "substitution_report", "air_day")
CHUNK = 10_000
STALE = "预览之后台账已被修改（例如有人同时编辑了相关记录），请重新预览后再导入。"
UNDO_STALE = "无法撤销批次 {}：相关记录刚被他人修改，请刷新后查看；批次未撤销。"


def commit(db: Database, plan: FilePlan, accept_valid_rows: bool = False) -> int:
    """Write the file's changes in one transaction; returns the batch id."""
    if not plan.committable(accept_valid_rows):
        reasons = plan.file_errors or plan.errors
        raise UserError(f"“{plan.file_name}”有 {len(plan.errors)} 处错误，未导入：{reasons[0]}"
                        + ("（可选择只导入无误的行）" if not plan.file_errors else ""))
    who = current_user()
    try:
        with collector_paused(), db.transaction() as session:
            if session.scalar(select(ImportBatch.id).where(ImportBatch.sha256 == plan.sha256,
                                                           ImportBatch.undone_at.is_(None))):
                raise UserError(f"“{plan.file_name}”已经导入过，不能重复导入。")
            skipped = plan.skipped() if accept_valid_rows else []
            batch = ImportBatch(
                file_name=plan.file_name, sha256=plan.sha256, kind=plan.kind, unit_id=plan.unit_id,
                period=plan.period, rows_read=plan.rows_read, rows_changed=plan.rows_changed,
                errors=len(plan.errors), warnings=len(plan.warnings), committed_by=who,
                audit_mark=session.scalar(select(func.max(AuditEntry.id))) or 0,
                skipped_rows=json.dumps([{"sheet": r.sheet, "row": r.row, "problems": [str(p) for p in r.problems]}
                                         for r in skipped], ensure_ascii=False) if skipped else "",
            )
            session.add(batch)
            session.flush()
            audit = _Audit(batch.id, who)
            driver = _Driver(session)
            changes = import_record.ChangeRecord()
            taken = plan.taken(accept_valid_rows)
            ids = _write_inserts(session, driver, [i for r in taken for i in r.inserts], batch.id, audit)
            _write_changes(driver, [c for r in taken for c in r.changes], changes, ids)
            _write_removals(session, [x for r in taken for x in r.removals], audit)
            for bulk in plan.bulk_taken(accept_valid_rows):
                _write_bulk(driver, bulk, batch.id, changes)
            driver.audit(audit.rows)
            if driver.server:
                bulk_pg.compress_quickly(driver.connection)
            changes.save(session, batch.id)
            return batch.id
    except IntegrityError as exc:
        raise UserError(f"“{plan.file_name}”未导入：数据与台账冲突（{exc.orig}），请重新预览后再试。") from exc


class _Driver:
    """Bulk statements handed straight to the database driver as tuples: SQLAlchemy's
    per-row parameter handling would cost seconds on a 100,000-row return."""

    def __init__(self, session: Session):
        self.connection = session.connection()
        self.mark = "?" if self.connection.dialect.paramstyle == "qmark" else "%s"
        self.server = self.connection.dialect.name == "postgresql"

    def insert(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        if self.server:
            bulk_pg.copy_rows(self.connection, table, columns, rows)
            return
        marks = ", ".join([self.mark] * len(columns))
        self._many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def update(self, table: str, fields: tuple[str, ...], rows: list[tuple], check_versions: bool = False,
               stale: str = STALE) -> None:
        """``rows``: the new values of ``fields``, the row id and, with ``check_versions``, the
        version the row must still have: a row changed since refuses the whole transaction."""
        versioned = "version" in Base.metadata.tables[table].c
        sets = ", ".join(f"{f} = {self.mark}" for f in fields) + (", version = version + 1" if versioned else "")
        where = f"id = {self.mark}" + (f" AND version = {self.mark}" if versioned and check_versions else "")
        if check_versions and not versioned:
            rows = [row[:-1] for row in rows]
        if self.server:
            count = bulk_pg.update_from_arrays(self.connection, table, fields, rows, bump_version=versioned,
                                               check_version=versioned and check_versions)
        else:
            count = self._many(f"UPDATE {table} SET {sets} WHERE {where}", rows)
        if count != len(rows):
            raise UserError(stale)

    def audit(self, rows: list[tuple]) -> None:
        self.insert("audit_log", AUDIT_COLUMNS, rows)

    def _many(self, sql: str, rows: list[tuple]) -> int:
        count = 0
        for chunk in _chunks(rows):
            count += self.connection.exec_driver_sql(sql, chunk).rowcount
        return count


AUDIT_COLUMNS = ("action_id", "table_name", "row_id", "field", "old_value", "new_value", "changed_at",
                 "changed_by", "source", "batch_id")


def _chunks(rows: list, size: int = CHUNK):
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


def _write_inserts(session: Session, driver: _Driver, inserts: list[Insert], batch_id: int,
                   audit: _Audit) -> dict[str, int]:
    """Returns the ids of the rows inserted under a ``ref``, for the changes that point at them."""
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
    return ids


def _defaults(table, values: dict[str, Any]) -> None:
    for column in table.c:
        if column.name not in values and column.default is not None and not column.primary_key:
            default = column.default
            values[column.name] = default.arg(None) if default.is_callable else default.arg


def _write_changes(driver: _Driver, changes: list[FieldChange], changed: import_record.ChangeRecord,
                   ids: dict[str, int]) -> None:
    by_row: dict[tuple[str, int], list[FieldChange]] = defaultdict(list)
    for c in changes:
        if isinstance(c.new, Ref):  # an existing task moved to a unit or category this import creates
            c = replace(c, new=ids[c.new.name])
        by_row[(c.table, c.row_id)].append(c)
    # Rows are written in (table, id) order, neighbours changing the same fields in one
    # statement: two imports of the same rows take their row locks in the same order, so one
    # waits for the other rather than both deadlocking. Undo follows the record's order.
    rows = []
    for (table_name, row_id), row_changes in sorted(by_row.items()):
        row_changes.sort(key=lambda c: c.field)
        rows.append(((table_name, tuple(c.field for c in row_changes)), row_id, row_changes))
    for (table_name, fields), run in groupby(rows, key=itemgetter(0)):
        run = list(run)
        driver.update(table_name, fields, [(*(c.new for c in cs), row_id, cs[0].version) for _k, row_id, cs in run],
                      check_versions=True)
        changed.add(table_name, fields, [(row_id, *(c.old for c in cs), *(c.new for c in cs)) for _k, row_id, cs in run])


def _write_removals(session: Session, removals: list[Removal], audit: _Audit) -> None:
    """Each row deleted is audited whole, so the batch's undo puts it back as it was."""
    for item in removals:
        table = Base.metadata.tables[item.table]
        row = session.execute(select(table).where(table.c.id == item.row_id)).mappings().first()
        if row is None or ("version" in table.c and row["version"] != item.version):
            raise UserError(STALE)
        audit.add(item.table, item.row_id, DELETED,
                  json.dumps({k: to_text(v) for k, v in row.items()}, ensure_ascii=False), None)
        session.execute(delete(table).where(table.c.id == item.row_id))


def _restore_removals(session: Session, batch_id: int, audit: _Audit) -> None:
    removed = session.execute(select(AuditEntry.table_name, AuditEntry.row_id, AuditEntry.old_value).where(
        AuditEntry.batch_id == batch_id, AuditEntry.source == SOURCE, AuditEntry.field == DELETED)
        .order_by(AuditEntry.id)).all()
    for table_name, row_id, values in removed:
        table = Base.metadata.tables[table_name]
        session.execute(insert(table).values({k: from_text(table.c[k], v) for k, v in json.loads(values).items()}))
        audit.add(table_name, row_id, INSERTED, None, values)


def _write_bulk(driver: _Driver, bulk: Bulk, batch_id: int, changed: import_record.ChangeRecord) -> None:
    # In id order, SQLite writes each page of the table and its indexes once, not once per row.
    rows = sorted(bulk.rows, key=attrgetter("row_id"))
    driver.update(bulk.table, bulk.fields, [(*r.new, r.row_id, r.version) for r in rows], check_versions=True)
    changed.add(bulk.table, bulk.fields, [(r.row_id, *r.old, *r.new) for r in rows])
    driver.insert(bulk.added_table, (*bulk.added_columns, "batch_id"), [(*r.added, batch_id) for r in rows])


def undo_import(db: Database, batch_id: int) -> None:
    """Restore exactly what the batch changed and remove what it added."""
    who = current_user()
    with db.transaction() as session:
        batch = session.get(ImportBatch, batch_id)
        if batch is None:
            raise UserError(f"没有编号为 {batch_id} 的导入批次。")
        if batch.undone_at is not None:
            raise UserError(f"批次 {batch_id}（{batch.file_name}）已于 {batch.undone_at:%Y-%m-%d %H:%M} 撤销。")
        groups = import_record.load(session, batch_id)
        inserted = session.execute(select(AuditEntry.table_name, AuditEntry.row_id, AuditEntry.new_value).where(
            AuditEntry.batch_id == batch_id, AuditEntry.source == SOURCE, AuditEntry.field == INSERTED)
            .order_by(AuditEntry.id)).all()
        years.refuse_closed_rows(session, [*{(t, r) for t, r, _f in import_record.changed(groups)},
                                           *((t, r) for t, r, _v in inserted)], f"批次 {batch_id}改动的记录")
        restorations = list(import_record.restorations(groups))
        # Versions are read before the later-edit check: an edit saved after this shows in
        # the check or, if saved after the check too, as a changed version when writing.
        versions = _versions(session, restorations)
        _refuse_if_touched_later(session, batch, import_record.Touches(
            set(import_record.changed(groups)), {(table, row_id) for table, row_id, _values in inserted}))
        driver = _Driver(session)
        for table_name, fields, rows in restorations:
            seen = versions.get(table_name)
            driver.update(table_name, fields, rows if seen is None else [(*row, seen[row[-1]]) for row in rows],
                          check_versions=seen is not None, stale=UNDO_STALE.format(batch_id))
            for row in rows if seen is not None else ():
                seen[row[-1]] += 1  # a row may be in several groups (batches from before 0003)
        for name in BATCH_TABLES:
            session.execute(delete(Base.metadata.tables[name]).where(Base.metadata.tables[name].c.batch_id == batch_id))
        audit = _Audit(batch_id, who, f"undo-import:{batch_id}")
        try:
            for table_name, row_id, values in reversed(inserted):
                table = Base.metadata.tables[table_name]
                session.execute(delete(table).where(table.c.id == row_id))
                audit.add(table_name, row_id, DELETED, values, None)
            _restore_removals(session, batch_id, audit)
            session.flush()
        except IntegrityError as exc:
            raise UserError(f"无法撤销批次 {batch_id}：本批次新增的记录已被后来的数据引用（{exc.orig}）。") from exc
        driver.audit(audit.rows)
        batch.undone_at = dt.datetime.now()
        batch.undone_by = who


def _versions(session: Session, restorations: list[tuple[str, tuple, list[tuple]]]) -> dict[str, dict[int, int]]:
    """The current version of every versioned row an undo restores, by table."""
    ids: dict[str, set[int]] = defaultdict(set)
    for table_name, _fields, rows in restorations:
        if "version" in Base.metadata.tables[table_name].c:
            ids[table_name].update(row[-1] for row in rows)
    found: dict[str, dict[int, int]] = {}
    connection = session.connection()
    for table_name, wanted in ids.items():
        table = Base.metadata.tables[table_name]
        if connection.dialect.name == "postgresql":
            found[table_name] = bulk_pg.versions(connection, table_name, sorted(wanted))
            continue
        found[table_name] = seen = {}
        for chunk in _chunks(sorted(wanted)):
            seen.update(session.execute(select(table.c.id, table.c.version).where(table.c.id.in_(chunk))).all())
    return found


def _refuse_if_touched_later(session: Session, batch: ImportBatch, touches: import_record.Touches) -> None:
    """A later edit or a later import (still standing) of the same fields forbids the undo."""
    refused = f"无法撤销批次 {batch.id}（{batch.file_name}）："
    later_edits = session.execute(
        select(AuditEntry.table_name, AuditEntry.row_id, AuditEntry.field, AuditEntry.changed_at,
               AuditEntry.changed_by, AuditEntry.source)
        .where(AuditEntry.id > batch.audit_mark, or_(AuditEntry.batch_id.is_(None), AuditEntry.batch_id != batch.id))
        .order_by(AuditEntry.id))
    for table, row_id, field, when, who, source in later_edits:
        if touches.hit([(table, row_id, field)]):
            raise UserError(
                f"{refused}{_describe(session, table, row_id)}{of_field(table, field)}在 {when:%Y-%m-%d %H:%M} 又被"
                f"{who or '他人'}修改（{'后来的导入' if source == SOURCE else '手工修改'}）。请先撤销后来的修改。")
    found = import_record.later_import(session, touches, ImportBatch.id > batch.id)
    if found is not None:
        later, (table, row_id, field) = found
        raise UserError(
            f"{refused}{_describe(session, table, row_id)}{of_field(table, field)}在 {later.committed_at:%Y-%m-%d %H:%M} "
            f"又被后来的导入“{later.file_name}”（批次 {later.id}）修改。请先撤销后来的导入。")


def _describe(session: Session, table: str, row_id: int) -> str:
    t = Base.metadata.tables[table]
    for column in ("number", "name"):
        if column in t.c:
            value = session.scalar(select(t.c[column]).where(t.c.id == row_id))
            if value:
                return f"“{value}”"
    return f"{table_label(table)} 第{row_id}条记录"

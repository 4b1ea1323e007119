"""Backing up and restoring the office's database, a file or a server, always through a
portable SQLite file (``aqdesk.db.portable``), and moving an office onto a server."""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from aqdesk import paths
from aqdesk.db import migrate, portable, sqlite_files
from aqdesk.db.base import Base
from aqdesk.db.database import Database, make_engine, open_database
from aqdesk.domain.ledger_columns import table_label
from aqdesk.errors import UserError


def backup(db: Database, target: Path) -> Path:
    if db.path is None:
        return portable.save(db.engine, migrate.head_revision(), target)
    if target.resolve() == db.path.resolve():
        raise UserError("备份文件不能与当前数据库是同一个文件。")
    sqlite_files.copy_database(db.path, target)
    return target


def restore(db: Database, source: Path) -> tuple[Database, Path]:
    """Replace the database, a file or a server's, with ``source`` after checking it is a
    whole, consistent aqdesk database and backing up the current one. Returns the reopened
    database and the safety backup. A refused file leaves the current database untouched."""
    if not source.is_file():
        raise UserError(f"找不到备份文件“{source}”。")
    with tempfile.TemporaryDirectory(prefix="aqdesk-restore-") as folder:
        checked = Path(folder) / "checked.db"
        _verify(source, checked)
        if db.path is None:
            return db, _restore_on_server(db, checked)
        current = db.path
        safety = sqlite_files.timestamped_backup(current, paths.backups_dir(), "before-restore")
        db.close()
        sqlite_files.restore_into(checked, current)
    return open_database(db.url), safety


def _verify(source: Path, checked: Path) -> None:
    """Copy ``source`` to ``checked`` and prove the copy whole: every page readable, every
    reference pointing at a row, and, once brought to this program's schema, every table and
    column the program expects."""
    refused = f"备份文件“{source}”"
    try:
        sqlite_files.copy_database(source, checked)
    except UserError:
        raise UserError(f"{refused}已损坏或不是 aqdesk 数据库，无法读取，未作任何改动。") from None
    try:
        with contextlib.closing(sqlite3.connect(checked)) as con:
            problems = [row[0] for row in con.execute("PRAGMA integrity_check")]
            dangling = con.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise UserError(f"{refused}已损坏（{exc}），未作任何改动。") from exc
    if problems != ["ok"]:
        raise UserError(f"{refused}已损坏（{'；'.join(problems[:3])}），未作任何改动。")
    if dangling:
        table, row_id, parent, _key = dangling[0]
        raise UserError(f"{refused}数据不一致：“{table_label(table)}”第 {row_id} 条记录引用的“{table_label(parent)}”不存在"
                        f"（共 {len(dangling)} 处），未作任何改动。")
    found = sqlite_files.probe(checked)
    if found.revision is None or "task" not in found.tables:
        raise UserError(f"“{source}”不是 aqdesk 数据库，未作任何改动。")
    migrate.check_revision(found.revision, True, str(source))
    from alembic.autogenerate import compare_metadata  # Alembic: only when a backup is checked
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(f"sqlite:///{checked.as_posix()}")
    try:
        migrate.upgrade(engine, backup_first=None)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    except UserError as exc:
        raise UserError(f"{refused}无法使用：{exc}") from exc
    except Exception as exc:  # a table missing or altered makes the migration fail in many ways
        raise UserError(f"{refused}的表结构不完整或已被改动（{exc}），未作任何改动。") from exc
    finally:
        engine.dispose()
    if diff:
        raise UserError(f"{refused}的表结构与本程序不一致（{_first(diff)}），未作任何改动。")


def _first(diff: list) -> str:
    change = diff[0]
    while isinstance(change, list | tuple) and change and isinstance(change[0], list | tuple):
        change = change[0]
    kind, *rest = change if isinstance(change, tuple) else (str(change),)
    target = next((getattr(x, "name", None) for x in rest if getattr(x, "name", None)), "")
    return f"{kind} {target}".strip() + (f"，共 {len(diff)} 处" if len(diff) > 1 else "")


def _restore_on_server(db: Database, source: Path) -> Path:
    safety = portable.safety_backup(db.engine, migrate.head_revision(), "before-restore")
    with _at_head(source) as reading, db.engine.begin() as writing:
        portable.clear(writing)
        portable.copy_rows(reading, writing)
    return safety


@contextmanager
def _at_head(source: Path) -> Iterator[Connection]:
    """A copy of a backup file brought to the current schema, open for reading."""
    with tempfile.TemporaryDirectory(prefix="aqdesk-restore-") as folder:
        copy = Path(folder) / "backup.db"
        sqlite_files.copy_database(source, copy)
        open_database(f"sqlite:///{copy.as_posix()}").close()  # migrates an older backup
        engine = create_engine(f"sqlite:///{copy.as_posix()}")
        try:
            with engine.connect() as conn:
                yield conn
        finally:
            engine.dispose()


def move_to(db: Database, url: str) -> Database:
    """Copy the whole office into the empty database at ``url`` (a server, usually)."""
    target = open_database(url)
    try:
        with db.engine.connect() as reading, target.engine.begin() as writing:
            if not portable.is_empty(writing):
                raise UserError(f"目标数据库“{target.display_name}”中已有数据，未作任何改动。请使用一个空数据库。")
            portable.clear(writing)  # rows the migrations seeded come over from the office itself
            portable.copy_rows(reading, writing)
    except BaseException:
        target.close()
        raise
    return target

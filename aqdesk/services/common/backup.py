"""Backing up and restoring the office's SQLite database."""

from __future__ import annotations

from pathlib import Path

from aqdesk import paths
from aqdesk.db import migrate, sqlite_files
from aqdesk.db.database import Database, open_database
from aqdesk.errors import UserError


def _file_of(db: Database) -> Path:
    if db.path is None:
        raise UserError("只有 SQLite 数据库文件可以在程序中备份和恢复；其他数据库请使用其自身的备份工具。")
    return db.path


def backup(db: Database, target: Path) -> Path:
    source = _file_of(db)
    if target.resolve() == source.resolve():
        raise UserError("备份文件不能与当前数据库是同一个文件。")
    sqlite_files.copy_database(source, target)
    return target


def restore(db: Database, source: Path) -> tuple[Database, Path]:
    """Replace the database with ``source`` after checking it is an aqdesk database and
    backing up the current one. Returns the reopened database and the safety backup."""
    current = _file_of(db)
    if not source.is_file():
        raise UserError(f"找不到备份文件“{source}”。")
    found = sqlite_files.probe(source)
    if found.revision is None or "task" not in found.tables:
        raise UserError(f"“{source}”不是 aqdesk 数据库，未作任何改动。")
    migrate.check_revision(found.revision, True, str(source))
    safety = sqlite_files.timestamped_backup(current, paths.backups_dir(), "before-restore")
    db.close()
    sqlite_files.restore_into(source, current)
    return open_database(db.url), safety

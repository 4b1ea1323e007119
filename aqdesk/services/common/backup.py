"""Backing up and restoring the office's database, a file or a server, always through a
portable SQLite file (``aqdesk.db.portable``), and moving an office onto a server."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from aqdesk import paths
from aqdesk.db import migrate, portable, sqlite_files
from aqdesk.db.database import Database, open_database
from aqdesk.errors import UserError


def backup(db: Database, target: Path) -> Path:
    if db.path is None:
        return portable.save(db.engine, migrate.head_revision(), target)
    if target.resolve() == db.path.resolve():
        raise UserError("备份文件不能与当前数据库是同一个文件。")
    sqlite_files.copy_database(db.path, target)
    return target


def _check_backup_file(source: Path) -> None:
    if not source.is_file():
        raise UserError(f"找不到备份文件“{source}”。")
    found = sqlite_files.probe(source)
    if found.revision is None or "task" not in found.tables:
        raise UserError(f"“{source}”不是 aqdesk 数据库，未作任何改动。")
    migrate.check_revision(found.revision, True, str(source))


def restore(db: Database, source: Path) -> tuple[Database, Path]:
    """Replace the database with ``source`` after checking it is an aqdesk database and
    backing up the current one. Returns the reopened database and the safety backup."""
    _check_backup_file(source)
    if db.path is None:
        return db, _restore_on_server(db, source)
    current = db.path
    safety = sqlite_files.timestamped_backup(current, paths.backups_dir(), "before-restore")
    db.close()
    sqlite_files.restore_into(source, current)
    return open_database(db.url), safety


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
            portable.copy_rows(reading, writing)
    except BaseException:
        target.close()
        raise
    return target

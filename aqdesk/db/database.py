"""Opening a database: checks, backup, migration, and short transactional sessions."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from aqdesk import paths
from aqdesk.db import migrate
from aqdesk.db.sqlite_files import sqlite_path
from aqdesk.errors import UserError

log = logging.getLogger(__name__)


class Database:
    """An open, migrated database. Services take one and open a session per call."""

    def __init__(self, url: str, engine: Engine):
        self.url = url
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def display_name(self) -> str:
        return str(self.path) if self.path else make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on any exception."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


# Bulk statements (large imports) go to the driver without SQLAlchemy's type handling;
# these adapters store dates and times exactly as SQLAlchemy's SQLite types do.
sqlite3.register_adapter(dt.date, dt.date.isoformat)
sqlite3.register_adapter(dt.datetime, lambda value: value.strftime("%Y-%m-%d %H:%M:%S.%f"))


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url: str) -> Engine:
    try:
        engine = create_engine(url)
    except (ArgumentError, ImportError) as exc:
        raise UserError(f"无法识别的数据库地址“{url}”：{exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def open_database(url: str | None = None) -> Database:
    """Open (creating if needed) and migrate the database at ``url``.

    A foreign, corrupt or newer database is refused with ``UserError`` before anything
    is written; an existing SQLite file is backed up before it is migrated.
    """
    url = url or paths.default_db_url()
    path = sqlite_path(url)
    if path is not None:
        _ensure_folder(path.parent)
    migrate.check_upgradable(url)
    engine = make_engine(url)
    try:
        migrate.upgrade(engine, backup_first=path)
    except DBAPIError as exc:
        engine.dispose()
        raise UserError(f"无法打开数据库“{path or url}”：{exc.orig}") from exc
    return Database(url, engine)


def _ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"无法创建数据文件夹“{folder}”：{exc.strerror or exc}") from exc

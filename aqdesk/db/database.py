"""Opening a database: checks, backup, migration, and short transactional sessions."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from aqdesk import paths
from aqdesk.db import migrate, network_share
from aqdesk.db.addresses import scrub, shown
from aqdesk.db.sqlite_files import damaged, sqlite_path
from aqdesk.errors import UserError, os_reason

log = logging.getLogger(__name__)


class Database:
    """An open, migrated database. Services take one and open a session per call."""

    def __init__(self, url: str, engine: Engine, warning: str | None = None):
        self.url = url
        self.engine = engine
        self.warning = warning  # shown to the clerk once, on opening (a file on a network share)
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def display_name(self) -> str:
        return shown(self.url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on any exception. A write
        another clerk's write got in the way of, or that the server dropped, is refused with
        a Chinese message saying whether to try again."""
        self.check_writable()
        with _explained(self, WRITE_INTERRUPTED), self._sessions.begin() as session:
            yield session

    def check_writable(self) -> None:
        """Refuse before any work is done, rather than with a traceback at the commit."""
        if self.path is not None and read_only(self.path):
            raise UserError(f"数据库文件“{self.path}”是只读的，无法保存修改：请取消文件的“只读”属性，"
                            "或确认对所在文件夹有写入权限。")

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with _explained(self, READ_INTERRUPTED), self._sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


WRITE_CLASH = "另一位同事正在修改相同的记录，本次保存未完成（未作任何改动），请重试。"
WRITE_INTERRUPTED = ("与数据库的连接中断（服务器可能正在重启），本次保存未完成，数据库未作改动。"
                     "请稍候重试；如反复出现请联系管理员。")
READ_INTERRUPTED = "与数据库的连接中断（服务器可能正在重启），请稍候重试。"
# deadlock_detected, serialization_failure; SQLite's "database is locked" after its busy timeout
CLASH_STATES = {"40P01", "40001"}


def _refusal(exc: DBAPIError, interrupted: str) -> UserError | None:
    """What to tell a clerk about a driver error the clerk can act on, or None for a bug."""
    state = getattr(exc.orig, "sqlstate", None)
    if state in CLASH_STATES or "database is locked" in str(exc.orig):
        return UserError(WRITE_CLASH)
    if exc.connection_invalidated or (state or "").startswith(("08", "57P")):
        return UserError(interrupted)
    return None


# Bulk statements (large imports) go to the driver without SQLAlchemy's type handling;
# these adapters store dates and times exactly as SQLAlchemy's SQLite types do.
sqlite3.register_adapter(dt.date, dt.date.isoformat)
sqlite3.register_adapter(dt.datetime, lambda value: value.strftime("%Y-%m-%d %H:%M:%S.%f"))


def _sqlite_pragmas(journal_mode: str):
    def on_connect(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA journal_mode={journal_mode}")
        cursor.execute("PRAGMA synchronous=NORMAL" if journal_mode == "WAL" else "PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
    return on_connect


def read_only(path: Path) -> bool:
    """A file marked read-only (Windows' attribute is the write bit) or one we may not write."""
    try:
        return path.exists() and (not path.stat().st_mode & stat.S_IWRITE or not os.access(path, os.W_OK))
    except OSError:
        return False


@contextmanager
def _explained(db: Database, interrupted: str) -> Iterator[None]:
    """A driver error the clerk can act on, met halfway through the work — a damaged or
    read-only file, another clerk's clashing write, a dropped server connection — becomes a
    Chinese message, not a traceback."""
    try:
        yield
    except DBAPIError as exc:
        text = str(exc.orig)
        if db.path is not None and ("malformed" in text or "not a database" in text):
            raise UserError(damaged(db.path, text)) from exc
        if "readonly" in text:
            raise UserError(f"数据库“{db.display_name}”是只读的，无法保存修改（{text}）。") from exc
        refusal = _refusal(exc, interrupted)
        if refusal is None:
            raise
        raise refusal from exc


def make_engine(url: str, journal_mode: str = "WAL") -> Engine:
    try:
        # pre-ping: after a server restart the pooled connections are dead; each is tested
        # when taken from the pool and replaced, so the next action simply works
        engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    except ImportError as exc:
        raise UserError(f"缺少数据库“{shown(url)}”的驱动程序（{exc.name or exc}）。使用 PostgreSQL 服务器时请安装："
                        'pip install "aqdesk[postgres]"') from exc
    except (ArgumentError, ValueError) as exc:
        raise UserError(f"无法识别的数据库地址“{shown(url)}”：{scrub(str(exc), url)}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(journal_mode))
    return engine


def open_database(url: str | None = None) -> Database:
    """Open (creating if needed) and migrate the database at ``url``.

    A foreign, corrupt or newer database is refused with ``UserError`` before anything
    is written; an existing SQLite file is backed up before it is migrated.
    """
    url = url or paths.default_db_url()
    try:
        path = sqlite_path(url)
    except (ArgumentError, ValueError) as exc:
        raise UserError(f"无法识别的数据库地址“{shown(url)}”：{scrub(str(exc), url)}") from exc
    if path is not None:
        _ensure_folder(path.parent)
    elif make_url(url).get_backend_name() == "sqlite":
        # Lost when the program closes, and every thread would see a database of its own.
        raise UserError(f"“{url}”是内存数据库，关闭程序即丢失，aqdesk 不使用；请指定数据库文件，"
                        "例如 --db sqlite:///台账.db")
    migrate.check_upgradable(url)
    warning = network_share.warning_for(path)
    if warning:
        log.warning("%s is on a network share: rollback journal instead of WAL", path)
    engine = make_engine(url, journal_mode="DELETE" if warning else "WAL")
    try:
        migrate.upgrade(engine, backup_first=path)
    except DBAPIError as exc:
        engine.dispose()
        raise UserError(f"无法打开数据库“{shown(url)}”：{scrub(str(exc.orig), url)}") from exc
    except UserError as exc:
        engine.dispose()
        raise UserError(scrub(str(exc), url)) from exc
    return Database(url, engine, warning)


def missing_folder(url: str) -> Path | None:
    """The folder a SQLite URL points into when it does not exist: a mistyped ``--db`` would
    otherwise silently start an empty office there."""
    path = sqlite_path(url)
    return path.parent if path is not None and not path.parent.exists() else None


def _ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"无法创建数据文件夹“{folder}”：{os_reason(exc)}") from exc

"""Alembic from inside the program: which revision a database is at, and upgrading it."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from aqdesk import paths
from aqdesk.db import portable, sqlite_files
from aqdesk.db.alembic_config import alembic_config
from aqdesk.errors import UserError

log = logging.getLogger(__name__)


_REVISION = re.compile(r"^revision = ['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision = (?:['\"]([^'\"]+)['\"]|None)", re.M)


def _revisions() -> dict[str, str | None]:
    """Each migration's revision and the one it follows, read from the files: importing
    Alembic takes a sixth of a second, which a database already at head never needs."""
    return _read_revisions(paths.migrations_dir())


@functools.cache
def _read_revisions(folder: Path) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for path in folder.joinpath("versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN.search(text)
        if revision and down:
            found[revision.group(1)] = down.group(1)
    return found


def head_revision() -> str:
    revisions = _revisions()
    heads = set(revisions) - set(revisions.values())
    assert len(heads) == 1, f"migrations/ should have one head, not {sorted(heads)}"
    return heads.pop()


def check_revision(revision: str | None, has_tables: bool, where: str) -> None:
    """Refuse a database this program does not know, before anything touches it."""
    if revision is None:
        if has_tables:
            raise UserError(f"“{where}”不是 aqdesk 数据库（缺少版本信息），未作任何改动。")
        return
    if revision not in _revisions():
        raise UserError(
            f"数据库“{where}”来自更新版本的 aqdesk（架构版本 {revision}），当前程序无法打开。"
            "请升级 aqdesk 后再打开；数据库未作任何改动。"
        )


def check_upgradable(url: str) -> None:
    path = sqlite_files.sqlite_path(url)
    if path is not None:
        found = sqlite_files.probe(path)
        check_revision(found.revision, bool(found.tables - {"alembic_version"}), str(path))


def current_revision(engine: Engine) -> tuple[str | None, bool]:
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        revision = (conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
                    if "alembic_version" in tables else None)
        return revision, bool(tables - {"alembic_version"})


# pg_advisory_lock key: "aqdesk" in ASCII. Any program of the office takes it to migrate.
MIGRATION_LOCK = 0x61716465736B


@contextmanager
def one_program_at_a_time(engine: Engine) -> Iterator[None]:
    """Programs starting together on a server database look at and migrate it one after the
    other: the second finds the database already migrated rather than racing the first."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as conn:
        conn.exec_driver_sql(f"SELECT pg_advisory_lock({MIGRATION_LOCK})")
        conn.commit()
        try:
            yield
        finally:
            conn.exec_driver_sql(f"SELECT pg_advisory_unlock({MIGRATION_LOCK})")
            conn.commit()


def upgrade(engine: Engine, backup_first: Path | None) -> Path | None:
    """Bring the database to head; returns the backup taken, if one was needed."""
    with one_program_at_a_time(engine):
        return _upgrade(engine, backup_first)


def _upgrade(engine: Engine, backup_first: Path | None) -> Path | None:
    try:
        revision, has_tables = current_revision(engine)
    except DBAPIError as exc:
        raise UserError(f"无法读取数据库“{engine.url}”：{exc.orig}") from exc
    check_revision(revision, has_tables, str(backup_first or engine.url))
    head = head_revision()
    if revision == head:
        return None
    backup = None
    if backup_first is not None and has_tables:
        backup = sqlite_files.timestamped_backup(backup_first, paths.backups_dir(), f"before-{head}")
        log.info("backed up %s to %s before migrating", backup_first, backup)
    elif has_tables and engine.dialect.name != "sqlite":
        assert revision is not None  # check_revision refuses tables without a revision
        backup = portable.safety_backup(engine, revision, f"before-{head}")
        log.info("backed up %s to %s before migrating", engine.url, backup)
    from alembic import command  # only when there is something to migrate

    config = alembic_config()
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations rebuild tables; with foreign keys enforced, dropping the old
            # table would cascade into (or be refused by) every table that refers to it.
            # The pragma only takes effect outside a transaction.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise UserError("数据库升级后发现数据引用不一致，已放弃升级；数据库未作改动。")
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()
    log.info("migrated %s from %s to %s", engine.url, revision, head)
    return backup

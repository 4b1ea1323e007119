"""One backup format for both engines: the whole office copied, table by table, into a
SQLite file of the same schema, and back into a file or a server database. A clerk's
desktop needs no server tools, and a backup taken on one engine restores on the other.

Tables are read as the database has them (reflected), so a server database can be saved
at an older schema just before it is migrated.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from sqlalchemy import MetaData, create_engine, func, select, text
from sqlalchemy.engine import Connection, Engine

from aqdesk import paths
from aqdesk.db.alembic_config import alembic_config
from aqdesk.errors import UserError

CHUNK = 5_000


def _tables(conn: Connection) -> list:
    meta = MetaData()
    meta.reflect(conn)
    return meta.sorted_tables  # parents before the tables that refer to them


def _ordered(table):
    """Rows in an order that inserts a parent before its children (units within units)."""
    keys = list(table.primary_key.columns)
    self_refs = [fk.parent for fk in table.foreign_keys if fk.column.table.name == table.name]
    return [*(c.is_not(None) for c in self_refs), *keys]


def copy_rows(source: Connection, target: Connection) -> int:
    """Every row of every table of ``source`` into the same (empty) tables of ``target``."""
    wanted = {t.name: t for t in _tables(target)}
    count = 0
    for table in _tables(source):
        into = wanted.get(table.name)
        if into is None or table.name == "alembic_version":
            continue
        columns = [c.name for c in table.columns if c.name in into.c]
        result = source.execute(select(*(table.c[c] for c in columns)).order_by(*_ordered(table)))
        while rows := result.fetchmany(CHUNK):
            target.execute(into.insert(), [dict(zip(columns, row, strict=True)) for row in rows])
            count += len(rows)
    if target.dialect.name == "postgresql":
        _restart_sequences(target, wanted.values())
    return count


def _restart_sequences(conn: Connection, tables) -> None:
    """Rows came with their ids: the next id a server hands out must follow the largest."""
    for table in tables:
        if "id" in table.c and table.c.id.autoincrement and table.c.id.primary_key:
            sequence = conn.scalar(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name})
            if sequence:
                top = conn.scalar(select(func.max(table.c.id)))
                conn.execute(text("SELECT setval(:s, :v, :called)"),
                             {"s": sequence, "v": top or 1, "called": top is not None})


# Rows the migrations themselves write (the office's default 约谈 and 催办 rules): a new
# database holds them and is still empty of any office's data.
SEEDED = frozenset({"alembic_version", "office_rule"})


def is_empty(conn: Connection) -> bool:
    return not any(conn.scalar(select(func.count()).select_from(t)) for t in _tables(conn) if t.name not in SEEDED)


def clear(conn: Connection) -> None:
    for table in reversed(_tables(conn)):
        if table.name != "alembic_version":
            conn.execute(table.delete())


def sqlite_at(path: Path, revision: str) -> Engine:
    """A new SQLite file at schema ``revision``; returns its engine."""
    from alembic import command  # only to build a backup file

    engine = create_engine(f"sqlite:///{path.as_posix()}")
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    return engine


def save(source: Engine, revision: str, target: Path) -> Path:
    """Write the database behind ``source`` (at ``revision``) to the SQLite file ``target``,
    through a temporary file so that a failure leaves no half backup behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    engine = sqlite_at(partial, revision)
    try:
        with source.connect() as reading, engine.begin() as writing:
            if reading.dialect.name == "postgresql":  # one consistent picture of every table
                reading.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            clear(writing)  # what the migrations seed (the office's default rules) comes from the source
            copy_rows(reading, writing)
        engine.dispose()
        os.replace(partial, target)
    except Exception as exc:
        engine.dispose()
        partial.unlink(missing_ok=True)
        if isinstance(exc, UserError):
            raise
        raise UserError(f"无法把数据库备份到“{target}”：{exc}") from exc
    return target


def safety_backup(engine: Engine, revision: str, reason: str) -> Path:
    """A backup of a server database into the data folder's ``backups``, before ``reason``."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return save(engine, revision, paths.backups_dir() / f"{engine.url.database or 'server'}-{stamp}-{reason}.db")

"""Looking at SQLite files without changing them, and copying them safely.

Opening a file through the engine would switch it to WAL mode, which rewrites its header;
a foreign or newer file must be refused untouched, so it is inspected read-only first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from aqdesk import paths
from aqdesk.errors import UserError, os_reason

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class FileProbe:
    tables: frozenset[str]
    revision: str | None

    @property
    def empty(self) -> bool:
        return not self.tables


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for another database or an in-memory one."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UserError(f"无法识别的数据库地址“{url}”：应为 SQLAlchemy URL，例如 sqlite:///D:/台账/aqdesk.db") from None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def probe(path: Path) -> FileProbe:
    """Tables and Alembic revision of a SQLite file, read-only. A missing or empty file
    probes empty; anything that is not SQLite raises ``UserError``."""
    if not path.exists() or path.stat().st_size == 0:
        return FileProbe(frozenset(), None)
    try:
        with path.open("rb") as fh:
            magic = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise UserError(f"无法读取文件“{path}”：{os_reason(exc)}") from exc
    if magic != SQLITE_MAGIC:
        raise UserError(f"“{path}”不是 aqdesk 数据库（不是 SQLite 数据库文件），未作任何改动。")
    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as con:
            tables = frozenset(r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'"))
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        if "malformed" in str(exc):
            raise UserError(damaged(path, str(exc))) from exc
        raise UserError(f"“{path}”已损坏或不是 aqdesk 数据库（{exc}），未作任何改动。") from exc
    return FileProbe(tables, revision)


def damaged(path: Path, reason: str) -> str:
    """The message for a damaged database, naming the newest backup to restore from."""
    newest = max(paths.backups_dir().glob("*.db"), key=lambda p: p.stat().st_mtime, default=None)
    advice = f"可从 backups 恢复：aqdesk restore “{newest}”" if newest else "备份文件夹中没有可用的备份"
    return f"数据库文件“{path}”已损坏（{reason}），无法读取。{advice}。"


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (safe with WAL), written to a
    temporary file first so a failure never leaves half a file at ``target``."""
    partial = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.closing(sqlite3.connect(source)) as src, contextlib.closing(
            sqlite3.connect(partial)
        ) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise UserError(f"无法把数据库复制到“{target}”：{getattr(exc, 'strerror', None) or exc}") from exc


def restore_into(source: Path, target: Path) -> None:
    """Replace the contents of ``target`` with ``source`` in place, through the backup API,
    so WAL and shared-memory files of ``target`` stay consistent."""
    try:
        with contextlib.closing(sqlite3.connect(source)) as src, contextlib.closing(
            sqlite3.connect(target)
        ) as dst:
            src.backup(dst)
    except sqlite3.Error as exc:
        raise UserError(f"恢复失败：{exc}") from exc


def timestamped_backup(source: Path, folder: Path, reason: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{source.stem}-{stamp}-{reason}.db"
    copy_database(source, target)
    return target

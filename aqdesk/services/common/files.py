"""The office's store of files: each content kept once inside the database under its
SHA-256, so the same scan attached twice costs nothing and a backup carries every file.

Files are read whole before anything is written: a missing, unreadable or too large file is
refused by name and leaves the database as it was.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePath, PureWindowsPath

from sqlalchemy import select
from sqlalchemy.orm import Session

from aqdesk.db.database import Database
from aqdesk.db.models import StoredFile
from aqdesk.errors import UserError, os_reason
from aqdesk.exchange import atomic
from aqdesk.services.common import settings

MB = 1024 * 1024


@dataclass(frozen=True)
class Loaded:
    name: str
    sha256: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)


def max_bytes(session: Session) -> int:
    return settings.load(session).evidence.max_mb * MB


def file_name(path: str | Path) -> str:
    text = str(path).strip()
    return PureWindowsPath(text).name if "\\" in text else PurePath(text).name


def load(path: str | Path, limit: int) -> Loaded:
    """Read a file to be stored; refuses a missing, unreadable, empty or too large one."""
    path = Path(path)
    name = file_name(path)
    if not path.is_file():
        raise UserError(f"找不到文件“{path}”（可能已被移动或删除），未保存任何内容。")
    size = path.stat().st_size
    if size > limit:
        raise UserError(f"文件“{name}”有 {size / MB:.1f} MB，超过了单个文件 {limit // MB} MB 的上限，未保存任何内容。"
                        "请压缩或拆分后再附上。")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取文件“{path}”：{os_reason(exc)}，未保存任何内容。") from exc
    if not data:
        raise UserError(f"文件“{name}”是空文件，未保存任何内容。")
    return Loaded(name, hashlib.sha256(data).hexdigest(), data)


def keep(session: Session, data: bytes) -> str:
    """Store ``data`` (once per content) and return its SHA-256. Not audited: a stored file
    is never changed, and an undone record simply no longer points at it."""
    sha = hashlib.sha256(data).hexdigest()
    if session.scalar(select(StoredFile.sha256).where(StoredFile.sha256 == sha)) is None:
        session.add(StoredFile(sha256=sha, size=len(data), data=data))
        session.flush()
    return sha


def read(db: Database, sha256: str) -> bytes:
    with db.reading() as session:
        data = session.scalar(select(StoredFile.data).where(StoredFile.sha256 == sha256))
    if data is None:
        raise UserError("该文件不在本数据库的文件库中（可能来自未带文件的旧备份）。")
    return data


def export(db: Database, sha256: str, target: Path) -> Path:
    """Write a stored file out, e.g. to open it or hand it on."""
    return atomic.write_bytes(Path(target), read(db, sha256))

"""A SQLite file on a network share (a mapped drive, ``\\\\server\\share``) is not safe with
several writers in WAL mode, which relies on shared memory the share cannot provide. The
program notices it on Windows, keeps such a file in rollback-journal mode and says so."""

from __future__ import annotations

import ntpath
import sys
from pathlib import Path

DRIVE_REMOTE = 4  # GetDriveTypeW: a network drive

WARNING = ("数据库文件“{}”位于网络共享文件夹。多人同时通过共享文件夹写入同一个 SQLite 文件可能损坏数据，"
           "程序已改用较安全（但较慢）的日志方式。多人共用台账请改用数据库服务器（PostgreSQL），"
           "见说明书“共享数据库”一节。")


def _drive_type(root: str) -> int:
    import ctypes

    if sys.platform != "win32":  # ctypes.windll exists on Windows alone, where on_network_share calls this
        raise NotImplementedError
    return ctypes.windll.kernel32.GetDriveTypeW(root)


def on_network_share(path: Path) -> bool:
    if sys.platform != "win32":
        return False  # a network mount elsewhere is not told apart from a local disk
    drive, _rest = ntpath.splitdrive(str(path))
    if drive.startswith(("\\\\", "//")):
        return True
    return bool(drive) and _drive_type(drive + "\\") == DRIVE_REMOTE


def warning_for(path: Path | None) -> str | None:
    return WARNING.format(path) if path is not None and on_network_share(path) else None

"""Writing a file whole or not at all: into a temporary file beside it, then renamed over
it, so a failure never leaves a half-written document where the clerk expects one."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aqdesk.errors import UserError, os_reason

UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_file_name(name: str, limit: int = 120) -> str:
    """A name Windows accepts: no reserved characters, no trailing dots or spaces."""
    return UNSAFE.sub("_", name).strip(" .")[:limit] or "未命名"


@contextmanager
def writing(path: Path) -> Iterator[Path]:
    """Yields a temporary path to write; on success it replaces ``path``."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.stem[:40]}-", suffix=path.suffix + ".part", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise UserError(f"无法在“{path.parent}”写入文件：{os_reason(exc)}") from exc
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, path)
    except PermissionError as exc:
        # Windows refuses to replace a workbook open in Excel or WPS, or a PDF open in a reader
        raise UserError(f"文件正被其他程序打开，请关闭后重试：“{path}”") from exc
    except OSError as exc:
        raise UserError(f"无法保存“{path}”：{os_reason(exc)}（文件是否正在其他程序中打开？）") from exc
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes(path: Path, data: bytes) -> Path:
    with writing(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)

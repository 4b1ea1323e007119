"""The clerk's name that every record carries (登记人): a setting of this machine, not of
the office's database, since several clerks share one database; by default the login name."""

from __future__ import annotations

import getpass

from aqdesk import paths
from aqdesk.errors import UserError, os_reason

FILE_NAME = "clerk.txt"


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (service accounts, some Windows setups)
        return ""


def name() -> str:
    try:
        chosen = (paths.data_dir() / FILE_NAME).read_text(encoding="utf-8").strip()
    except OSError:
        chosen = ""
    return chosen or login_name()


def set_name(new: str) -> None:
    """An empty name goes back to the login name."""
    new = new.strip()
    if len(new) > 100:
        raise UserError("登记人姓名不能超过 100 个字。")
    path = paths.data_dir() / FILE_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"无法保存登记人姓名到“{path}”：{os_reason(exc)}") from exc

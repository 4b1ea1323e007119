"""The databases recently opened in the window (File → 最近打开), newest first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from sqlalchemy.engine import make_url

KEY = "databases/recent"
KEEP = 8


def recent() -> list[str]:
    value = QSettings().value(KEY, [])
    # one entry comes back from the settings file as a string, several as a list
    urls = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
    return [u for u in urls if u]


def remember(url: str) -> None:
    if make_url(url).password:
        return  # a password is never written to the settings file
    QSettings().setValue(KEY, [url, *(u for u in recent() if u != url)][:KEEP])


def forget(url: str) -> None:
    QSettings().setValue(KEY, [u for u in recent() if u != url])


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve().as_posix()}"


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite database's address; None for a server."""
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def label(url: str) -> str:
    """A file as its path, a server without its password."""
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    return make_url(url).render_as_string(hide_password=True)

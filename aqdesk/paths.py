"""Where aqdesk finds its own files and keeps the user's, in one place.

Aware of a frozen PyInstaller build, where bundled files live under ``sys._MEIPASS``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from aqdesk import APP_NAME

DB_ENV = "AQDESK_DB"
DATA_ENV = "AQDESK_DATA_DIR"


def bundle_dir() -> Path:
    """The folder holding ``resources/`` and ``migrations/`` (source tree or frozen bundle)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return bundle_dir() / "resources"


def migrations_dir() -> Path:
    return bundle_dir() / "migrations"


def data_dir() -> Path:
    """The user's data folder, e.g. ``%APPDATA%\\aqdesk`` on Windows."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def backups_dir() -> Path:
    return data_dir() / "backups"


def default_db_url() -> str:
    return os.environ.get(DB_ENV) or f"sqlite:///{(data_dir() / 'aqdesk.db').as_posix()}"

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from aqdesk.db.database import Database, open_database  # noqa: E402
from aqdesk.services import demo  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch) -> Path:
    """Every test gets its own data folder and never sees the user's database."""
    folder = tmp_path / "appdata"
    monkeypatch.setenv("AQDESK_DATA_DIR", str(folder))
    monkeypatch.delenv("AQDESK_DB", raising=False)
    # window geometry, last page and folders are remembered per test, not across tests
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    return folder


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{(tmp_path / 'office.db').as_posix()}"


@pytest.fixture
def empty_db(db_url) -> Database:
    db = open_database(db_url)
    yield db
    db.close()


@pytest.fixture(scope="session")
def anchor() -> dt.date:
    return demo.anchor_day()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory, anchor) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    os.environ["AQDESK_DATA_DIR"] = str(folder / "appdata")
    path = folder / "demo.db"
    db = open_database(f"sqlite:///{path.as_posix()}")
    demo.load_demo(db, today=anchor)
    db.close()
    return path


@pytest.fixture
def demo_db(_demo_template, tmp_path) -> Database:
    """A copy of the demo office as seen on its anchor day."""
    path = tmp_path / "demo.db"
    shutil.copy(_demo_template, path)
    db = open_database(f"sqlite:///{path.as_posix()}")
    yield db
    db.close()

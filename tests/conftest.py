"""Fixtures every layer's tests share; none needs Qt (the window's are in tests/ui)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from aqdesk.db.database import Database, open_database
from aqdesk.services import demo


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch) -> Path:
    """Every test gets its own data folder and never sees the user's database."""
    folder = tmp_path / "appdata"
    monkeypatch.setenv("AQDESK_DATA_DIR", str(folder))
    monkeypatch.delenv("AQDESK_DB", raising=False)
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

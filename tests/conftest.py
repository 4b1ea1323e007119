"""Fixtures every layer's tests share; none needs Qt (the window's are in tests/ui)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from aqdesk.db.database import Database, open_database
from aqdesk.services import demo
from tests import servers


def pytest_collection_modifyitems(config, items) -> None:
    if servers.on_server():
        skip = pytest.mark.skip(reason="SQLite only (AQDESK_TEST_DB names a server)")
        for item in items:
            if "sqlite_only" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch) -> Path:
    """Every test gets its own data folder and never sees the user's database."""
    folder = tmp_path / "appdata"
    monkeypatch.setenv("AQDESK_DATA_DIR", str(folder))
    monkeypatch.delenv("AQDESK_DB", raising=False)
    return folder


@pytest.fixture
def db_url(tmp_path) -> str:
    """Where a new office would be: a file not yet there, or an empty server database."""
    if not servers.on_server():
        yield f"sqlite:///{(tmp_path / 'office.db').as_posix()}"
        return
    url = servers.create()
    yield url
    servers.drop(url)


@pytest.fixture(scope="session")
def _server_templates(tmp_path_factory, anchor) -> dict[str, str]:
    """Database names on the server to copy per test: migrated empty, and the demo office."""
    if not servers.on_server():
        return {}
    os.environ["AQDESK_DATA_DIR"] = str(tmp_path_factory.mktemp("templates") / "appdata")
    names = {"empty": f"aqdesk_tpl_empty_{os.getpid()}", "demo": f"aqdesk_tpl_demo_{os.getpid()}"}
    open_database(servers.create(name=names["empty"])).close()
    db = open_database(servers.create(name=names["demo"]))
    demo.load_demo(db, today=anchor)
    db.close()
    yield names
    for name in names.values():
        servers.drop(servers.url_of(name))


@pytest.fixture
def empty_db(request, tmp_path) -> Database:
    if servers.on_server():
        url = servers.create(template=request.getfixturevalue("_server_templates")["empty"])
    else:
        url = f"sqlite:///{(tmp_path / 'office.db').as_posix()}"
    db = open_database(url)
    yield db
    db.close()
    if servers.on_server():
        servers.drop(url)


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
def demo_db(request, tmp_path) -> Database:
    """A copy of the demo office as seen on its anchor day."""
    if servers.on_server():
        url = servers.create(template=request.getfixturevalue("_server_templates")["demo"])
    else:
        path = tmp_path / "demo.db"
        shutil.copy(request.getfixturevalue("_demo_template"), path)
        url = f"sqlite:///{path.as_posix()}"
    db = open_database(url)
    yield db
    db.close()
    if servers.on_server():
        servers.drop(url)

"""A SQLite file on a network share is opened without WAL, with a warning pointing at the
server mode."""

import sqlite3
from pathlib import Path

import pytest

from aqdesk.cli import main
from aqdesk.db import network_share
from aqdesk.db.database import open_database


def test_mapped_drives_and_unc_paths_are_told_apart_from_local_disks(monkeypatch):
    monkeypatch.setattr(network_share.sys, "platform", "win32")
    monkeypatch.setattr(network_share, "_drive_type", lambda root: 4 if root.upper() == "Z:\\" else 3)
    assert network_share.on_network_share(Path("Z:\\大气办\\aqdesk.db"))
    assert network_share.on_network_share(Path("\\\\fileserver\\大气办\\aqdesk.db"))
    assert not network_share.on_network_share(Path("C:\\Users\\clerk\\AppData\\Roaming\\aqdesk\\aqdesk.db"))
    monkeypatch.setattr(network_share.sys, "platform", "linux")
    assert not network_share.on_network_share(Path("Z:\\大气办\\aqdesk.db"))


@pytest.mark.sqlite_only
def test_a_file_on_a_share_is_opened_without_wal_and_the_clerk_is_warned(tmp_path, monkeypatch, capsys):
    path = tmp_path / "aqdesk.db"
    monkeypatch.setattr(network_share, "on_network_share", lambda p: Path(p) == path)
    db = open_database(f"sqlite:///{path.as_posix()}")
    try:
        assert "网络共享文件夹" in db.warning and "数据库服务器" in db.warning
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    finally:
        db.close()
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert main(["status", "--db", f"sqlite:///{path.as_posix()}"]) == 0
    assert "警告：" in capsys.readouterr().err


@pytest.mark.sqlite_only
def test_a_local_file_keeps_wal_and_no_warning(tmp_path):
    db = open_database(f"sqlite:///{(tmp_path / 'aqdesk.db').as_posix()}")
    try:
        assert db.warning is None
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        db.close()

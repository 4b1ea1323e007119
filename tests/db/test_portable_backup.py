"""One backup format for both engines: a portable SQLite file, restored into a file or a
server; an office moved from its file onto a server; a server database backed up before
it is migrated."""

import sqlite3

import pytest
from sqlalchemy import create_engine, select, update

from aqdesk.cli import main
from aqdesk.db import migrate
from aqdesk.db.base import Base
from aqdesk.db.database import open_database
from aqdesk.db.models import Task
from tests import servers


def fingerprint(engine) -> dict[str, list]:
    """Every row of every table, in key order, as text: equal on both engines for one office."""
    tables = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            tables[table.name] = [tuple(map(str, row)) for row in rows]
    return tables


def test_backup_writes_the_whole_office_into_a_portable_file(demo_db, tmp_path, capsys):
    target = tmp_path / "保存" / "office-backup.db"
    assert main(["backup", str(target), "--db", demo_db.url]) == 0
    with sqlite3.connect(target) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrate.head_revision()
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    copy = create_engine(f"sqlite:///{target.as_posix()}")
    assert fingerprint(copy) == fingerprint(demo_db.engine)
    copy.dispose()
    assert not list(target.parent.glob("*.part"))


def test_restore_puts_the_office_back_and_keeps_what_was_there(demo_db, tmp_path, capsys, isolated_data_dir):
    saved = tmp_path / "saved.db"
    main(["backup", str(saved), "--db", demo_db.url])
    before = fingerprint(demo_db.engine)
    with demo_db.transaction() as s:
        s.execute(update(Task).where(Task.number == "4-03").values(title="被误改的标题"))
    demo_db.close()
    code, out = main(["restore", str(saved), "--db", demo_db.url]), capsys.readouterr().out
    assert code == 0 and "已从" in out
    db = open_database(demo_db.url)
    try:
        assert fingerprint(db.engine) == before
        with db.transaction() as s:  # new rows get fresh ids after a restore on a server too
            s.add(Task(**{**_task_values(s), "number": "99-01"}))
    finally:
        db.close()
    safety = list((isolated_data_dir / "backups").glob("*before-restore*.db"))
    assert len(safety) == 1
    with sqlite3.connect(safety[0]) as con:
        assert con.execute("SELECT count(*) FROM task WHERE title = '被误改的标题'").fetchone()[0] == 1


def _task_values(session):
    task = session.scalars(select(Task).order_by(Task.id)).first()
    return {c.key: getattr(task, c.key) for c in Task.__mapper__.column_attrs if c.key not in ("id", "version")}


@pytest.mark.skipif(not servers.on_server(), reason="moves an office between the two engines")
def test_an_office_moves_from_its_file_to_a_server_and_back(demo_db, tmp_path, capsys, anchor):
    # demo_db is on the server here: make the office a file first, through a backup
    office = tmp_path / "office.db"
    main(["backup", str(office), "--db", demo_db.url])
    file_url = f"sqlite:///{office.as_posix()}"
    server_url = servers.create()
    try:
        assert main(["migrate-to", server_url, "--db", file_url]) == 0
        moved = open_database(server_url)
        source = open_database(file_url)
        try:
            assert fingerprint(moved.engine) == fingerprint(source.engine) == fingerprint(demo_db.engine)
        finally:
            moved.close()
            source.close()
        capsys.readouterr()
        statuses = [main(["status", "--json", "--as-of", anchor.isoformat(), "--db", url]) or capsys.readouterr().out
                    for url in (file_url, server_url)]
        assert statuses[0] == statuses[1]
        code = main(["migrate-to", server_url, "--db", file_url])
        assert code == 1 and "已有数据" in capsys.readouterr().err
    finally:
        servers.drop(server_url)


@pytest.mark.skipif(not servers.on_server(), reason="a server database's backup before migrating")
def test_an_older_server_database_is_backed_up_before_it_is_migrated(db_url, isolated_data_dir):
    from alembic import command
    engine = create_engine(db_url)
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
        conn.exec_driver_sql("INSERT INTO unit (id, name, kind, leader, sort_order, active, version) "
                             "VALUES (1, '安平县', 'county', '', 0, true, 1)")
    engine.dispose()
    open_database(db_url).close()
    backups = list((isolated_data_dir / "backups").glob("*.db"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0002"
        assert con.execute("SELECT name FROM unit").fetchall() == [("安平县",)]

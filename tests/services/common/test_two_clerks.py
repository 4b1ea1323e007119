"""Two clerks on one database at the same moment: each test runs the second clerk in a
thread of its own, on its own connections, at the point where the first is most exposed."""

from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from aqdesk.db.database import open_database
from aqdesk.errors import UserError
from aqdesk.services.importing import commit as commit_module
from aqdesk.services.importing.commit import undo_import
from tests import servers
from tests.services.common.test_import_record import (
    completed_of,
    edit,
    import_return,
    simple_return,
    towns,
)

ROOT = Path(__file__).resolve().parents[3]


def in_other_program(db, work):
    """Run ``work(other)`` to the end in a thread, on a second program's own connection."""
    other = open_database(db.url)
    outcome: list = []

    def run():
        try:
            outcome.append(work(other))
        except Exception as exc:  # handed back to the test, which decides
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    other.close()
    assert not thread.is_alive(), "the second clerk is still waiting"
    return outcome[0]


def test_undo_import_refuses_when_a_hand_edit_lands_between_its_check_and_its_write(
        demo_db, tmp_path, anchor, monkeypatch):
    a = towns(demo_db, anchor)[0]
    batch = import_return(demo_db, simple_return(tmp_path, "r.xlsx", (a, a.completed + 10, a.accepted)))
    checked = commit_module._refuse_if_touched_later

    def check_then_let_a_clerk_save(*args):
        checked(*args)  # nothing later yet: the undo goes ahead...
        saved = in_other_program(demo_db, lambda other: edit(other, anchor, a.id, completed=a.completed + 12))
        assert not isinstance(saved, Exception), saved  # ...and the correction is reported saved

    monkeypatch.setattr(commit_module, "_refuse_if_touched_later", check_then_let_a_clerk_save)
    with pytest.raises(UserError, match="刚被他人修改"):
        undo_import(demo_db, batch)
    assert completed_of(demo_db, a.id) == a.completed + 12


def test_two_programs_seeding_a_new_calendar_at_once_both_succeed(empty_db, monkeypatch):
    from sqlalchemy import func, select

    from aqdesk.db.models import CalendarDay
    from aqdesk.services.common import workdays

    def seed(db):
        with db.transaction() as session:
            return workdays.seed_if_empty(session)

    years = workdays.official_years
    turns = []

    def years_after_the_other_program_seeded():
        if not turns:  # this program found the calendar empty; the other one seeds it now
            turns.append("first")
            turns.append(in_other_program(empty_db, seed))
        return years()

    monkeypatch.setattr(workdays, "official_years", years_after_the_other_program_seeded)
    seed(empty_db)
    seeded = turns[1]
    assert not isinstance(seeded, Exception) and seeded > 300
    with empty_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(CalendarDay)) == seeded


@pytest.mark.skipif(not servers.on_server(), reason="a SQLite file is migrated by one program at a time anyway")
def test_two_programs_starting_at_once_on_a_new_server_database_both_open_it(db_url, monkeypatch):
    from alembic.script import ScriptDirectory

    planned = ScriptDirectory._upgrade_revs
    others = []

    def plan_then_let_the_other_program_start(script, destination, current):
        if not others:  # the second program starts when the first has looked but not migrated
            # a process, as a second program is: Alembic's operations are global to a process
            others.append(subprocess.Popen([sys.executable, str(ROOT / "main.py"), "init", "--db", db_url],
                                           cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT))
            with contextlib.suppress(subprocess.TimeoutExpired):
                others[0].wait(timeout=4)  # it either migrates meanwhile or waits for this one
        return planned(script, destination, current)

    monkeypatch.setattr(ScriptDirectory, "_upgrade_revs", plan_then_let_the_other_program_start)
    open_database(db_url).close()
    output, _ = others[0].communicate(timeout=60)
    assert others[0].returncode == 0, output.decode()


def test_two_writers_crossing_each_other_are_told_to_try_again(demo_db):
    """Each takes one task, then wants the other's: the server breaks the deadlock and the
    one it refuses is told 请重试, not shown a traceback (SQLite makes the second wait)."""
    from sqlalchemy import select, update

    from aqdesk.db.models import Task

    with demo_db.reading() as s:
        first, second = s.scalars(select(Task.id).order_by(Task.id).limit(2)).all()
    other = open_database(demo_db.url)
    took = {first: threading.Event(), second: threading.Event()}
    outcomes = []

    def write(db, mine, theirs):
        try:
            with db.transaction() as session:
                session.execute(update(Task).where(Task.id == mine).values(problems="甲"))
                took[mine].set()
                took[theirs].wait(timeout=3)
                session.execute(update(Task).where(Task.id == theirs).values(problems="乙"))
            outcomes.append(None)
        except Exception as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=write, args=(demo_db, first, second)),
               threading.Thread(target=write, args=(other, second, first))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    other.close()
    refused = [o for o in outcomes if o is not None]
    assert len(outcomes) == 2 and all(isinstance(o, UserError) and "请重试" in str(o) for o in refused), refused
    assert len(refused) == (1 if servers.on_server() else 0)


def _task_return(tmp_path, name, numbers):
    from tests.services.importing.test_importing import TASK_HEADINGS, workbook
    return workbook(tmp_path / name, {"Sheet1": [TASK_HEADINGS] + [
        [number, "", f"{name}：{number}推进中", 90 + i, "否", "", "", ""] for i, number in enumerate(numbers)]})


def test_an_import_writes_its_rows_in_id_order_whatever_the_files_order(demo_db, tmp_path, monkeypatch):
    """Two returns listing the same tasks in opposite orders cannot deadlock each other."""
    from aqdesk.services.importing.commit import _Driver, commit
    from aqdesk.services.importing.prepare import prepare

    written = []
    update = _Driver.update

    def watch(driver, table, fields, rows, *args, **kwargs):
        if table == "task":
            written.extend(row[-2] for row in rows)  # (values..., id, version)
        return update(driver, table, fields, rows, *args, **kwargs)

    monkeypatch.setattr(_Driver, "update", watch)
    for name, numbers in (("甲.xlsx", ["4-04", "4-03", "4-01"]), ("乙.xlsx", ["4-01", "4-03", "4-04"])):
        written.clear()
        batch = commit(demo_db, prepare(demo_db, _task_return(tmp_path, name, numbers), unit="城管局",
                                        period=dt.date(2026, 11, 20)))
        assert len(written) == 3 and written == sorted(written), name
        written.clear()
        undo_import(demo_db, batch)
        assert len(written) == 3 and written == sorted(written), name


def test_two_returns_of_the_same_tasks_committed_at_once(demo_db, tmp_path):
    """One goes in; the other is refused with a message, never a traceback."""
    from aqdesk.services.importing.commit import commit
    from aqdesk.services.importing.prepare import prepare

    period = dt.date(2026, 11, 20)
    other = open_database(demo_db.url)
    plans = [(db, prepare(db, _task_return(tmp_path, name, numbers), unit="城管局", period=period))
             for db, name, numbers in ((demo_db, "甲.xlsx", ["4-04", "4-03", "4-01"]),
                                       (other, "乙.xlsx", ["4-01", "4-03", "4-04"]))]
    outcomes = []
    start = threading.Barrier(2)

    def run(db, plan):
        start.wait()
        try:
            outcomes.append(commit(db, plan))
        except Exception as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=run, args=pair) for pair in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    other.close()
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(outcomes) == 2 and len(refused) == 1 and isinstance(refused[0], UserError), outcomes


def _server_drops_every_connection(db):
    """What a server restart does to an open program: every connection it holds is cut."""
    from sqlalchemy import create_engine, text
    admin = create_engine(servers.SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = :name AND pid <> pg_backend_pid()"), {"name": db.engine.url.database})
    admin.dispose()


@pytest.mark.skipif(not servers.on_server(), reason="a server restart")
def test_after_a_server_restart_the_next_action_just_works(demo_db, anchor):
    from aqdesk.services.ledgers import tasks
    before = tasks.task_rows(demo_db, anchor)  # the program has pooled connections now
    _server_drops_every_connection(demo_db)
    assert tasks.task_rows(demo_db, anchor) == before


@pytest.mark.skipif(not servers.on_server(), reason="a server restart")
def test_a_write_the_restart_interrupted_says_so_and_changes_nothing(demo_db, anchor):
    from sqlalchemy import select, update

    from aqdesk.db.models import Task
    with pytest.raises(UserError, match="连接中断.*未完成"):
        with demo_db.transaction() as session:
            session.execute(update(Task).where(Task.number == "4-03").values(problems="写了一半"))
            _server_drops_every_connection(demo_db)
            session.execute(update(Task).where(Task.number == "4-04").values(problems="写了一半"))
    with demo_db.reading() as s:
        assert "写了一半" not in s.scalars(select(Task.problems)).all()


def test_settings_saved_by_two_clerks_keep_both_changes_and_refuse_a_clash(demo_db):
    from aqdesk.services.common import settings

    mine = settings.load_seen(demo_db)  # clerk A opens 选项
    theirs = settings.load_seen(demo_db)  # so does clerk B
    in_other_program(demo_db, lambda other: settings.save_all(
        other, {**theirs.values, "office.name": "示例市大气办（新）"}, theirs))
    settings.save_all(demo_db, {**mine.values, "warning.lag_points": 15}, mine)  # A changed another field
    values = settings.load_all(demo_db)
    assert (values["office.name"], values["warning.lag_points"]) == ("示例市大气办（新）", 15)

    later = settings.load_seen(demo_db)
    in_other_program(demo_db, lambda other: settings.save_all(
        other, {**later.values, "warning.lag_points": 25}, later))
    with pytest.raises(UserError, match="刚被他人修改"):
        settings.save_all(demo_db, {**later.values, "warning.lag_points": 30}, later)
    assert settings.load_all(demo_db)["warning.lag_points"] == 25


def test_a_calendar_day_changed_by_another_clerk_is_not_overwritten(demo_db):
    from aqdesk.services.common import workdays

    day = dt.date(2027, 2, 8)
    seen = workdays.year_calendar(demo_db, 2027)  # clerk A's calendar, before anyone marked the day
    in_other_program(demo_db, lambda other: workdays.set_day(other, day, False))
    with pytest.raises(UserError, match="刚被他人修改"):
        workdays.set_day(demo_db, day, True, seen=seen.versions.get(day))
    assert workdays.year_calendar(demo_db, 2027).days[day] == (False, workdays.SOURCE_OFFICE)
    seen = workdays.year_calendar(demo_db, 2027)
    in_other_program(demo_db, lambda other: workdays.set_day(other, day, True))
    with pytest.raises(UserError, match="刚被他人修改"):
        workdays.reset_day(demo_db, day, seen=seen.versions.get(day))


def test_aliases_saved_by_two_clerks_refuse_the_later_list(demo_db):
    from aqdesk.services.common import unit_admin

    unit = next(u for u in unit_admin.unit_rows(demo_db) if u.name == "市生态环境局")
    in_other_program(demo_db, lambda other: unit_admin.set_aliases(other, unit.id, unit.version, ["环保局"]))
    with pytest.raises(UserError, match="他人修改"):
        unit_admin.set_aliases(demo_db, unit.id, unit.version, ["生态局"])
    assert next(u for u in unit_admin.unit_rows(demo_db) if u.id == unit.id).aliases == ("环保局",)

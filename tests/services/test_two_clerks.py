"""Two clerks on one database at the same moment: each test runs the second clerk in a
thread of its own, on its own connections, at the point where the first is most exposed."""

from __future__ import annotations

import contextlib
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
from tests.services.test_import_record import (
    completed_of,
    edit,
    import_return,
    simple_return,
    towns,
)

ROOT = Path(__file__).resolve().parent.parent.parent


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

"""Two clerks on one database at the same moment: each test runs the second clerk in a
thread of its own, on its own connections, at the point where the first is most exposed."""

from __future__ import annotations

import threading

import pytest

from aqdesk.db.database import open_database
from aqdesk.errors import UserError
from aqdesk.services.importing import commit as commit_module
from aqdesk.services.importing.commit import undo_import
from tests.services.common.test_import_record import (
    completed_of,
    edit,
    import_return,
    simple_return,
    towns,
)


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

"""Text longer than its column: refused alike on SQLite (which would keep it) and on a
server (which would fail with a traceback), naming the file, row and limit."""

import pytest
from sqlalchemy import func, select

from aqdesk.db.models import Task, Unit
from aqdesk.errors import UserError
from aqdesk.services.importing.commit import commit
from aqdesk.services.importing.prepare import prepare
from aqdesk.services.ledgers import task_edit
from tests.services.importing.test_importing import workbook

LONG_TITLE = "推进" * 103 + "。"  # 207 characters; a task's title holds 200
PLAN_HEADINGS = ["任务编号", "类别", "任务名称", "牵头单位", "完成时限"]


def counts(db):
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(Task)), s.scalar(select(func.count()).select_from(Unit))


def test_a_plan_with_a_title_too_long_is_refused_with_its_row(demo_db, tmp_path):
    path = workbook(tmp_path / "计划.xlsx", {"任务清单": [
        PLAN_HEADINGS,
        ["19-01", "能源结构调整", "一项寻常的任务", "市发展改革委", "2026-12-31"],
        ["19-02", "能源结构调整", LONG_TITLE, "市发展改革委", "2026-12-31"],
        ["19-03", "能源结构调整", "新单位牵头的任务", "某" * 101, "2026-12-31"],
    ]})
    before = counts(demo_db)
    plan = prepare(demo_db, path, create_units=True)
    errors = {p.row: str(p) for p in plan.errors}
    assert set(errors) == {3, 4}
    assert "计划.xlsx「任务清单」第3行" in errors[3] and "任务名称最多 200 个字，这里有 207 个字" in errors[3]
    assert "单位名称最多 100 个字" in errors[4]
    with pytest.raises(UserError, match="2 处错误"):
        commit(demo_db, plan)
    commit(demo_db, plan, accept_valid_rows=True)  # the row that fits goes in
    assert counts(demo_db) == (before[0] + 1, before[1])


def test_a_hand_edit_too_long_is_refused_and_changes_nothing(demo_db):
    with demo_db.reading() as s:
        task = s.scalars(select(Task).order_by(Task.id)).first()
    with pytest.raises(UserError, match="任务名称最多 200 个字，这里有 207 个字"):
        task_edit.update_task(demo_db, task.id, task.version, title=LONG_TITLE)
    with demo_db.reading() as s:
        assert s.get(Task, task.id).title == task.title

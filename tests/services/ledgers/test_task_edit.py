import datetime as dt

import pytest
from sqlalchemy import func, select

from aqdesk.db.models import AuditEntry, DeadlineChange, Task, TaskProgress
from aqdesk.domain.enums import DeadlineKind, TaskStatus
from aqdesk.errors import UserError
from aqdesk.services.common import editing
from aqdesk.services.ledgers import task_edit, tasks


def dated_task(db):
    with db.reading() as s:
        return s.scalars(select(Task).where(Task.deadline_kind == DeadlineKind.DATE, Task.status != "done")
                         .order_by(Task.number)).first()


def count(db, model):
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_postponement_needs_a_reason_and_writes_nothing_without(demo_db):
    task = dated_task(demo_db)
    before = (count(demo_db, DeadlineChange), count(demo_db, AuditEntry))
    with pytest.raises(UserError, match="理由"):
        task_edit.postpone(demo_db, task.id, task.version, new_deadline=task.deadline + dt.timedelta(30), reason="  ")
    assert (count(demo_db, DeadlineChange), count(demo_db, AuditEntry)) == before
    assert task_edit.task_detail(demo_db, task.id).version == task.version


def test_postpone_then_undo_then_redo(demo_db, anchor):
    task = dated_task(demo_db)
    new = task.deadline + dt.timedelta(days=30)
    action = task_edit.postpone(demo_db, task.id, task.version, new_deadline=new, reason="资金未到位")
    detail = task_edit.task_detail(demo_db, task.id)
    assert detail.fields["deadline"] == new
    assert detail.postponements[-1].reason == "资金未到位" and detail.postponements[-1].old == task.deadline
    row = next(r for r in tasks.task_rows(demo_db, anchor) if r.id == task.id)
    assert row.postponed == len(detail.postponements)

    undo = editing.undo_action(demo_db, action)
    detail = task_edit.task_detail(demo_db, task.id)
    assert detail.fields["deadline"] == task.deadline
    assert all(p.reason != "资金未到位" for p in detail.postponements)

    editing.undo_action(demo_db, undo)  # redo
    assert task_edit.task_detail(demo_db, task.id).fields["deadline"] == new


def test_progress_report_updates_latest_and_history(demo_db):
    task = dated_task(demo_db)
    reports_before = count(demo_db, TaskProgress)
    with pytest.raises(UserError, match="进展情况不能为空"):
        task_edit.add_report(demo_db, task.id, task.version, period=dt.date(2026, 11, 30), progress=50, text="")
    with pytest.raises(UserError, match="0–100"):
        task_edit.add_report(demo_db, task.id, task.version, period=dt.date(2026, 11, 30), progress=150, text="好")
    assert count(demo_db, TaskProgress) == reports_before

    action = task_edit.add_report(demo_db, task.id, task.version, period=dt.date(2026, 11, 30), progress=100,
                                  text="已全面完成并通过验收", reported_on=dt.date(2026, 11, 30))
    detail = task_edit.task_detail(demo_db, task.id)
    assert detail.fields["latest_progress"] == "已全面完成并通过验收"
    assert detail.fields["status"] == "done" and detail.fields["done_on"] == dt.date(2026, 11, 30)
    assert detail.reports[0].text == "已全面完成并通过验收"
    editing.undo_action(demo_db, action)
    detail = task_edit.task_detail(demo_db, task.id)
    assert detail.fields["latest_progress"] == task.latest_progress and detail.fields["status"] == task.status
    assert count(demo_db, TaskProgress) == reports_before


def test_a_report_with_blank_problems_and_plan_keeps_the_tasks(demo_db):
    task = dated_task(demo_db)
    task_edit.update_task(demo_db, task.id, task.version, problems="资金缺口300万", next_steps="12月底前招标")
    version = task_edit.task_detail(demo_db, task.id).version
    task_edit.add_report(demo_db, task.id, version, period=dt.date(2026, 11, 30), progress=60, text="完成设备采购",
                         problems="  ", next_steps="")
    detail = task_edit.task_detail(demo_db, task.id)
    assert detail.fields["problems"] == "资金缺口300万" and detail.fields["next_steps"] == "12月底前招标"
    assert detail.fields["latest_progress"] == "完成设备采购"

    task_edit.add_report(demo_db, task.id, detail.version, period=dt.date(2026, 12, 15), progress=70,
                         text="开始安装", problems="工期紧", next_steps="")
    detail = task_edit.task_detail(demo_db, task.id)
    assert detail.fields["problems"] == "工期紧" and detail.fields["next_steps"] == "12月底前招标"


def test_bad_fields_are_refused(demo_db):
    task = dated_task(demo_db)
    with pytest.raises(UserError, match="早于开始时间"):
        task_edit.update_task(demo_db, task.id, task.version, start_date=task.deadline + dt.timedelta(days=1))
    with pytest.raises(UserError, match="0–100"):
        task_edit.update_task(demo_db, task.id, task.version, progress_pct=-5)
    with pytest.raises(UserError, match="推迟"):
        task_edit.update_task(demo_db, task.id, task.version, deadline=task.deadline + dt.timedelta(days=3))


def test_a_stale_version_is_refused(demo_db):
    task = dated_task(demo_db)
    task_edit.update_task(demo_db, task.id, task.version, leader="李四（副市长）")
    with pytest.raises(UserError, match="已被他人修改"):
        task_edit.update_task(demo_db, task.id, task.version, leader="王五（副市长）")


def test_undo_is_refused_when_a_later_edit_touched_the_field(demo_db):
    task = dated_task(demo_db)
    first = task_edit.update_task(demo_db, task.id, task.version, leader="李四（副市长）")
    task_edit.update_task(demo_db, task.id, task.version + 1, leader="王五（副市长）")
    with pytest.raises(UserError, match="又被"):
        editing.undo_action(demo_db, first)
    assert task_edit.task_detail(demo_db, task.id).fields["leader"] == "王五（副市长）"


def test_a_task_done_later_reads_as_unfinished_status_the_day_before(demo_db):
    with demo_db.reading() as s:
        done = s.scalars(select(Task).where(Task.status == TaskStatus.DONE, Task.done_on.is_not(None))
                         .order_by(Task.number)).first()
    row = next(r for r in tasks.task_rows(demo_db, done.done_on - dt.timedelta(days=1)) if r.id == done.id)
    # a status, not its bare value: the ledger's 状态 column and `aqdesk tasks --json` read its label
    assert row.status in (TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED)
    assert row.status.label in ("推进中", "未开始")

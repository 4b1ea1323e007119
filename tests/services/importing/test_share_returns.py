"""A unit's return reports its own shares of shared tasks, and only those."""

import datetime as dt

import openpyxl
import pytest
from sqlalchemy import select

from aqdesk.db.models import ShareProgress, Task, TaskShare
from aqdesk.exchange.template_xlsx import HEADER_ROW, write_template
from aqdesk.services.importing.commit import commit, undo_import
from aqdesk.services.importing.prepare import prepare
from aqdesk.services.importing.templates import template_content
from aqdesk.services.ledgers.task_shares import set_shares

PERIOD = dt.date(2026, 11, 22)


@pytest.fixture
def shared(demo_db):
    """4-03 (市城管执法局 leads) split between 安平县 and 清河县."""
    with demo_db.reading() as s:
        task = s.scalars(select(Task).where(Task.number == "4-03")).one()
        task_id, version = task.id, task.version
    set_shares(demo_db, task_id, version, ["安平县", "清河县"])
    return demo_db


def state(db):
    with db.reading() as s:
        task = s.scalars(select(Task).where(Task.number == "4-03")).one()
        shares = {sh.unit.name: (sh.progress_pct, sh.latest_progress, sh.status)
                  for sh in s.scalars(select(TaskShare).where(TaskShare.task_id == task.id))}
        return (task.progress_pct, task.latest_progress, task.version), shares, \
            len(s.scalars(select(ShareProgress)).all())


def fill_task(path, number: str, values: dict) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["重点任务"]
    columns = {c.value: c.column for c in sheet[HEADER_ROW] if c.value}
    row = next(r for r in range(HEADER_ROW + 1, sheet.max_row + 1) if sheet.cell(r, columns["任务编号"]).value == number)
    for heading, value in values.items():
        sheet.cell(row, columns[heading], value)
    book.save(path)


def test_a_cooperators_template_carries_its_share_and_its_return_updates_that_share_only(shared, tmp_path):
    content = template_content(shared, "安平县", PERIOD)
    rows = {r["任务编号"]: r for r in content.sheets[0].rows}
    assert set(rows) == {"2-06", "4-03", "7-03"}  # 7-03 is shared by every county in the demo
    assert rows["4-03"]["完成比例（%）"] == 0 and rows["4-03"]["进展情况"] == ""
    path = write_template(content, tmp_path)
    fill_task(path, "4-03", {"进展情况": "县城主干道机扫率达到96%。", "完成比例（%）": 100, "是否完成": "是"})
    before = state(shared)

    plan = prepare(shared, path, today=PERIOD)
    assert plan.errors == []
    assert {c.item for c in plan.changes()} == {"任务 4-03（安平县分工）"}
    batch = commit(shared, plan)
    task, shares, reports = state(shared)
    assert task == before[0]  # the lead's own figures are the lead's
    assert shares["安平县"][:2] == (100, "县城主干道机扫率达到96%。") and shares["安平县"][2] == "done"
    assert shares["清河县"] == before[1]["清河县"]
    assert reports == 1

    undo_import(shared, batch)
    assert state(shared) == before


def test_a_unit_reporting_on_a_share_not_its_own_is_refused(shared, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["任务编号", "任务名称", "本期进展情况", "完成比例（%）", "是否完成"])
    book.active.append(["4-03", "城市道路扬尘精细化管控", "已完成。", 100, "是"])
    book.save(tmp_path / "龙泉县报送.xlsx")
    before = state(shared)
    plan = prepare(shared, tmp_path / "龙泉县报送.xlsx", unit="龙泉县", period=PERIOD, today=PERIOD)
    assert [p.message for p in plan.errors] == ["任务 4-03 由市城管执法局牵头，不是龙泉县的任务"]
    assert state(shared) == before


PLAN_HEADINGS = ["任务编号", "类别", "任务名称", "牵头单位", "配合单位", "完成时限"]


def plan_file(path, co_units: str):
    book = openpyxl.Workbook()
    book.active.title = "任务清单"
    book.active.append(PLAN_HEADINGS)
    book.active.append(["9-09", "综合保障", "禁燃区划定到位", "市生态环境局", co_units, dt.date(2026, 12, 20)])
    book.save(path)
    return path


def shares_of_9_09(db) -> list[str]:
    with db.reading() as s:
        return [sh.unit.name for sh in s.scalars(
            select(TaskShare).join(Task).where(Task.number == "9-09").order_by(TaskShare.unit_id))]


def test_every_county_in_the_plan_makes_a_share_each_and_a_reimport_adds_them_with_undo(demo_db, tmp_path):
    first = prepare(demo_db, plan_file(tmp_path / "plan1.xlsx", "市公安局"), today=PERIOD)
    assert first.errors == []
    commit(demo_db, first)
    assert shares_of_9_09(demo_db) == []

    again = prepare(demo_db, plan_file(tmp_path / "plan2.xlsx", "市公安局、各县（区）"), today=PERIOD)
    assert again.errors == []
    added = [i.item for i in again.inserts() if i.table == "task_share"]
    assert len(added) == 10 and "任务 9-09 安平县分工" in added  # the preview shows each share
    batch = commit(demo_db, again)
    assert len(shares_of_9_09(demo_db)) == 10
    undo_import(demo_db, batch)
    assert shares_of_9_09(demo_db) == []


def test_a_new_plan_row_for_every_county_is_created_split(empty_db, tmp_path):
    path = plan_file(tmp_path / "plan.xlsx", "全部县区")
    with empty_db.transaction() as s:
        from aqdesk.db.models import Unit
        s.add_all([Unit(name="市生态环境局", kind="department"), Unit(name="甲县", kind="county"),
                   Unit(name="乙区", kind="county")])
    plan = prepare(empty_db, path, create_units=True, today=PERIOD)
    assert plan.errors == [], [str(p) for p in plan.errors]
    commit(empty_db, plan)
    assert shares_of_9_09(empty_db) == ["甲县", "乙区"]


def test_a_reimport_removes_the_shares_the_plan_no_longer_names_and_undo_puts_them_back(demo_db, tmp_path):
    commit(demo_db, prepare(demo_db, plan_file(tmp_path / "plan1.xlsx", "全部县区"), today=PERIOD))
    with demo_db.transaction() as s:  # 安平县 has reported on its share: a plan does not erase that
        share = s.scalars(select(TaskShare).join(Task).where(Task.number == "9-09")).first()
        share.last_reported_on, share.latest_progress = PERIOD, "已划定。"
        reported = share.unit.name
    before = shares_of_9_09(demo_db)

    again = prepare(demo_db, plan_file(tmp_path / "plan2.xlsx", "市公安局"), today=PERIOD)
    assert again.errors == []
    assert len(again.removals()) == 9 and "任务 9-09 清河县分工" in {r.item for r in again.removals()}
    assert any(f"已没有{reported}的分工，但已有报送" in str(p) for p in again.warnings)
    batch = commit(demo_db, again)
    assert shares_of_9_09(demo_db) == [reported]
    undo_import(demo_db, batch)
    assert shares_of_9_09(demo_db) == before


def test_a_reimport_keeps_the_shares_of_units_the_row_still_names(shared, tmp_path):
    """4-03 split by hand between 安平县 and 清河县; the plan names 安平县 among its cooperators."""
    book = openpyxl.Workbook()
    book.active.title = "任务清单"
    book.active.append(PLAN_HEADINGS)
    book.active.append(["4-03", "用地结构调整和扬尘管控", "城市道路扬尘精细化管控", "市城管执法局", "市交通运输局、安平县",
                        dt.date(2026, 11, 30)])
    book.save(tmp_path / "plan.xlsx")
    plan = prepare(shared, tmp_path / "plan.xlsx", today=PERIOD)
    assert [r.item for r in plan.removals()] == ["任务 4-03 清河县分工"]
    assert not [i for i in plan.inserts() if i.table == "task_share"]

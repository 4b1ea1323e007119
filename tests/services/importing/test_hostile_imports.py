"""Imports that once passed their checks and then crashed the commit (issue 12)."""

import datetime as dt

import pytest
from sqlalchemy import select

from aqdesk.db.models import Task, Unit
from aqdesk.services.importing.commit import commit, undo_import
from aqdesk.services.importing.prepare import prepare
from tests.services.importing.test_importing import PERIOD, workbook

PLAN_HEADINGS = ["任务编号", "类别", "任务名称", "牵头单位", "完成时限"]


def _task(db, number):
    with db.reading() as s:
        task = s.scalar(select(Task).where(Task.number == number))
        return task.lead_unit_id, task.category_id


def test_a_revised_plan_moving_a_task_to_a_new_unit_and_category_commits_and_undoes(demo_db, tmp_path):
    before = _task(demo_db, "4-03")
    path = workbook(tmp_path / "调整.xlsx", {"任务清单": [
        PLAN_HEADINGS, ["4-03", "机构改革类", "城市道路扬尘精细化管控", "市新设综合执法局", "2026-12-31"]]})
    plan = prepare(demo_db, path, create_units=True)
    assert plan.errors == []
    batch = commit(demo_db, plan)
    lead, category = _task(demo_db, "4-03")
    with demo_db.reading() as s:
        assert s.get(Unit, lead).name == "市新设综合执法局" and category != before[1]
    undo_import(demo_db, batch)
    assert _task(demo_db, "4-03") == before
    with demo_db.reading() as s:
        assert s.scalar(select(Unit).where(Unit.name == "市新设综合执法局")) is None


def test_absurd_figures_are_refused_with_row_heading_and_value(demo_db, tmp_path):
    path = workbook(tmp_path / "安平县.xlsx", {
        "散煤": [["县（区）", "检查次数", "配送洁净型煤（吨）"], ["安平县", 1e20, "1" * 400]],
    })
    plan = prepare(demo_db, path, unit="安平县", period=PERIOD, today=dt.date(2026, 11, 23))
    texts = [str(p) for p in plan.errors]
    assert any("第2行" in t and "检查次数" in t and "超出合理范围" in t for t in texts), texts
    assert any("配送洁净型煤（吨）" in t and "合理" in t for t in texts), texts
    assert not plan.committable(accept_valid_rows=False)


@pytest.mark.parametrize("households", [2 ** 63, 1e308])
def test_households_past_any_city_are_refused(demo_db, tmp_path, households):
    # the second row of a county takes the lean path a city-wide return's rows take
    path = workbook(tmp_path / "安平县双替代.xlsx", {"双替代": [
        ["县（区）", "乡镇（街道）", "类型", "已完成户数"], ["安平县", "安城街道", "气代煤", 650],
        ["安平县", "太平镇", "气代煤", households]]})
    plan = prepare(demo_db, path, unit="安平县", period=PERIOD)
    assert any("已完成户数" in str(p) and "超出合理范围" in str(p) for p in plan.errors), [str(p) for p in plan.errors]
    assert plan.changes(accept_valid_rows=True) == []


def test_a_new_unit_first_named_on_a_refused_row_is_still_created_for_the_rows_taken(demo_db, tmp_path):
    path = workbook(tmp_path / "新单位.xlsx", {"任务清单": [
        PLAN_HEADINGS,
        ["9-91", "新类别", "新任务一", "市新设局", "下个月"],  # an error: the unit is written down here
        ["9-92", "新类别", "新任务二", "市新设局", "2026-12-31"],
    ]})
    plan = prepare(demo_db, path, create_units=True)
    assert [p.row for p in plan.errors] == [2]
    commit(demo_db, plan, accept_valid_rows=True)
    with demo_db.reading() as s:
        task = s.scalar(select(Task).where(Task.number == "9-92"))
        assert s.get(Unit, task.lead_unit_id).name == "市新设局"
        assert s.scalar(select(Task).where(Task.number == "9-91")) is None

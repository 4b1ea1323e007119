"""A new year's plan beside last year's: it creates its own items and never edits last year's."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from aqdesk.db.models import DeadlineChange, SubstitutionTarget, Task, TaskProgress
from aqdesk.services.importing.commit import commit
from aqdesk.services.importing.prepare import prepare
from aqdesk.services.ledgers import substitution, tasks
from tests.services.importing.test_importing import workbook

PLAN_HEADINGS = ["任务编号", "类别", "任务名称", "牵头单位", "完成时限"]


def task_1_01(db, year):
    with db.reading() as s:
        task = s.scalar(select(Task).where(Task.number == "1-01", Task.plan_year == year))
        if task is None:
            return None
        reports = s.scalar(select(func.count()).where(TaskProgress.task_id == task.id))
        postponed = s.scalar(select(func.count()).where(DeadlineChange.task_id == task.id))
        return (task.title, task.progress_pct, task.deadline, task.latest_progress, task.version, reports, postponed)


def plan_2027(tmp_path, title="示例市2027年大气污染防治重点任务清单", deadline="2027-12-31", name="plan.xlsx",
              season_title="2027年双替代任务"):
    return workbook(tmp_path / name, {"任务清单": [
        [title], PLAN_HEADINGS,
        ["1-01", "产业结构调整", "钢铁行业超低排放改造巩固提升", "市工业和信息化局", deadline],
        ["1-02", "产业结构调整", "淘汰落后产能", "市发展改革委", deadline],
    ], "双替代任务": [
        [season_title], ["县（区）", "乡镇（街道）", "类型", "任务户数", "完成时限"],
        ["安平县", "城关镇", "气代煤", 300, "2027-10-31"],
    ]})


def test_the_2027_plan_creates_2027_items_and_leaves_2026_as_it_was(demo_db, tmp_path):
    before = task_1_01(demo_db, 2026)
    assert before[1] == 40 and before[5] == 5 and before[6] == 2  # as the demo office has it
    with demo_db.reading() as s:
        towns_before = s.scalar(select(func.count()).select_from(SubstitutionTarget))
    plan = prepare(demo_db, plan_2027(tmp_path), today=dt.date(2027, 1, 5))
    assert plan.errors == [], [str(p) for p in plan.errors]
    assert plan.year == 2027 and plan.changes() == []
    assert sorted(i.item for i in plan.inserts() if i.table == "task") == ["任务 1-01", "任务 1-02"]
    commit(demo_db, plan)

    assert task_1_01(demo_db, 2026) == before  # figures, history and postponement count unchanged
    new = task_1_01(demo_db, 2027)
    assert new[:3] == ("钢铁行业超低排放改造巩固提升", 0, dt.date(2027, 12, 31)) and new[5:] == (0, 0)
    with demo_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(SubstitutionTarget)) == towns_before + 1
    # each year's ledger shows its own items
    rows_2027 = tasks.task_rows(demo_db, dt.date(2027, 3, 1))
    assert [r.number for r in rows_2027] == ["1-01", "1-02"]
    assert len(tasks.task_rows(demo_db, dt.date(2027, 3, 1), year=2026)) == 60
    assert len(tasks.task_rows(demo_db, dt.date(2026, 11, 23))) == 60
    assert [(t.township, t.target) for t in substitution.township_rows(demo_db, dt.date(2027, 3, 1))] == [("城关镇", 300)]


def test_reimporting_this_years_plan_still_updates_this_years_items(demo_db, tmp_path):
    path = workbook(tmp_path / "2026.xlsx", {"任务清单": [
        ["2026年重点任务清单"], PLAN_HEADINGS,
        ["1-01", "产业结构调整", "钢铁企业超低排放改造", "市工业和信息化局", "2027-01-31"],
    ]})
    plan = prepare(demo_db, path)
    assert plan.errors == [] and plan.year == 2026
    assert {(c.item, c.field) for c in plan.changes()} >= {("任务 1-01", "deadline")}
    assert [i.table for i in plan.inserts()] == ["deadline_change"]


def test_the_year_is_read_from_the_deadlines_when_the_title_has_none(demo_db, tmp_path):
    plan = prepare(demo_db, plan_2027(tmp_path, title="重点任务清单", season_title="双替代任务"))
    assert plan.errors == [] and plan.year == 2027
    assert any("按完成时限认定为2027年计划" in str(p) for p in plan.warnings)


def test_a_plan_whose_year_cannot_be_decided_is_refused_with_how_to_state_it(demo_db, tmp_path):
    path = workbook(tmp_path / "计划.xlsx", {"任务清单": [
        ["重点任务清单"], PLAN_HEADINGS,
        ["1-01", "产业结构调整", "甲", "市工业和信息化局", "2026-12-31"],
        ["1-02", "产业结构调整", "乙", "市发展改革委", "2027-06-30"],
        ["1-03", "产业结构调整", "丙", "市发展改革委", "长期坚持"],
    ]})
    plan = prepare(demo_db, path)
    assert [p.message for p in plan.file_errors] == [
        "无法确定该计划属于哪一年（标题中没有年份，完成时限也不能说明）：请在表格标题中写明年份（如「2027年重点任务清单」），"
        "或在导入时指定年度（窗口：在工具栏的“年度”中选定该年度后重新检查；命令行：--year 2027）"]
    assert plan.changes() == [] and plan.inserts() == []
    stated = prepare(demo_db, path, year=2027)
    assert stated.errors == [] and stated.year == 2027


def test_a_title_and_a_stated_year_that_disagree_are_refused(demo_db, tmp_path):
    plan = prepare(demo_db, plan_2027(tmp_path), year=2026)
    assert "指定的年度为2026年，工作表「任务清单」标题却是2027年" in plan.file_errors[0].message


@pytest.mark.parametrize("title, year", [("2027年重点任务", 2027), ("2026—2027年采暖季双替代任务", 2026),
                                         ("二〇二七年", None), ("", None)])
def test_year_in_title(title, year):
    from aqdesk.domain.plan_years import year_in_title
    assert year_in_title(title) == year


def test_a_template_of_one_year_is_not_taken_as_anothers(demo_db, tmp_path):
    from aqdesk.exchange.template_xlsx import write_template
    from aqdesk.services.importing.templates import template_content
    commit(demo_db, prepare(demo_db, plan_2027(tmp_path), today=dt.date(2027, 1, 5)))
    content = template_content(demo_db, "工信局", dt.date(2026, 11, 30))
    assert content.year == 2026 and len(content.sheets[0].rows) > 1  # 2026's tasks, not the two of 2027
    path = write_template(content, tmp_path)
    plan = prepare(demo_db, path, year=2027)
    assert [p.message for p in plan.file_errors] == [
        "该报送表是2026年度的模板，与指定的2027年度不符（同一编号在不同年度是不同的任务）"]
    assert template_content(demo_db, "工信局", dt.date(2027, 3, 31)).year == 2027

"""年度结转: closing 2026 makes it read-only, opening 2027 carries over what the office chose,
and the demo office shows as of a 2027 date."""

import datetime as dt

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from aqdesk.db.models import Enterprise, Task
from aqdesk.errors import UserError
from aqdesk.services.common import editing, years
from aqdesk.services.importing.commit import commit, undo_import
from aqdesk.services.importing.prepare import prepare
from aqdesk.services.ledgers import relocation, rollover, task_edit, tasks
from aqdesk.services.reports import overview, year_summary
from aqdesk.services.supervision import letters, sheet_items
from tests.services.common.test_plan_years import plan_2027, task_1_01
from tests.services.importing.test_importing import task_return  # noqa: F401 - a fixture

ANCHOR = dt.date(2026, 11, 23)
SPRING = dt.date(2027, 3, 1)
CLOSED = "2026年度已结转关闭"


def task_id(db, number, year=2026):
    with db.reading() as s:
        return s.scalar(select(Task.id).where(Task.number == number, Task.plan_year == year))


def test_a_closed_year_refuses_edits_undo_and_imports(demo_db, task_return, tmp_path):  # noqa: F811
    batch = commit(demo_db, prepare(demo_db, task_return, unit="城管局", period=dt.date(2026, 11, 20)))
    detail = task_edit.task_detail(demo_db, task_id(demo_db, "1-02"))
    action = task_edit.update_task(demo_db, detail.id, detail.version, problems="资金未到位")
    rollover.close_year(demo_db, 2026)
    with pytest.raises(UserError, match="2026年度已于 .* 结转关闭"):
        rollover.close_year(demo_db, 2026)

    detail = task_edit.task_detail(demo_db, detail.id)
    with pytest.raises(UserError, match=f"{CLOSED}，该任务属于2026年度，只能查看"):
        task_edit.update_task(demo_db, detail.id, detail.version, problems="改不了")
    with pytest.raises(UserError, match=CLOSED):
        editing.undo_action(demo_db, action)
    with pytest.raises(UserError, match=CLOSED):
        undo_import(demo_db, batch)
    late = workbook_copy(task_return, tmp_path)
    refused = prepare(demo_db, late, unit="城管局", period=dt.date(2026, 12, 20))
    assert any("2026年度已结转关闭，不能再导入该年度的报送" in p.message for p in refused.file_errors)
    assert task_edit.task_detail(demo_db, detail.id).fields["problems"] == "资金未到位"

    rollover.reopen_year(demo_db, 2026)  # a correction after all
    task_edit.update_task(demo_db, detail.id, detail.version, problems="已更正")


def workbook_copy(path, tmp_path):
    import shutil
    return shutil.copy(path, tmp_path / "12月报送.xlsx")


def test_opening_2027_carries_over_what_the_office_chose(demo_db):
    before = task_1_01(demo_db, 2026)
    with demo_db.reading() as s:
        unfinished = [t.number for t in s.scalars(select(Task).where(Task.status != "done").order_by(Task.number))
                      if t.deadline_kind == "date"]
        standing = [t.number for t in s.scalars(select(Task).where(Task.deadline_kind != "date"))]
    with pytest.raises(UserError, match="请先结转关闭2026年度"):
        rollover.open_year(demo_db, 2027, set(rollover.Carry))
    rollover.close_year(demo_db, 2026)
    counts = rollover.open_year(demo_db, 2027, {rollover.Carry.UNFINISHED, rollover.Carry.ENTERPRISES})
    assert counts["tasks"] == len(unfinished) and "1-01" in unfinished and standing
    with pytest.raises(UserError, match="不能重复结转"):
        rollover.open_year(demo_db, 2027, set())

    rows = {r.number: r for r in tasks.task_rows(demo_db, SPRING)}
    assert sorted(rows) == sorted("结转" + n for n in unfinished)  # and no standing task
    carried = rows["结转1-01"]
    assert carried.carried and carried.progress == 40 and carried.postponed == 2
    assert task_1_01(demo_db, 2026) == before
    detail = task_edit.task_detail(demo_db, carried.id)
    assert len(detail.reports) == 5 and len(detail.postponements) == 2  # the history of 2026
    # the carried task is 2027's and can be postponed again; 2026's stays as it was
    task_edit.postpone(demo_db, carried.id, detail.version, new_deadline=dt.date(2027, 6, 30),
                       reason="结转后重新确定时限", changed_on=dt.date(2027, 1, 10))
    assert {r.number: r for r in tasks.task_rows(demo_db, SPRING)}["结转1-01"].postponed == 3
    assert task_1_01(demo_db, 2026) == before

    enterprises = relocation.enterprise_rows(demo_db, SPRING)
    all_2026 = relocation.enterprise_rows(demo_db, SPRING, year=2026)
    assert 0 < len(enterprises) < len(all_2026) == 77
    assert all(any(m.actual is None for m in e.milestones) for e in enterprises)


def test_opening_without_carrying_takes_nothing_over(demo_db):
    rollover.close_year(demo_db, 2026)
    assert rollover.open_year(demo_db, 2027, set()) == {"tasks": 0, "enterprises": 0}
    assert tasks.task_rows(demo_db, SPRING) == []
    assert relocation.enterprise_rows(demo_db, SPRING) == []
    with demo_db.reading() as s:
        assert set(s.scalars(select(Enterprise.last_year))) == {2026}


def test_the_year_end_summary(demo_db, tmp_path):
    summary = year_summary.year_summary(demo_db, 2026, ANCHOR)
    assert summary.on_time + summary.late + summary.not_done + summary.standing == 60
    assert set(summary.households) == {"气代煤", "电代煤"} and sum(summary.stages.values()) == 77
    assert summary.sheets == 11
    path = year_summary.save_summary_pdf(demo_db, 2026, tmp_path / "2026年度汇总.pdf", ANCHOR)
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "2026年度大气污染防治工作汇总" in text and f"按期完成{summary.on_time}项" in text


def test_the_demo_office_as_of_2027_after_the_roll_over(demo_db, tmp_path):
    rollover.close_year(demo_db, 2026)
    rollover.open_year(demo_db, 2027, set(rollover.Carry))
    commit(demo_db, prepare(demo_db, plan_2027(tmp_path), today=dt.date(2027, 1, 5)))
    with demo_db.reading() as s:
        assert years.known_years(s) == [2026, 2027] and years.default_year(s, SPRING) == 2027
    view = overview.overview(demo_db, SPRING)
    assert view.tasks.total == len(tasks.task_rows(demo_db, SPRING)) > 2
    assert {r.number for r in tasks.task_rows(demo_db, SPRING)} >= {"1-01", "1-02", "结转1-01"}
    assert view.households and view.sheets.total == 0
    assert sheet_items.all_items(demo_db, SPRING)
    assert "市工业和信息化局" in letters.units_with_red(demo_db, SPRING)  # 结转1-01 is past its 2026 deadline


def test_a_2027_relocation_plan_brings_an_enterprise_back_and_leaves_reached_milestones(demo_db, tmp_path):
    from tests.services.importing.test_importing import workbook
    rollover.close_year(demo_db, 2026)
    rollover.open_year(demo_db, 2027, set())  # every enterprise leaves the ledger
    path = workbook(tmp_path / "2027年退城入园计划.xlsx", {"退城入园企业": [
        ["2027年退城入园企业计划"], ["企业名称", "统一社会信用代码", "县（区）", "计划停产时间", "计划投产时间"],
        ["示例市永盛机械制造有限公司", "914199027365494426", "东城区", "2026-09-01", "2027-09-30"],
    ]})
    plan = prepare(demo_db, path)
    assert plan.errors == [] and plan.year == 2027
    changed = {(c.table, c.field): (c.old, c.new) for c in plan.changes()}
    assert changed == {("enterprise", "last_year"): (2026, None),
                       ("milestone", "planned_date"): (dt.date(2027, 7, 23), dt.date(2027, 9, 30))}
    assert any("停产已于2026-08-20完成，属于2026年度" in str(p) for p in plan.warnings)
    commit(demo_db, plan)
    assert [e.name for e in relocation.enterprise_rows(demo_db, SPRING)] == ["示例市永盛机械制造有限公司"]


def test_no_sheet_or_letter_is_dated_in_a_closed_year(demo_db):
    from aqdesk.domain.enums import Color
    from aqdesk.services.supervision import sheet_loop
    items = sheet_items.all_items(demo_db, ANCHOR)[:1]
    rollover.close_year(demo_db, 2026)
    with pytest.raises(UserError, match="2026年度已结转关闭，不能再以2026年的日期交办督办单"):
        sheet_loop.issue_sheet(demo_db, unit=items[0].unit, level=Color.RED, items=items, requirement="立即整改",
                               issued_on=dt.date(2026, 12, 28))
    issued = sheet_loop.issue_sheet(demo_db, unit=items[0].unit, level=Color.RED, items=items,
                                    requirement="立即整改", issued_on=dt.date(2027, 1, 4))
    assert "〔2027〕" in issued.number


def test_every_recorded_change_to_a_closed_years_item_is_refused(demo_db):
    from aqdesk.services.ledgers import loose_coal
    rows = loose_coal.county_rows(demo_db, ANCHOR)
    report = rows[0].history[-1]
    task = task_edit.task_detail(demo_db, task_id(demo_db, "1-02"))
    rollover.close_year(demo_db, 2026)
    with pytest.raises(UserError, match=CLOSED):
        loose_coal.add_period(demo_db, rows[0].county_id, dt.date(2026, 12, 20), cases=1)
    with pytest.raises(UserError, match=CLOSED):
        loose_coal.update_period(demo_db, report.id, report.version, cases=99)
    with pytest.raises(UserError, match=CLOSED):
        task_edit.add_report(demo_db, task.id, task.version, period=dt.date(2026, 12, 20), progress=90, text="完成九成")
    loose_coal.add_period(demo_db, rows[0].county_id, dt.date(2027, 1, 20), cases=1)  # the new year is open


def test_the_year_end_summary_counts_the_summons_and_accountability_ledgers(demo_db):
    summary = year_summary.year_summary(demo_db, 2026, ANCHOR)
    assert (summary.summons, summary.accountability) == (1, 2)  # 安平县's 约谈 is only planned
    assert "约谈1次，问责2人" in summary.lines()[-1]


def test_a_year_with_nothing_in_it_is_refused_rather_than_summed_up_as_naught(demo_db):
    with pytest.raises(UserError, match="没有1999年度"):
        year_summary.year_summary(demo_db, 1999)

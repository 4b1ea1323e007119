import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from aqdesk.db.models import ImportBatch, SubstitutionReport, Task, TaskProgress
from aqdesk.domain.enums import Color
from aqdesk.errors import UserError
from aqdesk.services.importing.commit import commit, undo_import
from aqdesk.services.importing.prepare import prepare
from aqdesk.services.ledgers import loose_coal, substitution, task_edit, tasks

FIXTURES = Path(__file__).resolve().parents[2] / "exchange" / "fixtures"
PERIOD = dt.date(2026, 11, 20)
TASK_HEADINGS = ["任务编号", "任务名称", "本期进展情况", "完成比例（%）", "是否完成", "完成时间", "存在问题", "下步计划"]


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def snapshot(db):
    with db.reading() as s:
        return (
            [(t.number, t.progress_pct, t.latest_progress, t.status, t.version) for t in s.scalars(select(Task).order_by(Task.id))],
            s.scalar(select(func.count()).select_from(TaskProgress)),
            s.scalar(select(func.count()).select_from(ImportBatch)),
        )


@pytest.fixture
def task_return(tmp_path):
    return workbook(tmp_path / "城管局11月报送.xlsx", {"Sheet1": [
        ["市城管执法局重点任务进展报送表"], [],
        TASK_HEADINGS,
        ["4-03", "城市道路扬尘精细化管控", "主次干道机扫率达到95%", "95%", "否", "", "", ""],
        ["4-04", "渣土车全密闭改造", "已全部完成改造", 100, "是", "2026.11.20", "", ""],
    ]})


def test_return_changes_exactly_what_was_typed_and_undo_restores(demo_db, task_return):
    before = snapshot(demo_db)
    plan = prepare(demo_db, task_return, unit="城管局", period=PERIOD, today=PERIOD)
    assert plan.errors == [] and plan.unit_name == "市城管执法局" and plan.rows_read == 2
    changed = {(c.item, c.field): (c.old, c.new) for c in plan.changes()}
    assert changed[("任务 4-03", "progress_pct")] == (88, 95)
    assert changed[("任务 4-04", "status")] == ("in_progress", "done")
    assert changed[("任务 4-04", "done_on")] == (None, dt.date(2026, 11, 20))
    assert snapshot(demo_db) == before  # preview writes nothing
    batch = commit(demo_db, plan)
    rows = {r.number: r for r in tasks.task_rows(demo_db, PERIOD)}
    assert rows["4-03"].progress == 95 and rows["4-03"].latest == "主次干道机扫率达到95%"
    assert rows["4-04"].color is Color.GREEN and rows["4-04"].reason == "逾期20天完成"
    assert snapshot(demo_db)[1] == before[1] + 2
    undo_import(demo_db, batch)
    after = snapshot(demo_db)
    assert [t[:4] for t in after[0]] == [t[:4] for t in before[0]] and after[1] == before[1]
    with pytest.raises(UserError, match="已于"):
        undo_import(demo_db, batch)
    # once undone, the same file may come in again
    assert prepare(demo_db, task_return, unit="城管局", period=PERIOD).errors == []


def test_undo_refused_after_a_later_edit_of_the_same_field(demo_db, task_return):
    batch = commit(demo_db, prepare(demo_db, task_return, unit="城管局", period=PERIOD))
    task = next(r for r in tasks.task_rows(demo_db, PERIOD) if r.number == "4-03")
    detail = task_edit.task_detail(demo_db, task.id)
    task_edit.add_report(demo_db, task.id, detail.version, period=PERIOD, progress=97, text="又推进了")
    with pytest.raises(UserError, match="又被") as exc:
        undo_import(demo_db, batch)
    assert "4-03" in str(exc.value) or "城市道路" in str(exc.value)


def test_a_file_with_errors_is_refused_whole_unless_valid_rows_are_accepted(demo_db, tmp_path):
    path = workbook(tmp_path / "有错.xlsx", {"进展": [
        TASK_HEADINGS,
        ["4-03", "", "机扫率95%", "95", "", "", "", ""],
        ["7-05", "", "油烟净化", "约八成", "", "", "", ""],
        ["9-99", "", "x", "10", "", "", "", ""],
        ["4-03", "", "重复", "96", "", "", "", ""],
        ["1-03", "", "别人的任务", "95", "", "", "", ""],
    ]})
    before = snapshot(demo_db)
    plan = prepare(demo_db, path, unit="市城管执法局", period=PERIOD)
    messages = [str(p) for p in plan.errors]
    assert any("第3行「完成比例（%）」：“约八成”不是数字" in m for m in messages)
    assert any("第4行" in m and "9-99" in m for m in messages)
    assert any("第5行" in m and "重复" in m for m in messages)
    assert any("第6行" in m and "不是市城管执法局的任务" in m for m in messages)
    with pytest.raises(UserError, match="错误"):
        commit(demo_db, plan)
    assert snapshot(demo_db) == before
    batch = commit(demo_db, plan, accept_valid_rows=True)
    with demo_db.reading() as s:
        recorded = s.get(ImportBatch, batch)
        assert recorded.errors == 4 and "约八成" in recorded.skipped_rows and recorded.rows_changed == 1


def test_same_file_twice_and_stale_template_are_caught(demo_db, task_return, tmp_path):
    commit(demo_db, prepare(demo_db, task_return, unit="城管局", period=PERIOD))
    assert any("不能重复导入" in str(p) for p in prepare(demo_db, task_return, unit="城管局", period=PERIOD).errors)
    stale = workbook(tmp_path / "旧模板.xlsx", {
        "重点任务": [TASK_HEADINGS, ["4-03", "", "x", "90", "", "", "", ""]],
        "_aqdesk": [["template_version", "1"], ["unit", "市城管执法局"], ["period", "2026-10-31"]],
    })
    problems = [str(p) for p in prepare(demo_db, stale, period=PERIOD).errors]
    assert any("2026-10-31 期的模板" in p for p in problems)
    assert prepare(demo_db, stale).period == dt.date(2026, 10, 31)  # no period given: the template's


def test_a_return_without_unit_or_period_asks_for_them(demo_db, task_return):
    problems = [str(p) for p in prepare(demo_db, task_return).errors]
    assert any("无法确定报送单位" in p for p in problems) and any("无法确定报送期" in p for p in problems)


def test_version_changed_after_preview_refuses_the_commit(demo_db, task_return):
    plan = prepare(demo_db, task_return, unit="城管局", period=PERIOD)
    task = next(r for r in tasks.task_rows(demo_db, PERIOD) if r.number == "4-03")
    task_edit.update_task(demo_db, task.id, task_edit.task_detail(demo_db, task.id).version, leader="新领导")
    with pytest.raises(UserError, match="重新预览"):
        commit(demo_db, plan)


def test_substitution_and_loose_coal_returns(demo_db, tmp_path, anchor):
    town = next(r for r in substitution.township_rows(demo_db, anchor) if r.county == "安平县" and not r.data_error)
    path = workbook(tmp_path / "安平县.xlsx", {
        "双替代": [["县（区）", "乡镇（街道）", "类型", "任务户数", "已完成户数", "已验收户数"],
                ["安平县", town.township, town.kind.label, town.target, town.target + 5, town.target],
                ["安平县", town.township, town.kind.label, "", 10, 20]],
        "散煤": [["县(区)", "取缔散煤销售点(个)", "检查次数", "反弹点位(个)"], ["安平县", 2, 30, 1]],
    })
    plan = prepare(demo_db, path, unit="安平县", period=PERIOD)
    texts = [str(p) for p in plan.problems]
    assert any("超过任务户数" in t and "警告" not in t for t in texts)
    assert any("第3行" in t and "重复" in t for t in texts)
    assert any("反弹点位1个" in t for t in texts)
    commit(demo_db, plan, accept_valid_rows=True)
    after = next(r for r in substitution.township_rows(demo_db, anchor) if r.id == town.id)
    assert after.completed == town.target + 5 and "超过任务" in after.data_error
    with demo_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(SubstitutionReport)) == 1
    county = next(r for r in loose_coal.county_rows(demo_db, dt.date(2026, 11, 23)) if r.county == "安平县")
    assert county.color is Color.RED and county.relapse_points == 1


def test_another_countys_rows_are_refused(demo_db, tmp_path):
    path = workbook(tmp_path / "x.xlsx", {"散煤": [["县（区）", "检查次数"], ["清河县", 3]]})
    assert any("不属于报送单位安平县" in str(p) for p in prepare(demo_db, path, unit="安平县", period=PERIOD).errors)


def test_relocation_return_checks_dates_and_stage(demo_db, tmp_path, anchor):
    from aqdesk.services.ledgers import relocation
    ent = next(r for r in relocation.enterprise_rows(demo_db, anchor) if r.county == "东城区" and r.stage == "未启动")
    path = workbook(tmp_path / "东城区.xlsx", {"退城入园": [
        ["企业名称", "统一社会信用代码", "当前阶段", "停产时间", "拆除完成时间", "存在问题"],
        [ent.name, ent.credit_code, "已拆除", "2026-11-10", "", "设备拆除中"],
        [ent.name + "X", "91110108551385082A", "", "", "", ""],
        ["不存在的企业", "", "", "2099-01-01", "", ""],
    ]})
    plan = prepare(demo_db, path, unit="东城区", period=PERIOD, today=anchor)
    texts = [str(p) for p in plan.problems]
    assert any("当前阶段应为“已停产”" in t for t in texts)
    assert any("校验位错误" in t for t in texts)
    assert any("将来的日期" in t for t in texts)
    commit(demo_db, plan, accept_valid_rows=True)
    after = next(r for r in relocation.enterprise_rows(demo_db, anchor) if r.id == ent.id)
    assert after.stage == "已停产" and after.problems == "设备拆除中"


def test_a_real_office_starts_from_a_libreoffice_plan(empty_db, tmp_path):
    """A fresh database plus the plan workbook (saved as .xls by LibreOffice)."""
    plan = prepare(empty_db, FIXTURES / "plan.xls")
    assert plan.kind == "plan" and any("--create-units" in str(p) for p in plan.errors)
    plan = prepare(empty_db, FIXTURES / "plan.xls", create_units=True)
    assert plan.errors == [], [str(p) for p in plan.errors]
    commit(empty_db, plan)
    rows = tasks.task_rows(empty_db, dt.date(2026, 11, 23))
    assert {r.number for r in rows} == {"2-07", "9-01"}
    assert next(r for r in rows if r.number == "2-07").cooperator_names == ("市市场监管局", "市公安局")
    towns = substitution.township_rows(empty_db, dt.date(2026, 11, 23))
    assert [(t.county, t.township, t.kind.label, t.target) for t in towns] == [("示例县", "城关镇", "气代煤", 1200)]
    # the same plan again changes nothing, and is refused as already imported
    copy = shutil.copy(FIXTURES / "plan.xls", tmp_path / "plan-again.xls")
    again = prepare(empty_db, copy, create_units=True)
    assert any("不能重复导入" in str(p) for p in again.errors) and again.changes() == [] and again.inserts() == []


def test_returns_saved_by_libreoffice_come_in_through_the_pipeline(empty_db):
    commit(empty_db, prepare(empty_db, FIXTURES / "plan.xls", create_units=True))
    for name in ("returns.xls", "returns.ods", "returns.xlsx"):
        plan = prepare(empty_db, FIXTURES / name)  # the hidden template metadata names unit and period
        assert plan.unit_name == "示例县" and plan.period == dt.date(2026, 11, 30), name
        substitution_rows = [c for c in plan.changes() if c.table == "substitution_target"]
        assert {(c.field, c.new) for c in substitution_rows} == {("completed", 1000), ("accepted", 800)}, name


def test_a_filled_in_template_changes_exactly_what_was_typed(demo_db, tmp_path):
    from openpyxl import load_workbook

    from aqdesk.exchange.template_xlsx import write_template
    from aqdesk.services.importing.templates import template_content

    period = dt.date(2026, 11, 22)
    path = write_template(template_content(demo_db, "安平县", period), tmp_path)
    book = load_workbook(path)

    def fill(sheet, row, values):
        headings = [c.value for c in book[sheet][2]]
        for heading, value in values.items():
            book[sheet].cell(row=row, column=headings.index(heading) + 1, value=value)

    fill("重点任务", 3, {"进展情况": "供热站已投运，18台燃煤锅炉全部拆除。", "完成比例（%）": 100, "是否完成": "是"})
    fill("双替代", 4, {"已完成户数": 1800, "已验收户数": 1550})
    book.save(path)
    plan = prepare(demo_db, path, today=dt.date(2026, 11, 23))
    assert plan.errors == [] and plan.unit_name == "安平县" and plan.period == period
    changed = {(c.item, c.field, c.new) for c in plan.changes()}
    assert changed == {
        ("任务 2-06", "progress_pct", 100), ("任务 2-06", "latest_progress", "供热站已投运，18台燃煤锅炉全部拆除。"),
        ("任务 2-06", "status", "done"), ("任务 2-06", "done_on", period),
        ("任务 2-06", "last_reported_on", dt.date(2026, 11, 23)),
        ("安平县太平镇（气代煤）", "completed", 1800), ("安平县太平镇（气代煤）", "accepted", 1550),
    }
    assert sorted(i.table for i in plan.inserts()) == ["substitution_report", "task_progress"]


def test_townships_of_the_same_name_in_two_counties(empty_db, tmp_path):
    path = workbook(tmp_path / "双替代计划.xlsx", {"双替代任务": [
        ["县（区）", "乡镇（街道）", "类型", "任务户数", "完成时限"],
        ["甲县", "城关镇", "气代煤", 100, "2026-11-15"],
        ["乙县", "城关镇", "气代煤", 200, "2026-11-15"],
        ["乙县", "城关镇", "电代煤", 50, "2026-11-15"],
    ]})
    commit(empty_db, prepare(empty_db, path, create_units=True))
    rows = substitution.township_rows(empty_db, dt.date(2026, 11, 1))
    assert sorted((r.county, r.township, r.kind.label, r.target) for r in rows) == [
        ("乙县", "城关镇", "气代煤", 200), ("乙县", "城关镇", "电代煤", 50), ("甲县", "城关镇", "气代煤", 100)]


def test_a_task_row_left_blank_is_not_reported_but_a_bare_percentage_is_an_error(demo_db, tmp_path):
    path = workbook(tmp_path / "空白.xlsx", {"重点任务": [
        TASK_HEADINGS,
        ["4-03", "城市道路扬尘精细化管控", "", "", "", "", "", ""],
        ["4-04", "渣土车全密闭改造", "", "95", "", "", "", ""],
    ]})
    plan = prepare(demo_db, path, unit="城管局", period=PERIOD)
    assert [str(p) for p in plan.errors] == ["空白.xlsx「重点任务」第3行「进展情况」：「进展情况」不能为空"]
    assert any("视为未报送" in str(p) and "第2行" in str(p) for p in plan.warnings)
    assert plan.changes() == []


def test_a_task_number_excel_turned_into_a_date_is_read_back(demo_db, tmp_path):
    path = workbook(tmp_path / "日期编号.xlsx", {"重点任务": [
        TASK_HEADINGS, [dt.datetime(2026, 4, 3), "", "机扫率达到95%", "95", "", "", "", ""]]})
    plan = prepare(demo_db, path, unit="城管局", period=PERIOD)
    assert plan.errors == []
    assert any("任务编号被 Excel 变成了日期，已按“4-03”读取" in str(p) for p in plan.warnings)
    assert {c.item for c in plan.changes()} == {"任务 4-03"}

"""Returns as county clerks really type them: title rows, notes under the table, a sheet
copied beside the original, headings in their own words."""

import datetime as dt

from openpyxl import Workbook
from sqlalchemy import select

from aqdesk.db.models import LooseCoalReport
from aqdesk.services.importing.commit import commit
from aqdesk.services.importing.prepare import prepare
from tests.services.importing.test_importing import PERIOD, workbook

TODAY = dt.date(2026, 11, 26)


def _prepare(db, path, unit="安平县"):
    return prepare(db, path, unit=unit, period=PERIOD, today=TODAY)


def test_a_notes_block_under_the_table_is_not_data(demo_db, tmp_path):
    path = workbook(tmp_path / "安平县散煤.xlsx", {"散煤": [
        ["县（区）", "检查次数", "取缔散煤销售点（个）"],
        ["安平县", 60, 4],
        [],
        ["注："],
        ["1. 本表数据截至每月20日；"],
        ["2. 检查次数含联合执法。"],
        ["单位（盖章）"],
    ]})
    plan = _prepare(demo_db, path)
    assert plan.errors == [], [str(p) for p in plan.errors]
    assert [(i.row, i.values["inspections"]) for i in plan.inserts()] == [(2, 60)]


def test_a_row_of_figures_after_the_notes_is_still_read(demo_db, tmp_path):
    # a row that is not a single note line is data wherever it stands: never lost unseen
    path = workbook(tmp_path / "安平县散煤.xlsx", {"散煤": [
        ["县（区）", "检查次数"], ["说明：检查次数含联合执法"], ["安平县", 60]]})
    plan = _prepare(demo_db, path)
    assert [(i.row, i.values["inspections"]) for i in plan.inserts()] == [(3, 60)]


def _errors(plan):
    return {(p.sheet, p.row): str(p) for p in plan.errors}


def test_a_task_on_a_copied_sheet_is_refused_not_taken_twice(demo_db, tmp_path):
    rows = [["任务编号", "进展情况", "完成比例（%）"], ["2-06", "锅炉调试完成", 85]]
    path = workbook(tmp_path / "安平县.xlsx", {"重点任务": rows, "重点任务 (2)": [rows[0], ["2-06", "旧进展", 60]]})
    plan = _prepare(demo_db, path)
    assert "与工作表「重点任务」第2行重复" in _errors(plan)[("重点任务 (2)", 2)]
    assert {c.new for c in plan.changes() if c.field == "progress_pct"} == {85}


def test_a_county_reported_on_two_sheets_is_an_error_before_the_commit(demo_db, tmp_path):
    # it used to pass the check and fail in the commit on the database's unique key
    headings = ["县（区）", "取缔散煤销售点（个）", "检查次数"]
    path = workbook(tmp_path / "安平县.xlsx", {"散煤治理（11月）": [headings, ["安平县", 4, 60]],
                                             "旧表": [headings, ["安平县", 99, 999]]})
    plan = _prepare(demo_db, path)
    assert "与工作表「散煤治理（11月）」第2行重复" in _errors(plan)[("旧表", 2)]
    assert not plan.committable(accept_valid_rows=False)
    commit(demo_db, plan, accept_valid_rows=True)
    with demo_db.reading() as s:
        report = s.scalar(select(LooseCoalReport).where(LooseCoalReport.period == PERIOD))
        assert (report.banned_points, report.inspections) == (4, 60)


def test_an_enterprise_on_two_sheets_is_an_error(demo_db, tmp_path):
    headings = ["企业名称", "停产时间"]
    path = workbook(tmp_path / "安平县.xlsx", {"退城入园": [headings, ["安平县永利化工有限公司", "2026-11-01"]],
                                             "退城入园2": [headings, ["安平县永利化工有限公司", "2026-11-02"]]})
    plan = _prepare(demo_db, path)
    assert "与工作表「退城入园」第2行重复" in _errors(plan)[("退城入园2", 2)]
    assert [c.new for c in plan.changes()] == [dt.date(2026, 11, 1)]


def test_a_county_twice_in_the_loose_coal_targets_is_an_error(demo_db, tmp_path):
    path = workbook(tmp_path / "散煤目标.xlsx", {"散煤目标": [
        ["2027年散煤治理目标"], ["县（区）", "目标检查次数"], ["安平县", 100], ["安平", 120]]})
    plan = prepare(demo_db, path, today=TODAY)
    assert "与第3行重复" in _errors(plan)[("散煤目标", 4)]


def test_a_substitution_return_headed_in_its_own_words_is_a_return_not_a_plan(demo_db, tmp_path):
    # 完成户数 for 已完成户数 once made the sheet fit the 双替代任务 plan: the figures were dropped
    path = workbook(tmp_path / "安平县双替代.xlsx", {"双替代": [
        ["安平县2026年双替代进展表"],
        ["县（区）", "乡镇（街道）", "类型", "任务户数", "完成户数", "验收户数"],
        ["安平县", "太平镇", "气代煤", 2100, "1,800户", 1500]]})
    plan = _prepare(demo_db, path)
    assert plan.kind.value == "return" and plan.errors == []
    assert [(r.excel_row, r.new) for b in plan.bulk for r in b.rows] == [(3, (1800, 1500))]


def test_figures_on_a_hidden_sheet_are_read_with_a_warning(demo_db, tmp_path):
    path = tmp_path / "安平县.xlsx"
    book = Workbook()
    book.active.append(["安平县报送材料"])
    hidden = book.create_sheet("旧表")
    hidden.sheet_state = "hidden"
    for row in (["县（区）", "检查次数"], ["安平县", 999]):
        hidden.append(row)
    book.save(path)
    plan = _prepare(demo_db, path)
    assert [i.values["inspections"] for i in plan.inserts()] == [999]
    assert any(p.sheet == "旧表" and "隐藏" in p.message and "1 行" in p.message for p in plan.warnings)


def test_a_percent_formatted_100_percent_is_not_taken_as_1_unseen(demo_db, tmp_path):
    path = tmp_path / "安平县.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = "重点任务"
    for row in (["任务编号", "进展情况", "完成比例（%）"], ["2-06", "锅炉调试完成", 1], ["7-03", "范围已划定", "1%"]):
        sheet.append(row)
    sheet["C2"].number_format = "0%"  # Excel shows 100%
    book.save(path)
    plan = _prepare(demo_db, path)
    warned = [p for p in plan.warnings if p.heading == "完成比例（%）" and "100" in p.message]
    assert [p.row for p in warned] == [2]  # 「1%」 typed as text is 1%, and said so plainly


def test_figures_with_units_dashes_and_wu_are_read_as_typed(demo_db, tmp_path):
    path = workbook(tmp_path / "安平县散煤.xlsx", {"散煤": [
        ["安平县散煤治理工作进展统计表"],
        ["填报单位：安平县人民政府", None, None, "2026年11月20日"],
        ["县  区", "检查\n次数", "取缔散煤销售点(个)", "洁净型煤配送网点（个）", "配送洁净型煤\n（吨）", "立案(起)",
         "反弹点位（个）", "备注"],
        ["安平 ", "1,200次", "12个", "３", "300.5吨", "无", "/", "已核"],
        ["合计", 1200, 12, 3, 300.5]]})
    plan = _prepare(demo_db, path)
    assert plan.errors == [], [str(p) for p in plan.errors]
    [insert] = plan.inserts()
    assert {k: v for k, v in insert.values.items() if k not in ("county_id", "period")} == {
        "inspections": 1200, "banned_points": 12, "clean_coal_outlets": 3, "clean_coal_tonnes": 300.5}


def test_a_task_number_excel_made_a_number_is_not_read_as_another_task(demo_db, tmp_path):
    # 「2.10」 typed in a General cell is kept as 2.1: it used to update task 2-01
    path = workbook(tmp_path / "市发展改革委.xlsx", {"重点任务": [
        ["任务编号", "进展情况", "完成比例（%）"], [2.1, "十一月进展", 95], [2.07, "十一月进展", 90]]})
    plan = _prepare(demo_db, path, unit="市发展改革委")
    assert "无法确定是 2-01 还是 2-10" in _errors(plan)[("重点任务", 2)]
    assert {c.item for c in plan.changes()} == {"任务 2-07"}


def test_a_plan_row_whose_number_lost_its_zero_is_refused(demo_db, tmp_path):
    path = workbook(tmp_path / "任务清单.xlsx", {"任务清单": [
        ["2026年重点任务清单"], ["任务编号", "类别", "任务名称", "牵头单位", "完成时限"],
        [2.1, "能源结构调整", "新增任务", "市发展改革委", "2026-12-31"]]})
    plan = prepare(demo_db, path, today=TODAY)
    assert "无法确定是 2-01 还是 2-10" in _errors(plan)[("任务清单", 3)]
    assert plan.changes() == [] and plan.inserts() == []


def test_headings_in_a_clerks_words_are_read_and_a_column_past_recognition_is_named(demo_db, tmp_path):
    path = workbook(tmp_path / "安平县.xlsx", {"重点任务": [
        ["序号", "任务编号", "工作进展", "完成比例%", "较上月提高（百分点）", "备注"],
        [1, "2-06", "锅炉调试完成", 90, 10, ""]]})
    plan = _prepare(demo_db, path)
    assert {c.label: c.new for c in plan.changes() if c.field in ("progress_pct", "latest_progress")} == {
        "完成比例（%）": 90, "进展情况": "锅炉调试完成"}
    [warning] = [p for p in plan.warnings if p.row == 1]
    assert "「较上月提高（百分点）」不是“重点任务”表的列，该列未导入" in warning.message  # 序号 and 备注 are no news


def test_a_township_named_by_its_alias_is_found_in_a_return_and_a_plan(demo_db, tmp_path):
    # the demo office knows 安城街道 also as 安城街道办事处
    headings = ["县（区）", "乡镇（街道）", "类型"]
    path = workbook(tmp_path / "安平县双替代.xlsx", {"双替代": [
        [*headings, "已完成户数", "已验收户数"], ["安平县", "安城街道办事处", "气代煤", 650, 640]]})
    plan = _prepare(demo_db, path)
    assert plan.errors == [], [str(p) for p in plan.errors]
    assert [(r.item, r.new) for b in plan.bulk for r in b.rows] == [("安平县安城街道（气代煤）", (650, 640))]
    path = workbook(tmp_path / "双替代任务.xlsx", {"双替代任务": [
        ["2026年双替代任务"], [*headings, "任务户数"], ["安平县", "安城街道办事处", "电代煤", 120]]})
    plan = prepare(demo_db, path, today=TODAY)
    assert plan.errors == [] and [i.table for i in plan.inserts()] == ["substitution_target"]  # no new township


def test_subtotal_rows_under_a_county_are_not_data(demo_db, tmp_path):
    path = workbook(tmp_path / "安平县双替代.xlsx", {"双替代": [
        ["县（区）", "乡镇（街道）", "类型", "任务户数", "已完成户数", "已验收户数"],
        ["安平县", "太平镇", "气代煤", 2100, 1800, 1500],
        ["安平县", "小计", "", 2100, 1800, 1500],
        ["", "合 计", "", 2100, 1800, 1500]]})
    plan = _prepare(demo_db, path)
    assert plan.errors == [], [str(p) for p in plan.errors]
    assert [r.excel_row for b in plan.bulk for r in b.rows] == [2]


def test_a_milestone_date_left_blank_in_a_return_keeps_the_ledgers_day(demo_db, tmp_path):
    # 金丰铸造 stopped production on 2026-05-08; the clerk left the column blank this month
    path = workbook(tmp_path / "安平县退城入园.xlsx", {"退城入园": [
        ["企业名称", "当前阶段", "停产时间", "拆除完成时间", "存在问题"],
        ["安平县金丰铸造有限公司", "已停产", "", "—", "拆除方案待批"]]})
    plan = _prepare(demo_db, path)
    assert plan.errors == [] and plan.warnings == []
    assert [(c.label, c.new) for c in plan.changes()] == [("存在问题", "拆除方案待批")]


def test_credit_codes_in_full_width_or_stored_as_a_number(demo_db, tmp_path):
    path = workbook(tmp_path / "安平县退城入园.xlsx", {"退城入园": [
        ["企业名称", "统一社会信用代码", "停产时间"],
        ["安平县永利化工有限公司", 914199216389851449, "2026-11-01"],
        ["安平县金丰铸造有限公司", "９１４１９９２１６４５９５４３０３Ｅ　", "2026-05-08"]]})
    plan = _prepare(demo_db, path)
    assert "信用代码被 Excel 存成了数字" in _errors(plan)[("退城入园", 2)]
    assert [p.row for p in plan.errors] == [2]  # the full-width code is the enterprise's own


def test_a_row_of_units_under_the_header_is_part_of_the_header(demo_db, tmp_path):
    path = workbook(tmp_path / "安平县散煤.xlsx", {"散煤": [
        ["安平县散煤治理进展"], ["县（区）", "取缔散煤销售点", "配送洁净型煤", "检查次数"],
        ["", "个", "（吨）", "单位：次"], ["安平县", 4, 120, 60]]})
    plan = _prepare(demo_db, path)
    assert plan.errors == [], [str(p) for p in plan.errors]
    assert [i.row for i in plan.inserts()] == [4]


def test_other_common_wordings_of_the_headings(demo_db, tmp_path):
    path = workbook(tmp_path / "安平县.xlsx", {
        "重点任务": [["任务编号", "工作进展情况", "完成率（%）", "是否已完成", "存在的问题", "下一步计划"],
                   ["2-06", "锅炉调试完成", "90%", "否", "管网未通", "月底通气"]],
        "双替代": [["县（区）", "乡镇（街道）", "改造类型", "计划户数", "已完成户数"], ["安平县", "太平镇", "电代煤", 860, 710]]})
    plan = _prepare(demo_db, path)
    assert plan.errors == [] and [p for p in plan.warnings if p.row == 1] == []
    assert {c.label: c.new for c in plan.changes() if c.table == "task"}.keys() >= {"完成比例（%）", "存在问题", "下步计划"}
    assert [r.new for b in plan.bulk for r in b.rows] == [(710, 615)]


def test_a_county_named_as_its_government_is_the_county(demo_db, tmp_path):
    path = workbook(tmp_path / "安平县散煤.xlsx", {"散煤": [["县（区）", "检查次数"], ["安平县人民政府", 60]]})
    plan = _prepare(demo_db, path)
    assert plan.errors == [] and [i.values["inspections"] for i in plan.inserts()] == [60]
    # in a plan, with new units allowed, it must not become a second 安平县
    path = workbook(tmp_path / "任务清单.xlsx", {"任务清单": [
        ["2026年重点任务清单"], ["任务编号", "类别", "任务名称", "牵头单位", "完成时限"],
        ["2-06", "能源结构调整", "产业集聚区集中供热", "安平县人民政府", "2026-11-30"]]})
    plan = prepare(demo_db, path, today=TODAY, create_units=True)
    assert plan.errors == [] and [i for i in plan.inserts() if i.table == "unit"] == []


def test_a_shortened_township_is_refused_naming_the_ledgers_township(demo_db, tmp_path):
    path = workbook(tmp_path / "安平县双替代.xlsx", {"双替代": [
        ["县（区）", "乡镇（街道）", "类型", "已完成户数"], ["安平", "太平", "气代煤", 1790]]})
    plan = _prepare(demo_db, path)
    assert "台账中没有安平县太平的气代煤任务（是否指“太平镇”？" in _errors(plan)[("双替代", 2)]
    assert plan.changes() == []


def test_a_dash_for_the_progress_is_not_a_report(demo_db, tmp_path):
    # it used to replace the ledger's progress with 「—」 and mark the task reported
    path = workbook(tmp_path / "安平县.xlsx", {"重点任务": [
        ["任务编号", "进展情况", "完成比例（%）"], ["2-06", "—", ""], ["7-03", "/", 75]]})
    plan = _prepare(demo_db, path)
    assert plan.changes() == []
    assert [p.row for p in plan.warnings if "视为未报送" in p.message] == [2]
    assert "「进展情况」不能为空" in _errors(plan)[("重点任务", 3)]


def test_a_completion_date_on_an_unfinished_task_is_not_dropped_unseen(demo_db, tmp_path):
    path = workbook(tmp_path / "安平县.xlsx", {"重点任务": [
        ["任务编号", "进展情况", "完成比例（%）", "完成时间"], ["2-06", "锅炉调试完成", "90%", "2026.11.18"]]})
    plan = _prepare(demo_db, path)
    assert any(p.row == 2 and p.heading == "完成时间" and "未导入" in p.message for p in plan.warnings)
    assert "done_on" not in {c.field for c in plan.changes()}


def test_a_half_percent_rounds_up_as_a_clerk_rounds(demo_db, tmp_path):
    path = workbook(tmp_path / "安平县.xlsx", {"重点任务": [
        ["任务编号", "进展情况", "完成比例（%）"], ["2-06", "锅炉调试完成", "84.5%"]]})
    plan = _prepare(demo_db, path)
    assert [c.new for c in plan.changes() if c.field == "progress_pct"] == [85]


def test_a_task_at_99_point_6_percent_is_not_done(demo_db, tmp_path):
    path = workbook(tmp_path / "安平县.xlsx", {"重点任务": [
        ["任务编号", "进展情况", "完成比例（%）"], ["2-06", "仅剩1台锅炉未拆", "99.6%"]]})
    plan = _prepare(demo_db, path)
    assert {c.field: c.new for c in plan.changes() if c.field in ("progress_pct", "status")} == {"progress_pct": 99}


def test_running_totals_going_down_are_warned_and_an_untyped_acceptance_is_said_so(demo_db, tmp_path):
    # 太平镇: 气代煤 1786 completed / 1502 accepted, 电代煤 702 / 615 in the ledger
    path = workbook(tmp_path / "安平县双替代.xlsx", {"双替代": [
        ["县（区）", "乡镇（街道）", "类型", "已完成户数", "已验收户数"],
        ["安平县", "太平镇", "气代煤", 1700, 1502], ["安平县", "太平镇", "电代煤", 600, ""]]})
    plan = _prepare(demo_db, path)
    assert [(p.row, p.message) for p in plan.warnings] == [(2, "已完成户数由台账的1786户减为1700户，请核实")]
    assert "已验收户数615（本行未填，台账为此数）超过已完成户数600" in _errors(plan)[("双替代", 3)]


def test_a_workbook_with_nothing_typed_in_it_says_so(demo_db, tmp_path):
    path = tmp_path / "安平县.xlsx"
    Workbook().save(path)
    plan = _prepare(demo_db, path)
    assert [p.message for p in plan.errors] == ["文件中的工作表都是空的，没有可导入的内容：请确认发来的是填好的报送表"]


def test_a_return_signed_by_another_unit_than_the_one_chosen_is_warned_about(demo_db, tmp_path):
    rows = [["县（区）", "检查次数"], ["安平县", 60]]
    path = workbook(tmp_path / "散煤.xlsx", {"散煤": [["填报单位：清河县人民政府（盖章）", None, "填报日期：2026年11月20日"], *rows]})
    warned = [p.message for p in _prepare(demo_db, path).warnings]
    assert "表格上方写明填报单位为“清河县人民政府”，与所选报送单位“安平县”不符，请核实" in warned
    path = workbook(tmp_path / "散煤2.xlsx", {"散煤": [["填报单位：安平县人民政府（盖章）"], *rows]})
    assert _prepare(demo_db, path).warnings == []


def test_the_header_pasted_again_between_the_rows_is_not_data(demo_db, tmp_path):
    headings = ["县（区）", "乡镇（街道）", "类型", "已完成户数"]
    path = workbook(tmp_path / "安平县双替代.xlsx", {"双替代": [
        headings, ["安平县", "太平镇", "气代煤", 1800], headings, ["安平县", "太平镇", "电代煤", 710]]})
    plan = _prepare(demo_db, path)
    assert plan.errors == [], [str(p) for p in plan.errors]
    assert [r.excel_row for b in plan.bulk for r in b.rows] == [2, 4]


def test_still_under_way_in_the_done_column_means_not_done(demo_db, tmp_path):
    path = workbook(tmp_path / "安平县.xlsx", {"重点任务": [
        ["任务编号", "进展情况", "完成比例（%）", "是否完成"], ["2-06", "锅炉调试完成", 90, "正在推进"]]})
    plan = _prepare(demo_db, path)
    assert plan.errors == [] and [c.new for c in plan.changes() if c.field == "progress_pct"] == [90]


def test_a_formula_saved_without_its_result_refuses_the_file_instead_of_losing_the_figure(demo_db, tmp_path):
    # openpyxl, like many programs, writes =30+40 without the 70 Excel or WPS would keep
    path = workbook(tmp_path / "安平县散煤.xlsx", {"散煤": [["县（区）", "检查次数", "立案（起）"], ["安平县", "=30+40", 2]]})
    plan = _prepare(demo_db, path)
    assert [(p.sheet, p.row) for p in plan.errors] == [("散煤", None)]
    assert "有公式单元格（如 B2）没有保存计算结果" in plan.errors[0].message
    assert not plan.committable(accept_valid_rows=True)

import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
import pytest

from aqdesk.domain.headings import SheetKind
from aqdesk.domain.problems import Severity
from aqdesk.domain.values import parse_date, parse_int_count, parse_percent
from aqdesk.exchange.workbook import ImportCancelled, read_workbook

FIXTURES = Path(__file__).parent / "fixtures"
RETURNS = ["returns.xlsx", "returns.xls", "returns.ods", "returns.xlsm"]


@pytest.fixture(params=RETURNS)
def returns(request):
    return read_workbook(FIXTURES / request.param)


def tables_by_kind(book):
    return {table.kind: table for table in book.tables}


def test_metadata_sheet_is_read_and_not_data(returns):
    assert returns.metadata == {"template_version": "1", "unit": "示例县", "period": "2026-11-30",
                                "generated_at": "2026-11-01T09:00:00"}
    assert "_aqdesk" not in [t.sheet for t in returns.tables]


def test_sheets_are_recognised_by_headings_whatever_their_name(returns):
    assert [(t.sheet, t.kind, t.hidden) for t in returns.tables] == [
        ("本月报送", SheetKind.TASK_PROGRESS, False),
        ("气代煤电代煤", SheetKind.SUBSTITUTION, False),
        ("散煤", SheetKind.LOOSE_COAL, True),
    ]


def test_unrecognised_sheet_is_a_warning(returns):
    [problem] = [p for p in returns.problems if p.sheet != "散煤"]  # 散煤 is hidden: warned of below
    assert problem.severity is Severity.WARNING and problem.sheet == "Sheet3"
    assert str(problem) == f"{returns.file_name}「Sheet3」：工作表没有可识别的表头，已跳过"


def test_rows_keep_excel_numbers_past_titles_blank_rows_and_footers(returns):
    progress = tables_by_kind(returns)[SheetKind.TASK_PROGRESS]
    assert progress.header_row == 4
    assert [row.number for row in progress.rows] == [5, 6, 8, 9, 10]
    assert progress.columns["任务编号"] == 1 and progress.columns["下步计划"] == 8


def test_cells_arrive_raw_and_parse_as_the_contract_says(returns):
    rows = tables_by_kind(returns)[SheetKind.TASK_PROGRESS].rows
    assert rows[1].cells["任务编号"] == "2-07"
    assert rows[1].cells["进展情况"] == "已取缔销售点 3 处"
    percents = [parse_percent(row.cells["完成比例（%）"]) for row in rows]
    assert [p.value for p in percents] == [85, 85, None, 85, 85]  # the formula's cached value, 0.85 as %
    assert percents[2].problem == "“约八成”不是数字"
    dates = [parse_date(row.cells["完成时间"]) for row in rows]
    assert [d.date for d in dates] == [dt.date(2026, 11, 30)] * 2 + [None] + [dt.date(2026, 11, 30)] * 2
    assert dates[2].vague == "11月底"


def test_two_row_header_and_merged_county(returns):
    table = tables_by_kind(returns)[SheetKind.SUBSTITUTION]
    assert table.header_row == 3
    assert table.columns == {"县（区）": 0, "乡镇（街道）": 1, "类型": 2, "任务户数": 3, "已完成户数": 4, "已验收户数": 5}
    assert [row.number for row in table.rows] == [4, 5]  # the 合计 row is not data
    assert [parse_int_count(row.cells["任务户数"]).value for row in table.rows] == [1200, 1200]
    # the county merged down over both townships belongs to both, .ods included
    assert [row.cells["县（区）"] for row in table.rows] == ["示例县", "示例县"]


def test_hidden_sheet_is_read(returns):
    table = tables_by_kind(returns)[SheetKind.LOOSE_COAL]
    [row] = table.rows
    assert row.number == 2 and row.cells["洁净型煤配送网点（个）"] == 5
    [warning] = [p for p in returns.problems if p.sheet == "散煤"]
    assert warning.severity is Severity.WARNING and "隐藏的工作表" in warning.message


def test_hash_is_of_the_file():
    path = FIXTURES / "returns.xlsx"
    assert read_workbook(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_plan_sheets_in_an_xls():
    book = read_workbook(FIXTURES / "plan.xls")
    assert book.metadata is None and not book.problems
    assert [(t.sheet, t.kind, t.header_row) for t in book.tables] == [
        ("表1", SheetKind.TASK_PLAN, 2), ("表2", SheetKind.RELOCATION_PLAN, 1),
        ("表3", SheetKind.SUBSTITUTION_PLAN, 1), ("表4", SheetKind.LOOSE_COAL_TARGET, 1),
    ]
    tasks = book.tables[0]
    assert tasks.rows[0].cells["工作目标"] == "取缔散煤销售点"  # typed as 具体内容
    assert tasks.rows[1].cells["完成时限"] == "长期坚持"


def save(tmp_path, rows_by_sheet, name="报送表.xlsx"):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in rows_by_sheet.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


TASK_HEADER = ["任务编号", "任务名称", "进展情况", "完成比例（%）"]


def test_no_recognised_sheet_is_an_error(tmp_path):
    book = read_workbook(save(tmp_path, {"Sheet1": [["姓名", "电话"], ["张三", "123"]], "Sheet2": []}))
    assert not book.tables
    assert [str(p) for p in book.problems] == [
        "报送表.xlsx「Sheet1」：工作表没有可识别的表头，已跳过",
        "报送表.xlsx：文件中没有可识别的工作表：请确认表头与模板一致",
    ]
    assert book.problems[-1].is_error


def test_a_header_lacking_a_required_heading_says_which(tmp_path):
    book = read_workbook(save(tmp_path, {"进度": [["标题"], ["任务编号", "任务名称", "存在问题"], ["1-01", "x", ""]]}))
    problem = book.problems[0]
    assert problem.is_error and problem.row == 2
    assert problem.message == "表头缺少「进展情况」，无法作为“重点任务”表读取，已跳过"


def test_repeated_heading_is_warned(tmp_path):
    book = read_workbook(save(tmp_path, {"进度": [TASK_HEADER + ["进展情况"], ["1-01", "x", "a", 5, "b"]]}))
    [problem] = book.problems
    assert problem.severity is Severity.WARNING and "第一列（C列）" in problem.message
    assert book.tables[0].rows[0].cells["进展情况"] == "a"


def test_whitespace_rows_and_footers_are_skipped(tmp_path):
    rows = [TASK_HEADER, ["1-01", "x", "a", 5], ["  ", "\n", "", None], [None, None, "合 计", 5],
            ["填表人：张三"], ["1-02", "y", "b", 0]]
    table = read_workbook(save(tmp_path, {"进度": rows})).tables[0]
    assert [r.number for r in table.rows] == [2, 6]
    assert table.rows[1].cells["完成比例（%）"] == 0


def test_an_overlong_cell_is_an_error_on_that_cell(tmp_path):
    rows = [TASK_HEADER, ["1-01", "x", "长" * 100_000, 5], ["1-02", "y", "b", 5]]
    book = read_workbook(save(tmp_path, {"进度": rows}))
    [problem] = book.problems
    assert problem.is_error and problem.row == 2 and problem.heading == "进展情况"
    # calamine stops a text at Excel's own limit, 32,767 characters.
    assert problem.message == "内容过长（32,767 个字符，上限 10,000）" and len(problem.value) == 50
    assert book.tables[0].rows[0].cells == {"任务编号": "1-01", "任务名称": "x", "完成比例（%）": 5}
    assert str(problem).startswith("报送表.xlsx「进度」第2行「进展情况」：内容过长")


def test_unit_hint_against_the_template(tmp_path):
    path = save(tmp_path, {"进度": [TASK_HEADER, ["1-01", "x", "a", 5]], "_aqdesk": [["unit", "甲县"]]})
    assert not read_workbook(path, unit_hint=" 甲县 ").problems
    [problem] = read_workbook(path, unit_hint="乙县").problems
    assert problem.message == "文件是为「甲县」生成的模板，与所选单位「乙县」不一致"


def test_cancel_before_reading(tmp_path):
    path = save(tmp_path, {"进度": [TASK_HEADER, ["1-01", "x", "a", 5]]})
    with pytest.raises(ImportCancelled, match="已取消导入"):
        read_workbook(path, cancel=lambda: True)


def test_cancel_while_reading_rows(tmp_path):
    rows = [TASK_HEADER] + [[f"1-{i}", "x", "a", 5] for i in range(10_000)]
    path = save(tmp_path, {"进度": rows})
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(ImportCancelled):
        read_workbook(path, cancel=cancel)

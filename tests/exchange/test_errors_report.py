import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from aqdesk.domain.headings import SheetKind
from aqdesk.domain.problems import Problem, Severity
from aqdesk.domain.values import parse_date, parse_int_count, parse_percent
from aqdesk.errors import UserError
from aqdesk.exchange.errors_report import write_errors_report
from aqdesk.exchange.template_xlsx import write_template
from aqdesk.exchange.workbook import SourceRow, Table, Workbook, read_workbook
from aqdesk.services.importing.templates import template_content

PERIOD = dt.date(2026, 11, 22)
LIGHT_RED = "FFC7CE"


def headings_of(ws) -> list[str]:
    return [cell.value for cell in ws[2]]


def row_values(ws, number: int) -> dict[str, object]:
    return dict(zip(headings_of(ws), (cell.value for cell in ws[number]), strict=True))


def is_red(cell) -> bool:
    return cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith(LIGHT_RED)


def checked(book: Workbook) -> list[Problem]:
    """What the import would say about the return: each unreadable percent, date and count."""
    problems = []
    parsers = {"完成比例（%）": parse_percent, "已完成户数": parse_int_count, "已验收户数": parse_int_count}
    for table in book.tables:
        for row in table.rows:
            for heading, value in row.cells.items():
                if heading in parsers:
                    problem = parsers[heading](value).problem
                elif heading == "完成时间":
                    problem = parse_date(value).problem
                else:
                    continue
                if problem:
                    problems.append(Problem(book.file_name, problem, Severity.ERROR, table.sheet, row.number,
                                            heading, value))
    return problems


@pytest.fixture
def returned(demo_db, tmp_path) -> Workbook:
    """安平县's return with a vague date and words for a percent in its task, and a township
    whose accepted households are typed as words."""
    path = write_template(template_content(demo_db, "安平县", PERIOD), tmp_path / "in")
    book = openpyxl.load_workbook(path)
    book["重点任务"]["D3"] = "约八成"
    book["重点任务"]["F3"] = "11月底"
    book["双替代"]["F5"] = "一千多"
    book.save(path)
    return read_workbook(path)


def test_report_has_a_summary_then_one_sheet_per_table_with_problems(returned, tmp_path):
    problems = checked(returned)
    assert len(problems) == 3
    file_level = Problem(returned.file_name, "该单位本期已导入过一次，本次导入将覆盖上次的数据", Severity.WARNING)
    out = write_errors_report(returned, [*problems, file_level], tmp_path / "out" / "问题清单.xlsx")
    assert out == tmp_path / "out" / "问题清单.xlsx"
    assert [p.name for p in out.parent.iterdir()] == ["问题清单.xlsx"]
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["问题汇总", "重点任务", "双替代"]

    summary = book["问题汇总"]
    assert headings_of(summary) == ["文件", "工作表", "行号", "列", "内容", "问题", "严重程度"]
    assert "错误 3 条，警告 1 条" in summary["A1"].value
    listed = [row_values(summary, n) for n in range(3, summary.max_row + 1)]
    assert len(listed) == 4  # the template's 填报说明 sheet is not data and raises no warning
    assert listed[0]["问题"] == file_level.message and listed[0]["工作表"] is None
    assert listed[0]["严重程度"] == "警告"
    percent = next(r for r in listed if r["列"] == "完成比例（%）")
    assert percent == {"文件": returned.file_name, "工作表": "重点任务", "行号": 3, "列": "完成比例（%）",
                       "内容": "约八成", "问题": "“约八成”不是数字", "严重程度": "错误"}
    assert summary.freeze_panes == "A3"


def test_table_sheet_shows_the_original_rows_with_problem_cells_in_red(returned, tmp_path):
    out = write_errors_report(returned, checked(returned), tmp_path / "report.xlsx")
    book = openpyxl.load_workbook(out)
    tasks = book["重点任务"]
    table = next(t for t in returned.tables if t.kind is SheetKind.TASK_PROGRESS)
    assert headings_of(tasks) == ["原表行号", *sorted(table.columns, key=table.columns.get), "问题说明"]
    assert tasks.max_row == 3  # title, header, the one row with problems
    row = row_values(tasks, 3)
    assert row["原表行号"] == 3 and row["任务编号"] == "2-06" and row["任务名称"] == "产业集聚区集中供热"
    assert row["完成比例（%）"] == "约八成" and row["完成时间"] == "11月底"
    assert row["进展情况"] == table.rows[0].cells["进展情况"]  # untouched cells as read
    assert row["问题说明"].split("\n") == ["「完成比例（%）」：“约八成”不是数字",
                                        "「完成时间」：“11月底”不是具体日期，已按原文保留"]
    columns = {h: i + 1 for i, h in enumerate(headings_of(tasks))}
    assert is_red(tasks.cell(3, columns["完成比例（%）"])) and is_red(tasks.cell(3, columns["完成时间"]))
    assert not is_red(tasks.cell(3, columns["进展情况"])) and not is_red(tasks.cell(3, columns["任务编号"]))
    assert tasks.cell(3, columns["问题说明"]).alignment.wrap_text

    townships = book["双替代"]
    assert townships.max_row == 3
    row = row_values(townships, 3)
    assert (row["原表行号"], row["乡镇（街道）"], row["类型"], row["已验收户数"]) == (5, "太平镇", "电代煤", "一千多")
    assert row["已完成户数"] == 702


def test_warnings_are_marked_and_problems_given_twice_are_listed_once(returned, tmp_path):
    [table] = [t for t in returned.tables if t.kind is SheetKind.RELOCATION]
    warning = Problem(returned.file_name, "企业名称与统一社会信用代码不一致", Severity.WARNING, table.sheet,
                      table.rows[0].number, "企业名称", table.rows[0].cells["企业名称"])
    out = write_errors_report(returned, [*returned.problems, warning, warning], tmp_path / "report.xlsx")
    book = openpyxl.load_workbook(out)
    assert book["问题汇总"].max_row == 2 + 1  # the warning given twice is listed once
    assert row_values(book["退城入园"], 3)["问题说明"] == "（警告）「企业名称」：企业名称与统一社会信用代码不一致"


def test_cells_are_written_as_read_never_as_formulas(tmp_path):
    table = Table("本月报送", SheetKind.TASK_PROGRESS, 4, {"任务编号": 1, "进展情况": 2, "完成时间": 3}, [
        SourceRow(7, {"任务编号": "2-07", "进展情况": "=HYPERLINK(\"http://x\")", "完成时间": dt.date(2026, 11, 30)}),
        SourceRow(9, {"任务编号": "9-99", "进展情况": "-", "完成时间": ""}),
    ])
    book = Workbook(Path("报送.xlsx"), "0" * 64, None, [table], [])
    problems = [Problem("报送.xlsx", "台账中没有编号为“9-99”的任务", Severity.ERROR, "本月报送", 9, "任务编号", "9-99"),
                Problem("报送.xlsx", "进展情况不能以公式开头", Severity.WARNING, "本月报送", 7, "进展情况")]
    out = write_errors_report(book, problems, tmp_path / "report.xlsx")
    ws = openpyxl.load_workbook(out)["本月报送"]
    assert [ws.cell(n, 1).value for n in (3, 4)] == [7, 9]  # rows in their order in the file
    assert ws["C3"].value == '=HYPERLINK("http://x")' and ws["C3"].data_type == "s"
    assert ws["D3"].value == dt.datetime(2026, 11, 30) and ws["D3"].number_format == "yyyy-mm-dd"
    assert ws["C4"].value == "-" and ws["C4"].data_type == "s"


def test_a_report_that_cannot_be_saved_is_a_user_error(returned, tmp_path):
    blocker = tmp_path / "not a folder"
    blocker.write_text("")
    with pytest.raises(UserError):
        write_errors_report(returned, checked(returned), blocker / "report.xlsx")

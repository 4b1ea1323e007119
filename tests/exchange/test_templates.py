import datetime as dt
import zipfile

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from sqlalchemy import select

from aqdesk.cli import main
from aqdesk.db.models import Task
from aqdesk.domain.headings import SheetKind
from aqdesk.domain.values import parse_date
from aqdesk.errors import UserError
from aqdesk.exchange import template_xlsx
from aqdesk.exchange.template_xlsx import (
    COLUMNS,
    TemplateContent,
    template_file_name,
    write_template,
)
from aqdesk.exchange.workbook import read_workbook
from aqdesk.services.importing.templates import template_content, units_with_templates

PERIOD = dt.date(2026, 11, 22)
RETURN_SHEETS = ["重点任务", "散煤治理", "退城入园", "双替代"]


def sheets_of(content: TemplateContent) -> dict[SheetKind, list[dict]]:
    return {sheet.kind: list(sheet.rows) for sheet in content.sheets}


def header(ws) -> dict[str, int]:
    return {cell.value: cell.column for cell in ws[template_xlsx.HEADER_ROW] if cell.value}


def fill(ws, row: int, values: dict) -> None:
    columns = header(ws)
    for heading, value in values.items():
        ws.cell(row, columns[heading], value)


@pytest.fixture
def county_template(demo_db, tmp_path):
    return write_template(template_content(demo_db, "安平", PERIOD), tmp_path)


def test_units_with_templates_are_departments_and_counties_with_rows(demo_db):
    units = units_with_templates(demo_db)
    assert "市城管执法局" in units and "安平县" in units and "龙泉县" in units
    assert "市教育局" not in units  # leads nothing
    assert "太平镇" not in units  # its rows are in 安平县's template
    assert units.index("市生态环境局") < units.index("东城区")  # the office's order of units


def test_unknown_unit_is_a_user_error(demo_db):
    with pytest.raises(UserError, match="找不到单位“市宇宙局”"):
        template_content(demo_db, "市宇宙局", PERIOD)


def test_a_department_gets_the_tasks_it_leads_only(demo_db):
    content = template_content(demo_db, "城管局", PERIOD)
    assert (content.unit, content.period, content.city) == ("市城管执法局", PERIOD, "示例市")
    [(kind, rows)] = sheets_of(content).items()
    assert kind is SheetKind.TASK_PROGRESS
    assert [(r["任务编号"], r["完成比例（%）"]) for r in rows] == [("4-03", 88), ("4-04", 90), ("7-05", 83)]
    assert rows[0]["任务名称"] == "城市道路扬尘精细化管控"
    assert "是否完成" not in rows[0] and "存在问题" not in rows[0]


def test_a_county_gets_its_loose_coal_enterprises_and_townships(demo_db):
    sheets = sheets_of(template_content(demo_db, "安平县", PERIOD))
    assert list(sheets) == [SheetKind.TASK_PROGRESS, SheetKind.LOOSE_COAL, SheetKind.RELOCATION,
                            SheetKind.SUBSTITUTION]
    assert [r["任务编号"] for r in sheets[SheetKind.TASK_PROGRESS]] == ["2-06", "7-03"]  # 7-03: its share
    assert sheets[SheetKind.LOOSE_COAL] == [{"县（区）": "安平县"}]
    enterprises = sheets[SheetKind.RELOCATION]
    assert len(enterprises) == 8 and all(e["企业名称"].startswith("安平县") for e in enterprises)
    started = next(e for e in enterprises if e["企业名称"] == "安平县宏发家具有限公司")
    assert started["当前阶段"] == "新址开工" and isinstance(started["新址开工时间"], dt.date)
    assert "投产时间" not in started
    townships = sheets[SheetKind.SUBSTITUTION]
    assert [(t["乡镇（街道）"], t["类型"]) for t in townships[:3]] == [
        ("安城街道", "气代煤"), ("太平镇", "气代煤"), ("太平镇", "电代煤")]
    assert townships[1] == {"县（区）": "安平县", "乡镇（街道）": "太平镇", "类型": "气代煤",
                            "任务户数": 2100, "已完成户数": 1786, "已验收户数": 1502}
    assert {t["乡镇（街道）"] for t in townships} == {"安城街道", "太平镇", "双庙乡", "马坊镇", "杨柳镇"}


def test_a_township_reports_its_county_loose_coal_and_its_own_households(demo_db):
    sheets = sheets_of(template_content(demo_db, "太平镇", PERIOD))
    assert list(sheets) == [SheetKind.LOOSE_COAL, SheetKind.SUBSTITUTION]
    assert sheets[SheetKind.LOOSE_COAL] == [{"县（区）": "安平县"}]
    assert [t["类型"] for t in sheets[SheetKind.SUBSTITUTION]] == ["气代煤", "电代煤"]


def test_a_unit_with_nothing_to_report_gets_no_file(demo_db, tmp_path):
    content = template_content(demo_db, "市教育局", PERIOD)
    assert content.sheets == ()
    with pytest.raises(UserError, match="没有需要报送的内容"):
        write_template(content, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_file_name_is_period_unit_and_safe_for_windows(demo_db, tmp_path):
    path = write_template(template_content(demo_db, "城管局", PERIOD), tmp_path / "报送表")
    assert path == tmp_path / "报送表" / "2026-11-22_市城管执法局_报送表.xlsx"
    assert list(path.parent.iterdir()) == [path]  # no temporary file left beside it
    assert template_file_name('市*城管/执法局. ', PERIOD) == "2026-11-22_市_城管_执法局_报送表.xlsx"


def test_round_trip_returns_exactly_what_the_unit_typed(county_template):
    book = openpyxl.load_workbook(county_template)
    assert book.sheetnames[:5] == ["填报说明", *RETURN_SHEETS]
    tasks, coal, relocation, substitution = (book[name] for name in RETURN_SHEETS)
    fill(tasks, 3, {"进展情况": "供热站已投运，18台燃煤锅炉全部拆除。", "完成比例（%）": 100, "是否完成": "是",
                    "完成时间": dt.date(2026, 11, 20), "存在问题": "无", "下步计划": "做好运行保障。"})
    fill(coal, 3, {"取缔散煤销售点（个）": 3, "配送洁净型煤（吨）": 1250.5, "反弹点位（个）": 0})
    fill(relocation, 3, {"当前阶段": "已拆除", "拆除完成时间": dt.date(2026, 11, 18)})
    fill(substitution, 4, {"已完成户数": 1800, "已验收户数": 1550})
    book.save(county_template)

    returned = read_workbook(county_template, unit_hint="安平县")
    assert returned.metadata["unit"] == "安平县" and returned.metadata["period"] == "2026-11-22"
    assert returned.metadata["template_version"] == template_xlsx.TEMPLATE_VERSION
    dt.datetime.fromisoformat(returned.metadata["generated_at"])
    assert not [p for p in returned.problems if p.is_error or p.sheet != "填报说明"]
    tables = {t.kind: t for t in returned.tables}
    assert list(tables) == [SheetKind.TASK_PROGRESS, SheetKind.LOOSE_COAL, SheetKind.RELOCATION,
                            SheetKind.SUBSTITUTION]
    assert all(t.header_row == 2 for t in returned.tables)

    task, _share = tables[SheetKind.TASK_PROGRESS].rows
    assert task.number == 3
    done_on = task.cells.pop("完成时间")
    assert parse_date(done_on).date == dt.date(2026, 11, 20)
    assert task.cells == {"任务编号": "2-06", "任务名称": "产业集聚区集中供热",
                          "进展情况": "供热站已投运，18台燃煤锅炉全部拆除。", "完成比例（%）": 100,
                          "是否完成": "是", "存在问题": "无", "下步计划": "做好运行保障。"}

    [county] = tables[SheetKind.LOOSE_COAL].rows
    assert county.cells == {"县（区）": "安平县", "取缔散煤销售点（个）": 3, "洁净型煤配送网点（个）": "",
                            "配送洁净型煤（吨）": 1250.5, "检查次数": "", "查处劣质煤（吨）": "", "立案（起）": "",
                            "反弹点位（个）": 0}

    enterprises = tables[SheetKind.RELOCATION].rows
    assert [e.number for e in enterprises] == list(range(3, 11))
    first = enterprises[0].cells
    assert first["企业名称"] == "安平县金丰铸造有限公司" and first["当前阶段"] == "已拆除"
    assert parse_date(first["拆除完成时间"]).date == dt.date(2026, 11, 18)
    assert parse_date(first["停产时间"]).date is not None  # prefilled from the ledger
    assert first["新址开工时间"] == "" and first["存在问题"] == ""

    townships = tables[SheetKind.SUBSTITUTION].rows
    assert [t.number for t in townships] == list(range(3, 11))
    assert townships[1].cells == {"县（区）": "安平县", "乡镇（街道）": "太平镇", "类型": "气代煤",
                                  "任务户数": 2100, "已完成户数": 1800, "已验收户数": 1550}
    assert townships[2].cells["已完成户数"] == 702  # untouched: the ledger's figure comes back


def test_header_row_holds_exactly_the_canonical_headings(county_template):
    book = openpyxl.load_workbook(county_template)
    for name, kind in zip(RETURN_SHEETS, (SheetKind.TASK_PROGRESS, SheetKind.LOOSE_COAL,
                                          SheetKind.RELOCATION, SheetKind.SUBSTITUTION), strict=True):
        headings = list(header(book[name]))
        assert headings == [c.heading for c in COLUMNS[kind]]
        assert set(headings) == set(kind.spec.headings)
    assert list(header(book["重点任务"])) == ["任务编号", "任务名称", "进展情况", "完成比例（%）", "是否完成",
                                              "完成时间", "存在问题", "下步计划"]


def test_title_names_the_city_unit_and_date(demo_db, tmp_path):
    book = openpyxl.load_workbook(write_template(template_content(demo_db, "城管局", PERIOD), tmp_path))
    ws = book["重点任务"]
    assert ws["A1"].value == "示例市大气污染防治重点任务进展报送表（市城管执法局，2026年11月22日）"
    assert "A1:H1" in ws.merged_cells


def test_key_columns_are_locked_and_grey_the_rest_open_under_protection(county_template):
    book = openpyxl.load_workbook(county_template)
    keys = {"任务编号", "任务名称", "企业名称", "统一社会信用代码", "县（区）", "乡镇（街道）", "类型", "任务户数"}
    for name in RETURN_SHEETS:
        ws = book[name]
        protection = ws.protection
        assert protection.sheet and not protection.password
        assert not protection.formatColumns and not protection.formatRows  # allowed
        assert protection.insertColumns and protection.deleteColumns  # forbidden
        for heading, column in header(ws).items():
            for row in range(3, ws.max_row + 1):
                cell = ws.cell(row, column)
                if heading in keys:
                    assert cell.protection.locked and cell.fill.fgColor.rgb.endswith("D9D9D9"), (name, heading)
                else:
                    assert not cell.protection.locked and cell.fill.fill_type is None, (name, heading)
        assert ws.cell(2, 1).protection.locked  # the header cannot be edited


def test_validations_and_prompts(county_template):
    book = openpyxl.load_workbook(county_template)

    def rule(sheet, heading):
        ws = book[sheet]
        letter = get_column_letter(header(ws)[heading])
        [validation] = [v for v in ws.data_validations.dataValidation if str(v.sqref).startswith(letter + "3")]
        assert validation.showInputMessage and validation.promptTitle == heading and validation.prompt
        return validation

    assert rule("重点任务", "是否完成").formula1 == '"是,否"'
    assert rule("退城入园", "当前阶段").formula1 == '"未启动,已停产,已拆除,新址开工,已投产"'
    assert rule("双替代", "类型").formula1 == '"气代煤,电代煤"'
    percent = rule("重点任务", "完成比例（%）")
    assert (percent.type, percent.operator, percent.formula1, percent.formula2) == ("decimal", "between", "0", "100")
    for sheet, heading in (("双替代", "已完成户数"), ("散煤治理", "检查次数"), ("散煤治理", "反弹点位（个）")):
        count = rule(sheet, heading)
        assert (count.type, count.operator, count.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert rule("散煤治理", "配送洁净型煤（吨）").type == "decimal"
    for sheet, heading in (("重点任务", "完成时间"), ("退城入园", "投产时间")):
        date = rule(sheet, heading)
        assert date.type == "date" and "请填写日期，如 2026-11-30" in date.prompt + date.error
        assert "如 2026-11-30" in date.prompt
    free = rule("重点任务", "进展情况")
    assert free.type is None and "本期" in free.prompt
    assert rule("重点任务", "完成比例（%）").showErrorMessage and percent.error


def test_layout_freezes_the_header_and_prints_a4_landscape(county_template):
    book = openpyxl.load_workbook(county_template)
    for name in RETURN_SHEETS:
        ws = book[name]
        assert ws.freeze_panes == "A3"
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
        assert ws.print_title_rows == "$2:$2"
    tasks = book["重点任务"]
    progress = tasks.cell(3, header(tasks)["进展情况"])
    assert progress.alignment.wrap_text
    assert tasks.column_dimensions["C"].width >= 40  # room for a sentence of Chinese


def test_instructions_come_first_and_explain_the_sheets(county_template):
    ws = openpyxl.load_workbook(county_template)["填报说明"]
    text = "\n".join(str(c.value) for c in ws["A"] if c.value)
    for expected in ("「重点任务」", "「双替代」", "2026-11-30", "不要插入", "关键列", ".xls",
                     "示例市大气污染防治攻坚办公室"):
        assert expected in text, expected


def test_metadata_sheet_is_hidden_and_read(county_template):
    book = openpyxl.load_workbook(county_template)
    ws = book["_aqdesk"]
    assert ws.sheet_state == "veryHidden"
    pairs = {row[0]: row[1] for row in ws.iter_rows(values_only=True)}
    assert set(pairs) == {"template_version", "unit", "period", "generated_at", "year"}
    assert pairs["year"] == "2026"
    assert read_workbook(county_template).metadata == pairs


def test_text_from_the_database_is_never_a_formula(demo_db, tmp_path):
    dangerous = ['=HYPERLINK("http://evil.example","点击")', "+1+1", "-2", "@SUM(A1)"]
    with demo_db.transaction() as session:
        tasks = session.scalars(select(Task).where(Task.number.in_(["4-03", "4-04", "7-05"]))
                                .order_by(Task.number)).all()
        tasks[0].latest_progress = dangerous[0]
        tasks[1].latest_progress = dangerous[1]
        tasks[2].latest_progress = dangerous[2]
        tasks[2].title = dangerous[3]
    path = write_template(template_content(demo_db, "市城管执法局", PERIOD), tmp_path)
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet2.xml")
    ws = openpyxl.load_workbook(path)["重点任务"]
    cells = [ws["C3"], ws["C4"], ws["C5"], ws["B5"]]
    assert [c.value for c in cells] == dangerous
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    [table] = read_workbook(path).tables
    assert [r.cells["进展情况"] for r in table.rows] == dangerous[:3]
    assert table.rows[2].cells["任务名称"] == dangerous[3]


def test_a_failed_write_leaves_nothing_behind(demo_db, tmp_path, monkeypatch):
    def broken_save(book, filename):
        with open(filename, "wb") as fh:
            fh.write(b"PK half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken_save)
    out = tmp_path / "out"
    with pytest.raises(UserError, match="无法保存"):
        write_template(template_content(demo_db, "城管局", PERIOD), out)
    assert list(out.iterdir()) == []


def test_cli_template_for_one_unit_and_for_all(demo_db, tmp_path, capsys):
    out = tmp_path / "templates"
    args = ["--db", demo_db.url, "--period", "2026-11-22", "--out", str(out)]
    assert main(["template", "--unit", "城管局", *args]) == 0
    assert capsys.readouterr().out == f"已生成：{out / '2026-11-22_市城管执法局_报送表.xlsx'}\n"
    assert main(["template", "--all", *args]) == 0
    printed = capsys.readouterr().out
    assert "共 26 份" in printed
    assert len(list(out.glob("2026-11-22_*_报送表.xlsx"))) == 26


def test_cli_template_errors(demo_db, tmp_path, capsys):
    args = ["--db", demo_db.url, "--period", "2026-11-22", "--out", str(tmp_path / "out")]
    assert main(["template", "--unit", "市宇宙局", *args]) == 1
    assert "找不到单位“市宇宙局”" in capsys.readouterr().err
    assert main(["template", "--unit", "市教育局", *args]) == 1
    assert "没有需要报送的内容" in capsys.readouterr().err
    for bad in (["template", "--unit", "城管局", "--all", *args],
                ["template", "--unit", "城管局", "--out", str(tmp_path)],
                ["template", "--unit", "城管局", "--period", "11月底", "--out", str(tmp_path)]):
        with pytest.raises(SystemExit) as exc:
            main(bad)
        assert exc.value.code == 2

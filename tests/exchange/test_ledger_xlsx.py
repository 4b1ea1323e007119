import datetime as dt
import zipfile

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from aqdesk.domain.ledger_columns import LedgerColumn as Column
from aqdesk.errors import UserError
from aqdesk.exchange.ledger_xlsx import Ledger, LedgerBook, write_ledgers
from aqdesk.services.reports import ledger_export

AS_OF = dt.date(2026, 11, 22)


@pytest.fixture
def workbook(demo_db, tmp_path):
    path = ledger_export.export_ledgers(demo_db, tmp_path / "台账.xlsx", AS_OF)
    return openpyxl.load_workbook(path)


def test_one_sheet_per_ledger_and_a_summary_each_with_its_title(workbook):
    assert workbook.sheetnames == ["重点任务", "退城入园", "双替代", "散煤治理", "督办单", "分单位汇总"]
    ws = workbook["重点任务"]
    assert ws["A1"].value == "示例市秋冬季大气污染防治重点任务台账（截至2026年11月22日）"
    assert "A1:L1" in ws.merged_cells
    assert ws["A2"].value.startswith("填报单位：示例市大气污染防治攻坚办公室")
    assert workbook["退城入园"]["A1"].value == "示例市城市区企业退城入园台账（截至2026年11月22日）"
    assert ws.max_row == 4 + 60


def test_headers_are_merged_and_wrapped_with_borders(workbook):
    ws = workbook["重点任务"]
    assert "A3:A4" in ws.merged_cells  # a single header spans both header rows
    assert "I3:K3" in ws.merged_cells and ws["I3"].value == "进展情况"
    assert [ws.cell(4, c).value for c in (9, 10, 11)] == ["状态", "进度（%）", "最新进展"]
    assert ws["I3"].alignment.wrap_text and ws["I3"].font.bold
    for cell in (ws["B5"], ws["D30"], ws["L64"]):
        assert cell.border.left.style == cell.border.bottom.style == "thin"
    enterprise = workbook["退城入园"]
    assert enterprise["I3"].value == "计划时间" and enterprise["M3"].value == "实际时间"


def test_panes_filter_widths_and_print_setup(workbook):
    for ws in workbook.worksheets:
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("5")
        assert ws.auto_filter.ref.startswith("A4:")
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 8  # A3
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$3:$4"
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    ws = workbook["重点任务"]
    assert ws.freeze_panes == "C5" and ws.auto_filter.ref == "A4:L64"
    widths = {ws.cell(4 if ws.cell(4, c).value else 3, c).value: ws.column_dimensions[get_column_letter(c)].width
              for c in range(1, 13)}
    assert widths["编号"] < widths["牵头单位"] <= 60 and widths["最新进展"] <= 40


def test_warning_colours_fill_the_first_column_with_a_legend(workbook):
    ws = workbook["重点任务"]
    fills = {"红": "F8D0CC", "黄": "FCEFC0", "绿": "D5ECD4"}
    seen = set()
    for row in range(5, ws.max_row + 1):
        cell = ws.cell(row, 1)
        assert cell.fill.fgColor.rgb.endswith(fills[cell.value])
        seen.add(cell.value)
    assert seen == set(fills)
    legend = {ws.cell(2, c).value: ws.cell(2, c).fill.fgColor.rgb for c in (10, 11, 12)}
    assert legend == {"红色：逾期未完成": "00F8D0CC", "黄色：临期或进度滞后": "00FCEFC0", "绿色：已完成或正常推进": "00D5ECD4"}


def test_user_text_that_looks_like_a_formula_stays_text(tmp_path):
    risky = ["=HYPERLINK(\"http://x\",\"点我\")", "+1+1", "-2-2", "@SUM(A1)", "=1+1"]
    book = LedgerBook("示例市大气办", AS_OF, (Ledger("测试", "标题", (Column("预警", str), Column("内容", str)),
                                                   [("红", text) for text in risky], ["red"] * len(risky)),))
    path = write_ledgers(tmp_path / "x.xlsx", book)
    ws = openpyxl.load_workbook(path)["测试"]
    assert [ws.cell(r, 2).value for r in range(5, 10)] == risky
    assert all(ws.cell(r, 2).data_type == "s" and ws.cell(r, 2).quotePrefix for r in range(5, 10))
    with zipfile.ZipFile(path) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()


def test_one_unit_only(demo_db, tmp_path):
    path = ledger_export.export_ledgers(demo_db, tmp_path / "东城区.xlsx", AS_OF, unit="东城")
    wb = openpyxl.load_workbook(path)
    tasks = wb["重点任务"]
    assert tasks["A1"].value.endswith("（东城区，截至2026年11月22日）")
    rows = [[tasks.cell(r, c).value for c in (5, 6)] for r in range(5, tasks.max_row + 1)]
    assert rows and all("东城区" in (lead or "") + (co or "") for lead, co in rows)
    assert {wb["退城入园"].cell(r, 4).value for r in range(5, wb["退城入园"].max_row + 1)} == {"东城区"}
    summary = wb["分单位汇总"]
    units = [summary.cell(r, 4).value for r in range(5, summary.max_row + 1) if summary.cell(r, 2).value]
    assert units == ["东城区"]
    assert summary.cell(summary.max_row, 1).value.startswith("说明：市直部门、县（区）分别排名。得分=按时完成率")
    # the note closes the table: no blank row before it, and ruled like the rows above
    assert summary.cell(summary.max_row - 1, 4).value == "东城区"
    note_row = [summary.cell(summary.max_row, c) for c in range(1, summary.max_column + 1)]
    assert all(c.border.top.style and c.border.bottom.style for c in note_row)
    assert note_row[0].border.left.style and note_row[-1].border.right.style


def test_a_file_that_cannot_be_written_is_reported_and_nothing_is_left(demo_db, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    with pytest.raises(UserError, match="无法"):
        ledger_export.export_ledgers(demo_db, blocked / "台账.xlsx", AS_OF)
    target = tmp_path / "台账.xlsx"
    target.mkdir()  # a folder where the file should go: the rename fails, the temporary file goes
    with pytest.raises(UserError, match="无法保存"):
        ledger_export.export_ledgers(demo_db, target, AS_OF)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def _text_width(text):
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def test_only_the_warning_column_is_shaded_below_the_header(workbook):
    for ws in workbook.worksheets:
        for row in ws.iter_rows(min_row=5, max_row=ws.max_row, min_col=2):
            for cell in row:
                assert cell.fill.fill_type is None, (ws.title, cell.coordinate, cell.fill.fgColor.rgb)
        assert ws["A5"].fill.fill_type == "solid"


def test_every_header_fits_its_rows(workbook):
    for ws in workbook.worksheets:
        widths = {c: ws.column_dimensions[get_column_letter(c)].width for c in range(1, ws.max_column + 1)}
        spans = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges if r.min_row in (3, 4)}
        for row in (3, 4):
            for col in range(1, ws.max_column + 1):
                value = ws.cell(row, col).value
                if not value:
                    continue
                span = spans.get((row, col))
                cols = range(col, span.max_col + 1) if span else [col]
                rows = range(row, span.max_row + 1) if span else [row]
                width = sum(widths[c] for c in cols)
                lines = -(-_text_width(value) // int(width - 1))
                height = sum(ws.row_dimensions[r].height for r in rows)
                assert lines * 10 * 1.35 <= height, (ws.title, value, width, height)


def test_whole_numbers_print_without_a_point_and_wide_sheets_stay_legible(workbook):
    for ws in workbook.worksheets:
        formats = {c.number_format for row in ws.iter_rows(min_row=5) for c in row if isinstance(c.value, int | float)}
        assert "#,##0.##" not in formats
        for row in ws.iter_rows(min_row=5):
            for c in row:
                if isinstance(c.value, int) and c.number_format.startswith("#,##0"):
                    assert c.number_format == "#,##0", (ws.title, c.coordinate, c.number_format)
        # fit to one page wide on A3 landscape: a width unit prints ~7.1 pt, 1133 pt fit → ≥ 8 pt text
        total = sum(ws.column_dimensions[get_column_letter(c)].width for c in range(1, ws.max_column + 1))
        assert 1133 / (total * 7.1) * 10 >= 8, (ws.title, total)


def test_the_workbook_shows_what_the_screen_shows(workbook, demo_db):
    from aqdesk.domain import ledger_columns
    from aqdesk.services.supervision.sheet_list import sheet_rows

    ws = workbook["督办单"]
    headers = [ws.cell(3, c).value for c in range(1, ws.max_column + 1)]
    late = headers.index("逾期反馈") + 1
    shown = [ws.cell(r, late).value or "" for r in range(5, ws.max_row + 1)]
    column = next(c for c in ledger_columns.SHEETS if c.header == "逾期反馈")
    assert shown == [column.value(r) for r in sheet_rows(demo_db, AS_OF)] and "逾期" in shown
    tasks = workbook["重点任务"]
    assert [tasks.cell(3, c).value for c in range(1, 8)] == ["预警", "编号", "类别", "任务名称", "牵头单位",
                                                            "配合单位", "预警原因"]

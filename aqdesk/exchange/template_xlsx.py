"""A unit's return template (报送表) as an .xlsx made to be filled in by hand and read back,
and the house style of the workbooks the office sends out (font, borders, cells, printing).

The header row holds exactly the canonical headings, so ``read_workbook`` recognises every
sheet; the key columns are locked and grey so that rows still match the ledger when they come
back; drop-downs, validations and input prompts catch most slips while the clerk types. The
hidden ``_aqdesk`` sheet tells the reader whose template it is and for which period.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.protection import SheetProtection
from openpyxl.worksheet.worksheet import Worksheet

from aqdesk.domain import headings as h
from aqdesk.domain import palette
from aqdesk.domain.docnumber import chinese_date
from aqdesk.domain.enums import SubstitutionKind
from aqdesk.domain.headings import SheetKind
from aqdesk.domain.relocation import STAGES
from aqdesk.domain.values import CellValue
from aqdesk.errors import UserError
from aqdesk.exchange.atomic import safe_file_name, writing
from aqdesk.exchange.workbook import INSTRUCTIONS_SHEET, METADATA_SHEET

TEMPLATE_VERSION = "1"
INSTRUCTIONS_WIDTH = 84
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3

FONT = "宋体"
TITLE_POINTS = 16
KEY_FILL = PatternFill("solid", fgColor=palette.excel(palette.TEMPLATE_KEY))
HEADER_FILL = PatternFill("solid", fgColor=palette.excel(palette.TEMPLATE_HEADING))
_THIN = Side(style="thin", color=palette.excel(palette.TEMPLATE_BORDER))
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# What spreadsheets take for the start of a formula when a text begins with it.
_FORMULA_STARTS = ("=", "+", "-", "@")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
MAX_CELL_CHARS = 32_767
POINTS_PER_LINE = 14.5
_LOCKED_PROMPT = "关键列，用于与台账对应，请勿修改。"


@dataclass(frozen=True)
class TemplateSheet:
    """One return sheet: each row maps canonical headings to the value to prefill; a heading
    missing from a row is left blank for the unit."""

    kind: SheetKind
    rows: tuple[dict[str, CellValue], ...]


@dataclass(frozen=True)
class TemplateContent:
    """A unit's template; ``city`` and ``office`` are the office's own names (settings)."""

    unit: str
    period: dt.date
    city: str
    office: str
    sheets: tuple[TemplateSheet, ...]
    year: int | None = None  # the plan year whose items the rows are


@dataclass(frozen=True)
class Column:
    """``check`` names the validation: yes_no, stage, kind, date, count, amount, percent, or
    "" for free text, which still gets its prompt."""

    heading: str
    width: float
    prompt: str
    key: bool = False
    wrap: bool = False
    check: str = ""


def _date_column(heading: str, what: str) -> Column:
    return Column(heading, 13, f"请填写日期，如 2026-11-30：{what}的实际日期；尚未{what}的不填。", check="date")


COLUMNS: dict[SheetKind, tuple[Column, ...]] = {
    SheetKind.TASK_PROGRESS: (
        Column(h.TASK_NUMBER, 9, _LOCKED_PROMPT, key=True),
        Column(h.TASK_NAME, 24, _LOCKED_PROMPT, key=True, wrap=True),
        Column(h.PROGRESS, 50, "截至本期的工作进展。已预填上期内容，请改写为本期情况。", wrap=True),
        Column(h.PERCENT, 10, "0–100 的数字，如 85，不带 % 号。已预填当前比例，有变化时再改。",
               check="percent"),
        Column(h.DONE, 9, "从下拉列表选择“是”或“否”。", check="yes_no"),
        Column(h.DONE_ON, 12, "请填写日期，如 2026-11-30：任务全部完成的日期；未完成的不填。", check="date"),
        Column(h.ISSUES, 26, "本期存在的困难和问题；没有的可不填。", wrap=True),
        Column(h.NEXT_STEPS, 26, "下一步工作安排和完成时限。", wrap=True),
    ),
    SheetKind.LOOSE_COAL: (
        Column(h.COUNTY, 12, _LOCKED_PROMPT, key=True),
        Column(h.LOOSE_COAL_FIGURES[0], 24, "本期取缔的散煤销售点数，填整数，没有填 0。", check="count"),
        Column(h.LOOSE_COAL_FIGURES[1], 26, "本期新建的洁净型煤配送网点数，填整数，没有填 0。", check="count"),
        Column(h.LOOSE_COAL_FIGURES[2], 22, "本期配送的洁净型煤吨数，只填数字。", check="amount"),
        Column(h.LOOSE_COAL_FIGURES[3], 11, "本期开展检查的次数，填整数。", check="count"),
        Column(h.LOOSE_COAL_FIGURES[4], 20, "本期查处的劣质煤吨数，只填数字。", check="amount"),
        Column(h.LOOSE_COAL_FIGURES[5], 12, "本期立案查处的起数，填整数。", check="count"),
        Column(h.RELAPSES, 17, "已取缔后又反弹的散煤燃烧点、销售点数，没有填 0。", check="count"),
    ),
    SheetKind.RELOCATION: (
        Column(h.ENTERPRISE, 30, _LOCKED_PROMPT, key=True, wrap=True),
        Column(h.CREDIT_CODE, 22, _LOCKED_PROMPT, key=True),
        Column(h.STAGE, 11, "从下拉列表选择企业目前所处的阶段。", check="stage"),
        _date_column(h.MILESTONE_DATES[0], "停产"),
        _date_column(h.MILESTONE_DATES[1], "拆除"),
        _date_column(h.MILESTONE_DATES[2], "新址开工"),
        _date_column(h.MILESTONE_DATES[3], "投产"),
        Column(h.ISSUES, 36, "搬迁中存在的问题；没有的可不填。", wrap=True),
    ),
    SheetKind.SUBSTITUTION: (
        Column(h.COUNTY, 12, _LOCKED_PROMPT, key=True),
        Column(h.TOWNSHIP, 16, _LOCKED_PROMPT, key=True),
        Column(h.KIND, 10, _LOCKED_PROMPT, key=True, check="kind"),
        # The target is the plan's figure, not the unit's to report: shown for reference only.
        Column(h.TARGET_HOUSEHOLDS, 12, "年度任务户数，仅供对照，请勿修改。", key=True, check="count"),
        Column(h.COMPLETED, 13, "截至本期累计完成改造的户数，填整数。已预填当前数字。", check="count"),
        Column(h.ACCEPTED, 13, "截至本期累计通过验收的户数，填整数，不超过已完成户数。", check="count"),
    ),
}

_TITLES = {
    SheetKind.TASK_PROGRESS: "{city}大气污染防治重点任务进展报送表",
    SheetKind.LOOSE_COAL: "{city}散煤治理进展报送表",
    SheetKind.RELOCATION: "{city}企业退城入园进展报送表",
    SheetKind.SUBSTITUTION: "{city}双替代（气代煤、电代煤）进展报送表",
}

_ABOUT = {
    SheetKind.TASK_PROGRESS: "本单位牵头的重点任务，每项任务一行。",
    SheetKind.LOOSE_COAL: "本县（区）本期的散煤治理工作量，一行。",
    SheetKind.RELOCATION: "本县（区）退城入园企业的搬迁进度，每家企业一行。",
    SheetKind.SUBSTITUTION: "本县（区）各乡镇（街道）气代煤、电代煤的完成情况，每个乡镇每种类型一行。",
}


def _serial(day: dt.date) -> str:
    return str((day - _EXCEL_EPOCH).days)


def _choice(choices: Sequence[str]) -> tuple[dict[str, str], str]:
    return {"type": "list", "formula1": '"' + ",".join(choices) + '"'}, "请从下拉列表中选择：" + "、".join(choices)


# Validation rule and error message of each check of a column.
_RULES: dict[str, tuple[dict[str, str], str]] = {
    "yes_no": _choice(("是", "否")),
    "stage": _choice(STAGES),
    "kind": _choice([kind.label for kind in SubstitutionKind]),
    "date": ({"type": "date", "operator": "between", "formula1": _serial(dt.date(2000, 1, 1)),
              "formula2": _serial(dt.date(2100, 12, 31))},
             "请填写日期，如 2026-11-30；不要填写“11月底”“年底前”等。"),
    "count": ({"type": "whole", "operator": "greaterThanOrEqual", "formula1": "0"},
              "请填写 0 或正整数，不带单位。"),
    "amount": ({"type": "decimal", "operator": "greaterThanOrEqual", "formula1": "0"},
               "请填写不小于 0 的数字，不带单位。"),
    "percent": ({"type": "decimal", "operator": "between", "formula1": "0", "formula2": "100"},
                "请填写 0 到 100 之间的数字，如 85，不带 % 号。"),
}
_CENTRED = frozenset({"yes_no", "stage", "kind", "date"})


def template_file_name(unit: str, period: dt.date) -> str:
    """``2026-11-22_市城管执法局_报送表.xlsx``."""
    return f"{period.isoformat()}_{safe_file_name(unit)}_报送表.xlsx"


def write_template(content: TemplateContent, out_dir: str | Path) -> Path:
    """Write the template into ``out_dir`` whole or not at all; returns its path."""
    if not content.sheets:
        raise UserError(f"「{content.unit}」在台账中没有需要报送的内容，未生成报送表")
    path = Path(out_dir) / template_file_name(content.unit, content.period)
    book = _template_book(content, dt.datetime.now().replace(microsecond=0))
    with writing(path) as tmp:
        book.save(tmp)
    return path


def _template_book(content: TemplateContent, generated_at: dt.datetime) -> Workbook:
    book = Workbook()
    _instructions(book.active, content)
    for sheet in content.sheets:
        _return_sheet(book.create_sheet(sheet.kind.label), sheet, content)
    _metadata(book.create_sheet(METADATA_SHEET), content, generated_at)
    book.properties.title = f"{content.unit}报送表（{chinese_date(content.period)}）"
    book.properties.creator = content.office
    return book


def _return_sheet(ws: Worksheet, sheet: TemplateSheet, content: TemplateContent) -> None:
    columns = COLUMNS[sheet.kind]
    last = get_column_letter(len(columns))
    title = _TITLES[sheet.kind].format(city=content.city)
    whose = f"（{content.unit}，{chinese_date(content.period)}）"
    # A narrow table (双替代) cannot hold its title on one line: the unit and date go below.
    room = sum(c.width for c in columns) * 11 / TITLE_POINTS
    title += whose if text_lines(title + whose, room) == 1 else "\n" + whose
    ws.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    put_value(ws.cell(TITLE_ROW, 1), title)
    ws.cell(TITLE_ROW, 1).font = Font(name=FONT, size=TITLE_POINTS, bold=True)
    ws.cell(TITLE_ROW, 1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[TITLE_ROW].height = 12 + 24 * text_lines(title, room)
    for index, column in enumerate(columns, 1):
        cell = ws.cell(HEADER_ROW, index, column.heading)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.row_dimensions[HEADER_ROW].height = 2 * POINTS_PER_LINE + 4
    for number, row in enumerate(sheet.rows, FIRST_ROW):
        for index, column in enumerate(columns, 1):
            _data_cell(ws.cell(number, index), column, row.get(column.heading))
        ws.row_dimensions[number].height = _row_height(columns, row)
    end = FIRST_ROW + len(sheet.rows) - 1
    for index, column in enumerate(columns, 1):
        letter = get_column_letter(index)
        ws.add_data_validation(_validation(column, f"{letter}{FIRST_ROW}:{letter}{end}"))
    ws.freeze_panes = f"A{FIRST_ROW}"
    print_setup(ws, landscape=True)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    # No password: a clerk who must fix a layout can lift it; formatting columns and rows stays
    # allowed so that nobody needs to.
    ws.protection = SheetProtection(sheet=True, formatColumns=False, formatRows=False)


def _data_cell(cell: Cell, column: Column, value: CellValue) -> None:
    put_value(cell, value)
    cell.font = Font(name=FONT, size=11)
    cell.border = BORDER
    centred = column.check in _CENTRED or column.heading == h.TASK_NUMBER
    cell.alignment = Alignment(horizontal="center" if centred else None, vertical="center",
                               wrap_text=column.wrap)
    if column.check == "date":
        cell.number_format = "yyyy-mm-dd"
    if column.key:
        cell.fill = KEY_FILL
    else:
        cell.protection = Protection(locked=False)


def put_value(cell: Cell, value: CellValue) -> None:
    """A text is always written as text: a name or a progress note from the database that
    begins like a formula must never be run by the unit's spreadsheet. Characters XML cannot
    carry are dropped, and a text is cut to what a cell of Excel holds, or Excel refuses the file."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_CHARS]
        cell.value = value
        if value.startswith(_FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value


def _validation(column: Column, cells: str) -> DataValidation:
    rule, error = _RULES.get(column.check, ({}, ""))
    validation = DataValidation(
        **rule, allow_blank=True, showInputMessage=True, promptTitle=column.heading[:32],
        prompt=column.prompt[:255], showErrorMessage=bool(rule), errorTitle="填写有误" if rule else None,
        error=error or None,
    )
    validation.add(cells)
    return validation


def _row_height(columns: Sequence[Column], row: dict[str, CellValue]) -> float:
    """Spreadsheets do not grow a row to fit wrapped text they did not lay out themselves, so
    the height is worked out here; rows to be written in get room for two lines at least."""
    lines = 1
    for column in columns:
        if column.wrap:
            text = row.get(column.heading)
            lines = max(lines, 2, text_lines(text if isinstance(text, str) else "", column.width))
    return min(409.0, lines * POINTS_PER_LINE + 4)


def text_lines(text: str, width: float) -> int:
    room = max(1.0, width - 1.5)
    return sum(max(1, math.ceil(_text_width(part) / room)) for part in text.split("\n"))


def _text_width(text: str) -> float:
    """In column-width units at 11 pt: a Chinese character of 宋体 takes 2.2."""
    return sum(2.2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_setup(ws: Worksheet, *, landscape: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _instructions(ws: Worksheet, content: TemplateContent) -> None:
    ws.title = INSTRUCTIONS_SHEET
    # LibreOffice does not shrink a single wide column to the page: keep it within A4.
    ws.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    kinds = [sheet.kind for sheet in content.sheets]
    columns = [column for kind in kinds for column in COLUMNS[kind]]
    keys = "、".join(dict.fromkeys(c.heading for c in columns if c.key))
    choices = "".join(f"“{c.heading}”" for c in columns if not c.key and c.check in ("yes_no", "stage"))
    lines = [
        (f"{content.unit}报送表填报说明（{chinese_date(content.period)}）", "title"),
        (f"本表由{content.office}生成，请{content.unit}填写截至{chinese_date(content.period)}"
         "的工作进展。", ""),
        ("一、各工作表", "heading"),
        *((f"「{kind.label}」：{_ABOUT[kind]}", "") for kind in kinds),
        ("二、填写要求", "heading"),
        (f"1. 灰色单元格（{keys}）是与台账对应的关键列，请勿修改；只在白色单元格中填写。", ""),
        ("2. 不要重命名工作表，不要插入、删除或移动列，不要修改表头；不要删除本文件中的隐藏工作表。", ""),
        ("3. 日期一律填写为 2026-11-30 的形式；不要填写“11月底”“年底前”等不确定的时间。", ""),
        ("4. 数字列只填阿拉伯数字，不带单位；完成比例填 0–100 的数字，如 85。", ""),
        (f"5. {choices}从下拉列表中选择。选中单元格时会显示该列的填写提示。" if choices
         else "5. 选中单元格时会显示该列的填写提示。", ""),
        ("6. 表中已预填台账中的当前情况（完成比例、进展情况、已完成户数等），只需修改有变化的内容。", ""),
        ("7. 工作表已设保护（无密码），以免误改关键列；调整列宽、行高不受影响。", ""),
        ("三、报送", "heading"),
        (f"填好后保存为 .xlsx（或 .xls）格式，按通知要求的时限报送{content.office}。"
         "文件名可保持不变。", ""),
    ]
    for number, (text, style) in enumerate(lines, 1):
        cell = ws.cell(number, 1)
        put_value(cell, text)
        if style == "title":
            cell.font = Font(name=FONT, size=TITLE_POINTS, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center")
            ws.row_dimensions[number].height = 36
        else:
            cell.font = Font(name=FONT, size=12, bold=style == "heading")
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            ws.row_dimensions[number].height = 22 * text_lines(text, INSTRUCTIONS_WIDTH * 11 / 12)
    print_setup(ws, landscape=False)


def _metadata(ws: Worksheet, content: TemplateContent, generated_at: dt.datetime) -> None:
    pairs = (
        ("template_version", TEMPLATE_VERSION),
        ("unit", content.unit),
        ("period", content.period.isoformat()),
        ("generated_at", generated_at.isoformat()),
        *((("year", str(content.year)),) if content.year else ()),
    )
    for number, (key, value) in enumerate(pairs, 1):
        put_value(ws.cell(number, 1), key)
        put_value(ws.cell(number, 2), value)
    ws.sheet_state = "veryHidden"
    ws.protection = SheetProtection(sheet=True)

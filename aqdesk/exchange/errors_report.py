"""The problems found in a unit's return, as an .xlsx to send back to the unit.

A first sheet lists every problem; then, for each table with problems, the unit's own rows
as they were read, the problem cells in light red and the reasons beside them, with the row
number of the original so the unit can find and correct it there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook as XlsxBook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from aqdesk.domain import palette
from aqdesk.domain.problems import Problem, Severity
from aqdesk.domain.values import CellValue
from aqdesk.exchange.atomic import writing
from aqdesk.exchange.template_xlsx import (
    BORDER,
    COLUMNS,
    FONT,
    HEADER_FILL,
    POINTS_PER_LINE,
    print_setup,
    put_value,
    text_lines,
)
from aqdesk.exchange.workbook import SourceRow, Table, Workbook

SUMMARY_SHEET = "问题汇总"
SUMMARY_HEADINGS = ("文件", "工作表", "行号", "列", "内容", "问题", "严重程度")
SUMMARY_WIDTHS = (36, 12, 7, 16, 22, 46, 9)
ROW_NUMBER = "原表行号"
EXPLANATION = "问题说明"
PROBLEM_FILL = PatternFill("solid", fgColor=palette.excel(palette.PROBLEM_FILL))
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
_DEFAULT_WIDTH = 14
_EXPLANATION_WIDTH = 44
_WIDTHS = {column.heading: column.width for columns in COLUMNS.values() for column in columns}
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def write_errors_report(workbook: Workbook, problems: Sequence[Problem], out_path: str | Path) -> Path:
    """Write the report to ``out_path`` whole or not at all. The reader's own problems
    (``workbook.problems``) are included whether or not ``problems`` repeats them."""
    everything = list(dict.fromkeys([*workbook.problems, *problems]))
    order = {table.sheet: index for index, table in enumerate(workbook.tables)}
    # File-level problems first, then sheet by sheet and row by row as the unit reads the file.
    everything.sort(key=lambda p: (p.sheet is not None, order.get(p.sheet, len(order)), p.row or 0))
    book = XlsxBook()
    _summary(book.active, workbook.file_name, everything)
    used = {SUMMARY_SHEET}
    for table in workbook.tables:
        by_row: dict[int, list[Problem]] = {}
        for problem in everything:
            if problem.sheet == table.sheet and problem.row is not None:
                by_row.setdefault(problem.row, []).append(problem)
        rows = [row for row in table.rows if row.number in by_row]
        if rows:
            _table_sheet(book.create_sheet(_sheet_name(table.sheet, used)), table, rows, by_row)
    out_path = Path(out_path)
    with writing(out_path) as tmp:
        book.save(tmp)
    return out_path


def _summary(ws: Worksheet, file_name: str, problems: list[Problem]) -> None:
    ws.title = SUMMARY_SHEET
    errors = sum(p.is_error for p in problems)
    _title(ws, f"「{file_name}」问题汇总（错误 {errors} 条，警告 {len(problems) - errors} 条）",
           len(SUMMARY_HEADINGS))
    _header(ws, SUMMARY_HEADINGS, SUMMARY_WIDTHS)
    for number, problem in enumerate(problems, FIRST_ROW):
        values = (problem.file, problem.sheet or "", problem.row or "", problem.heading or "",
                  problem.value or "", problem.message, problem.severity.label)
        for index, value in enumerate(values, 1):
            cell = _body_cell(ws.cell(number, index), value, wrap=index in (5, 6))
            if index in (3, 7):  # 行号, 严重程度
                cell.alignment = Alignment(horizontal="center", vertical="top")
            if index == 7 and problem.is_error:
                cell.font = Font(name=FONT, size=11, color=palette.excel(palette.PROBLEM_INK))
        lines = max(text_lines(problem.message, SUMMARY_WIDTHS[5]),
                    text_lines(problem.value or "", SUMMARY_WIDTHS[4]))
        ws.row_dimensions[number].height = lines * POINTS_PER_LINE + 4
    _finish(ws, len(SUMMARY_HEADINGS), FIRST_ROW + len(problems) - 1)


def _table_sheet(ws: Worksheet, table: Table, rows: list[SourceRow],
                 by_row: dict[int, list[Problem]]) -> None:
    headings = sorted(table.columns, key=table.columns.__getitem__)
    width = len(headings) + 2
    _title(ws, f"「{table.sheet}」中有问题的行：请按“{EXPLANATION}”修改原表中相应的行后重新报送", width)
    _header(ws, (ROW_NUMBER, *headings, EXPLANATION),
            (9, *(_WIDTHS.get(h, _DEFAULT_WIDTH) for h in headings), _EXPLANATION_WIDTH))
    for number, row in enumerate(rows, FIRST_ROW):
        problems = by_row[row.number]
        marked = {p.heading for p in problems}
        _body_cell(ws.cell(number, 1), row.number).alignment = Alignment(horizontal="center", vertical="top")
        lines = 1
        for index, heading in enumerate(headings, 2):
            value = row.cells.get(heading, "")
            cell = _body_cell(ws.cell(number, index), value, wrap=True)
            if heading in marked:
                cell.fill = PROBLEM_FILL
            if isinstance(value, str):
                lines = max(lines, text_lines(value, _WIDTHS.get(heading, _DEFAULT_WIDTH)))
        explanation = "\n".join(_explained(p) for p in problems)
        _body_cell(ws.cell(number, width), explanation, wrap=True)
        lines = max(lines, text_lines(explanation, _EXPLANATION_WIDTH))
        ws.row_dimensions[number].height = min(409.0, lines * POINTS_PER_LINE + 4)
    _finish(ws, width, FIRST_ROW + len(rows) - 1)


def _explained(problem: Problem) -> str:
    text = f"「{problem.heading}」：{problem.message}" if problem.heading else problem.message
    return text if problem.is_error else f"（{Severity.WARNING.label}）{text}"


def _title(ws: Worksheet, text: str, width: int) -> None:
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=width)
    cell = ws.cell(TITLE_ROW, 1)
    put_value(cell, text)
    cell.font = Font(name=FONT, size=14, bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[TITLE_ROW].height = 30


def _header(ws: Worksheet, headings: Sequence[str], widths: Sequence[float]) -> None:
    for index, (heading, width) in enumerate(zip(headings, widths, strict=True), 1):
        cell = ws.cell(HEADER_ROW, index)
        put_value(cell, heading)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.row_dimensions[HEADER_ROW].height = 2 * POINTS_PER_LINE + 4


def _body_cell(cell: Cell, value: CellValue, *, wrap: bool = False) -> Cell:
    put_value(cell, value)
    cell.font = Font(name=FONT, size=11)
    cell.border = BORDER
    cell.alignment = Alignment(vertical="top", wrap_text=wrap)
    if isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd" if not isinstance(value, dt.datetime) else "yyyy-mm-dd hh:mm"
    return cell


def _finish(ws: Worksheet, width: int, last_row: int) -> None:
    ws.freeze_panes = f"A{FIRST_ROW}"
    if last_row >= FIRST_ROW:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(width)}{last_row}"
    print_setup(ws, landscape=True)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def _sheet_name(name: str, used: set[str]) -> str:
    """The table's own sheet name where Excel allows it, made unique."""
    base = _NOT_IN_SHEET_NAMES.sub("_", name).strip("'")[:31] or "工作表"
    candidate, n = base, 2
    while candidate.casefold() in {u.casefold() for u in used}:
        suffix = f"({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate)
    return candidate

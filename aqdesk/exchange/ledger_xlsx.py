"""The ledgers as an Excel workbook made for printing at the dispatch meeting: a title row,
merged two-level headers, borders, frozen panes, a filter, widths that fit Chinese text,
the warning colour as a fill with its legend, and A3 landscape print setup.

Text typed by users that starts like a formula (``=``, ``+``, ``-``, ``@``) is stored as
text and marked so that Excel never evaluates it.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from aqdesk.domain import palette
from aqdesk.domain.ledger_columns import LedgerColumn
from aqdesk.exchange import atomic

FILLS = {c.value: palette.excel(palette.FILL[c]) for c in palette.ORDER}
INK = {c.value: palette.excel(palette.INK[c]) for c in palette.ORDER}
LEGEND = (("red", "红色：逾期未完成"), ("yellow", "黄色：临期或进度滞后"), ("green", "绿色：已完成或正常推进"))
FORMULA_START = ("=", "+", "-", "@")
TITLE_ROW, INFO_ROW, HEAD_ROW = 1, 2, 3
FIRST_DATA_ROW = 5
MAX_WIDTH, WRAP_WIDTH = 60, 40
MIN_WRAPPED = 10  # a text column is narrowed, wrapping, no further than this
# Fit to one page wide shrinks a wide sheet: on A3 landscape (399 mm inside the margins) a
# column width unit prints about 7.1 pt at 100 %, so 190 units print 10 pt text at ≥ 8.2 pt.
PRINT_WIDTH = 190
LINE_HEIGHT = 13.5  # points per line of 10 pt text
HEAD_HEIGHT = 22  # a header row of one line
SAMPLE = 2000  # rows measured for column widths; a ledger's longest texts show early enough


@dataclass(frozen=True)
class Ledger:
    sheet: str  # the tab's name
    title: str
    columns: tuple[LedgerColumn, ...]  # as declared in domain.ledger_columns
    rows: Sequence[Sequence[Any]]
    colors: Sequence[str | None]  # each row's warning colour: red | yellow | green
    freeze_columns: int = 2  # columns kept in view when scrolling right
    note: str = ""  # a 说明 below the table (how a ranking was scored, say)


@dataclass(frozen=True)
class LedgerBook:
    office: str
    as_of: dt.date
    ledgers: tuple[Ledger, ...]


def write_ledgers(path: Path, book: LedgerBook) -> Path:
    """Write the workbook whole to ``path`` (through a temporary file)."""
    wb = Workbook()
    wb.remove(wb.active)
    styles = _Styles(wb)
    for ledger in book.ledgers:
        _sheet(wb.create_sheet(_sheet_name(ledger.sheet)), ledger, book, styles)
    with atomic.writing(Path(path)) as tmp:
        wb.save(tmp)
    return Path(path)


class _Styles:
    """Cell styles made once and copied onto cells, which is many times faster than
    assigning fonts and borders cell by cell."""

    def __init__(self, wb: Workbook):
        thin = Side(style="thin", color=palette.excel(palette.LEDGER_BORDER))
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        probe = wb.create_sheet("probe")
        made = iter(range(1, 1000))

        def style(font=None, fill=None, align=None, number_format=None, framed=True):
            cell = probe.cell(next(made), 1)  # a fresh cell: a style must not inherit another's fill
            cell.font = font or Font(name="宋体", size=10)
            cell.alignment = align or Alignment(vertical="center")
            if fill:
                cell.fill = PatternFill("solid", fgColor=fill)
            if framed:
                cell.border = border
            if number_format:
                cell.number_format = number_format
            return copy(cell._style)

        wrap_left = Alignment(vertical="center", wrap_text=True)
        centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.title = style(Font(name="黑体", size=18), align=Alignment(horizontal="center", vertical="center"),
                           framed=False)
        self.info = style(Font(name="宋体", size=10), framed=False)
        self.note = style(align=Alignment(vertical="top", wrap_text=True))
        self.head = style(Font(name="黑体", size=10, bold=True), palette.excel(palette.LEDGER_HEADING), centre)
        self.text = style(align=Alignment(vertical="center"))
        self.long = style(align=wrap_left)
        self.literal = style(align=wrap_left)
        self.number = style(align=Alignment(horizontal="right", vertical="center"), number_format="#,##0")
        # not "#,##0.##", which Excel and WPS print as "320." for a whole number
        self.fraction = style(align=Alignment(horizontal="right", vertical="center"), number_format="#,##0.0#")
        self.percent = style(align=Alignment(horizontal="right", vertical="center"), number_format="0.0")
        self.date = style(align=Alignment(horizontal="center", vertical="center"), number_format="yyyy-mm-dd")
        self.colors = {c: style(Font(name="黑体", size=10, color=INK[c]), FILLS[c], centre) for c in FILLS}
        self.legend = {c: style(Font(name="宋体", size=9, color=INK[c]), FILLS[c], centre) for c in FILLS}
        wb.remove(probe)

    def for_column(self, column: LedgerColumn, wrap: bool):
        return {"number": self.number, "percent": self.percent, "date": self.date}.get(
            column.kind, self.long if wrap else self.text)


def _sheet_name(name: str) -> str:
    return "".join(ch for ch in name if ch not in "[]:*?/\\")[:31] or "台账"


def _sheet(ws: Worksheet, ledger: Ledger, book: LedgerBook, styles: _Styles) -> None:
    columns = ledger.columns
    last = len(columns)
    _heading(ws, ledger, book, styles)
    widths, wrapped = _widths(ws, ledger)
    cell_styles = [styles.for_column(c, i in wrapped) for i, c in enumerate(columns)]
    _header_heights(ws, ledger, widths)
    row_no = FIRST_DATA_ROW
    for values, color in zip(ledger.rows, ledger.colors, strict=True):
        lines = max((_lines(values[i], widths[i]) for i in wrapped), default=1)
        if lines > 1:  # Excel does not grow a row for wrapped text it did not type itself
            ws.row_dimensions[row_no].height = min(409, LINE_HEIGHT * lines + 2)
        for col, value in enumerate(values, 1):
            cell = ws.cell(row_no, col)
            if col == 1 and color:
                cell.value = value
                cell._style = copy(styles.colors[color])
                continue
            if isinstance(value, str) and value.startswith(FORMULA_START):
                cell.value = value
                cell.data_type = "s"  # text, never a formula
                cell._style = copy(styles.literal)
                cell.quotePrefix = True
                continue
            cell.value = value
            fraction = isinstance(value, float) and not value.is_integer() and columns[col - 1].kind == "number"
            cell._style = copy(styles.fraction if fraction else cell_styles[col - 1])
        row_no += 1
    end_row = max(row_no - 1, FIRST_DATA_ROW - 1)
    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, ledger.freeze_columns + 1)
    ws.auto_filter.ref = f"A{HEAD_ROW + 1}:{get_column_letter(last)}{end_row}"
    if ledger.note:  # the table's last, ruled row, so the printed table is closed all round
        end_row += 1
        ws.cell(end_row, 1, f"说明：{ledger.note}")
        for col in range(1, last + 1):
            ws.cell(end_row, col)._style = copy(styles.note)
        ws.merge_cells(start_row=end_row, start_column=1, end_row=end_row, end_column=last)
        ws.row_dimensions[end_row].height = 42
    _print_setup(ws, last, end_row)


def _heading(ws: Worksheet, ledger: Ledger, book: LedgerBook, styles: _Styles) -> None:
    columns = ledger.columns
    last = len(columns)
    title = ws.cell(TITLE_ROW, 1, ledger.title)
    title._style = copy(styles.title)
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=last)
    ws.row_dimensions[TITLE_ROW].height = 32
    legend_from = max(2, last - len(LEGEND) + 1)
    info = ws.cell(INFO_ROW, 1, f"填报单位：{book.office}　　截至：{book.as_of.year}年{book.as_of.month}月"
                                f"{book.as_of.day}日　　共{len(ledger.rows)}条")
    info._style = copy(styles.info)
    if legend_from - 1 > 1:
        ws.merge_cells(start_row=INFO_ROW, start_column=1, end_row=INFO_ROW, end_column=legend_from - 1)
    for offset, (color, text) in enumerate(LEGEND[: last - legend_from + 1]):
        cell = ws.cell(INFO_ROW, legend_from + offset, text)
        cell._style = copy(styles.legend[color])
    ws.row_dimensions[INFO_ROW].height = 28
    col = 1
    while col <= last:
        group = columns[col - 1].group
        span = 1
        while group and col + span <= last and columns[col + span - 1].group == group:
            span += 1
        if group:
            ws.cell(HEAD_ROW, col, group)
            ws.merge_cells(start_row=HEAD_ROW, start_column=col, end_row=HEAD_ROW, end_column=col + span - 1)
            for k in range(span):
                ws.cell(HEAD_ROW + 1, col + k, columns[col + k - 1].header)
        else:
            ws.cell(HEAD_ROW, col, columns[col - 1].header)
            ws.merge_cells(start_row=HEAD_ROW, start_column=col, end_row=HEAD_ROW + 1, end_column=col)
        col += span
    for row in (HEAD_ROW, HEAD_ROW + 1):
        for c in range(1, last + 1):
            ws.cell(row, c)._style = copy(styles.head)


def _header_heights(ws: Worksheet, ledger: Ledger, widths: list[float]) -> None:
    """Header rows tall enough for their wrapped text: a group's heading over the width of
    its columns, a column's own heading over its width, an ungrouped one over both rows."""
    groups: dict[str, float] = {}
    for column, width in zip(ledger.columns, widths, strict=True):
        if column.group:
            groups[column.group] = groups.get(column.group, 0) + width

    def height(text: str, width: float) -> float:
        return max(HEAD_HEIGHT, LINE_HEIGHT * _lines(text, width) + 4)

    upper = max([height(g, w) for g, w in groups.items()], default=HEAD_HEIGHT)
    lower = max([height(c.header, w) for c, w in zip(ledger.columns, widths, strict=True) if c.group],
                default=HEAD_HEIGHT)
    whole = max([height(c.header, w) for c, w in zip(ledger.columns, widths, strict=True) if not c.group],
                default=HEAD_HEIGHT)
    ws.row_dimensions[HEAD_ROW].height = upper
    ws.row_dimensions[HEAD_ROW + 1].height = max(lower, whole - upper)


def text_width(text: str) -> int:
    """Columns of a monospaced grid the text takes: Chinese characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines(value: Any, width: float) -> int:
    if not isinstance(value, str) or not value:
        return 1
    return sum(max(1, -(-text_width(part) // max(1, int(width) - 1))) for part in value.split("\n"))


def _widths(ws: Worksheet, ledger: Ledger) -> tuple[list[float], set[int]]:
    """Each column's width, and the columns whose text wraps: those marked so, and the
    widest text columns narrowed until the sheet prints at a legible size."""
    widths = []
    for i, column in enumerate(ledger.columns):
        widest = max([text_width(part) for part in column.header.split("\n")]
                     + [text_width(_shown(row[i])) for row in ledger.rows[:SAMPLE]], default=4)
        if column.group:
            widest = max(widest, 4)
        limit = WRAP_WIDTH if column.wrap else MAX_WIDTH
        widths.append(min(limit, max(6, widest + 2)))
    wrapped = {i for i, c in enumerate(ledger.columns) if c.wrap}
    narrowable = [i for i, c in enumerate(ledger.columns) if c.kind == "text"]
    while sum(widths) > PRINT_WIDTH:
        widest = max(narrowable, key=lambda i: widths[i], default=None)
        if widest is None or widths[widest] <= MIN_WRAPPED:
            break
        widths[widest] -= 1
        wrapped.add(widest)
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    return widths, wrapped


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return "2026-12-31"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return str(value)


def _print_setup(ws: Worksheet, last: int, end_row: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A3
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW + 1}"
    ws.print_area = f"A1:{get_column_letter(last)}{end_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.7
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.font = "宋体"
    ws.evenFooter.center.text = "第 &P 页，共 &N 页"

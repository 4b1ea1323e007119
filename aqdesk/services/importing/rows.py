"""Reading one spreadsheet row into values, with the problems of its cells."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from aqdesk.domain.limits import most, too_large
from aqdesk.domain.problems import Severity
from aqdesk.domain.values import (
    CellValue,
    cell_text,
    parse_date,
    parse_int_count,
    parse_number,
    parse_percent,
    parse_yes_no,
)
from aqdesk.exchange.workbook import SourceRow, Table
from aqdesk.services.common.stored import to_text
from aqdesk.services.importing.changes import FieldChange, RowOutcome
from aqdesk.services.importing.context import Context

_TASK_NUMBER = re.compile(r"^(\d+)[-－—–_.](\d+)$")


def task_number(value: CellValue) -> str:
    """``2-7``, ``２－０７`` and ``2-07`` are the same task. Excel turns a typed ``2-07``
    into 7 February; a date in this column can only have come from that, so it is read back."""
    if isinstance(value, dt.date):
        return f"{value.month}-{value.day:02d}"
    text = unicodedata.normalize("NFKC", cell_text(value)).strip()
    match = _TASK_NUMBER.match(text.replace(" ", ""))
    return f"{int(match[1])}-{int(match[2]):02d}" if match else text


def number_lost_a_zero(value: CellValue) -> str | None:
    """Why a task number typed as a number cannot be read back: Excel keeps ``2.10`` as 2.1,
    which 2-01 and 2-10 both become, so one decimal digit says nothing for sure."""
    if value.__class__ is not float or value.is_integer() or not math.isfinite(value):
        return None
    text = cell_text(value)
    whole, _, decimals = text.partition(".")
    if len(decimals) != 1:
        return None
    return (f"任务编号“{text}”被 Excel 存成了数字，无法确定是 {whole}-0{decimals} 还是 {whole}-{decimals}0："
            "请把该列设为文本格式后填写（如“2-10”）")


class RowReader:
    """Typed access to one row's cells; every unreadable cell becomes a problem."""

    def __init__(self, ctx: Context, outcome: RowOutcome, cells: dict[str, CellValue]):
        self.ctx, self.outcome, self.cells = ctx, outcome, cells

    def has(self, heading: str) -> bool:
        return heading in self.cells and cell_text(self.cells[heading]).strip() != ""

    def text(self, heading: str, required: bool = False) -> str:
        value = cell_text(self.cells.get(heading)).strip()
        if required and not value:
            self.ctx.problem(self.outcome, heading, None, f"「{heading}」不能为空")
        return value

    def _parsed(self, heading: str, parsed: Any, required: bool, severity: Severity = Severity.ERROR) -> Any:
        if parsed.problem:
            self.ctx.problem(self.outcome, heading, self.cells.get(heading), parsed.problem, severity)
            return None
        if parsed.value is None and required:
            self.ctx.problem(self.outcome, heading, None, f"「{heading}」不能为空")
        return parsed.value

    def percent(self, heading: str) -> float | None:
        value = self.cells.get(heading)
        parsed = self._parsed(heading, parse_percent(value), False)
        if parsed == 1 and value.__class__ in (int, float):
            # a cell formatted as percent shows 100% and holds 1: the format is not seen
            self.ctx.warn(self.outcome, heading, value, "已按 1% 读取；如单元格显示为 100%，请改填 100")
        return parsed

    def number(self, heading: str) -> float | None:
        value = self._parsed(heading, parse_number(self.cells.get(heading)), False)
        if value is not None and value < 0:
            self.ctx.problem(self.outcome, heading, self.cells.get(heading), "不能是负数")
            return None
        return self._bounded(heading, value)

    def count(self, heading: str, required: bool = False) -> int | None:
        value = self.cells.get(heading)
        if type(value) is float and 0 <= value <= most(heading) and value.is_integer():  # the usual case, kept cheap
            return int(value)
        return self._bounded(heading, self._parsed(heading, parse_int_count(value), required))

    def _bounded(self, heading: str, value: float | None) -> float | None:
        problem = too_large(heading, value) if value is not None else None
        if problem:
            self.ctx.problem(self.outcome, heading, self.cells.get(heading), problem)
            return None
        return value

    def yes_no(self, heading: str) -> bool | None:
        return self._parsed(heading, parse_yes_no(self.cells.get(heading)), False)

    def date(self, heading: str, vague_is_error: bool = False, future_is_error: bool = False) -> dt.date | None:
        """A vague date (``11月底``) is kept out and flagged, never guessed into a day."""
        parsed = parse_date(self.cells.get(heading))
        if parsed.problem:
            severe = Severity.ERROR if vague_is_error or parsed.vague is None else Severity.WARNING
            message = parsed.problem if parsed.vague is None or severe is Severity.ERROR else \
                f"{parsed.problem}，未导入该日期"
            self.ctx.problem(self.outcome, heading, self.cells.get(heading), message, severe)
            return None
        if future_is_error and parsed.date and parsed.date > self.ctx.today:
            self.ctx.problem(self.outcome, heading, self.cells.get(heading),
                             f"实际时间 {parsed.date.isoformat()} 晚于今天，不能是将来的日期")
            return None
        return parsed.date


def change(outcome: RowOutcome, *, table: str, row_id: int, version: int | None, item: str,
           fields: dict[str, tuple[str, Any, Any]], sheet: str) -> None:
    """Add a FieldChange for each field whose value really changes: {field: (label, old, new)}."""
    for name, (label, old, new) in fields.items():
        if type(old) is type(new):
            if old == new:
                continue
        elif to_text(old) == to_text(new):  # 85 and 85.0, a date and its text
            continue
        outcome.changes.append(FieldChange(table, row_id, version or 0, name, old, new, item, label,
                                           sheet, outcome.row))


def rows_of(ctx: Context, table: Table, outcomes: list[RowOutcome]) -> Iterator[tuple[RowOutcome, RowReader, SourceRow]]:
    """Each data row of ``table`` with its outcome (kept in ``outcomes``) and a reader."""
    for src in table.rows:
        out = RowOutcome(table.sheet, src.number)
        outcomes.append(out)
        yield out, RowReader(ctx, out, src.cells), src

"""The plan year a file is for. A plan states it (the year chosen for the import, the
template's metadata, a title such as 「2027年重点任务清单」, or failing those its deadlines);
a return is for the year its period falls in. Items of other years are never touched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.orm import Session

from aqdesk.domain import headings as H
from aqdesk.domain.plan_years import majority_year, year_in_title
from aqdesk.domain.values import parse_date
from aqdesk.exchange.workbook import Workbook
from aqdesk.services.common import years

HOW_TO_STATE = ("请在表格标题中写明年份（如「2027年重点任务清单」），或在导入时指定年度"
                "（窗口：在工具栏的“年度”中选定该年度后重新检查；命令行：--year 2027）")


def file_year(session: Session, book: Workbook, is_plan: bool, given: int | None, period: dt.date | None,
              today: dt.date, file_error: Callable[..., None], warn: Callable[[str], None]) -> int | None:
    year = _plan_year(book, given, file_error, warn) if is_plan else _return_year(session, book, given, period,
                                                                                  today, file_error)
    if year is not None and years.is_closed(session, year):
        file_error(f"{year}年度已结转关闭，不能再导入该年度的{'计划' if is_plan else '报送'}"
                   f"（如确需更正，请先在“工具→年度结转”中重新打开{year}年度）")
        return None
    return year


def _plan_year(book: Workbook, given: int | None, file_error, warn) -> int | None:
    stated: list[tuple[str, int]] = []
    if given is not None:
        stated.append(("指定的年度", given))
    meta_year = (book.metadata or {}).get("year", "").strip()
    if meta_year.isdigit():
        stated.append(("模板中的年度", int(meta_year)))
    stated.extend((f"工作表「{t.sheet}」标题", found) for t in book.tables
                  if (found := year_in_title(t.title)) is not None)
    if stated:
        first_source, first = stated[0]
        for source, year in stated[1:]:
            if year != first:
                file_error(f"{first_source}为{first}年，{source}却是{year}年，无法确定该计划属于哪一年；"
                           f"请核对后用同一年份重新导入")
                return None
        return first
    deadlines = [parse_date(row.cells.get(H.DEADLINE)).date for t in book.tables for row in t.rows]
    year = majority_year(deadlines)
    if year is None:
        file_error(f"无法确定该计划属于哪一年（标题中没有年份，完成时限也不能说明）：{HOW_TO_STATE}")
        return None
    warn(f"标题中没有年份，按完成时限认定为{year}年计划；如不对，{HOW_TO_STATE}")
    return year


def _return_year(session: Session, book: Workbook, given: int | None, period: dt.date | None, today: dt.date,
                 file_error) -> int | None:
    meta_year = (book.metadata or {}).get("year", "").strip()
    if meta_year.isdigit() and given is not None and int(meta_year) != given:
        file_error(f"该报送表是{meta_year}年度的模板，与指定的{given}年度不符（同一编号在不同年度是不同的任务）")
        return None
    if given is not None:
        return given
    if meta_year.isdigit():
        return int(meta_year)
    return years.default_year(session, period or today)

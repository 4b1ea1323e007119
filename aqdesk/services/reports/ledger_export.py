"""台账导出: every ledger as of a date in one workbook, with a summary by unit, for the whole
office or for one unit."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aqdesk.db.database import Database
from aqdesk.domain import ledger_columns as L
from aqdesk.domain import palette
from aqdesk.domain.docnumber import chinese_date
from aqdesk.domain.enums import Color, ItemKind, Labelled, LoopStep
from aqdesk.errors import UserError
from aqdesk.exchange.ledger_xlsx import Ledger, LedgerBook, write_ledgers
from aqdesk.services.common import settings, years
from aqdesk.services.ledgers import loose_coal, relocation, substitution, tasks
from aqdesk.services.reports.ranking import ranking
from aqdesk.services.supervision import sheet_list
from aqdesk.services.supervision.sheet_items import all_items, unit_name


@dataclass
class _UnitTotals:
    colors: Counter = field(default_factory=Counter)
    sheets: int = 0
    open_sheets: int = 0
    late_sheets: int = 0


def export_ledgers(db: Database, path: Path, as_of: dt.date, unit: str | None = None,
                   year: int | None = None) -> Path:
    return write_ledgers(Path(path), ledger_book(db, as_of, unit, year))


def ledger_book(db: Database, as_of: dt.date, unit: str | None = None, year: int | None = None) -> LedgerBook:
    name = unit_name(db, unit) if unit else None
    with db.reading() as session:
        office = settings.load(session)
        if year is not None and year not in years.known_years(session):
            raise UserError(f"没有{year}年度的计划或记录，请检查年度；已有的年度："
                            f"{'、'.join(str(y) for y in years.known_years(session)) or '无'}。")
    city = office.office.city
    suffix = f"（{name}，截至{chinese_date(as_of)}）" if name else f"（截至{chinese_date(as_of)}）"

    def mine(*names: str) -> bool:
        return name is None or name in names

    task_rows = [r for r in tasks.task_rows(db, as_of, year) if mine(r.lead, *r.cooperator_names)]
    enterprises = [r for r in relocation.enterprise_rows(db, as_of, year) if mine(r.county)]
    townships = [r for r in substitution.township_rows(db, as_of, year) if mine(r.county, r.township)]
    counties = [r for r in loose_coal.county_rows(db, as_of, year) if mine(r.county)]
    sheets = [r for r in sheet_list.sheet_rows(db, as_of, year=year) if mine(r.unit)]
    ledgers = (
        _ledger("重点任务", f"{city}{office.ledger.title}{suffix}", L.TASKS, task_rows),
        _ledger("退城入园", f"{city}城市区企业退城入园台账{suffix}", L.ENTERPRISES, enterprises, 2),
        _ledger("双替代", f"{city}双替代（气代煤、电代煤）台账{suffix}", L.TOWNSHIPS, townships, 3),
        _ledger("散煤治理", f"{city}散煤治理台账（本年累计）{suffix}", L.COUNTIES, counties),
        _ledger("督办单", f"{city}三色督办单台账{suffix}", L.SHEETS, sheets),
        _summary(db, as_of, name, f"{city}大气污染防治重点工作分单位汇总{suffix}", sheets),
    )
    return LedgerBook(office.office.name, as_of, ledgers)


def _ledger(sheet: str, title: str, declared: tuple[L.LedgerColumn, ...], rows: Sequence[Any],
            freeze_columns: int = 2) -> Ledger:
    columns = L.workbook(declared)
    return Ledger(sheet, title, columns, [tuple(_cell(c.value(r)) for c in columns) for r in rows],
                  [r.color.value for r in rows], freeze_columns)


def _cell(value: Any) -> Any:
    """Vocabularies as the clerk reads them (红, 已完成): the workbook holds no stored values."""
    return value.label if isinstance(value, Labelled) else value


def _summary(db: Database, as_of: dt.date, name: str | None, title: str,
             sheets: list[sheet_list.SheetRow]) -> Ledger:
    """Every ranked unit (departments, then counties, each in the office's ranking order)
    with its open items by colour and its sheets."""
    items = all_items(db, as_of)
    units: dict[str, _UnitTotals] = {}
    for item in items:
        if item.open and item.kind is not ItemKind.ENTERPRISE:
            units.setdefault(item.unit, _UnitTotals()).colors[item.color] += 1
    for s in sheets:
        totals = units.setdefault(s.unit, _UnitTotals())
        totals.sheets += 1
        totals.open_sheets += s.step is not LoopStep.CLOSED
        totals.late_sheets += s.late
    ranked = ranking(db, as_of, items=items, sheets=sheets)
    rows, colors = [], []
    for u in ranked.all:
        if name is not None and u.unit != name:
            continue
        t = units.get(u.unit, _UnitTotals())
        worst = next((c for c in palette.ORDER if t.colors[c]), Color.GREEN)
        rows.append((worst.label, u.rank, u.kind.label, u.unit, u.score, round(u.on_time_rate, 1),
                     t.colors[Color.RED], t.colors[Color.YELLOW], t.colors[Color.GREEN], sum(t.colors.values()),
                     t.sheets, t.open_sheets, t.late_sheets, f"{u.missed}/{u.periods}" if u.periods else ""))
        colors.append(worst.value)
    return Ledger("分单位汇总", title, L.UNIT_SUMMARY, rows, colors, 4,
                  note=f"市直部门、县（区）分别排名。{ranked.rule}。")

"""Reading and checking one file: nothing is written; the result is what the preview shows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import select

from aqdesk.db.database import Database
from aqdesk.db.models import ImportBatch, Unit
from aqdesk.domain.enums import BatchKind, UnitKind
from aqdesk.domain.headings import SheetKind
from aqdesk.domain.problems import Problem, Severity
from aqdesk.exchange.workbook import ImportCancelled, Table, read_workbook
from aqdesk.gcpause import collector_paused
from aqdesk.services.common.lengths import too_long
from aqdesk.services.common.units import UnitDirectory
from aqdesk.services.importing import (
    check_air,
    check_places,
    check_relocation,
    check_substitution,
    check_tasks,
)
from aqdesk.services.importing.changes import FilePlan, RowOutcome
from aqdesk.services.importing.context import Context, Sender, places_from
from aqdesk.services.importing.file_year import file_year

TEMPLATE_VERSION = "1"
Checker = Callable[[Context, Table], list[RowOutcome]]
CHECKERS: dict[SheetKind, Checker] = {
    SheetKind.TASK_PROGRESS: check_tasks.task_return,
    SheetKind.TASK_PLAN: check_tasks.task_plan,
    SheetKind.LOOSE_COAL: check_places.loose_coal_return,
    SheetKind.LOOSE_COAL_TARGET: check_places.loose_coal_targets,
    SheetKind.SUBSTITUTION: check_substitution.substitution_return,
    SheetKind.SUBSTITUTION_PLAN: check_places.substitution_plan,
    SheetKind.RELOCATION: check_relocation.relocation_return,
    SheetKind.RELOCATION_PLAN: check_relocation.relocation_plan,
    SheetKind.AIR_DAILY: check_air.air_days,
}


def prepare(db: Database, path: str | Path, *, unit: str | None = None, period: dt.date | None = None,
            create_units: bool = False, today: dt.date | None = None,
            cancel: Callable[[], bool] = lambda: False, year: int | None = None) -> FilePlan:
    """Read ``path`` and work out every change it asks for, on the items of the plan year the
    file is for (``year`` when given); raises ``UserError`` only when the file cannot be read
    at all (the message names the file)."""
    # calamine lets go of the GIL while it parses: the ledger's 双替代 targets, the one big
    # thing a return may need, are read meanwhile on the other core.
    with collector_paused(), ThreadPoolExecutor(1, thread_name_prefix="aqdesk-read-ahead") as pool:
        places = pool.submit(_read_places, db)
        return _prepare(db, path, unit, period, create_units, today, cancel, places, year)


def _read_places(db: Database):
    with db.engine.connect() as connection:
        return places_from(connection)


def _prepare(db: Database, path: str | Path, unit: str | None, period: dt.date | None, create_units: bool,
             today: dt.date | None, cancel: Callable[[], bool], places: Future, year: int | None) -> FilePlan:
    today = today or dt.date.today()
    book = read_workbook(path, unit_hint=unit, cancel=cancel)
    problems = list(book.problems)

    def file_error(message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(file=book.file_name, message=message, severity=severity))

    meta = book.metadata or {}
    is_plan = bool(book.tables) and all(t.kind.is_plan for t in book.tables)
    unit_name = _agree(meta.get("unit"), unit, "报送单位", file_error)
    period = _period(meta.get("period"), period, file_error)
    if meta and meta.get("template_version") != TEMPLATE_VERSION:
        file_error(f"模板版本为“{meta.get('template_version')}”，与当前程序（{TEMPLATE_VERSION}）不同，请核对各列",
                   Severity.WARNING)
    if meta and period and not unit_name:
        file_error("模板中缺少报送单位信息")
    with db.reading() as session:
        directory = UnitDirectory(session)
        sender = _sender(session, directory, unit_name, file_error) if unit_name else None
        if sender is not None:
            _check_signed_unit(book.tables, sender, directory, problems, book.file_name)
        if not book.tables or any(t.kind.needs_sender for t in book.tables):
            if unit_name is None:
                file_error("无法确定报送单位：该文件不是本程序生成的模板。请在上方“报送单位”中选择该文件的单位后重新检查"
                           "（命令行用 --unit）")
            if period is None:
                file_error("无法确定报送期：请勾选上方“报送期”并选择日期后重新检查（命令行用 --period）")
        _refuse_repeat(session, book.sha256, file_error)
        year = file_year(session, book, is_plan, year, period, today, file_error,
                         lambda message: file_error(message, Severity.WARNING))
        ctx = Context(session, directory, book.file_name, today, sender, period, create_units,
                      places_ahead=places, year=year or 0)
        rows: list[RowOutcome] = []
        if not any(p.is_error and p.row is None for p in problems):
            for table in book.tables:
                if cancel():
                    raise ImportCancelled()
                rows.extend(CHECKERS[table.kind](ctx, table))
    for row in rows:
        _refuse_long_texts(book.file_name, row)
    problems.extend(p for r in rows for p in r.problems)
    return FilePlan(
        path=str(book.path), file_name=book.file_name, sha256=book.sha256, kind=BatchKind.PLAN if is_plan else BatchKind.RETURN,
        unit_id=sender.id if sender else None, unit_name=sender.name if sender else (unit_name or ""),
        period=period, sheets=[(t.sheet, t.kind, len(t.rows)) for t in book.tables], problems=problems, rows=rows,
        bulk=[b for b in ctx.bulk if b.rows], year=year,
    )


def _refuse_long_texts(file_name: str, row: RowOutcome) -> None:
    texts = [(c.table, c.field, c.new, c.label) for c in row.changes] + [
        (i.table, name, value, None) for i in row.inserts for name, value in i.values.items()]
    for table, field, value, label in texts:
        message = too_long(table, field, value, label)
        if message:
            row.problems.append(Problem(file=file_name, sheet=row.sheet, row=row.row, message=message,
                                        value=value))


def _agree(from_file: str | None, given: str | None, what: str, file_error) -> str | None:
    if from_file and given and from_file.strip() != given.strip():
        file_error(f"文件中的{what}为“{from_file}”，与指定的“{given}”不符")
    return given or from_file


def _period(from_file: str | None, given: dt.date | None, file_error) -> dt.date | None:
    in_file = None
    if from_file:
        try:
            in_file = dt.date.fromisoformat(from_file.strip())
        except ValueError:
            file_error(f"模板中的报送期“{from_file}”无法识别")
    if in_file and given and in_file != given:
        file_error(f"该文件是 {in_file.isoformat()} 期的模板，与本次报送期 {given.isoformat()} 不符（可能是旧模板）")
    return given or in_file


def _sender(session, directory: UnitDirectory, name: str, file_error) -> Sender | None:
    unit_id = directory.find(name)
    if unit_id is None:
        file_error(f"没有名为“{name}”的单位")
        return None
    unit = session.get(Unit, unit_id)
    county = unit.id if unit.kind == UnitKind.COUNTY else unit.parent_id if unit.kind == UnitKind.TOWNSHIP else None
    return Sender(unit.id, unit.name, unit.kind, county)


_SIGNED_UNIT = re.compile(r"(?:填报|报送|填表)单位\s*[:：]\s*([^\s（(:：]+)")


def _check_signed_unit(tables: list[Table], sender: Sender, directory: UnitDirectory, problems: list[Problem],
                       file_name: str) -> None:
    """The unit a hand-made return names above its table (填报单位：清河县) against the one the
    clerk chose: picking the wrong unit in the list is easily done."""
    for table in tables:
        match = _SIGNED_UNIT.search(table.title)
        if match is None or not table.kind.needs_sender:
            continue
        signed = directory.find(match[1])
        if signed is not None and signed != sender.id:
            problems.append(Problem(
                file=file_name, sheet=table.sheet, severity=Severity.WARNING,
                message=f"表格上方写明填报单位为“{match[1]}”，与所选报送单位“{sender.name}”不符，请核实"))


def _refuse_repeat(session, sha256: str, file_error) -> None:
    earlier = session.scalars(select(ImportBatch).where(
        ImportBatch.sha256 == sha256, ImportBatch.undone_at.is_(None)).limit(1)).first()
    if earlier is not None:
        file_error(f"该文件已于 {earlier.committed_at:%Y-%m-%d %H:%M} 导入（批次 {earlier.id}），不能重复导入")

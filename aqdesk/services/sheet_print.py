"""Printing a supervision sheet: its form as a PDF, and issuing one together with its PDF
so that a sheet that could not be written is not left recorded as issued."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from aqdesk.db.database import Database
from aqdesk.domain.enums import Color, DayKind
from aqdesk.exchange import atomic
from aqdesk.exchange.pdf.sheet import ItemLine, SheetContent, render_sheet
from aqdesk.services import editing, settings
from aqdesk.services.sheet_items import Item, items_by_ref
from aqdesk.services.sheet_loop import Issued, issue_sheet, sheet_detail


def sheet_pdf(db: Database, sheet_id: int, as_of: dt.date) -> bytes:
    """The form of a sheet, its items with their warnings as of ``as_of``."""
    detail = sheet_detail(db, sheet_id)
    current = items_by_ref(db, [(kind, item_id) for kind, item_id, _label in detail.items], as_of)
    items = []
    for kind, item_id, label in detail.items:
        item = current.get((kind, item_id))
        items.append(ItemLine(f"{label}：{item.reason}" if item else label,
                              item.color.value if item else detail.level.value))
    with db.reading() as session:
        office = settings.all_values(session)
    return render_sheet(SheetContent(
        office_name=office["office.name"], office_short_name=office["office.short_name"],
        level=detail.level.value, level_label=detail.level.label, number=detail.number,
        issued_on=detail.issued_on, unit=detail.unit, unit_leader=detail.unit_leader,
        subject=detail.subject, source=detail.source, items=tuple(items), requirement=detail.requirement,
        time_limit=f"{detail.time_limit}办结，并书面反馈整改情况",
    ))


def save_sheet_pdf(db: Database, sheet_id: int, as_of: dt.date, path: Path) -> Path:
    return atomic.write_bytes(Path(path), sheet_pdf(db, sheet_id, as_of))


def issue_sheet_pdf(db: Database, path: Path, *, unit: str, level: Color, items: Sequence[Item],
                    requirement: str, issued_on: dt.date, days: int | None = None,
                    day_kind: DayKind = DayKind.WORKDAY, subject: str = "", source: str = "") -> Issued:
    """Issue a sheet and write its form; if the form cannot be written the issue is undone,
    giving its number back to the series."""
    issued = issue_sheet(db, unit=unit, level=level, items=items, requirement=requirement, issued_on=issued_on,
                         days=days, day_kind=day_kind, subject=subject, source=source)
    try:
        save_sheet_pdf(db, issued.sheet_id, issued_on, path)
    except Exception:
        editing.undo_action(db, issued.action_id)
        raise
    return issued

"""Printing a supervision sheet: its form as a PDF, and issuing one together with its PDF
so that a sheet that could not be written is not left recorded as issued."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from aqdesk.db.database import Database
from aqdesk.db.models import Letter, Unit
from aqdesk.domain.docnumber import chinese_date, format_number
from aqdesk.domain.enums import Color, DayKind
from aqdesk.exchange import atomic
from aqdesk.exchange.pdf.sheet import ItemLine, SheetContent, render_sheet
from aqdesk.services.common import document_fonts, editing, files, settings
from aqdesk.services.supervision import numbering
from aqdesk.services.supervision.sheet_items import Item, items_by_ref, unit_name
from aqdesk.services.supervision.sheet_loop import (
    Issued,
    deadline_for,
    default_subject,
    issue_sheet,
    sheet_detail,
)


def _word_sheet(*args, **kwargs) -> bytes:
    # python-docx (a tenth of a second) loads when a Word draft is asked for, not at start-up
    from aqdesk.exchange.docx.sheet import write_sheet
    return write_sheet(*args, **kwargs)


WRITERS = {"pdf": render_sheet, "docx": _word_sheet}


def sheet_pdf(db: Database, sheet_id: int, as_of: dt.date, file_format: str = "pdf") -> bytes:
    """The form of a sheet, its items with their warnings as of ``as_of`` (a PDF, or a Word
    draft with ``file_format="docx"``)."""
    detail = sheet_detail(db, sheet_id)
    current = items_by_ref(db, [(kind, item_id) for kind, item_id, _label in detail.items], as_of)
    items = []
    for kind, item_id, label in detail.items:
        item = current.get((kind, item_id))
        items.append(ItemLine(f"{label}：{item.reason}" if item else label,
                              item.color.value if item else detail.level.value))
    return _render(db, detail.level, detail.number, detail.issued_on, detail.unit, detail.subject, detail.source,
                   items, detail.requirement, detail.time_limit, file_format)


def draft_pdf(db: Database, *, unit: str, level: Color, items: Sequence[Item], requirement: str,
              issued_on: dt.date, days: int, day_kind: DayKind = DayKind.WORKDAY, subject: str = "",
              source: str = "") -> bytes:
    """The form as it would be issued now, with the number it would take."""
    with db.reading() as session:
        series = settings.load(session).sheet.series
        number = format_number(series, issued_on.year, numbering.next_seq(session, series, issued_on.year))
    deadline = deadline_for(db, issued_on, days, day_kind)
    limit = f"{days}个{day_kind.label}内（{chinese_date(deadline)}前）"
    return _render(db, level, number, issued_on, unit_name(db, unit), subject.strip() or default_subject(items),
                   source, [ItemLine(f"{i.label}：{i.reason}", i.color.value) for i in items], requirement, limit)


def _render(db: Database, level: Color, number: str, issued_on: dt.date, unit: str, subject: str, source: str,
            items: Sequence[ItemLine], requirement: str, time_limit: str, file_format: str = "pdf") -> bytes:
    with db.reading() as session:
        office = settings.load(session).office
        leader = session.scalar(select(Unit.leader).where(Unit.name == unit)) or ""
    return WRITERS[file_format](SheetContent(
        office_name=office.name, office_short_name=office.short_name,
        level=level.value, level_label=level.label, number=number, issued_on=issued_on, unit=unit,
        unit_leader=leader, subject=subject, source=source, items=tuple(items), requirement=requirement,
        time_limit=f"{time_limit}办结，并书面反馈整改情况",
    ), document_fonts.office_fonts(db))


def keep_issued_form(db: Database, issued: Issued, issued_on: dt.date) -> bytes:
    """Render the form of a just-issued sheet and keep it in the register, so a reprint is
    the form the unit received rather than one coloured by later progress."""
    data = sheet_pdf(db, issued.sheet_id, issued_on)
    with db.transaction() as session:
        letter = session.scalars(select(Letter).where(Letter.sheet_id == issued.sheet_id)
                                 .order_by(Letter.id)).first()
        if letter is not None:
            letter.document_sha256 = files.keep(session, data)
    return data


def save_sheet_pdf(db: Database, sheet_id: int, as_of: dt.date, path: Path, formats: Sequence[str] = ("pdf",)) -> Path:
    """Write the sheet beside ``path`` in each format (FILE.pdf, FILE.docx); returns the first."""
    paths = [Path(path).with_suffix(f".{kind}") for kind in formats]
    for target, kind in zip(paths, formats, strict=True):
        atomic.write_bytes(target, sheet_pdf(db, sheet_id, as_of, kind))
    return paths[0]


def notices(db: Database, texts: Sequence[str]) -> list[str]:
    """Substituted fonts and unprintable characters, said before a sheet is issued."""
    return document_fonts.notices(document_fonts.office_fonts(db), texts)


def issue_sheet_pdf(db: Database, path: Path, *, unit: str, level: Color, items: Sequence[Item],
                    requirement: str, issued_on: dt.date, days: int | None = None,
                    day_kind: DayKind = DayKind.WORKDAY, subject: str = "", source: str = "",
                    formats: Sequence[str] = ("pdf",)) -> Issued:
    """Issue a sheet and write its form; if the form cannot be written the issue is undone,
    giving its number back to the series."""
    issued = issue_sheet(db, unit=unit, level=level, items=items, requirement=requirement, issued_on=issued_on,
                         days=days, day_kind=day_kind, subject=subject, source=source)
    try:
        form = keep_issued_form(db, issued, issued_on)
        paths = [Path(path).with_suffix(f".{kind}") for kind in formats]
        for target, kind in zip(paths, formats, strict=True):
            atomic.write_bytes(target, form if kind == "pdf" else sheet_pdf(db, issued.sheet_id, issued_on, kind))
    except Exception:
        editing.undo_action(db, issued.action_id)
        raise
    return issued

"""The office's numbered series of outgoing documents (发文登记): one per code and year,
never repeating and never skipping.

The register is the ``letter`` table; sheets issued before the register existed (their
number is on the sheet itself) still count, so the series goes on after them. A voided
number stays in the register, so it is never given again; an office that moved to aqdesk
part-way through a year sets where the series starts (``SeriesStart``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from aqdesk.db.models import Letter, SeriesStart, SupervisionSheet
from aqdesk.domain.docnumber import format_number, parse_seq
from aqdesk.domain.followup import DocKind
from aqdesk.errors import UserError
from aqdesk.services.common import audit, files, years

TAKEN = "文号刚被其他用户占用，未保存任何内容，请重试。"


def next_seq(session: Session, series: str, year: int) -> int:
    if years.is_closed(session, year):
        raise UserError(f"{year}年度已结转关闭，不能再以{year}年的日期交办督办单或印发督办函；"
                        f"请改用{year + 1}年的日期，或先在“工具→年度结转”中重新打开{year}年度。")
    registered = session.scalar(
        select(func.max(Letter.seq)).where(Letter.series == series, Letter.year == year)) or 0
    on_sheets = (parse_seq(series, year, n) or 0 for n in session.scalars(
        select(SupervisionSheet.number).where(SupervisionSheet.number.startswith(series, autoescape=True))))
    start = session.scalar(
        select(SeriesStart.first_seq).where(SeriesStart.series == series, SeriesStart.year == year)) or 1
    return max(registered, max(on_sheets, default=0), start - 1) + 1


def next_number(session: Session, series: str, year: int) -> str:
    return format_number(series, year, next_seq(session, series, year))


def register(changes: audit.ChangeSet, series: str, issued_on: dt.date, seq: int, *, title: str,
             unit_id: int | None, kind: DocKind, sheet_id: int | None = None, file_name: str = "",
             reply_due: dt.date | None = None, document: bytes | None = None) -> Letter:
    """Enter number ``seq`` of ``series`` (from ``next_seq`` in the same transaction) in the
    register, with the document as issued so it can be reprinted identically; a clerk
    elsewhere who took the number first makes this fail whole."""
    year = issued_on.year
    letter = Letter(series=series, year=year, seq=seq, number=format_number(series, year, seq),
                    unit_id=unit_id, sheet_id=sheet_id, title=title[:300], issued_on=issued_on,
                    file_name=file_name[:500], kind=kind.value, reply_due=reply_due, recorded_by=changes.who,
                    document_sha256=files.keep(changes.session, document) if document else None)
    try:
        return changes.insert(letter)
    except IntegrityError as exc:
        raise UserError(TAKEN) from exc

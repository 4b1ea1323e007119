"""The letter register (发文登记): every number aqdesk gave, per year and series, with the
unit, title, date, file, reply due and reply received; reprinting a document exactly as
issued; voiding a number (kept, never given again); starting a series part-way through a
year; and the letters whose reply is overdue, which the agenda and the rules read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import Letter, SeriesStart
from aqdesk.domain.docnumber import format_number
from aqdesk.domain.followup import DocKind
from aqdesk.errors import UserError
from aqdesk.services.common import audit, files
from aqdesk.services.common.editing import refuse


@dataclass(frozen=True)
class RegisterRow:
    id: int
    series: str
    year: int
    seq: int
    number: str
    kind: DocKind
    unit: str
    unit_id: int | None
    sheet_id: int | None
    title: str
    issued_on: dt.date
    file_name: str
    reply_due: dt.date | None
    replied_on: dt.date | None
    voided_on: dt.date | None
    void_reason: str
    has_document: bool
    recorded_by: str

    @property
    def voided(self) -> bool:
        return self.voided_on is not None

    def awaiting_reply(self, as_of: dt.date) -> bool:
        """Past its reply date with no reply recorded (a voided number awaits nothing)."""
        return (not self.voided and self.reply_due is not None and self.replied_on is None
                and self.reply_due < as_of)

    @property
    def state(self) -> str:
        if self.voided:
            return f"已作废：{self.void_reason}"
        if self.replied_on:
            return f"{self.replied_on:%Y-%m-%d} 已回复"
        return "待回复" if self.reply_due else ""


def _row(letter: Letter) -> RegisterRow:
    return RegisterRow(
        letter.id, letter.series, letter.year, letter.seq, letter.number, DocKind(letter.kind),
        letter.unit.name if letter.unit else "", letter.unit_id, letter.sheet_id, letter.title, letter.issued_on,
        letter.file_name, letter.reply_due, letter.replied_on, letter.voided_on, letter.void_reason,
        letter.document_sha256 is not None, letter.recorded_by)


def register_rows(db: Database, year: int | None = None, series: str | None = None,
                  unit_id: int | None = None) -> list[RegisterRow]:
    """The register in number order within each series."""
    query = select(Letter).options(selectinload(Letter.unit)).order_by(Letter.year, Letter.series, Letter.seq)
    if year is not None:
        query = query.where(Letter.year == year)
    if series is not None:
        query = query.where(Letter.series == series)
    if unit_id is not None:
        query = query.where(Letter.unit_id == unit_id)
    with db.reading() as session:
        return [_row(letter) for letter in session.scalars(query)]


def register_years(db: Database) -> list[int]:
    with db.reading() as session:
        return list(session.scalars(select(Letter.year).distinct().order_by(Letter.year.desc())))


def letters_awaiting_reply(db: Database, as_of: dt.date) -> list[RegisterRow]:
    """Documents whose reply date passed before ``as_of`` with no reply recorded, oldest
    reply date first (the agenda's and the 催办 rule's reading of the register)."""
    with db.reading() as session:
        letters = session.scalars(select(Letter).options(selectinload(Letter.unit)).where(
            Letter.reply_due < as_of, Letter.replied_on.is_(None), Letter.voided_on.is_(None),
        ).order_by(Letter.reply_due, Letter.id))
        return [_row(letter) for letter in letters]


def record_reply(db: Database, letter_id: int, replied_on: dt.date) -> str:
    with db.transaction() as session:
        letter = _letter(session, letter_id)
        problems = []
        if letter.voided_on is not None:
            problems.append(f"{letter.number}已作废，不能登记回复")
        if replied_on < letter.issued_on:
            problems.append(f"回复日期 {replied_on.isoformat()} 早于成文日期 {letter.issued_on.isoformat()}")
        refuse(problems)
        changes = audit.ChangeSet(session)
        changes.update(letter, replied_on=replied_on)
        return changes.action_id


def void_number(db: Database, letter_id: int, on_date: dt.date, reason: str) -> str:
    """Void a number: it stays in the register with the reason and is never given again."""
    with db.transaction() as session:
        letter = _letter(session, letter_id)
        problems = []
        if letter.voided_on is not None:
            problems.append(f"{letter.number}已于{letter.voided_on.isoformat()}作废")
        if not reason.strip():
            problems.append("请填写作废原因")
        refuse(problems)
        changes = audit.ChangeSet(session)
        changes.update(letter, voided_on=on_date, void_reason=reason.strip())
        return changes.action_id


def start_series(db: Database, series: str, year: int, first_seq: int) -> str:
    """The office moved to aqdesk part-way through ``year``: its next number in ``series`` is
    ``first_seq``. Refused if aqdesk already gave that number or a later one."""
    series = series.strip()
    problems = []
    if not series:
        problems.append("请填写发文机关代字")
    if not 1 <= first_seq <= 9999:
        problems.append(f"起始号应为 1–9999，而不是 {first_seq}")
    refuse(problems)
    with db.transaction() as session:
        last = session.scalar(select(func.max(Letter.seq)).where(Letter.series == series, Letter.year == year))
        if last is not None and last >= first_seq:
            raise UserError(f"{format_number(series, year, last)}已经编过，起始号只能大于 {last}。")
        changes = audit.ChangeSet(session)
        start = session.scalar(select(SeriesStart).where(SeriesStart.series == series, SeriesStart.year == year))
        if start is None:
            changes.insert(SeriesStart(series=series, year=year, first_seq=first_seq))
        else:
            changes.update(start, first_seq=first_seq)
        return changes.action_id


def reprint(db: Database, letter_id: int) -> bytes:
    """The document exactly as it was issued."""
    with db.reading() as session:
        letter = _letter(session, letter_id)
        sha, number = letter.document_sha256, letter.number
    if sha is None:
        raise UserError(f"{number}登记时没有保存文件（早于发文登记或由其他方式生成），无法原样重印。")
    return files.read(db, sha)


def _letter(session, letter_id: int) -> Letter:
    letter = session.get(Letter, letter_id)
    if letter is None:
        raise UserError("该发文记录已不存在，请刷新。")
    return letter

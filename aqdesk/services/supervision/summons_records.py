"""约谈 records: planned and held, the people summoned, who held it, the matters, the 整改
commitments (tracked and coloured as ledger items, ``sheet_items``), publication and the
report to 组织部 for the 负面清单; and the numbered 约谈通知 as a 公文 in letter format."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import Letter, SummonsCommitment, SummonsRecord
from aqdesk.domain.docnumber import chinese_date, format_number
from aqdesk.domain.enums import Color
from aqdesk.domain.followup import DocKind
from aqdesk.errors import UserError
from aqdesk.exchange import atomic
from aqdesk.exchange.pdf.letter import LetterContent, Paragraph, render_letter
from aqdesk.exchange.pdf.listing import render_listing
from aqdesk.services.common import audit, settings
from aqdesk.services.common.editing import editing, refuse
from aqdesk.services.common.units import UnitDirectory
from aqdesk.services.common.warning_colours import Assessor
from aqdesk.services.supervision import numbering
from aqdesk.services.supervision.letters import WRITERS


@dataclass(frozen=True)
class Person:
    name: str
    post: str = ""

    @property
    def text(self) -> str:
        return f"{self.name}（{self.post}）" if self.post else self.name


@dataclass(frozen=True)
class Commitment:
    id: int
    text: str
    deadline: dt.date
    done_on: dt.date | None
    color: Color
    reason: str


@dataclass(frozen=True)
class SummonsDetail:
    id: int
    version: int
    unit: str
    planned_on: dt.date
    held_on: dt.date | None
    place: str
    held_by: str
    people: tuple[Person, ...]
    matters: str
    reason: str
    published: bool
    reported_to_org: bool
    notice_number: str
    commitments: tuple[Commitment, ...]
    recorded_by: str

    @property
    def people_text(self) -> str:
        return "、".join(p.text for p in self.people)

    @property
    def color(self) -> Color:
        """The worst colour of its open commitments: an overdue promise makes the 约谈 red."""
        open_colors = [c.color for c in self.commitments if c.done_on is None]
        for color in (Color.RED, Color.YELLOW):
            if color in open_colors:
                return color
        return Color.GREEN

    @property
    def state(self) -> str:
        return f"{self.held_on:%Y-%m-%d} 已约谈" if self.held_on else f"拟于 {self.planned_on:%Y-%m-%d} 约谈"


def _people_text(people: Sequence[Person]) -> str:
    return "\n".join(f"{p.name.strip()}|{p.post.strip()}" for p in people if p.name.strip())


def _people(text: str) -> tuple[Person, ...]:
    return tuple(Person(*line.split("|", 1)) for line in text.splitlines() if line.strip())


def save_summons(db: Database, summons_id: int | None, expected_version: int, *, unit: str, planned_on: dt.date,
                 matters: str, people: Sequence[Person] = (), held_on: dt.date | None = None, place: str = "",
                 held_by: str = "", reason: str = "", published: bool = False,
                 reported_to_org: bool = False) -> tuple[int, str]:
    """Plan a 约谈 (``summons_id`` None) or complete its record; returns (id, action_id)."""
    problems = []
    if not matters.strip():
        problems.append("请填写约谈事项")
    if held_on is not None and held_on < planned_on - dt.timedelta(days=365):
        problems.append("约谈日期与计划日期相差过远，请检查")
    if held_on is not None and not any(p.name.strip() for p in people):
        problems.append("已约谈的，请填写被约谈人")
    if held_on is not None and not held_by.strip():
        problems.append("已约谈的，请填写约谈人")
    refuse(problems)
    values = dict(planned_on=planned_on, held_on=held_on, place=place.strip()[:200], held_by=held_by.strip()[:200],
                  people=_people_text(people), matters=matters.strip(), reason=reason.strip(), published=published,
                  reported_to_org=reported_to_org)
    if summons_id is None:
        with db.transaction() as session:
            changes = audit.ChangeSet(session)
            row = changes.insert(SummonsRecord(unit_id=_unit_id(session, unit), recorded_by=changes.who, **values))
            return row.id, changes.action_id
    with editing(db, SummonsRecord, summons_id, expected_version, label="该约谈记录") as (session, row):
        changes = audit.ChangeSet(session)
        changes.update(row, unit_id=_unit_id(session, unit), **values)
        return row.id, changes.action_id


def _unit_id(session, unit: str) -> int:
    unit_id = UnitDirectory(session).find(unit)
    if unit_id is None:
        raise UserError(f"找不到单位“{unit}”（请检查名称或简称）。")
    return unit_id


def add_commitment(db: Database, summons_id: int, text: str, deadline: dt.date) -> str:
    if not text.strip():
        raise UserError("请填写整改承诺内容")
    with db.transaction() as session:
        summons = session.get(SummonsRecord, summons_id)
        if summons is None:
            raise UserError("该约谈记录已不存在，请刷新。")
        changes = audit.ChangeSet(session)
        changes.insert(SummonsCommitment(summons_id=summons_id, text=text.strip(), deadline=deadline))
        return changes.action_id


def complete_commitment(db: Database, commitment_id: int, done_on: dt.date) -> str:
    with db.transaction() as session:
        row = session.get(SummonsCommitment, commitment_id)
        if row is None:
            raise UserError("该整改承诺已不存在，请刷新。")
        changes = audit.ChangeSet(session)
        changes.update(row, done_on=done_on)
        return changes.action_id


def summons_records(db: Database, as_of: dt.date, unit_id: int | None = None) -> list[SummonsDetail]:
    """Newest first, commitments coloured as of ``as_of``."""
    query = select(SummonsRecord).options(selectinload(SummonsRecord.unit), selectinload(SummonsRecord.commitments))
    if unit_id is not None:
        query = query.where(SummonsRecord.unit_id == unit_id)
    with db.reading() as session:
        assessor = Assessor.load(session, as_of)
        notices = dict(session.execute(select(Letter.id, Letter.number).where(
            Letter.kind == DocKind.SUMMONS_NOTICE.value)).all())
        rows = []
        for s in session.scalars(query.order_by(SummonsRecord.planned_on.desc(), SummonsRecord.id.desc())):
            commitments = []
            for c in s.commitments:
                w = assessor.milestone_dates(c.deadline, c.done_on)
                commitments.append(Commitment(c.id, c.text, c.deadline, c.done_on, w.color, w.reason))
            rows.append(SummonsDetail(
                s.id, s.version, s.unit.name, s.planned_on, s.held_on, s.place, s.held_by, _people(s.people),
                s.matters, s.reason, s.published, s.reported_to_org, notices.get(s.notice_letter_id, ""),
                tuple(commitments), s.recorded_by))
        return rows


def summons_detail(db: Database, summons_id: int, as_of: dt.date) -> SummonsDetail:
    found = next((s for s in summons_records(db, as_of) if s.id == summons_id), None)
    if found is None:
        raise UserError("该约谈记录已不存在，请刷新。")
    return found


def issue_notice(db: Database, summons_id: int, issued_on: dt.date, out_dir: Path | None = None,
                 formats: Sequence[str] = ("pdf",)) -> tuple[str, bytes]:
    """Number, register and keep the 约谈通知 (letter format of GB/T 9704); written to
    ``out_dir`` too when given, once per format (``"docx"`` a Word draft with the same number).
    A notice already issued is reprinted from the register instead."""
    detail = summons_detail(db, summons_id, issued_on)
    if detail.notice_number:
        raise UserError(f"该约谈已发出约谈通知{detail.notice_number}，请在发文登记中重印。")
    written: list[Path] = []
    try:
        with db.transaction() as session:
            office = settings.load(session)
            series = office.summons.series
            seq = numbering.next_seq(session, series, issued_on.year)
            number = format_number(series, issued_on.year, seq)
            content = _notice(office, detail, number, issued_on)
            document = render_letter(content)
            changes = audit.ChangeSet(session)
            row = session.get(SummonsRecord, summons_id)
            names = [atomic.safe_file_name(f"{number} {detail.unit}约谈通知.{kind}") for kind in formats]
            letter = numbering.register(changes, series, issued_on, seq, title=f"关于约谈{detail.unit}的通知",
                                        unit_id=row.unit_id, kind=DocKind.SUMMONS_NOTICE,
                                        file_name=names[0] if out_dir else "", document=document)
            changes.update(row, notice_letter_id=letter.id)
            if out_dir is not None:
                for name, kind in zip(names, formats, strict=True):
                    written.append(atomic.write_bytes(Path(out_dir) / name,
                                                      document if kind == "pdf" else WRITERS[kind](content)))
            return number, document
    except Exception:
        for path in written:  # the number was not kept, so neither is any file bearing it
            path.unlink(missing_ok=True)
        raise


def _notice(office: dict, d: SummonsDetail, number: str, issued_on: dt.date) -> LetterContent:
    who = d.people_text or "你单位主要负责同志或分管负责同志"
    place = f"在{d.place}" if d.place else ""
    paragraphs = [
        # the reason is the rules' terse wording; the notice says it in a sentence of its own
        Paragraph(f"你单位在大气污染防治工作中存在以下问题：{d.reason.strip().rstrip('。；')}。经研究，决定对你单位进行约谈。"
                  if d.reason.strip() else "你单位在大气污染防治工作中存在下列问题，经研究，决定对你单位进行约谈。"),
        Paragraph("一、约谈事项", "heading"),
        *(Paragraph(line.strip()) for line in d.matters.splitlines() if line.strip()),
        Paragraph("二、约谈安排", "heading"),
        Paragraph(f"定于{chinese_date(d.planned_on)}{place}进行约谈，请{who}按时参加，并准备书面整改报告，"
                  "说明问题原因、整改措施、责任人和完成时限。"),
        Paragraph("约谈情况将在媒体公布，并按规定报送组织部门。"),
    ]
    return LetterContent(office_name=office.office.name, number=number, title=f"关于约谈{d.unit}的通知",
                         addressee=f"{d.unit}：", paragraphs=tuple(paragraphs), signature=office.office.name,
                         date=issued_on)


def record_pdf(db: Database, summons_id: int, as_of: dt.date) -> bytes:
    """约谈记录: what was said and promised, for the file (a record, not a 公文)."""
    d = summons_detail(db, summons_id, as_of)
    if d.held_on is None:
        raise UserError("该约谈尚未举行，请先登记约谈日期、约谈人和被约谈人。")
    with db.reading() as session:
        office = settings.load(session)
    intro = (f"约谈时间：{chinese_date(d.held_on)}。" + (f"地点：{d.place}。" if d.place else "")
             + f"约谈人：{d.held_by}。被约谈单位：{d.unit}。被约谈人：{d.people_text}。"
             + (f"约谈事由：{d.reason.strip().rstrip('。')}。" if d.reason.strip() else ""))
    entries = [f"约谈事项：{line.strip()}" for line in d.matters.splitlines() if line.strip()]
    entries += [f"整改承诺：{c.text}，完成时限{chinese_date(c.deadline)}"
                + (f"，已于{chinese_date(c.done_on)}完成。" if c.done_on else "。") for c in d.commitments]
    entries.append(f"约谈情况{'已' if d.published else '尚未'}在媒体公布，{'已' if d.reported_to_org else '尚未'}报送组织部门"
                   "计入负面清单。")
    return render_listing(f"约谈{d.unit}记录", intro, entries, office.office.name, d.held_on)

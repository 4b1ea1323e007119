"""Issuing a three-colour supervision sheet (交办) and recording its loop: 签收, 整改, 反馈,
核查 (passed or returned), 销号.

Each call is one transaction and one audited, undoable action, and returns its id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import (
    InspectionFinding,
    SheetItem,
    SheetStep,
    StepAttachment,
    SupervisionSheet,
)
from aqdesk.domain import loop
from aqdesk.domain.docnumber import format_number
from aqdesk.domain.enums import Color, DayKind, LoopStep
from aqdesk.domain.followup import DocKind
from aqdesk.errors import UserError
from aqdesk.services.common import audit, files, settings, workdays
from aqdesk.services.common.editing import editing, refuse
from aqdesk.services.common.units import UnitDirectory
from aqdesk.services.supervision import numbering
from aqdesk.services.supervision.sheet_items import Item

SUBJECT_MAX = 200
DEFAULT_REQUIREMENT = "请高度重视，立即组织整改，于办理时限内将整改情况和佐证材料书面反馈。"


@dataclass(frozen=True)
class Issued:
    sheet_id: int
    number: str
    deadline: dt.date
    action_id: str


def default_days(db: Database, level: Color) -> int:
    with db.reading() as session:
        return settings.load(session).sheet.days(level)


def deadline_for(db: Database, issued_on: dt.date, days: int, day_kind: DayKind = DayKind.WORKDAY) -> dt.date:
    """Working days count on the office's calendar; natural days follow 民法典 art. 201–203."""
    with db.reading() as session:
        cal = workdays.load(session)
    if day_kind is DayKind.WORKDAY:
        return cal.add_workdays(issued_on, days)
    return cal.natural_deadline(issued_on, days)


def default_subject(items: Sequence[Item]) -> str:
    if not items:
        return ""
    first = items[0].label
    return first if len(items) == 1 else f"{first}等{len(items)}项事项"


def issue_sheet(db: Database, *, unit: str, level: Color, items: Sequence[Item], requirement: str,
                issued_on: dt.date, days: int | None = None, day_kind: DayKind = DayKind.WORKDAY,
                subject: str = "", source: str = "", responsible_person: str = "", note: str = "",
                predecessor_id: int | None = None) -> Issued:
    subject = (subject.strip() or default_subject(items))[:SUBJECT_MAX]
    problems = []
    if not subject:
        problems.append("请至少选择一个督办事项，或填写督办事项说明")
    if not requirement.strip():
        problems.append("请填写整改要求")
    if days is not None and not 1 <= days <= 365:
        problems.append(f"办理时限应为 1–365 天，而不是 {days} 天")
    refuse(problems)
    days = days or default_days(db, level)
    deadline = deadline_for(db, issued_on, days, day_kind)
    with db.transaction() as session:
        unit_id = UnitDirectory(session).find(unit)
        if unit_id is None:
            raise UserError(f"找不到单位“{unit}”（请检查名称或简称）。")
        series = settings.load(session).sheet.series
        seq = numbering.next_seq(session, series, issued_on.year)
        changes = audit.ChangeSet(session)
        sheet = SupervisionSheet(
            number=format_number(series, issued_on.year, seq), level=level.value, unit_id=unit_id,
            subject=subject, source=source.strip()[:SUBJECT_MAX], requirement=requirement.strip(),
            responsible_person=responsible_person.strip()[:100], issued_on=issued_on, deadline=deadline,
            deadline_days=days, day_kind=day_kind.value, state=LoopStep.ISSUED.value, predecessor_id=predecessor_id,
        )
        changes.insert(sheet)
        for item in items:
            changes.insert(SheetItem(sheet_id=sheet.id, item_kind=item.kind, item_id=item.id, label=item.label[:300]))
            finding = session.get(InspectionFinding, item.id) if item.kind == "finding" else None
            if finding is not None and finding.sheet_id is None:  # the problem is now supervised by this sheet
                changes.update(finding, sheet_id=sheet.id)
        changes.insert(SheetStep(sheet_id=sheet.id, step=LoopStep.ISSUED.value, on_date=issued_on,
                                 note=note.strip() or f"以{level.label}色督办单书面交办。", recorded_by=changes.who))
        numbering.register(changes, series, issued_on, seq, title=subject, unit_id=unit_id, kind=DocKind.SHEET,
                           sheet_id=sheet.id)
        return Issued(sheet.id, sheet.number, deadline, changes.action_id)


def record_step(db: Database, sheet_id: int, expected_version: int, step: LoopStep, on_date: dt.date,
                note: str = "", attachments: Sequence[str | Path] = (), checked_by: str = "") -> str:
    """Record the next step of the loop; 核查 is ``VERIFIED`` (passed) or ``RETURNED``. The
    attached files are read and stored before anything is written; 销号 needs a 核查人."""
    with db.reading() as session:
        limit = files.max_bytes(session)
    loaded = _load_files(attachments, limit)
    with editing(db, SupervisionSheet, sheet_id, expected_version, label="该督办单") as (session, sheet):
        dates = session.scalars(select(SheetStep.on_date).where(SheetStep.sheet_id == sheet_id)).all()
        last = max(dates, default=sheet.issued_on)
        refuse(loop.step_problems(LoopStep(sheet.state), step, on_date, last, note, checked_by))
        changes = audit.ChangeSet(session)
        row = changes.insert(SheetStep(sheet_id=sheet.id, step=step.value, on_date=on_date, note=note.strip(),
                                       attachments="\n".join(f.name for f in loaded), recorded_by=changes.who,
                                       checked_by=checked_by.strip()[:100]))
        for f in loaded:
            changes.insert(StepAttachment(step_id=row.id, sha256=files.keep(session, f.data), name=f.name[:300],
                                          size=f.size))
        changes.update(sheet, state=step.value)
        return changes.action_id


def _load_files(paths: Sequence[str | Path], limit: int) -> list[files.Loaded]:
    """Each named file once (by name), all read before any is stored."""
    loaded: list[files.Loaded] = []
    for path in paths:
        if str(path).strip() and files.file_name(path) not in {f.name for f in loaded}:
            loaded.append(files.load(path, limit))
    return loaded


@dataclass(frozen=True)
class Attachment:
    id: int
    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class StepRow:
    step: LoopStep
    on_date: dt.date
    note: str
    attachments: tuple[str, ...]  # names, also of files recorded before the store existed
    files: tuple[Attachment, ...] = ()
    recorded_by: str = ""
    checked_by: str = ""


@dataclass(frozen=True)
class SheetDetail:
    id: int
    version: int
    number: str
    level: Color
    unit: str
    unit_leader: str
    subject: str
    source: str
    requirement: str
    responsible_person: str
    issued_on: dt.date
    deadline: dt.date
    deadline_days: int | None
    day_kind: DayKind
    state: LoopStep
    items: tuple[tuple[str, int, str], ...]  # (kind, id, label)
    steps: tuple[StepRow, ...]
    year: int  # the plan year the sheet belongs to

    @property
    def next_steps(self) -> tuple[LoopStep, ...]:
        return loop.NEXT[self.state]

    @property
    def time_limit(self) -> str:
        days = f"{self.deadline_days}个{self.day_kind.label}内" if self.deadline_days else ""
        return f"{days}（{self.deadline.year}年{self.deadline.month}月{self.deadline.day}日前）"

    def late(self, as_of: dt.date) -> bool:
        return loop.answered_late(self.deadline, [(s.step, s.on_date) for s in self.steps], as_of)


def sheet_detail(db: Database, sheet_id: int) -> SheetDetail:
    with db.reading() as session:
        sheet = session.scalars(select(SupervisionSheet).where(SupervisionSheet.id == sheet_id).options(
            selectinload(SupervisionSheet.items), selectinload(SupervisionSheet.steps),
            selectinload(SupervisionSheet.unit))).first()
        if sheet is None:
            raise UserError("该督办单已不存在（可能已被撤销），请刷新。")
        steps = sorted(sheet.steps, key=lambda s: (s.on_date, s.id))
        stored: dict[int, list[Attachment]] = {}
        for a in session.scalars(select(StepAttachment).where(StepAttachment.step_id.in_([s.id for s in steps]))
                                 .order_by(StepAttachment.id)):
            stored.setdefault(a.step_id, []).append(Attachment(a.id, a.name, a.sha256, a.size))
        return SheetDetail(
            id=sheet.id, version=sheet.version, number=sheet.number, level=sheet.level,
            unit=sheet.unit.name, unit_leader=sheet.unit.leader, subject=sheet.subject, source=sheet.source,
            requirement=sheet.requirement, responsible_person=sheet.responsible_person,
            issued_on=sheet.issued_on, deadline=sheet.deadline, deadline_days=sheet.deadline_days,
            day_kind=sheet.day_kind, state=sheet.state,
            items=tuple((i.item_kind, i.item_id, i.label) for i in sorted(sheet.items, key=lambda i: i.id)),
            steps=tuple(StepRow(LoopStep(s.step), s.on_date, s.note,
                                tuple(n for n in s.attachments.splitlines() if n), tuple(stored.get(s.id, ())),
                                s.recorded_by, s.checked_by) for s in steps),
            year=sheet.year,
        )

"""催办 and 升级督办 of an open sheet.

A 催办 is a numbered reminder (催办函) in its own series, entered in the register with the
date a reply is due and kept as issued. 升级督办 raises a sheet one level in place (yellow →
red), or issues a new sheet one level higher naming the sheet it escalates. Each is one
audited, undoable action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aqdesk.db.database import Database
from aqdesk.db.models import Escalation, SupervisionSheet
from aqdesk.domain.docnumber import chinese_date, format_number
from aqdesk.domain.enums import Color, LoopStep
from aqdesk.domain.followup import DocKind, EscalationKind
from aqdesk.errors import UserError
from aqdesk.exchange import atomic
from aqdesk.exchange.pdf.letter import LetterContent, Paragraph, render_letter
from aqdesk.services.common import audit, editing, settings, workdays
from aqdesk.services.common.editing import refuse
from aqdesk.services.supervision import numbering
from aqdesk.services.supervision.letters import WRITERS
from aqdesk.services.supervision.sheet_items import items_by_ref
from aqdesk.services.supervision.sheet_loop import Issued, SheetDetail, issue_sheet, sheet_detail
from aqdesk.services.supervision.sheet_print import keep_issued_form

HIGHER = {Color.GREEN: Color.YELLOW, Color.YELLOW: Color.RED}


@dataclass(frozen=True)
class Reminded:
    number: str
    reply_due: dt.date
    document: bytes
    path: Path | None
    action_id: str
    paths: tuple[Path, ...] = ()  # one a format, when written


def remind(db: Database, sheet_id: int, on_date: dt.date, out_dir: Path | None = None,
           requirement: str = "", formats: Sequence[str] = ("pdf",)) -> Reminded:
    """Number, register and (with ``out_dir``) write a 催办函 about an open sheet, once per
    format (``"docx"`` a Word draft with the same number)."""
    detail = sheet_detail(db, sheet_id)
    _refuse_closed(detail)
    if on_date < detail.issued_on:
        raise UserError(f"催办日期 {on_date.isoformat()} 早于交办日期 {detail.issued_on.isoformat()}。")
    written: list[Path] = []
    try:
        with db.transaction() as session:
            office = settings.load(session)
            series = office.reminder.series
            reply_due = workdays.load(session).add_workdays(on_date, office.letter.reply_workdays)
            seq = numbering.next_seq(session, series, on_date.year)
            number = format_number(series, on_date.year, seq)
            content = _reminder(office, detail, number, on_date, reply_due, requirement)
            document = render_letter(content)
            changes = audit.ChangeSet(session)
            sheet = session.get(SupervisionSheet, sheet_id)
            paths = [out_dir / atomic.safe_file_name(f"{number} {detail.unit}催办函.{kind}") for kind in formats] \
                if out_dir else []
            letter = numbering.register(changes, series, on_date, seq, title=f"关于催办{detail.number}督办单的函",
                                        unit_id=sheet.unit_id, kind=DocKind.REMINDER, sheet_id=sheet_id,
                                        file_name=paths[0].name if paths else "", reply_due=reply_due,
                                        document=document)
            changes.insert(Escalation(sheet_id=sheet_id, kind=EscalationKind.REMIND.value, on_date=on_date,
                                      from_level=detail.level.value, to_level=detail.level.value,
                                      letter_id=letter.id, note=f"{number}，限{reply_due.isoformat()}前反馈",
                                      recorded_by=changes.who))
            for path, kind in zip(paths, formats, strict=False):
                written.append(atomic.write_bytes(path, document if kind == "pdf" else WRITERS[kind](content)))
            return Reminded(number, reply_due, document, paths[0] if paths else None, changes.action_id, tuple(paths))
    except Exception:
        for path in written:  # the number was not kept, so neither is any file bearing it
            path.unlink(missing_ok=True)
        raise


def _reminder(office: dict, d: SheetDetail, number: str, on_date: dt.date, reply_due: dt.date,
              requirement: str) -> LetterContent:
    answered = any(s.step is LoopStep.FEEDBACK for s in d.steps)
    where = (f"该督办单当前处于“{d.state.label}”环节，尚未办结销号" if answered
             else "你单位至今未书面反馈整改情况")
    paragraphs = [
        Paragraph(f"{chinese_date(d.issued_on)}，{office.office.short_name}以{d.level.label}色督办单（{d.number}）"
                  f"向你单位交办“{d.subject}”，要求于{chinese_date(d.deadline)}前办结并书面反馈。"
                  f"截至{chinese_date(on_date)}，{where}。"),
        Paragraph(requirement.strip() or "请你单位高度重视，立即组织整改，逐项说明未按期办结的原因、整改措施、责任人和完成时限。"
                  "逾期仍未办结的，本办将升级督办，并按规定提请约谈。"),
        Paragraph(f"请于{chinese_date(reply_due)}前将整改落实情况书面反馈{office.office.short_name}。"),
    ]
    return LetterContent(office_name=office.office.name, number=number, title=f"关于催办{d.number}督办单的函",
                         addressee=f"{d.unit}：", paragraphs=tuple(paragraphs), signature=office.office.name,
                         date=on_date)


@dataclass(frozen=True)
class Raised:
    level: Color
    new_sheet: Issued | None
    action_id: str


def raise_sheet(db: Database, sheet_id: int, expected_version: int, on_date: dt.date, note: str = "",
                new_sheet: bool = False) -> Raised:
    """升级督办: one level higher in place, or (``new_sheet``) a new sheet one level higher that
    names this one, with the same items and requirement."""
    detail = sheet_detail(db, sheet_id)
    _refuse_closed(detail)
    higher = HIGHER.get(detail.level)
    refuse([p for p in (
        f"{detail.number}已是红色督办单，不能再升级；可按约谈规则提请约谈" if higher is None else "",
        f"升级日期 {on_date.isoformat()} 早于交办日期 {detail.issued_on.isoformat()}" if on_date < detail.issued_on
        else "",
    ) if p])
    if not new_sheet:
        with editing.editing(db, SupervisionSheet, sheet_id, expected_version, label="该督办单") as (session, sheet):
            changes = audit.ChangeSet(session)
            changes.update(sheet, level=higher.value)
            changes.insert(Escalation(sheet_id=sheet_id, kind=EscalationKind.RAISE.value, on_date=on_date,
                                      from_level=detail.level.value, to_level=higher.value,
                                      note=note.strip() or f"由{detail.level.label}色升级为{higher.label}色督办",
                                      recorded_by=changes.who))
            return Raised(higher, None, changes.action_id)
    current = items_by_ref(db, [(kind, item_id) for kind, item_id, _label in detail.items], on_date)
    items = [current[(kind, item_id)] for kind, item_id, _label in detail.items if (kind, item_id) in current]
    issued = issue_sheet(db, unit=detail.unit, level=higher, items=items, requirement=detail.requirement,
                         issued_on=on_date, subject=detail.subject, source=detail.source,
                         responsible_person=detail.responsible_person, predecessor_id=sheet_id,
                         note=f"升级督办{detail.number}。{note.strip()}")
    with db.transaction() as session:  # the same action as the new sheet, so one undo takes both back
        changes = audit.ChangeSet(session, action_id=issued.action_id)
        changes.insert(Escalation(sheet_id=sheet_id, kind=EscalationKind.RAISE.value, on_date=on_date,
                                  from_level=detail.level.value, to_level=higher.value, new_sheet_id=issued.sheet_id,
                                  note=note.strip() or f"以{higher.label}色督办单{issued.number}升级督办",
                                  recorded_by=changes.who))
    keep_issued_form(db, issued, on_date)  # a reprint from the register is the form as issued
    return Raised(higher, issued, issued.action_id)


def _refuse_closed(detail: SheetDetail) -> None:
    if detail.state is LoopStep.CLOSED:
        raise UserError(f"{detail.number}已销号，无需催办或升级。")

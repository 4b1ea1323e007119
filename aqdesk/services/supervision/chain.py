"""A unit's escalation chain, as the 五步工作法 climbs it: 预警 → 交办 → 催办 → 升级 → 约谈 →
问责, each step with its date and what it was about; printable for the unit's file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from aqdesk.db.database import Database
from aqdesk.db.models import Escalation, Letter, SupervisionSheet
from aqdesk.domain.docnumber import chinese_date
from aqdesk.domain.enums import Color
from aqdesk.domain.followup import ChainStep, EscalationKind
from aqdesk.exchange.pdf.listing import render_listing
from aqdesk.services.common import settings
from aqdesk.services.common.units import UnitDirectory
from aqdesk.services.supervision.accountability import accountability_rows
from aqdesk.services.supervision.sheet_items import all_items, unit_name
from aqdesk.services.supervision.summons_records import summons_records


@dataclass(frozen=True)
class ChainEvent:
    step: ChainStep
    on_date: dt.date
    text: str


def unit_chain(db: Database, unit: str, as_of: dt.date) -> list[ChainEvent]:
    """Oldest first; on one day, in the order of the chain."""
    name = unit_name(db, unit)
    events = [ChainEvent(ChainStep.WARNING, item.deadline + dt.timedelta(days=1), f"{item.label}：{item.reason}")
              for item in all_items(db, as_of)
              if item.unit == name and item.open and item.color is Color.RED and item.deadline is not None
              and item.kind != "enterprise"]
    with db.reading() as session:
        unit_id = UnitDirectory(session).find(name)
        sheets = session.scalars(select(SupervisionSheet).where(SupervisionSheet.unit_id == unit_id))
        numbers = {}
        for s in sheets:
            numbers[s.id] = s.number
            events.append(ChainEvent(ChainStep.ISSUED, s.issued_on,
                                     f"{Color(s.level).label}色督办单{s.number}：{s.subject}"))
        letters = dict(session.execute(select(Letter.id, Letter.number)).all())
        for e in session.scalars(select(Escalation).where(Escalation.sheet_id.in_(list(numbers)))):
            if e.kind == EscalationKind.REMIND.value:
                events.append(ChainEvent(ChainStep.REMINDED, e.on_date,
                                         f"催办{numbers[e.sheet_id]}（{letters.get(e.letter_id, '')}）"))
            else:
                events.append(ChainEvent(ChainStep.RAISED, e.on_date, f"{numbers[e.sheet_id]}：{e.note}"))
    for s in summons_records(db, as_of, unit_id):
        events.append(ChainEvent(ChainStep.SUMMONED, s.held_on or s.planned_on,
                                 f"{s.state}：{s.matters.splitlines()[0] if s.matters else ''}"))
    for a in accountability_rows(db, unit_id=unit_id):
        events.append(ChainEvent(ChainStep.ACCOUNTED, a.decided_on,
                                 f"{a.person}（{a.post}）{a.kind.label}，{a.decided_by}{a.doc_ref}"))
    order = {step: i for i, step in enumerate(ChainStep)}
    return sorted(events, key=lambda e: (e.on_date, order[e.step]))


def chain_pdf(db: Database, unit: str, as_of: dt.date) -> bytes:
    name = unit_name(db, unit)
    events = unit_chain(db, name, as_of)
    with db.reading() as session:
        office = settings.load(session).office.name
    reached = [step.label for step in ChainStep if any(e.step is step for e in events)]
    intro = (f"截至{chinese_date(as_of)}，{name}的督办经历了{'、'.join(reached)}环节，按日期列示如下："
             if events else f"截至{chinese_date(as_of)}，{name}没有预警、督办、约谈或问责记录。")
    return render_listing(f"{name}督办升级情况", intro,
                          [f"{chinese_date(e.on_date)}　{e.step.label}：{e.text}" for e in events], office, as_of)

"""一单位一档: one unit's whole file — the items it answers for, its sheets, the documents
sent to it, 催办 and 升级, 约谈 and their commitments, 问责 and the problems inspections
found — each with its date; as a screen's sections and as a printable document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from aqdesk.db.database import Database
from aqdesk.db.models import Unit
from aqdesk.domain.docnumber import chinese_date
from aqdesk.domain.enums import Color
from aqdesk.domain.followup import ChainStep
from aqdesk.exchange import atomic
from aqdesk.exchange.pdf.dossier import render_dossier
from aqdesk.services.common import settings
from aqdesk.services.common.units import UnitDirectory
from aqdesk.services.supervision.accountability import accountability_rows
from aqdesk.services.supervision.chain import unit_chain
from aqdesk.services.supervision.inspections import inspection_rows
from aqdesk.services.supervision.register import register_rows
from aqdesk.services.supervision.sheet_items import all_items, severity, unit_name
from aqdesk.services.supervision.sheet_list import sheet_rows
from aqdesk.services.supervision.summons_records import SummonsDetail, summons_records


@dataclass(frozen=True)
class Entry:
    on_date: dt.date | None
    text: str
    color: Color | None = None

    @property
    def line(self) -> str:
        return f"{chinese_date(self.on_date)}　{self.text}" if self.on_date else self.text


@dataclass(frozen=True)
class Section:
    title: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class UnitFile:
    unit: str
    leader: str
    as_of: dt.date
    sections: tuple[Section, ...]

    def section(self, title: str) -> Section:
        return next(s for s in self.sections if s.title == title)


def _clause(text: str) -> str:
    """A sentence as a clause of a longer one: its lines joined and its full stops dropped."""
    return "；".join(line.strip().rstrip("。；") for line in text.splitlines() if line.strip())


def _summons_text(s: SummonsDetail) -> str:
    """What the entry's date is for is said, not the date again; the rest as one sentence."""
    parts = [f"{'已约谈' if s.held_on else '拟约谈'}，约谈人{s.held_by or '—'}，被约谈人{s.people_text or '—'}："
             f"{_clause(s.matters)}"]
    parts += [f"承诺{_clause(c.text)}（{chinese_date(c.deadline)}前，{c.reason}）" for c in s.commitments]
    parts += ["已在媒体公布"] * s.published + ["已报组织部门计入负面清单"] * s.reported_to_org
    return "；".join(parts) + "。"


def unit_file(db: Database, unit: str, as_of: dt.date) -> UnitFile:
    name = unit_name(db, unit)
    with db.reading() as session:
        unit_id = UnitDirectory(session).find(name)
        leader = session.get(Unit, unit_id).leader
    items = sorted((i for i in all_items(db, as_of) if i.unit == name and i.kind not in ("enterprise",)),
                   key=severity)
    sections = [
        Section("承担的任务和事项", tuple(
            Entry(i.deadline, f"{i.label}：{i.reason}" + ("" if i.open or "完成" in i.reason else "（已完成）"), i.color)
            for i in items)),
        Section("督办单", tuple(
            Entry(s.issued_on, f"{s.level.label}色督办单{s.number}：{s.subject}（{s.state}"
                               + ("，逾期反馈" if s.late else "") + "）", s.color)
            for s in sorted(sheet_rows(db, as_of, name), key=lambda s: s.issued_on))),
        Section("发文", tuple(
            Entry(r.issued_on, f"{r.kind.label}{r.number}《{r.title}》" + (f"（{r.state}）" if r.state else ""),
                  Color.RED if r.awaiting_reply(as_of) else None)
            for r in register_rows(db, unit_id=unit_id))),
        Section("催办和升级督办", tuple(
            Entry(e.on_date, f"{e.step.label}：{e.text}") for e in unit_chain(db, name, as_of)
            if e.step in (ChainStep.REMINDED, ChainStep.RAISED))),
        Section("约谈", tuple(
            Entry(s.held_on or s.planned_on, _summons_text(s), s.color)
            for s in reversed(summons_records(db, as_of, unit_id)))),
        Section("问责", tuple(
            Entry(a.decided_on, f"{a.person}（{a.post}）{a.kind.label}：{a.matter}（{a.decided_by}{a.doc_ref}）")
            for a in reversed(accountability_rows(db, unit_id=unit_id)))),
        Section("督查发现问题", tuple(
            Entry(i.on_date, f"{i.kind.label}（{i.team}）：{f.text}"
                  + (f"，{chinese_date(f.done_on)}已整改" if f.done_on else "，尚未整改"))
            for i in reversed(inspection_rows(db, unit_id)) for f in i.findings)),
    ]
    return UnitFile(name, leader, as_of, tuple(sections))


def unit_file_pdf(db: Database, unit: str, as_of: dt.date) -> bytes:
    f = unit_file(db, unit, as_of)
    with db.reading() as session:
        office = settings.load(session).office.name
    counts = "，".join(f"{s.title}{len(s.entries)}项" for s in f.sections)
    leader = f"，负责同志{f.leader}" if f.leader else ""
    intro = f"截至{chinese_date(as_of)}，{f.unit}{leader}：{counts}。"
    return render_dossier(f"{f.unit}督办档案", intro,
                          [(s.title, [e.line for e in s.entries]) for s in f.sections], office, as_of)


def save_unit_file(db: Database, unit: str, as_of: dt.date, path: Path) -> Path:
    return atomic.write_bytes(Path(path), unit_file_pdf(db, unit, as_of))

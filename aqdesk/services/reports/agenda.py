"""本周待办: what falls to the office this week, across every ledger and the 督办 loop, each
line naming the unit with its contact person and phone.

The agenda is a list of sections, each built by one function from the same facts
(``AgendaFacts``); ``SECTIONS`` lists them in the order the clerk reads them, so a new kind of
work (letters awaiting a reply, say) is one more function there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from aqdesk.db.database import Database
from aqdesk.db.models import Milestone, Unit
from aqdesk.domain.docnumber import chinese_date
from aqdesk.domain.enums import LoopStep
from aqdesk.domain.periods import Period
from aqdesk.domain.workcalendar import WorkCalendar
from aqdesk.domain.workweek import Weeks
from aqdesk.exchange import atomic
from aqdesk.services.common import settings, workdays
from aqdesk.services.reports.returns import PeriodReturns, returns_in
from aqdesk.services.supervision.register import RegisterRow, letters_awaiting_reply
from aqdesk.services.supervision.sheet_items import Item, all_items
from aqdesk.services.supervision.sheet_list import SheetRow, sheet_rows

CHINESE_NUMBERS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Contact:
    person: str = ""
    phone: str = ""

    @property
    def text(self) -> str:
        return "　".join(p for p in (self.person, self.phone) if p) or "未登记联系人"


@dataclass(frozen=True)
class AgendaLine:
    ledger: str  # the screen that opens it: task | enterprise | township | county | sheet | unit | letter
    id: int
    kind: str  # 重点任务、退城入园、双替代、散煤治理、督办单、督办函、催办函、报送
    label: str
    unit: str
    contact: Contact
    when: str  # the date and how far off or overdue, in working days


@dataclass(frozen=True)
class AgendaSection:
    key: str
    title: str
    lines: tuple[AgendaLine, ...]


@dataclass(frozen=True)
class AgendaFacts:
    """What every section reads, gathered once."""

    weeks: Weeks
    calendar: WorkCalendar
    items: list[Item]  # open ledger items, enterprises as their milestones
    sheets: list[SheetRow]
    returns: PeriodReturns
    letters: list[RegisterRow]  # past their reply date with no reply, oldest first
    contacts: dict[str, Contact]
    enterprise_of: dict[int, int]  # milestone id → enterprise id

    def contact(self, unit: str) -> Contact:
        return self.contacts.get(unit, Contact())

    def workdays_to(self, day: dt.date) -> int:
        return self.calendar.workdays_between(self.weeks.as_of, day)


@dataclass(frozen=True)
class Agenda:
    as_of: dt.date
    weeks: Weeks
    office: str  # the short name, for the WeChat text
    signature: str  # the full name, under the printed agenda
    sections: tuple[AgendaSection, ...]

    @property
    def count(self) -> int:
        return sum(len(s.lines) for s in self.sections)

    def as_json(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "week": [self.weeks.start.isoformat(), self.weeks.end.isoformat()],
            "sections": [{"key": s.key, "title": s.title, "lines": [
                {"kind": line.kind, "item": line.label, "unit": line.unit, "contact": line.contact.person,
                 "phone": line.contact.phone, "when": line.when} for line in s.lines]} for s in self.sections],
        }

    def as_text(self) -> str:
        """The uniform plain text offices paste into a WeChat work group: no tables, one line
        per item, 【】 headings, numbered so replies can say 「第3条」."""
        w = self.weeks
        head = [f"【本周待办】{self.office}",
                f"{_md(w.start)}至{_md(w.end)}（截至{self.as_of.year}年{_md(self.as_of)}），共{self.count}项"]
        for n, section in enumerate(self.sections):
            head.append("")
            head.append(f"{CHINESE_NUMBERS[n]}、{section.title}（{len(section.lines)}项）")
            if not section.lines:
                head.append("无")
            for i, line in enumerate(section.lines, 1):
                head.append(f"{i}. {line.unit}｜{line.kind}｜{line.label}｜{line.when}｜联系人：{line.contact.text}")
        return "\n".join(head) + "\n"

    @property
    def title(self) -> str:
        return f"本周待办（{_md(self.weeks.start)}至{_md(self.weeks.end)}）"

    def pdf(self) -> bytes:
        from aqdesk.exchange.pdf.listing import render_parts  # reportlab: not at start-up
        intro = f"截至{chinese_date(self.as_of)}，本周需跟进的事项共{self.count}项，分列如下。"
        parts = [(f"{CHINESE_NUMBERS[n]}、{s.title}（{len(s.lines)}项）",
                  [f"{line.unit}：{line.kind}，{line.label}，{line.when}。联系人：{line.contact.text}。"
                   for line in s.lines] or ["无。"])
                 for n, s in enumerate(self.sections)]
        return render_parts(self.title, intro, parts, self.signature, self.as_of)


def _md(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def _item_line(facts: AgendaFacts, item: Item, when: str) -> AgendaLine:
    """A milestone opens its enterprise, a task's share its task: the screens where they are edited."""
    ledger, key = ("enterprise", facts.enterprise_of.get(item.id, 0)) if item.kind == "milestone" \
        else ("task", item.task_id) if item.kind == "share" else (item.kind, item.id)
    return AgendaLine(ledger, key, item.kind_label, item.label, item.unit, facts.contact(item.unit), when)


def _due_text(facts: AgendaFacts, day: dt.date) -> str:
    left = facts.workdays_to(day)
    return f"{_md(day)}到期（{'今日到期' if day == facts.weeks.as_of else f'剩{left}个工作日'}）"


def _overdue_text(facts: AgendaFacts, day: dt.date) -> str:
    return f"{_md(day)}到期，已逾期{-facts.workdays_to(day)}个工作日（{(facts.weeks.as_of - day).days}天）"


def _dated(facts: AgendaFacts, wanted: Callable[[dt.date], bool]) -> list[Item]:
    return sorted((i for i in facts.items if i.deadline is not None and wanted(i.deadline)),
                  key=lambda i: (i.deadline, i.unit, i.key))


def due_this_week(facts: AgendaFacts) -> AgendaSection:
    return AgendaSection("due_this_week", "本周到期", tuple(
        _item_line(facts, i, _due_text(facts, i.deadline)) for i in _dated(facts, facts.weeks.this_week)))


def due_next_week(facts: AgendaFacts) -> AgendaSection:
    return AgendaSection("due_next_week", "下周到期", tuple(
        _item_line(facts, i, _due_text(facts, i.deadline)) for i in _dated(facts, facts.weeks.next_week)))


def newly_red(facts: AgendaFacts) -> AgendaSection:
    return AgendaSection("newly_red", "上周以来新增逾期", tuple(
        _item_line(facts, i, _overdue_text(facts, i.deadline)) for i in _dated(facts, facts.weeks.newly_red)))


def overdue(facts: AgendaFacts) -> AgendaSection:
    """Items already red before this week began, longest overdue first."""
    items = _dated(facts, lambda d: d < facts.weeks.last_workday_before)
    return AgendaSection("overdue", "持续逾期（按逾期时间由长到短）", tuple(
        _item_line(facts, i, _overdue_text(facts, i.deadline)) for i in items))


def sheets(facts: AgendaFacts) -> AgendaSection:
    """督办单 not signed for a working day after issue, feedback due this week or late, and
    sheets the office's check sent back."""
    lines = []
    for s in sorted(facts.sheets, key=lambda s: (s.deadline, s.number)):
        if s.closed:
            continue
        if s.step is LoopStep.ISSUED and facts.calendar.add_workdays(s.issued_on, 1) < facts.weeks.as_of:
            when = f"{_md(s.issued_on)}交办，超过1个工作日未签收"
        elif s.step is LoopStep.RETURNED:
            when = f"核查退回，重新整改（反馈时限{_md(s.deadline)}）"
        elif s.answered_on is not None:
            continue
        elif s.deadline < facts.weeks.as_of:
            when = f"反馈{_overdue_text(facts, s.deadline)}"
        elif facts.weeks.this_week(s.deadline):
            when = f"反馈{_due_text(facts, s.deadline)}"
        else:
            continue
        lines.append(AgendaLine("sheet", s.id, "督办单", f"{s.number} {s.subject}", s.unit, facts.contact(s.unit), when))
    return AgendaSection("sheets", "督办单签收、反馈、退回", tuple(lines))


def letters_awaiting(facts: AgendaFacts) -> AgendaSection:
    """Letters (督办函、催办函…) whose reply date has passed with no 「已回复」 recorded."""
    return AgendaSection("letters", "函件逾期未回复", tuple(
        AgendaLine("letter", r.id, r.kind.label, f"{r.number} {r.title}", r.unit, facts.contact(r.unit),
                   f"应于{_overdue_text(facts, r.reply_due).replace('到期，', '前回复，')}")
        for r in facts.letters if r.reply_due is not None))


def missing_returns(facts: AgendaFacts) -> AgendaSection:
    """Units yet to send this period's return, once its due date falls this week or has passed."""
    period: Period = facts.returns.period
    if period.due > facts.weeks.end:
        return AgendaSection("missing_returns", f"未报送{period.name}报表（{_md(period.due)}截止，本周不催）", ())
    when = (f"{_md(period.due)}截止，已超{-facts.workdays_to(period.due)}个工作日" if period.due < facts.weeks.as_of
            else _due_text(facts, period.due).replace("到期", "截止"))
    return AgendaSection("missing_returns", f"未报送{period.name}报表（{_md(period.due)}截止）", tuple(
        AgendaLine("unit", r.unit_id, "报送", "本期报送表", r.unit, Contact(r.contact_person, r.phone), when)
        for r in facts.returns.missing))


SECTIONS: tuple[Callable[[AgendaFacts], AgendaSection], ...] = (
    due_this_week, newly_red, overdue, sheets, letters_awaiting, missing_returns, due_next_week,
)


def agenda(db: Database, as_of: dt.date) -> Agenda:
    items = [i for i in all_items(db, as_of) if i.open and i.kind != "enterprise"]
    sheet_list = sheet_rows(db, as_of)
    letters = letters_awaiting_reply(db, as_of)
    with db.reading() as session:
        calendar = workdays.load(session)
        office = settings.load(session).office
        returns = returns_in(session, settings.load(session).reporting_rule().period_of(as_of))
        contacts = {name: Contact(person, phone) for name, person, phone in session.execute(
            select(Unit.name, Unit.contact_person, Unit.phone).where(Unit.parent_id.is_(None)))}
        enterprise_of = dict(session.execute(select(Milestone.id, Milestone.enterprise_id)).all())
    facts = AgendaFacts(Weeks.around(as_of, calendar), calendar, items, sheet_list, returns, letters, contacts,
                        enterprise_of)
    return Agenda(as_of, facts.weeks, office.short_name, office.name,
                  tuple(section(facts) for section in SECTIONS))


def save_agenda_pdf(result: Agenda, path: Path) -> Path:
    return atomic.write_bytes(Path(path), result.pdf())

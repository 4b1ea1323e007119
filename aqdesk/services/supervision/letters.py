"""督办函: a numbered letter to a unit listing its overdue and due-soon items with their
reasons, the office's requirement and the date by which to reply.

The number is taken, the PDF written and the register entry made in one transaction: a
letter that could not be written leaves no gap in the series, and a number taken by a
colleague at the same moment leaves no second file with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from aqdesk.db.database import Database
from aqdesk.domain.docnumber import chinese_date, format_number
from aqdesk.domain.enums import Color
from aqdesk.domain.followup import DocKind
from aqdesk.domain.workcalendar import WorkCalendar
from aqdesk.errors import UserError
from aqdesk.exchange import atomic
from aqdesk.exchange.pdf.letter import LetterContent, Paragraph, render_letter
from aqdesk.services.common import audit, settings, workdays
from aqdesk.services.common.units import UnitDirectory
from aqdesk.services.supervision import numbering
from aqdesk.services.supervision.sheet_items import Item, all_items, severity, unit_name

DEFAULT_REQUIREMENT = ("请你单位高度重视，对照上述事项逐项查找原因，明确整改措施、责任人和完成时限，"
                       "倒排工期、挂图作战，确保按期完成；确因客观原因不能按期完成的，应书面说明理由和补救措施。")
NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class IssuedLetter:
    unit: str
    number: str
    path: Path
    action_id: str


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    letter: IssuedLetter


@dataclass(frozen=True)
class _Office:
    name: str
    short_name: str
    city: str
    series: str
    ledger_title: str
    reply_workdays: int
    calendar: WorkCalendar


def letter_items(items: Sequence[Item], unit: str) -> list[Item]:
    """A unit's open items that are overdue (red) or due soon or lagging (yellow)."""
    return sorted((i for i in items if i.unit == unit and i.open and i.kind != "enterprise"
                   and i.color is not Color.GREEN), key=severity)


def units_with_red(db: Database, as_of: dt.date) -> list[str]:
    """Units that answer for at least one overdue item, in the office's order of units."""
    red = {i.unit for i in all_items(db, as_of) if i.open and i.color is Color.RED and i.kind != "enterprise"}
    with db.reading() as session:
        directory = UnitDirectory(session)
        return sorted(red, key=lambda name: directory.find(name) or 0)


def preview_letter(db: Database, unit: str, as_of: dt.date, issued_on: dt.date | None = None,
                   requirement: str = "") -> bytes:
    """The letter as it would be issued now, with the number it would take."""
    name = unit_name(db, unit)
    office = _office(db)
    issued_on = issued_on or as_of
    with db.reading() as session:
        number = format_number(office.series, issued_on.year,
                               numbering.next_seq(session, office.series, issued_on.year))
    content = _content(office, name, _items_of(db, name, as_of), number, as_of, issued_on, requirement)
    return render_letter(content)


def issue_letter(db: Database, unit: str, as_of: dt.date, out_dir: Path, issued_on: dt.date | None = None,
                 requirement: str = "") -> IssuedLetter:
    name = unit_name(db, unit)
    return _issue(db, _office(db), name, _items_of(db, name, as_of), as_of, Path(out_dir),
                  issued_on or as_of, requirement)


def issue_letters(db: Database, units: Sequence[str] | None, as_of: dt.date, out_dir: Path,
                  issued_on: dt.date | None = None, requirement: str = "") -> Iterator[Progress]:
    """One letter per unit (by default every unit with an overdue item), yielding after
    each; stopping the iteration stops the batch with the letters so far issued."""
    names = units_with_red(db, as_of) if units is None else [unit_name(db, u) for u in units]
    if not names:
        raise UserError("截至该日期没有逾期事项，无需发督办函。")
    everything = all_items(db, as_of)
    nothing = [name for name in names if not letter_items(everything, name)]
    if nothing:  # refused before the first letter, so a batch is never left half done by it
        raise UserError(f"截至{chinese_date(as_of)}，{'、'.join(nothing)}没有逾期或临期事项，无需发督办函。")
    office = _office(db)
    for done, name in enumerate(names, 1):
        letter = _issue(db, office, name, letter_items(everything, name), as_of, Path(out_dir),
                        issued_on or as_of, requirement)
        yield Progress(done, len(names), letter)


def _items_of(db: Database, name: str, as_of: dt.date) -> list[Item]:
    items = letter_items(all_items(db, as_of), name)
    if not items:
        raise UserError(f"截至{chinese_date(as_of)}，{name}没有逾期或临期事项，无需发督办函。")
    return items


def _issue(db: Database, office: _Office, unit: str, items: list[Item], as_of: dt.date, out_dir: Path,
           issued_on: dt.date, requirement: str) -> IssuedLetter:
    written: Path | None = None
    try:
        with db.transaction() as session:
            seq = numbering.next_seq(session, office.series, issued_on.year)
            number = format_number(office.series, issued_on.year, seq)
            content = _content(office, unit, items, number, as_of, issued_on, requirement)
            path = out_dir / atomic.safe_file_name(f"{number} {unit}督办函.pdf")
            changes = audit.ChangeSet(session)
            document = render_letter(content)
            numbering.register(changes, office.series, issued_on, seq, title=content.title,
                               unit_id=UnitDirectory(session).find(unit), kind=DocKind.LETTER, file_name=path.name,
                               reply_due=reply_date(office, issued_on), document=document)
            written = atomic.write_bytes(path, document)
            return IssuedLetter(unit, number, path, changes.action_id)
    except Exception:
        if written is not None:  # the number was not kept, so neither is the file bearing it
            written.unlink(missing_ok=True)
        raise


def _office(db: Database) -> _Office:
    with db.reading() as session:
        values = settings.all_values(session)
        return _Office(values["office.name"], values["office.short_name"], values["office.city"],
                       values["letter.series"], values["ledger.title"], int(values["letter.reply_workdays"]),
                       workdays.load(session))


def reply_date(office: _Office, issued_on: dt.date) -> dt.date:
    return office.calendar.add_workdays(issued_on, office.reply_workdays)


def _content(office: _Office, unit: str, items: list[Item], number: str, as_of: dt.date,
             issued_on: dt.date, requirement: str) -> LetterContent:
    red = [i for i in items if i.color is Color.RED]
    yellow = [i for i in items if i.color is Color.YELLOW]
    reply_by = reply_date(office, issued_on)
    what = "逾期和临期事项" if red and yellow else "逾期事项" if red else "临期事项"
    counts = "、".join(part for part in (
        f"{len(red)}项已逾期未完成" if red else "", f"{len(yellow)}项临近完成时限或进度滞后" if yellow else "") if part)
    paragraphs = [Paragraph(
        f"根据{office.city}{office.ledger_title}调度情况，截至{chinese_date(as_of)}，你单位负责的大气污染防治"
        f"事项中，有{counts}。现将有关情况函告如下，请抓紧督促办理。")]
    sections = [(title, group) for title, group in (("逾期未完成事项", red), ("临近时限和进度滞后事项", yellow)) if group]
    for n, (title, group) in enumerate(sections):
        paragraphs.append(Paragraph(f"{NUMERALS[n]}、{title}", "heading"))
        paragraphs.extend(Paragraph(f"{k}.{_describe(item)}") for k, item in enumerate(group, 1))
    paragraphs.append(Paragraph(f"{NUMERALS[len(sections)]}、工作要求", "heading"))
    paragraphs.extend(Paragraph(p.strip()) for p in (requirement.strip() or DEFAULT_REQUIREMENT).splitlines()
                      if p.strip())
    paragraphs.append(Paragraph(f"请于{chinese_date(reply_by)}前将整改落实情况书面反馈{office.short_name}。"))
    return LetterContent(
        office_name=office.name, number=number, title=f"关于督促办理{what}的函",
        addressee=f"{unit}：", paragraphs=tuple(paragraphs), signature=office.name, date=issued_on,
    )


def _describe(item: Item) -> str:
    kind = item.kind_label + (item.key if item.kind == "task" else "")
    subject = item.subject if item.subject.endswith(kind) else f"{kind}：{item.subject}"
    deadline = f"完成时限{chinese_date(item.deadline)}，" if item.deadline else ""
    problems = item.problems.strip().rstrip("。")
    return f"{subject}。{deadline}{item.reason}。" + (f"存在问题：{problems}。" if problems else "")

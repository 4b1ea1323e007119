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

from sqlalchemy import select

from aqdesk.db.database import Database
from aqdesk.db.models import Letter, Unit
from aqdesk.domain.docnumber import chinese_date, format_number
from aqdesk.domain.enums import Color, ItemKind
from aqdesk.domain.followup import DocKind
from aqdesk.domain.typography import unbreakable
from aqdesk.domain.workcalendar import WorkCalendar
from aqdesk.errors import UserError
from aqdesk.exchange import atomic
from aqdesk.exchange.pdf.fonts import FontSet
from aqdesk.exchange.pdf.letter import LetterContent, Paragraph, render_letter
from aqdesk.services.common import audit, document_fonts, settings, workdays
from aqdesk.services.common.units import UnitDirectory
from aqdesk.services.supervision import numbering
from aqdesk.services.supervision.sheet_items import Item, all_items, severity, unit_name

DEFAULT_REQUIREMENT = ("请你单位高度重视，对照上述事项逐项查找原因，明确整改措施、责任人和完成时限，"
                       "倒排工期、挂图作战，确保按期完成；确因客观原因不能按期完成的，应书面说明理由和补救措施。")
NUMERALS = "一二三四五六七八九十"
RED_SECTION, YELLOW_SECTION = "逾期未完成事项", "临近时限和进度滞后事项"


def _word_letter(*args, **kwargs) -> bytes:
    # python-docx (a tenth of a second) loads when a Word draft is asked for, not at start-up
    from aqdesk.exchange.docx.letter import write_letter
    return write_letter(*args, **kwargs)


WRITERS = {"pdf": render_letter, "docx": _word_letter}


@dataclass(frozen=True)
class LetterText:
    """What the clerk may edit in the preview before the letter is issued: the items under
    each heading (without their list numbers), the requirement and the reply date."""

    sections: tuple[tuple[str, tuple[str, ...]], ...]
    requirement: str
    reply_by: dt.date


@dataclass(frozen=True)
class IssuedLetter:
    unit: str
    number: str
    path: Path  # the first file written (the PDF unless only Word was asked for)
    action_id: str
    paths: tuple[Path, ...] = ()


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
    fonts: FontSet


def letter_items(items: Sequence[Item], unit: str) -> list[Item]:
    """A unit's open items that are overdue (red) or due soon or lagging (yellow)."""
    return sorted((i for i in items if i.unit == unit and i.open and i.kind is not ItemKind.ENTERPRISE
                   and i.color is not Color.GREEN), key=severity)


def units_with_red(db: Database, as_of: dt.date, year: int | None = None) -> list[str]:
    """Units that answer for at least one overdue item, in the office's order of units."""
    red = {i.unit for i in all_items(db, as_of, year) if i.open and i.color is Color.RED and i.kind is not ItemKind.ENTERPRISE}
    with db.reading() as session:
        directory = UnitDirectory(session)
        return sorted(red, key=lambda name: directory.find(name) or 0)


def letters_on(db: Database, day: dt.date) -> dict[str, list[str]]:
    """The 督办函 already issued on ``day``, by unit: a second one to a unit the same day is
    usually a slip (a batch after a single letter), so the clerk is asked first."""
    with db.reading() as session:
        rows = session.execute(
            select(Unit.name, Letter.number).join(Unit, Letter.unit_id == Unit.id)
            .where(Letter.issued_on == day, Letter.sheet_id.is_(None)).order_by(Letter.seq)).all()
    found: dict[str, list[str]] = {}
    for unit, number in rows:
        found.setdefault(unit, []).append(number)
    return found


def draft_text(db: Database, unit: str, as_of: dt.date, issued_on: dt.date | None = None,
               requirement: str = "") -> LetterText:
    """The text of the letter as it would be written now, for the clerk to edit."""
    name = unit_name(db, unit)
    return _default_text(_office(db), _items_of(db, name, as_of), issued_on or as_of, requirement)


def preview_letter(db: Database, unit: str, as_of: dt.date, issued_on: dt.date | None = None,
                   requirement: str = "", text: LetterText | None = None) -> bytes:
    """The letter as it would be issued now, with the number it would take."""
    name, office, issued_on = unit_name(db, unit), _office(db), issued_on or as_of
    with db.reading() as session:
        number = format_number(office.series, issued_on.year,
                               numbering.next_seq(session, office.series, issued_on.year))
    text = text or _default_text(office, _items_of(db, name, as_of), issued_on, requirement)
    return render_letter(_content(office, name, number, as_of, issued_on, text), office.fonts)


def draft_docx(db: Database, unit: str, as_of: dt.date, text: LetterText, issued_on: dt.date | None = None) -> bytes:
    """A Word draft for the leaders to edit: no number is taken, the number's place is left
    blank (示例市大气办督〔2026〕　号) for when the letter is issued."""
    name, office, issued_on = unit_name(db, unit), _office(db), issued_on or as_of
    blank = f"{office.series}〔{issued_on.year}〕\u3000号"
    return _word_letter(_content(office, name, blank, as_of, issued_on, text), office.fonts)


def issue_letter(db: Database, unit: str, as_of: dt.date, out_dir: Path, issued_on: dt.date | None = None,
                 requirement: str = "", text: LetterText | None = None,
                 formats: Sequence[str] = ("pdf",)) -> IssuedLetter:
    name, office, issued_on = unit_name(db, unit), _office(db), issued_on or as_of
    text = text or _default_text(office, _items_of(db, name, as_of), issued_on, requirement)
    return _issue(db, office, name, text, as_of, Path(out_dir), issued_on, formats)


def issue_letters(db: Database, units: Sequence[str] | None, as_of: dt.date, out_dir: Path,
                  issued_on: dt.date | None = None, requirement: str = "",
                  formats: Sequence[str] = ("pdf",), year: int | None = None) -> Iterator[Progress]:
    """One letter per unit (by default every unit with an overdue item of plan year ``year``),
    yielding after each; stopping the iteration stops the batch with the letters so far issued."""
    names = units_with_red(db, as_of, year) if units is None else [unit_name(db, u) for u in units]
    if not names:
        raise UserError("截至该日期没有逾期事项，无需发督办函。")
    everything = all_items(db, as_of, year)
    nothing = [name for name in names if not letter_items(everything, name)]
    if nothing:  # refused before the first letter, so a batch is never left half done by it
        raise UserError(f"截至{chinese_date(as_of)}，{'、'.join(nothing)}没有逾期或临期事项，无需发督办函。")
    office = _office(db)
    for done, name in enumerate(names, 1):
        text = _default_text(office, letter_items(everything, name), issued_on or as_of, requirement)
        letter = _issue(db, office, name, text, as_of, Path(out_dir), issued_on or as_of, formats)
        yield Progress(done, len(names), letter)


def notices(db: Database, units: Sequence[str] | None, as_of: dt.date, requirement: str = "") -> list[str]:
    """What the clerk should know before issuing these letters: substituted fonts, and
    characters of their text no font can print."""
    names = units_with_red(db, as_of) if units is None else [unit_name(db, u) for u in units]
    everything = all_items(db, as_of)
    office = _office(db)
    texts = [requirement] + [_describe(i) for name in names for i in letter_items(everything, name)]
    return document_fonts.notices(office.fonts, texts)


def _items_of(db: Database, name: str, as_of: dt.date) -> list[Item]:
    items = letter_items(all_items(db, as_of), name)
    if not items:
        raise UserError(f"截至{chinese_date(as_of)}，{name}没有逾期或临期事项，无需发督办函。")
    return items


def _issue(db: Database, office: _Office, unit: str, text: LetterText, as_of: dt.date, out_dir: Path,
           issued_on: dt.date, formats: Sequence[str]) -> IssuedLetter:
    _check(text, issued_on)
    written: list[Path] = []
    try:
        with db.transaction() as session:
            seq = numbering.next_seq(session, office.series, issued_on.year)
            number = format_number(office.series, issued_on.year, seq)
            content = _content(office, unit, number, as_of, issued_on, text)
            paths = [out_dir / atomic.safe_file_name(f"{number} {unit}督办函.{kind}") for kind in formats]
            changes = audit.ChangeSet(session)
            document = render_letter(content, office.fonts)
            numbering.register(changes, office.series, issued_on, seq, title=content.title,
                               unit_id=UnitDirectory(session).find(unit), kind=DocKind.LETTER,
                               file_name=paths[0].name, reply_due=text.reply_by, document=document)
            for path, kind in zip(paths, formats, strict=True):
                written.append(atomic.write_bytes(path, document if kind == "pdf" else WRITERS[kind](content, office.fonts)))
            return IssuedLetter(unit, number, paths[0], changes.action_id, tuple(paths))
    except Exception:
        for path in written:  # the number was not kept, so neither is any file bearing it
            path.unlink(missing_ok=True)
        raise


def _check(text: LetterText, issued_on: dt.date) -> None:
    if not any(items for _title, items in text.sections):
        raise UserError("督办函至少应列出一项逾期或临期事项。")
    if text.reply_by < issued_on:
        raise UserError(f"反馈日期（{chinese_date(text.reply_by)}）不能早于成文日期（{chinese_date(issued_on)}）。")


def _office(db: Database) -> _Office:
    with db.reading() as session:
        values = settings.load(session)
        calendar = workdays.load(session)
    return _Office(values.office.name, values.office.short_name, values.office.city,
                   values.letter.series, values.ledger.title, values.letter.reply_workdays,
                   calendar, document_fonts.office_fonts(db))


def reply_date(office: _Office, issued_on: dt.date) -> dt.date:
    return office.calendar.add_workdays(issued_on, office.reply_workdays)


def _default_text(office: _Office, items: list[Item], issued_on: dt.date, requirement: str) -> LetterText:
    red = [_describe(i) for i in items if i.color is Color.RED]
    yellow = [_describe(i) for i in items if i.color is Color.YELLOW]
    sections = tuple((title, tuple(group)) for title, group in ((RED_SECTION, red), (YELLOW_SECTION, yellow)) if group)
    return LetterText(sections, requirement.strip() or DEFAULT_REQUIREMENT, reply_date(office, issued_on))


def _content(office: _Office, unit: str, number: str, as_of: dt.date, issued_on: dt.date,
             text: LetterText) -> LetterContent:
    sections = [(title, [i.strip() for i in items if i.strip()]) for title, items in text.sections]
    sections = [(title, items) for title, items in sections if items]
    count = {title: len(items) for title, items in sections}
    red, yellow = count.get(RED_SECTION, 0), count.get(YELLOW_SECTION, 0)
    what = "逾期和临期事项" if red and yellow else "逾期事项" if red else "临期事项"
    counts = "、".join(part for part in (
        f"{red}项已逾期未完成" if red else "", f"{yellow}项临近完成时限或进度滞后" if yellow else "") if part)
    paragraphs = [Paragraph(
        f"根据{office.city}{office.ledger_title}调度情况，截至{chinese_date(as_of)}，你单位负责的大气污染防治"
        f"事项中，有{counts}。现将有关情况函告如下，请抓紧督促办理。")]
    for n, (title, items) in enumerate(sections):
        paragraphs.append(Paragraph(f"{NUMERALS[n]}、{title}", "heading"))
        paragraphs.extend(Paragraph(f"{k}.{item}") for k, item in enumerate(items, 1))
    paragraphs.append(Paragraph(f"{NUMERALS[len(sections)]}、工作要求", "heading"))
    paragraphs.extend(Paragraph(p.strip()) for p in (text.requirement.strip() or DEFAULT_REQUIREMENT).splitlines()
                      if p.strip())
    paragraphs.append(Paragraph(f"请于{chinese_date(text.reply_by)}前将整改落实情况书面反馈"
                                f"{unbreakable(office.short_name)}。"))
    return LetterContent(
        office_name=office.name, number=number, title=f"关于督促办理{what}的函",
        addressee=f"{unit}：", paragraphs=tuple(paragraphs), signature=office.name, date=issued_on,
    )


def _describe(item: Item) -> str:
    kind = item.kind_label + item.number
    subject = item.subject if item.subject.endswith(kind) else f"{kind}：{item.subject}"
    deadline = f"完成时限{chinese_date(item.deadline)}，" if item.deadline else ""
    problems = item.problems.strip().rstrip("。")
    return f"{subject}。{deadline}{item.reason}。" + (f"存在问题：{problems}。" if problems else "")

"""约谈 proposals: units that let supervision sheets run past their deadline again and again.

"Repeatedly" is the office's setting: so many late sheets whose deadline fell within the
last so many days. Late means the first feedback came after the deadline, or none came.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from aqdesk.db.database import Database
from aqdesk.db.models import Unit
from aqdesk.domain.docnumber import chinese_date
from aqdesk.exchange import atomic
from aqdesk.exchange.docx.listing import write_listing
from aqdesk.exchange.pdf.listing import render_listing
from aqdesk.services.common import document_fonts, settings
from aqdesk.services.supervision.sheet_list import SheetRow, sheet_rows


@dataclass(frozen=True)
class SummonsRow:
    unit: str
    leader: str
    late: tuple[SheetRow, ...]  # oldest first
    still_open: int  # of the late sheets, those not yet closed

    @property
    def numbers(self) -> str:
        return "、".join(s.number for s in self.late)

    @property
    def reason(self) -> str:
        text = f"逾期督办单{len(self.late)}件"
        return text + (f"，其中{self.still_open}件仍未办结" if self.still_open else "")


@dataclass(frozen=True)
class Summons:
    as_of: dt.date
    threshold: int
    window_days: int
    rows: list[SummonsRow]

    @property
    def rule(self) -> str:
        return f"最近{self.window_days}天内办理时限届满的督办单中，逾期反馈或逾期未反馈达到{self.threshold}件"


def summons_list(db: Database, as_of: dt.date, year: int | None = None) -> Summons:
    with db.reading() as session:
        rule = settings.load(session).summons
        threshold, window = max(1, rule.overdue_sheets), rule.window_days
        leaders = dict(session.execute(select(Unit.name, Unit.leader)).all())
    since = as_of - dt.timedelta(days=window)
    by_unit: dict[str, list[SheetRow]] = {}
    for row in sheet_rows(db, as_of, year=year):
        if row.late and since < row.deadline < as_of:
            by_unit.setdefault(row.unit, []).append(row)
    rows = [
        SummonsRow(unit, leaders.get(unit, ""), tuple(sorted(late, key=lambda r: r.deadline)),
                   sum(not r.closed for r in late))
        for unit, late in by_unit.items() if len(late) >= threshold
    ]
    rows.sort(key=lambda r: (-len(r.late), -r.still_open, r.unit))
    return Summons(as_of, threshold, window, rows)


def summons_pdf(db: Database, as_of: dt.date, kind: str = "pdf", year: int | None = None) -> bytes:
    """The list as the clerk prints it for the leaders (or a Word draft, ``kind="docx"``)."""
    summons = summons_list(db, as_of, year)
    with db.reading() as session:
        office = settings.load(session).office
    intro = (f"截至{chinese_date(as_of)}，{summons.rule}的单位共{len(summons.rows)}个，建议按程序约谈其主要负责同志或"
             "分管负责同志：" if summons.rows else f"截至{chinese_date(as_of)}，没有{summons.rule}的单位。")
    entries = [f"{r.unit}{f'（{r.leader}）' if r.leader else ''}：{r.reason}（{r.numbers}）。" for r in summons.rows]
    write = write_listing if kind == "docx" else render_listing
    return write("约谈建议名单", intro, entries, office.name, as_of, document_fonts.office_fonts(db))


def notices(db: Database, summons: Summons) -> list[str]:
    """Substituted fonts and unprintable characters, said before the list is saved."""
    texts = [f"{r.unit}{r.leader}" for r in summons.rows]
    return document_fonts.notices(document_fonts.office_fonts(db), texts)


def save_summons_pdf(db: Database, as_of: dt.date, path: Path, formats: Sequence[str] = ("pdf",),
                     year: int | None = None) -> Path:
    """Write the list beside ``path`` in each format; returns the first file."""
    paths = [Path(path).with_suffix(f".{kind}") for kind in formats]
    for target, kind in zip(paths, formats, strict=True):
        atomic.write_bytes(target, summons_pdf(db, as_of, kind, year))
    return paths[0]

"""约谈 proposals: the units the office's rules put on the 约谈 list, each with the rules
that put it there and what met them (``rules.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from aqdesk.db.database import Database
from aqdesk.db.models import Unit
from aqdesk.domain.docnumber import chinese_date
from aqdesk.domain.followup import RuleAction
from aqdesk.exchange import atomic
from aqdesk.exchange.pdf.listing import render_listing
from aqdesk.services.common import document_fonts, settings
from aqdesk.services.supervision.rules import Hit, evaluate


@dataclass(frozen=True)
class SummonsRow:
    unit: str
    leader: str
    hits: tuple[Hit, ...]

    @property
    def reason(self) -> str:
        return "；".join(h.reason for h in self.hits)

    @property
    def rules(self) -> str:
        return "、".join(h.rule.kind.label for h in self.hits)


@dataclass(frozen=True)
class Summons:
    as_of: dt.date
    rows: list[SummonsRow]


def summons_list(db: Database, as_of: dt.date) -> Summons:
    hits = evaluate(db, as_of, RuleAction.SUMMONS)
    with db.reading() as session:
        leaders = dict(session.execute(select(Unit.name, Unit.leader)).all())
    by_unit: dict[str, list[Hit]] = {}
    for hit in hits:
        by_unit.setdefault(hit.unit, []).append(hit)
    rows = [SummonsRow(unit, leaders.get(unit, ""), tuple(found)) for unit, found in by_unit.items()]
    rows.sort(key=lambda r: (-len(r.hits), -sum(h.count for h in r.hits), r.unit))
    return Summons(as_of, rows)


def summons_pdf(db: Database, as_of: dt.date, kind: str = "pdf") -> bytes:
    """The list as the clerk prints it for the leaders (or a Word draft, ``kind="docx"``)."""
    summons = summons_list(db, as_of)
    with db.reading() as session:
        office = settings.load(session).office
    intro = (f"截至{chinese_date(as_of)}，按本办约谈规则，建议约谈以下{len(summons.rows)}个单位的主要负责同志或"
             "分管负责同志：" if summons.rows else f"截至{chinese_date(as_of)}，没有单位达到本办的约谈规则。")
    entries = [f"{r.unit}{f'（{r.leader}）' if r.leader else ''}：{r.reason}。" for r in summons.rows]
    if kind == "docx":
        # python-docx (a tenth of a second) loads when a Word draft is asked for, not at start-up
        from aqdesk.exchange.docx.listing import write_listing
        write = write_listing
    else:
        write = render_listing
    return write("约谈建议名单", intro, entries, office.name, as_of, document_fonts.office_fonts(db))


def notices(db: Database, summons: Summons) -> list[str]:
    """Substituted fonts and unprintable characters, said before the list is saved."""
    texts = [f"{r.unit}{r.leader}" for r in summons.rows]
    return document_fonts.notices(document_fonts.office_fonts(db), texts)


def save_summons_pdf(db: Database, as_of: dt.date, path: Path, formats: Sequence[str] = ("pdf",)) -> Path:
    """Write the list beside ``path`` in each format; returns the first file."""
    paths = [Path(path).with_suffix(f".{kind}") for kind in formats]
    for target, kind in zip(paths, formats, strict=True):
        atomic.write_bytes(target, summons_pdf(db, as_of, kind))
    return paths[0]

"""约谈 proposals: the units the office's rules put on the 约谈 list, each with the rules
that put it there and what met them (``rules.py``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from aqdesk.db.database import Database
from aqdesk.db.models import Unit
from aqdesk.domain.docnumber import chinese_date
from aqdesk.domain.followup import RuleAction
from aqdesk.exchange import atomic
from aqdesk.exchange.pdf.listing import render_listing
from aqdesk.services.common import settings
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


def summons_pdf(db: Database, as_of: dt.date) -> bytes:
    """The list as the clerk prints it for the leaders."""
    summons = summons_list(db, as_of)
    with db.reading() as session:
        office = settings.all_values(session)
    intro = (f"截至{chinese_date(as_of)}，按本办约谈规则，建议约谈以下{len(summons.rows)}个单位的主要负责同志或"
             "分管负责同志：" if summons.rows else f"截至{chinese_date(as_of)}，没有单位达到本办的约谈规则。")
    entries = [f"{r.unit}{f'（{r.leader}）' if r.leader else ''}：{r.reason}。" for r in summons.rows]
    return render_listing("约谈建议名单", intro, entries, office["office.name"], as_of)


def save_summons_pdf(db: Database, as_of: dt.date, path: Path) -> Path:
    return atomic.write_bytes(Path(path), summons_pdf(db, as_of))

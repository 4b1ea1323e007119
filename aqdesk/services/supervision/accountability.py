"""问责 records (按《量化问责规定》): the person, unit, post, matter, kind, the deciding body,
the date and the document, with counts by year for the year-end summary."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import Accountability
from aqdesk.domain.followup import AccountabilityKind
from aqdesk.errors import UserError
from aqdesk.services.common import audit
from aqdesk.services.common.editing import refuse
from aqdesk.services.common.units import UnitDirectory


@dataclass(frozen=True)
class AccountabilityRow:
    id: int
    person: str
    unit: str
    post: str
    matter: str
    kind: AccountabilityKind
    decided_by: str
    decided_on: dt.date
    doc_ref: str
    recorded_by: str


@dataclass(frozen=True)
class YearCount:
    year: int
    people: int
    by_kind: tuple[tuple[AccountabilityKind, int], ...]

    @property
    def sentence(self) -> str:
        """As the year-end summary writes it: 共对…名…进行了党政纪处理."""
        kinds = "、".join(f"{kind.label}{n}人" for kind, n in self.by_kind)
        return f"{self.year}年共问责{self.people}人（{kinds}）" if self.people else f"{self.year}年未问责"


def record_accountability(db: Database, *, person: str, unit: str, post: str, matter: str, kind: AccountabilityKind,
                          decided_by: str, decided_on: dt.date, doc_ref: str = "") -> str:
    refuse([p for p in (
        "请填写被问责人姓名" if not person.strip() else "",
        "请填写问责事由" if not matter.strip() else "",
        "请填写问责决定机关" if not decided_by.strip() else "",
    ) if p])
    with db.transaction() as session:
        unit_id = UnitDirectory(session).find(unit)
        if unit_id is None:
            raise UserError(f"找不到单位“{unit}”（请检查名称或简称）。")
        changes = audit.ChangeSet(session)
        changes.insert(Accountability(person=person.strip()[:100], unit_id=unit_id, post=post.strip()[:200],
                                      matter=matter.strip(), kind=kind.value, decided_by=decided_by.strip()[:200],
                                      decided_on=decided_on, doc_ref=doc_ref.strip()[:200], recorded_by=changes.who))
        return changes.action_id


def accountability_rows(db: Database, year: int | None = None, unit_id: int | None = None) -> list[AccountabilityRow]:
    query = select(Accountability).options(selectinload(Accountability.unit)).order_by(
        Accountability.decided_on.desc(), Accountability.id.desc())
    if unit_id is not None:
        query = query.where(Accountability.unit_id == unit_id)
    with db.reading() as session:
        rows = [AccountabilityRow(a.id, a.person, a.unit.name, a.post, a.matter, AccountabilityKind(a.kind),
                                  a.decided_by, a.decided_on, a.doc_ref, a.recorded_by)
                for a in session.scalars(query)]
    return [r for r in rows if year is None or r.decided_on.year == year]


def counts_by_year(db: Database) -> list[YearCount]:
    """Newest year first; one person held to account twice in a year counts once."""
    by_year: dict[int, list[AccountabilityRow]] = {}
    for row in accountability_rows(db):
        by_year.setdefault(row.decided_on.year, []).append(row)
    out = []
    for year, rows in sorted(by_year.items(), reverse=True):
        kinds = Counter(r.kind for r in rows)
        out.append(YearCount(year, len({(r.person, r.unit) for r in rows}),
                             tuple((k, kinds[k]) for k in AccountabilityKind if kinds[k])))
    return out

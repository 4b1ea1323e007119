"""Inspections (督查, 巡查, 暗查暗访, 专项督察): when, by whom, where, and the problems found,
each answered for by a unit and, once supervised, put on a sheet as an item (``sheet_items``).
问题来源 is a chosen value, so findings and sheets can be counted by where they came from."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import Inspection, InspectionFinding, SupervisionSheet
from aqdesk.domain.followup import InspectionKind, ProblemSource
from aqdesk.errors import UserError
from aqdesk.services.common import audit
from aqdesk.services.common.editing import refuse
from aqdesk.services.common.units import UnitDirectory


@dataclass(frozen=True)
class FindingInput:
    unit: str
    text: str
    deadline: dt.date | None = None


@dataclass(frozen=True)
class FindingRow:
    id: int
    unit: str
    text: str
    deadline: dt.date | None
    done_on: dt.date | None
    sheet: str = ""  # the number of the sheet that supervises it


@dataclass(frozen=True)
class InspectionRow:
    id: int
    kind: InspectionKind
    on_date: dt.date
    team: str
    places: str
    source: ProblemSource
    findings: tuple[FindingRow, ...]


def record_inspection(db: Database, *, kind: InspectionKind, on_date: dt.date, team: str, places: str,
                      source: ProblemSource, findings: Sequence[FindingInput]) -> tuple[int, str]:
    refuse([p for p in (
        "请填写督查组" if not team.strip() else "",
        "请至少填写一个发现的问题" if not any(f.text.strip() for f in findings) else "",
    ) if p])
    with db.transaction() as session:
        directory = UnitDirectory(session)
        unknown = [f.unit for f in findings if f.text.strip() and directory.find(f.unit) is None]
        if unknown:
            raise UserError(f"找不到单位：{'、'.join(unknown)}（请检查名称或简称）。")
        changes = audit.ChangeSet(session)
        row = changes.insert(Inspection(kind=kind.value, on_date=on_date, team=team.strip()[:200],
                                        places=places.strip(), source=source.value))
        for f in findings:
            if f.text.strip():
                changes.insert(InspectionFinding(inspection_id=row.id, unit_id=directory.find(f.unit),
                                                 text=f.text.strip(), deadline=f.deadline))
        return row.id, changes.action_id


def complete_finding(db: Database, finding_id: int, done_on: dt.date) -> str:
    with db.transaction() as session:
        row = session.get(InspectionFinding, finding_id)
        if row is None:
            raise UserError("该问题已不存在，请刷新。")
        changes = audit.ChangeSet(session)
        changes.update(row, done_on=done_on)
        return changes.action_id


def inspection_rows(db: Database, unit_id: int | None = None) -> list[InspectionRow]:
    with db.reading() as session:
        sheets = dict(session.execute(select(SupervisionSheet.id, SupervisionSheet.number)).all())
        out = []
        for i in session.scalars(select(Inspection).options(
                selectinload(Inspection.findings).selectinload(InspectionFinding.unit))
                .order_by(Inspection.on_date.desc(), Inspection.id.desc())):
            findings = tuple(FindingRow(f.id, f.unit.name, f.text, f.deadline, f.done_on, sheets.get(f.sheet_id, ""))
                             for f in i.findings if unit_id is None or f.unit_id == unit_id)
            if unit_id is None or findings:
                out.append(InspectionRow(i.id, InspectionKind(i.kind), i.on_date, i.team, i.places,
                                         ProblemSource(i.source), findings))
        return out


def source_of(text: str) -> ProblemSource:
    """A sheet's 问题来源 as written; anything not one of the chosen values counts as 其他."""
    return ProblemSource.from_label(text) or ProblemSource.OTHER


def counts_by_source(db: Database, year: int) -> list[tuple[ProblemSource, int, int]]:
    """(source, problems found by inspections, sheets issued) in ``year``, sources with any."""
    with db.reading() as session:
        found = Counter(ProblemSource(source) for source, on in session.execute(
            select(Inspection.source, Inspection.on_date).join(InspectionFinding)) if on.year == year)
        sheets = Counter(source_of(source) for source, on in session.execute(
            select(SupervisionSheet.source, SupervisionSheet.issued_on)) if on.year == year and source.strip())
    return [(s, found[s], sheets[s]) for s in ProblemSource if found[s] or sheets[s]]

"""What goes into a unit's return template (报送表): the unit's own rows of each ledger,
prefilled with the ledger's current state so that the unit only changes what moved.

Rows are keyed by the canonical headings of the return (RETURNS.md), the same vocabulary the
reader maps a returned file to, so what is written is what comes back.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import (
    Enterprise,
    LooseCoalReport,
    LooseCoalTarget,
    SubstitutionTarget,
    Task,
    TaskShare,
    Unit,
)
from aqdesk.domain import headings as h
from aqdesk.domain.enums import SubstitutionKind, UnitKind
from aqdesk.domain.headings import SheetKind
from aqdesk.domain.relocation import current_stage
from aqdesk.domain.values import CellValue
from aqdesk.errors import UserError
from aqdesk.exchange.template_xlsx import TemplateContent, TemplateSheet
from aqdesk.services.common import settings, years
from aqdesk.services.common.units import UnitDirectory
from aqdesk.services.common.years import in_year

# A township's rows are in its county's template, so --all makes none for townships.
_ALL_KINDS = (UnitKind.DEPARTMENT.value, UnitKind.COUNTY.value)
_KIND_ORDER = {kind.value: index for index, kind in enumerate(SubstitutionKind)}


def template_content(db: Database, unit_name: str, period: dt.date, year: int | None = None) -> TemplateContent:
    """The template of ``unit_name`` (any of its names) for ``period``, with the items of the
    plan year ``period`` falls in (or ``year``); sheets with no row for the unit are left out."""
    with db.reading() as session:
        unit_id = UnitDirectory(session).find(unit_name)
        if unit_id is None:
            raise UserError(f"找不到单位“{unit_name}”（请检查名称或简称）。")
        unit = session.get(Unit, unit_id)
        office = settings.load(session).office
        year = years.resolve(session, period, year)
        return TemplateContent(
            unit=unit.name, period=period, city=office.city, office=office.name,
            sheets=_sheets(session, unit, year), year=year,
        )


def units_with_templates(db: Database, period: dt.date | None = None, year: int | None = None) -> list[str]:
    """The departments and counties whose template would have at least one row, in the
    office's order of units."""
    with db.reading() as session:
        year = years.resolve(session, period or dt.date.today(), year)
        units = session.scalars(
            select(Unit).where(Unit.kind.in_(_ALL_KINDS), Unit.active)
            .order_by(Unit.sort_order, Unit.id)
        ).all()
        return [unit.name for unit in units if _sheets(session, unit, year)]


def _sheets(session: Session, unit: Unit, year: int) -> tuple[TemplateSheet, ...]:
    sheets = (
        TemplateSheet(SheetKind.TASK_PROGRESS, _task_rows(session, unit, year)),
        TemplateSheet(SheetKind.LOOSE_COAL, _loose_coal_rows(session, unit)),
        TemplateSheet(SheetKind.RELOCATION, _enterprise_rows(session, unit, year)),
        TemplateSheet(SheetKind.SUBSTITUTION, _township_rows(session, unit, year)),
    )
    return tuple(sheet for sheet in sheets if sheet.rows)


def _task_rows(session: Session, unit: Unit, year: int) -> tuple[dict[str, CellValue], ...]:
    """The tasks the unit leads and those it has a share of, a share carrying the unit's own
    figures. 进展情况 carries the latest text because it is written as a running account
    (截至…已完成…) that the unit brings up to date; 是否完成, 完成时间, 存在问题 and 下步计划 are
    this period's and start blank."""
    shares = {s.task_id: s for s in session.scalars(select(TaskShare).where(TaskShare.unit_id == unit.id))}
    tasks = session.scalars(select(Task).where(or_(Task.lead_unit_id == unit.id, Task.id.in_(list(shares))),
                                               Task.plan_year == year).order_by(Task.number))
    rows = []
    for t in tasks:
        own = shares.get(t.id, t)
        rows.append({h.TASK_NUMBER: t.number, h.TASK_NAME: t.title, h.PROGRESS: own.latest_progress,
                     h.PERCENT: own.progress_pct})
    return tuple(rows)


def _loose_coal_rows(session: Session, unit: Unit) -> tuple[dict[str, CellValue], ...]:
    """A county reports its own figures and a township its county's; the figures are this
    period's, so only the county is filled in."""
    if unit.kind == UnitKind.COUNTY:
        county = unit
    elif unit.kind == UnitKind.TOWNSHIP and unit.parent is not None:
        county = unit.parent
    else:
        return ()
    supervised = session.scalar(select(or_(
        exists().where(LooseCoalTarget.county_id == county.id),
        exists().where(LooseCoalReport.county_id == county.id),
    )))
    return ({h.COUNTY: county.name},) if supervised else ()


def _enterprise_rows(session: Session, unit: Unit, year: int) -> tuple[dict[str, CellValue], ...]:
    enterprises = session.scalars(
        select(Enterprise).where(Enterprise.county_id == unit.id, *in_year(year))
        .options(selectinload(Enterprise.milestones)).order_by(Enterprise.id)
    )
    rows = []
    for enterprise in enterprises:
        actuals = [m.actual_date for m in enterprise.milestones]
        row: dict[str, CellValue] = {h.ENTERPRISE: enterprise.name,
                                     h.CREDIT_CODE: enterprise.credit_code or "",
                                     h.STAGE: current_stage(actuals)}
        row.update((heading, date) for heading, date in zip(h.MILESTONE_DATES, actuals, strict=False)
                   if date is not None)
        rows.append(row)
    return tuple(rows)


def _township_rows(session: Session, unit: Unit, year: int) -> tuple[dict[str, CellValue], ...]:
    township, county = aliased(Unit), aliased(Unit)
    if unit.kind == UnitKind.COUNTY:
        whose = township.parent_id == unit.id
    elif unit.kind == UnitKind.TOWNSHIP:
        whose = township.id == unit.id
    else:
        return ()
    records = session.execute(
        select(county.name, township.name, SubstitutionTarget.kind, SubstitutionTarget.target_households,
               SubstitutionTarget.completed, SubstitutionTarget.accepted, township.sort_order, township.id)
        .join(township, SubstitutionTarget.township_id == township.id)
        .outerjoin(county, township.parent_id == county.id)
        .where(whose, SubstitutionTarget.season == year)
    ).all()
    records.sort(key=lambda record: (record[6], record[7], _KIND_ORDER[record[2]]))
    return tuple(
        {h.COUNTY: county_name or "", h.TOWNSHIP: township_name, h.KIND: kind.label,
         h.TARGET_HOUSEHOLDS: target, h.COMPLETED: completed, h.ACCEPTED: accepted}
        for county_name, township_name, kind, target, completed, accepted, _, _ in records
    )

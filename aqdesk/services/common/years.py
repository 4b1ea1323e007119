"""Plan years: which years the ledger holds, which one a screen or command shows, and the
closed ones whose items may no longer change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from aqdesk.db.base import Base
from aqdesk.db.models import (
    Enterprise,
    Letter,
    LooseCoalTarget,
    Milestone,
    PlanYear,
    SubstitutionTarget,
    SupervisionSheet,
    Task,
    TaskShare,
)
from aqdesk.errors import UserError


def in_year(year: int) -> tuple:
    """The conditions that keep a programme enterprise in ``year``'s ledger."""
    return (Enterprise.first_year <= year, (Enterprise.last_year.is_(None)) | (Enterprise.last_year >= year))


def known_years(session: Session) -> list[int]:
    """Every year the office opened or that has planned items."""
    found = session.scalars(union(
        select(PlanYear.year), select(Task.plan_year), select(SubstitutionTarget.season),
        select(LooseCoalTarget.year))).all()
    return sorted(set(found))


def closed_years(session: Session) -> set[int]:
    return set(session.scalars(select(PlanYear.year).where(PlanYear.closed_at.is_not(None))))


def year_to_open(session: Session) -> int | None:
    """The year after the latest closed one, until it has been opened (its plan may already
    have been loaded)."""
    closed = closed_years(session)
    if not closed:
        return None
    following = max(closed) + 1
    return None if session.get(PlanYear, following) is not None else following


def is_closed(session: Session, year: int) -> bool:
    return year in closed_years(session)


def default_year(session: Session, as_of: dt.date) -> int:
    """The year shown as of ``as_of``: the latest the ledger holds up to that date's year, so
    that in early January the last year's plan shows until the new one is loaded."""
    years = known_years(session)
    earlier = [y for y in years if y <= as_of.year]
    if earlier:
        return earlier[-1]
    return years[0] if years else as_of.year


def resolve(session: Session, as_of: dt.date, year: int | None) -> int:
    return default_year(session, as_of) if year is None else year


def closed_message(year: int, what: str = "该记录") -> str:
    return (f"{year}年度已结转关闭，{what}属于{year}年度，只能查看，不能修改或撤销修改。"
            f"如确需更正，请在“工具→年度结转”中重新打开{year}年度。")


def year_of_row(session: Session, row: object) -> int | None:
    """The plan year a mapped row belongs to; None for rows of no year (units, settings)."""
    if isinstance(row, Task):
        return row.plan_year
    if isinstance(row, SubstitutionTarget):
        return row.season
    if isinstance(row, (SupervisionSheet, LooseCoalTarget, Letter)):
        return row.year
    if isinstance(row, Milestone):
        # an unfinished milestone goes on into the next year with its enterprise
        return row.actual_date.year if row.actual_date else None
    if isinstance(row, Enterprise):
        return row.last_year
    for name in ("task_id", "target_id", "sheet_id", "milestone_id", "share_id"):
        parent_id = getattr(row, name, None)
        if parent_id is not None:
            parent = {"task_id": Task, "target_id": SubstitutionTarget, "sheet_id": SupervisionSheet,
                      "milestone_id": Milestone, "share_id": TaskShare}[name]
            parent_row = session.get(parent, parent_id)
            return year_of_row(session, parent_row) if parent_row is not None else None
    period = getattr(row, "period", None)
    return period.year if isinstance(period, dt.date) else None


def refuse_closed_row(session: Session, row: object, what: str = "该记录") -> None:
    closed = closed_years(session)
    if closed:
        year = year_of_row(session, row)
        if year in closed:
            raise UserError(closed_message(year, what))


def refuse_closed_rows(session: Session, rows: Iterable[tuple[str, int]], what: str) -> None:
    """``rows``: (table name, id) pairs, as an import batch records them."""
    if not closed_years(session):
        return
    models = {m.class_.__tablename__: m.class_ for m in Base.registry.mappers}
    for table, row_id in rows:
        row = session.get(models[table], row_id)
        if row is not None:
            refuse_closed_row(session, row, what)

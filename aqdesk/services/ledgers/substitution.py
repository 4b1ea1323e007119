"""双替代 ledger: each township's households against its target, roll-ups, hand edits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from aqdesk.db.database import Database
from aqdesk.db.models import DeadlineChange, SubstitutionTarget, Unit
from aqdesk.domain.enums import Color, SubstitutionKind
from aqdesk.domain.substitution import Households, data_error, figure_problems, roll_up
from aqdesk.domain.validation import postponement_problems
from aqdesk.services.common import audit, settings, years
from aqdesk.services.common.editing import editing, refuse
from aqdesk.services.common.history import History
from aqdesk.services.common.warning_colours import Assessor


@dataclass(slots=True)
class TownshipRow:
    id: int
    version: int
    county: str
    township: str
    kind: SubstitutionKind
    target: int
    completed: int
    accepted: int
    percent: float | None
    deadline: dt.date | None
    color: Color
    reason: str
    days_left: int | None
    data_error: str
    days_text: str = ""  # 逾期/剩余 in the unit the reason uses
    postponed: int = 0


def township_rows(db: Database, as_of: dt.date, year: int | None = None) -> list[TownshipRow]:
    """The townships' targets of the heating season of plan year ``year`` (by default the
    one ``as_of`` falls in)."""
    township, county = aliased(Unit), aliased(Unit)
    query = (
        select(SubstitutionTarget.id, SubstitutionTarget.version, SubstitutionTarget.kind,
               SubstitutionTarget.target_households, SubstitutionTarget.completed, SubstitutionTarget.accepted,
               SubstitutionTarget.deadline, township.name.label("township"), county.name.label("county"))
        .join(township, SubstitutionTarget.township_id == township.id)
        .outerjoin(county, township.parent_id == county.id)
        .order_by(SubstitutionTarget.id)
    )
    with db.reading() as session:
        assessor = Assessor.load(session, as_of)
        season = years.resolve(session, as_of, year)
        # plain tuples: 100,000 ORM objects would cost seconds
        records = session.execute(query.where(SubstitutionTarget.season == season)).all()
        postponed = dict(session.execute(
            select(DeadlineChange.target_id, func.count()).where(DeadlineChange.target_id.is_not(None))
            .group_by(DeadlineChange.target_id)).all())
        history = History.load(session, as_of)
    kinds = {k.value: k for k in SubstitutionKind}
    season_start = assessor.heating_season_start
    rows = []
    for row_id, version, kind, target, completed, accepted, deadline, township_name, county_name in records:
        completed, accepted = history.township(row_id, completed, accepted)
        deadline = deadline or season_start
        warning = assessor.township_figures(target, completed, deadline)
        rows.append(TownshipRow(
            row_id, version, county_name or "", township_name, kinds[kind], target, completed, accepted,
            100.0 * completed / target if target else None, deadline, warning.color, warning.reason,
            warning.days_left, data_error(target, completed, accepted) if completed > target or accepted > completed
            else "", warning.days_text, postponed.get(row_id, 0),
        ))
    return rows


def totals(rows: list[TownshipRow]) -> dict[tuple[str, str], Households]:
    """Per (county, kind label), per (county, ""), and for 全市."""
    return roll_up((r.county, r.kind.label, r.target, r.completed, r.accepted) for r in rows)


def update_township(db: Database, target_id: int, expected_version: int, *, target: int, completed: int,
                    accepted: int, deadline: dt.date | None, reason: str = "",
                    changed_on: dt.date | None = None) -> str | None:
    """A changed deadline is a postponement, as for tasks and enterprises: it needs a reason and
    is recorded (and counted) with it. A township without its own deadline has the heating
    season's start of that year; saving that same day again is no change."""
    refuse(figure_problems(target, completed, accepted))
    with editing(db, SubstitutionTarget, target_id, expected_version, label="该乡镇任务") as (session, row):
        changes = audit.ChangeSet(session)
        if deadline is not None and row.deadline is None and deadline == dt.date(deadline.year, *settings.load(session).substitution.heating_season_start):
            deadline = None
        if deadline != row.deadline and deadline is not None:
            old = row.deadline or dt.date(deadline.year, *settings.load(session).substitution.heating_season_start)
            refuse(postponement_problems(old=old, new=deadline, reason=reason))
            changes.insert(DeadlineChange(target_id=row.id, old_date=old, new_date=deadline, reason=reason.strip(),
                                          changed_on=changed_on or dt.date.today()))
        changes.update(row, target_households=target, completed=completed, accepted=accepted, deadline=deadline)
        return changes.action_id if changes.count else None


def postponements(db: Database, target_id: int) -> list[DeadlineChange]:
    with db.reading() as session:
        return list(session.scalars(select(DeadlineChange).where(DeadlineChange.target_id == target_id)
                                    .order_by(DeadlineChange.changed_on, DeadlineChange.id)))

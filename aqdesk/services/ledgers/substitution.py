"""双替代 ledger: each township's households against its target, roll-ups, hand edits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import aliased

from aqdesk.db.database import Database
from aqdesk.db.models import SubstitutionTarget, Unit
from aqdesk.domain.enums import Color, SubstitutionKind
from aqdesk.domain.substitution import Households, data_error, figure_problems, roll_up
from aqdesk.services.common import audit
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


def township_rows(db: Database, as_of: dt.date) -> list[TownshipRow]:
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
        records = session.execute(query).all()  # plain tuples: 100,000 ORM objects would cost seconds
        history = History.load(session, as_of)
    kinds = {k.value: k for k in SubstitutionKind}
    season = assessor.heating_season_start
    rows = []
    for row_id, version, kind, target, completed, accepted, deadline, township_name, county_name in records:
        completed, accepted = history.township(row_id, completed, accepted)
        deadline = deadline or season
        warning = assessor.township_figures(target, completed, deadline)
        rows.append(TownshipRow(
            row_id, version, county_name or "", township_name, kinds[kind], target, completed, accepted,
            100.0 * completed / target if target else None, deadline, warning.color, warning.reason,
            warning.days_left, data_error(target, completed, accepted) if completed > target or accepted > completed
            else "",
        ))
    return rows


def totals(rows: list[TownshipRow]) -> dict[tuple[str, str], Households]:
    """Per (county, kind label), per (county, ""), and for 全市."""
    return roll_up((r.county, r.kind.label, r.target, r.completed, r.accepted) for r in rows)


def update_township(db: Database, target_id: int, expected_version: int, *, target: int, completed: int,
                    accepted: int, deadline: dt.date | None) -> str | None:
    refuse(figure_problems(target, completed, accepted))
    with editing(db, SubstitutionTarget, target_id, expected_version, label="该乡镇任务") as (session, row):
        changes = audit.ChangeSet(session)
        changes.update(row, target_households=target, completed=completed, accepted=accepted, deadline=deadline)
        return changes.action_id if changes.count else None

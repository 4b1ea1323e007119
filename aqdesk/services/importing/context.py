"""What checking one file needs to know: who sent it, for which period, and the ledger rows
it may touch, read once per file in plain tuples (a 双替代 return can have 100,000 rows)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from aqdesk.db.models import (
    Category,
    Enterprise,
    LooseCoalReport,
    LooseCoalTarget,
    Milestone,
    SubstitutionReport,
    SubstitutionTarget,
    Task,
    TaskShare,
    Unit,
    UnitAlias,
    task_cooperator,
)
from aqdesk.domain.enums import UnitKind
from aqdesk.domain.names import normalize_name
from aqdesk.domain.problems import Problem, Severity
from aqdesk.domain.values import CellValue
from aqdesk.services.common.units import UnitDirectory
from aqdesk.services.importing.changes import Bulk, RowOutcome


class Place(NamedTuple):
    """A 双替代 target as a return's row finds it."""

    id: int
    version: int
    target: int
    completed: int
    accepted: int


class Reported(NamedTuple):
    """The figures a township already reported for the period being imported."""

    id: int  # of the substitution_report row
    completed: int
    accepted: int


# tuple's constructor, a third of the cost of NamedTuple's own on 100,000 townships
_place: Callable[[tuple], Place] = partial(tuple.__new__, Place)


def places_from(connection: Connection) -> dict[int, dict[tuple[int, str, str], Place]]:
    """Every 双替代 target by heating season, then county, township and kind, through Core: a
    third faster than the ORM on 100,000 townships. Read before the file says its season."""
    target, unit = SubstitutionTarget.__table__, Unit.__table__
    seasons: dict[int, dict[tuple[int, str, str], Place]] = {}
    for season, i, v, county, name, kind, t, c, a in connection.execute(
            select(target.c.season, target.c.id, target.c.version, unit.c.parent_id, unit.c.name, target.c.kind,
                   target.c.target_households, target.c.completed, target.c.accepted)
            .join_from(target, unit, unit.c.id == target.c.township_id)):
        seasons.setdefault(season, {})[(county, name, kind)] = _place((i, v, t, c, a))
    return seasons


@dataclass(frozen=True)
class Sender:
    id: int
    name: str
    kind: str  # UnitKind value
    county_id: int | None  # the county it is, or lies in


@dataclass
class Context:
    session: Session
    directory: UnitDirectory
    file_name: str
    today: dt.date
    sender: Sender | None
    period: dt.date | None
    create_units: bool = False
    created: set[str] = field(default_factory=set)  # Ref names of rows this file inserts
    counties: dict[str, int | str] = field(default_factory=dict)  # name → id, or why it is refused
    bulk: list[Bulk] = field(default_factory=list)  # what the lean checkers found
    seen: dict[Any, tuple[str, int]] = field(default_factory=dict)  # a row's key → (sheet, row) that had it
    places_ahead: Future | None = None  # ``places``, read while the file was
    year: int = 0  # the plan year (for 双替代, the heating season) the file is for

    # problems -------------------------------------------------------------------------
    def problem(self, outcome: RowOutcome, heading: str | None, value: CellValue, message: str,
                severity: Severity = Severity.ERROR) -> None:
        outcome.problems.append(Problem(
            file=self.file_name, message=message, severity=severity, sheet=outcome.sheet, row=outcome.row,
            heading=heading, value=None if value is None or value == "" else value,
        ))

    def warn(self, outcome: RowOutcome, heading: str | None, value: CellValue, message: str) -> None:
        self.problem(outcome, heading, value, message, Severity.WARNING)

    def duplicate(self, outcome: RowOutcome, key: Any) -> str | None:
        """Why this row repeats an earlier one of the file with the same ``key``, if it does."""
        earlier = self.seen.setdefault(key, (outcome.sheet, outcome.row))
        if earlier == (outcome.sheet, outcome.row):
            return None
        sheet, row = earlier
        return f"与第{row}行重复" if sheet == outcome.sheet else f"与工作表「{sheet}」第{row}行重复"

    # units ----------------------------------------------------------------------------
    @cached_property
    def units(self) -> dict[int, tuple[str, str, int | None]]:
        """id → (name, kind, parent id), townships included."""
        return {i: (n, k, p) for i, n, k, p in self.session.execute(
            select(Unit.id, Unit.name, Unit.kind, Unit.parent_id))}

    @cached_property
    def named_units(self) -> dict[int, tuple[str, str, int | None]]:
        """Departments and counties, the units a row names (a city has 100,000 townships)."""
        if "units" in self.__dict__:
            return self.units
        return {i: (n, k, p) for i, n, k, p in self.session.execute(
            select(Unit.id, Unit.name, Unit.kind, Unit.parent_id).where(Unit.kind != UnitKind.TOWNSHIP))}

    def unit_id(self, name: str) -> int | None:
        return self.directory.find(name)

    @cached_property
    def townships(self) -> dict[tuple[int, str], int]:
        """(county id, normalised township name) → township unit id."""
        return {(parent, normalize_name(name)): uid for uid, (name, kind, parent) in self.units.items()
                if kind == UnitKind.TOWNSHIP and parent is not None}

    # ledgers ---------------------------------------------------------------------------
    @cached_property
    def tasks(self) -> dict[str, Task]:
        return {t.number: t for t in self.session.scalars(select(Task).where(Task.plan_year == self.year))}

    @cached_property
    def cooperators(self) -> dict[int, set[int]]:
        links: dict[int, set[int]] = {}
        for task_id, unit_id in self.session.execute(
                select(task_cooperator.c.task_id, task_cooperator.c.unit_id)
                .join(Task, Task.id == task_cooperator.c.task_id).where(Task.plan_year == self.year)):
            links.setdefault(task_id, set()).add(unit_id)
        return links

    @cached_property
    def shares(self) -> dict[tuple[int, int], TaskShare]:
        """(task id, unit id) → that unit's share of the task: a return updates its own share only."""
        return {(s.task_id, s.unit_id): s for s in self.session.scalars(
            select(TaskShare).join(Task, Task.id == TaskShare.task_id).where(Task.plan_year == self.year))}

    @cached_property
    def county_ids(self) -> list[int]:
        """The counties 「全部县区」 stands for, in the office's order."""
        unit = Unit.__table__
        return list(self.session.scalars(select(unit.c.id).where(
            unit.c.kind == UnitKind.COUNTY.value, unit.c.parent_id.is_(None), unit.c.active)
            .order_by(unit.c.sort_order, unit.c.id)))

    @cached_property
    def categories(self) -> dict[str, int]:
        return {normalize_name(n): i for i, n in self.session.execute(select(Category.id, Category.name))}

    @cached_property
    def next_category_code(self) -> int:
        codes = list(self.session.scalars(select(Category.code)))
        return max(codes, default=0) + 1

    @cached_property
    def targets(self) -> dict[tuple[int, str], tuple[Any, ...]]:
        """(township id, kind) → (id, version, target, completed, accepted, deadline)."""
        return {(tid, kind): (i, v, t, c, a, d) for i, v, tid, kind, t, c, a, d in self.session.execute(select(
            SubstitutionTarget.id, SubstitutionTarget.version, SubstitutionTarget.township_id,
            SubstitutionTarget.kind, SubstitutionTarget.target_households, SubstitutionTarget.completed,
            SubstitutionTarget.accepted, SubstitutionTarget.deadline).where(SubstitutionTarget.season == self.year))}

    @cached_property
    def places(self) -> dict[tuple[int, str, str], Place]:
        """(county id, township name as stored, kind) → its target, of the file's season."""
        seasons = self.places_ahead.result() if self.places_ahead is not None else places_from(self.session.connection())
        return seasons.get(self.year, {})

    def place(self, county_id: int, township: str, kind: str) -> tuple[str, Place] | None:
        """A township's target however its name is spelled (full-width, spaces), with the
        township's name as the ledger has it."""
        exact = self.places.get((county_id, township, kind))
        if exact is not None:
            return township, exact
        found = self._places_normalized.get((county_id, normalize_name(township), kind))
        if found is None and (alias := self.township_aliases.get((county_id, normalize_name(township)))):
            found = self._places_normalized.get((county_id, normalize_name(alias[1]), kind))
        return found

    def township_names(self, county_id: int, kind: str) -> list[str]:
        """The townships of a county with a target of ``kind``, as the ledger names them."""
        return self._townships_by_county.get((county_id, kind), [])

    @cached_property
    def _townships_by_county(self) -> dict[tuple[int, str], list[str]]:
        by_county: dict[tuple[int, str], list[str]] = {}
        for county, name, kind in self.places:
            by_county.setdefault((county, kind), []).append(name)
        return by_county

    @cached_property
    def township_aliases(self) -> dict[tuple[int, str], tuple[int, str]]:
        """(county id, normalised alias) → the township's id and name: the office's aliases
        (安城街道办事处 for 安城街道) hold within the county, where two counties' may clash."""
        unit, alias = Unit.__table__, UnitAlias.__table__
        return {(county, normalize_name(other)): (uid, name) for county, other, uid, name in self.session.execute(
            select(unit.c.parent_id, alias.c.alias, unit.c.id, unit.c.name)
            .join_from(alias, unit, unit.c.id == alias.c.unit_id)
            .where(unit.c.kind == UnitKind.TOWNSHIP.value, unit.c.parent_id.is_not(None)))}

    @cached_property
    def _places_normalized(self) -> dict[tuple[int, str, str], tuple[str, Place]]:
        return {(county, normalize_name(name), kind): (name, found)
                for (county, name, kind), found in self.places.items()}

    @cached_property
    def period_reports(self) -> dict[int, Reported]:
        """Target id → the 双替代 figures already reported for this period: a corrected
        return changes them rather than adding more."""
        report = SubstitutionReport.__table__
        return {t: Reported(i, c, a) for i, t, c, a in self.session.connection().execute(
            select(report.c.id, report.c.target_id, report.c.completed, report.c.accepted)
            .where(report.c.period == self.period))}

    @cached_property
    def enterprises(self) -> dict[int, Enterprise]:
        return {e.id: e for e in self.session.scalars(select(Enterprise))}

    @cached_property
    def enterprises_by_code(self) -> dict[str, Enterprise]:
        return {e.credit_code: e for e in self.enterprises.values() if e.credit_code}

    @cached_property
    def enterprises_by_name(self) -> dict[str, Enterprise]:
        return {normalize_name(e.name): e for e in self.enterprises.values()}

    @cached_property
    def milestones(self) -> dict[int, dict[str, Milestone]]:
        by_enterprise: dict[int, dict[str, Milestone]] = {}
        for m in self.session.scalars(select(Milestone)):
            by_enterprise.setdefault(m.enterprise_id, {})[m.kind] = m
        return by_enterprise

    @cached_property
    def loose_coal_reports(self) -> dict[tuple[int, dt.date], LooseCoalReport]:
        return {(r.county_id, r.period): r for r in self.session.scalars(select(LooseCoalReport))}

    @cached_property
    def loose_coal_targets(self) -> dict[tuple[int, int], LooseCoalTarget]:
        return {(t.county_id, t.year): t for t in self.session.scalars(select(LooseCoalTarget))}

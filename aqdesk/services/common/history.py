"""The ledgers as they stood on a past date, rebuilt from the history the database keeps:
progress reports by the period they describe, deadlines by their postponements, completion
and milestone dates, a sheet's loop steps by their dates, 双替代 households by the period
reported (散煤 figures are summed by period already, ``ledgers.loose_coal``).

Each record is rolled back from its present state only where something is dated after the
day asked for, so a ledger whose figures came from a plan (with no reports behind them) reads
as it is, and asking about today costs three small queries that find nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from aqdesk.db.models import (
    DeadlineChange,
    SharePostponement,
    ShareProgress,
    SubstitutionReport,
    TaskProgress,
)
from aqdesk.domain.enums import DeadlineKind, LoopStep, TaskStatus
from aqdesk.services.common import import_record


@dataclass(frozen=True, slots=True)
class TaskAt:
    """A task's fields as they stood, under the names ``Assessor.task`` reads."""

    id: int
    status: TaskStatus
    deadline_kind: DeadlineKind
    deadline: dt.date | None
    start_date: dt.date | None
    progress_pct: int
    done_on: dt.date | None
    last_reported_on: dt.date | None
    latest_progress: str
    shares: tuple[ShareAt, ...] = ()
    share_rule: str = "all"
    shares_needed: int | None = None
    lead_unit_id: int | None = None


@dataclass(frozen=True, slots=True)
class ShareAt:
    """A share of a task as it stood, under the names ``Assessor.share`` reads; ``deadline``
    is the share's own or, without one, the task's."""

    id: int
    unit_id: int
    unit: str
    county: bool
    status: TaskStatus
    deadline: dt.date | None
    progress_pct: int
    done_on: dt.date | None
    last_reported_on: dt.date | None
    latest_progress: str


class History:
    def __init__(self, as_of: dt.date, later_reports: set[int], earlier: dict[int, tuple[int, str, dt.date]],
                 deadlines: dict[tuple[str, int], dt.date | None],
                 townships: dict[int, tuple[int | None, int | None]] | None = None):
        self.as_of = as_of
        self._later_reports = later_reports
        self._earlier = earlier
        self._deadlines = deadlines
        self._townships = townships or {}  # target id → (completed, accepted) then, for those reported since
        self._share_later: set[int] = set()
        self._share_earlier: dict[int, tuple[int, str, dt.date]] = {}
        self._share_deadlines: dict[int, dt.date | None] = {}

    @classmethod
    def load(cls, session: Session, as_of: dt.date) -> History:
        # A report counts from its period (the date it describes), not the day it was keyed in: a
        # return for 11-20 imported on 11-26 tells how things stood on 11-20.
        later = set(session.scalars(select(TaskProgress.task_id).where(TaskProgress.period > as_of).distinct()))
        earlier: dict[int, tuple[int, str, dt.date]] = {}
        if later:
            for task_id, pct, text, on in session.execute(
                    select(TaskProgress.task_id, TaskProgress.progress_pct, TaskProgress.text, TaskProgress.reported_on)
                    .where(TaskProgress.task_id.in_(later), TaskProgress.period <= as_of)
                    .order_by(TaskProgress.period, TaskProgress.id)):
                earlier[task_id] = (pct, text, min(on, as_of))
        deadlines: dict[tuple[str, int], dt.date | None] = {}
        for changed_task, changed_milestone, old in session.execute(
                select(DeadlineChange.task_id, DeadlineChange.milestone_id, DeadlineChange.old_date)
                .where(DeadlineChange.changed_on > as_of).order_by(DeadlineChange.changed_on, DeadlineChange.id)):
            # the first postponement after the day undoes all later ones: its old date stood then;
            # a change is of a task or of a milestone, never both (a check constraint)
            if changed_task is not None:
                deadlines.setdefault(("task", changed_task), old)
            elif changed_milestone is not None:
                deadlines.setdefault(("milestone", changed_milestone), old)
        history = cls(as_of, later, earlier, deadlines, _townships(session, as_of))
        history._load_shares(session)
        return history

    def _load_shares(self, session: Session) -> None:
        as_of = self.as_of
        self._share_later = set(session.scalars(
            select(ShareProgress.share_id).where(ShareProgress.period > as_of).distinct()))
        if self._share_later:
            for share_id, pct, text, on in session.execute(
                    select(ShareProgress.share_id, ShareProgress.progress_pct, ShareProgress.text,
                           ShareProgress.reported_on)
                    .where(ShareProgress.share_id.in_(self._share_later), ShareProgress.period <= as_of)
                    .order_by(ShareProgress.period, ShareProgress.id)):
                self._share_earlier[share_id] = (pct, text, min(on, as_of))
        for share_id, old in session.execute(
                select(SharePostponement.share_id, SharePostponement.old_date)
                .where(SharePostponement.changed_on > as_of)
                .order_by(SharePostponement.changed_on, SharePostponement.id)):
            self._share_deadlines.setdefault(share_id, old)

    def task(self, t) -> TaskAt:
        """``t``: a Task, or a row with its attribute names."""
        done_on = t.done_on if t.done_on is not None and t.done_on <= self.as_of else None
        if t.id in self._later_reports:
            pct, text, reported = self._earlier.get(t.id, (0, "", None))
        else:
            pct, text, reported = t.progress_pct, t.latest_progress, t.last_reported_on
        status = t.status
        if status == TaskStatus.DONE and t.done_on is not None and done_on is None:
            status = TaskStatus.IN_PROGRESS if pct or reported else TaskStatus.NOT_STARTED
            pct = min(pct, 99)
        deadline = self._deadlines.get(("task", t.id), t.deadline)
        shares = tuple(self.share(s, deadline) for s in getattr(t, "shares", ()))
        return TaskAt(t.id, status, t.deadline_kind, deadline, t.start_date, pct, done_on, reported, text,
                      shares, getattr(t, "share_rule", "all"), getattr(t, "shares_needed", None),
                      getattr(t, "lead_unit_id", None))

    def share(self, s, task_deadline: dt.date | None) -> ShareAt:
        """``s``: a TaskShare with its unit loaded."""
        done_on = s.done_on if s.done_on is not None and s.done_on <= self.as_of else None
        if s.id in self._share_later:
            pct, text, reported = self._share_earlier.get(s.id, (0, "", None))
        else:
            pct, text, reported = s.progress_pct, s.latest_progress, s.last_reported_on
        status = s.status
        if status == TaskStatus.DONE and s.done_on is not None and done_on is None:
            status = TaskStatus.IN_PROGRESS if pct or reported else TaskStatus.NOT_STARTED
            pct = min(pct, 99)
        own = self._share_deadlines.get(s.id, s.deadline)
        return ShareAt(s.id, s.unit_id, s.unit.name, s.unit.kind == "county", status, own or task_deadline, pct,
                       done_on, reported, text)

    def milestone(self, milestone_id: int, planned: dt.date | None,
                  actual: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
        """(planned, actual) as they stood."""
        return (self._deadlines.get(("milestone", milestone_id), planned),
                actual if actual is not None and actual <= self.as_of else None)

    def township(self, target_id: int, completed: int, accepted: int) -> tuple[int, int]:
        """A 双替代 target's (completed, accepted) households as last reported by then."""
        then = self._townships.get(target_id)
        if then is None:
            return completed, accepted
        return (completed if then[0] is None else then[0]), (accepted if then[1] is None else then[1])

    def sheet_steps(self, steps: list[tuple[LoopStep, dt.date]],
                    state: LoopStep) -> tuple[list[tuple[LoopStep, dt.date]], LoopStep]:
        """A sheet's steps up to the day, and the step it stood at."""
        kept = [(step, on) for step, on in steps if on <= self.as_of]
        if len(kept) == len(steps):
            return steps, state
        return kept, kept[-1][0] if kept else LoopStep.ISSUED


def _townships(session: Session, as_of: dt.date) -> dict[int, tuple[int | None, int | None]]:
    """For the targets with a report for a period after the day, their figures then: the
    latest report up to the day, or else the figures the first later report's import found
    (kept with its batch); ``None`` for a figure nothing records."""
    r = SubstitutionReport.__table__
    if session.execute(select(r.c.id).where(r.c.period > as_of).limit(1)).first() is None:
        return {}
    first_batch: dict[int, int | None] = {}
    for target_id, batch_id in session.execute(select(r.c.target_id, r.c.batch_id).where(r.c.period > as_of)
                                               .order_by(r.c.period, r.c.id)):
        first_batch.setdefault(target_id, batch_id)
    found: dict[int, tuple[int | None, int | None]] = dict.fromkeys(first_batch, (None, None))
    for batch_id in {b for b in first_batch.values() if b is not None}:
        for group in import_record.load(session, batch_id):
            if group["table"] != "substitution_target":
                continue
            fields, width = group["fields"], len(group["fields"])
            for row in group["rows"]:
                if first_batch.get(row[0]) == batch_id:
                    old = dict(zip(fields, row[1:1 + width], strict=True))
                    found[row[0]] = (old.get("completed"), old.get("accepted"))
    for target_id, completed, accepted in session.execute(
            select(r.c.target_id, r.c.completed, r.c.accepted)
            .where(r.c.target_id.in_(list(first_batch)), r.c.period <= as_of).order_by(r.c.period, r.c.id)):
        found[target_id] = (completed, accepted)
    return found

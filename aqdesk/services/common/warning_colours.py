"""Warning colours for the rows of each ledger, as of a date, with the office's settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from aqdesk.domain.enums import DeadlineKind, LoopStep, TaskStatus
from aqdesk.domain.shares import Derived, ShareState, derive, rule_of
from aqdesk.domain.warning import Assessment, WarningSettings, assess, assess_standing
from aqdesk.domain.workcalendar import WorkCalendar
from aqdesk.services.common import settings, workdays


@dataclass(frozen=True)
class Assessor:
    as_of: dt.date
    calendar: WorkCalendar
    settings: WarningSettings
    heating_season: tuple[int, int] = (11, 15)  # month, day: the default 双替代 deadline
    # Ledgers of 100,000 rows share a few hundred deadlines: a colour that depends only on
    # dates is worked out once per distinct key.
    _by_dates: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls, session: Session, as_of: dt.date) -> Assessor:
        office = settings.load(session)
        return cls(as_of, workdays.load(session), office.warning.rules(), office.substitution.heating_season_start)

    @property
    def heating_season_start(self) -> dt.date:
        return dt.date(self.as_of.year, *self.heating_season)

    def _assess(self, **kwargs) -> Assessment:
        return assess(as_of=self.as_of, calendar=self.calendar, settings=self.settings, **kwargs)

    def task(self, t) -> Assessment:
        """``t``: a Task or a row with the same attribute names; a task split into shares
        (``t.shares``) is coloured from them by its rule."""
        if getattr(t, "shares", None):
            return self.shared(t).warning
        return self._own(t)

    def shared(self, t) -> Derived:
        """A task's colour, progress and completion as its shares make them."""
        lead = getattr(t, "lead_unit_id", None)
        states = [ShareState(s.unit, self.share(t, s), s.progress_pct, s.status == TaskStatus.DONE, s.unit_id == lead)
                  for s in t.shares]
        noun = "县区" if all(s.county for s in t.shares) else "单位"
        return derive(rule_of(t.share_rule), states, own=lambda: self._own(t), own_progress=t.progress_pct,
                      own_done=t.status == TaskStatus.DONE, needed=t.shares_needed, noun=noun)

    def share(self, t, s) -> Assessment:
        """One unit's share of task ``t``: dated by its own deadline or the task's."""
        done = s.status == TaskStatus.DONE
        deadline = s.deadline
        if deadline is None and t.deadline_kind is not DeadlineKind.DATE and not done:
            return assess_standing(as_of=self.as_of, kind=t.deadline_kind, last_reported_on=s.last_reported_on,
                                   settings=self.settings)
        if done or deadline is None or deadline < self.as_of:
            # finished, undated or overdue: the colour and reason hang on the dates alone, and the
            # shares of a duty on every county mostly have the same ones
            key = ("share", deadline, done, s.done_on if done else None)
            warning = self._by_dates.get(key)
            if warning is None:
                warning = self._by_dates[key] = self._assess(deadline=deadline, done=done, done_on=s.done_on)
            return warning
        return self._assess(deadline=deadline, done=done, start=t.start_date, progress=s.progress_pct,
                            done_on=s.done_on)

    def _own(self, t) -> Assessment:
        done = t.status == TaskStatus.DONE
        kind = t.deadline_kind
        if kind is not DeadlineKind.DATE and not done:
            return assess_standing(
                as_of=self.as_of, kind=kind, last_reported_on=t.last_reported_on, settings=self.settings
            )
        return self._assess(
            deadline=t.deadline, done=done, start=t.start_date, progress=t.progress_pct, done_on=t.done_on
        )

    def milestone(self, m) -> Assessment:
        return self.milestone_dates(m.planned_date, m.actual_date)

    def milestone_dates(self, planned: dt.date | None, actual: dt.date | None) -> Assessment:
        key = ("milestone", planned, actual)
        warning = self._by_dates.get(key)
        if warning is None:
            warning = self._by_dates[key] = self._assess(deadline=planned, done=actual is not None, done_on=actual)
        return warning

    def township(self, t) -> Assessment:
        return self.township_figures(t.target_households, t.completed, t.deadline or self.heating_season_start)

    def township_figures(self, target: int, completed: int, deadline: dt.date) -> Assessment:
        done = target > 0 and completed >= target
        key = ("township", deadline, done)
        warning = self._by_dates.get(key)
        if warning is None:
            warning = self._by_dates[key] = self._assess(deadline=deadline, done=done)
        return warning

    def sheet(self, s) -> Assessment:
        return self.sheet_dates(s.deadline, s.state)

    def sheet_dates(self, deadline: dt.date, state: LoopStep) -> Assessment:
        return self._assess(deadline=deadline, done=state == LoopStep.CLOSED)

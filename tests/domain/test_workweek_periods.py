import datetime as dt

from aqdesk.domain.periods import Cycle, ReportingRule
from aqdesk.domain.workcalendar import WorkCalendar
from aqdesk.domain.workweek import Weeks

MON = dt.date(2026, 10, 12)
FRI_BEFORE, SAT_BEFORE, SUN_BEFORE = (MON - dt.timedelta(days=n) for n in (3, 2, 1))


def test_this_week_runs_to_sunday_and_next_week_starts_monday():
    weeks = Weeks.around(MON + dt.timedelta(days=2), WorkCalendar())
    assert weeks.this_week(MON + dt.timedelta(days=6))  # Sunday
    assert not weeks.this_week(MON + dt.timedelta(days=1))  # Tuesday is past
    assert not weeks.this_week(MON + dt.timedelta(days=7))
    assert weeks.next_week(MON + dt.timedelta(days=7)) and weeks.next_week(MON + dt.timedelta(days=13))
    assert not weeks.next_week(MON + dt.timedelta(days=14))


def test_newly_red_is_measured_from_the_last_working_day_of_the_week_before():
    weeks = Weeks.around(MON, WorkCalendar())
    assert weeks.last_workday_before == FRI_BEFORE
    assert weeks.newly_red(FRI_BEFORE)  # red since Saturday: new this week
    assert not weeks.newly_red(FRI_BEFORE - dt.timedelta(days=1))  # already red on Friday
    assert not weeks.newly_red(MON)  # due today: not yet red


def test_a_worked_saturday_before_the_week_moves_the_measure():
    """调休: the Saturday before was a working day, so an item due that Friday was already
    red on the Saturday and is not new this week; one due on the Saturday is."""
    weeks = Weeks.around(MON, WorkCalendar({SAT_BEFORE: True}))
    assert weeks.last_workday_before == SAT_BEFORE
    assert not weeks.newly_red(FRI_BEFORE)
    assert weeks.newly_red(SAT_BEFORE)


def test_a_holiday_week_before_reaches_back_to_its_last_working_day():
    holidays = {FRI_BEFORE - dt.timedelta(days=n): False for n in range(5)}
    weeks = Weeks.around(MON, WorkCalendar(holidays))
    assert weeks.last_workday_before == FRI_BEFORE - dt.timedelta(days=7)
    assert weeks.newly_red(FRI_BEFORE - dt.timedelta(days=5))


def test_monthly_period_is_due_on_its_day_clamped_to_the_month():
    rule = ReportingRule(Cycle.MONTHLY, monthly_due_day=31)
    period = rule.period_of(dt.date(2026, 2, 10))
    assert (period.start, period.end, period.due) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28), dt.date(2026, 2, 28))
    assert period.covers(dt.date(2026, 2, 28)) and not period.covers(dt.date(2026, 3, 1))


def test_weekly_in_the_heating_season_only():
    rule = ReportingRule(Cycle.HEATING_WEEKLY, weekly_due_weekday=5, heating_start=(11, 15))
    winter = rule.period_of(dt.date(2026, 11, 18))
    assert winter.weekly and (winter.start, winter.due) == (dt.date(2026, 11, 16), dt.date(2026, 11, 20))
    assert rule.period_of(dt.date(2027, 3, 10)).weekly
    assert not rule.period_of(dt.date(2026, 11, 14)).weekly
    assert not rule.period_of(dt.date(2026, 6, 1)).weekly

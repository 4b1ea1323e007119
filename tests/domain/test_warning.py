import datetime as dt

from aqdesk.domain.enums import Color, DeadlineKind
from aqdesk.domain.warning import WarningSettings, assess, assess_standing
from aqdesk.domain.workcalendar import WorkCalendar

D = dt.date
CAL = WorkCalendar()
SETTINGS = WarningSettings()
AS_OF = D(2026, 11, 23)  # a Monday


def check(**kw):
    return assess(as_of=AS_OF, calendar=CAL, settings=SETTINGS, **kw)


def test_overdue_is_red_with_days():
    w = check(deadline=D(2026, 11, 11), done=False)
    assert (w.color, w.reason, w.days_left) == (Color.RED, "逾期12天", -12)


def test_due_within_five_workdays_is_yellow():
    w = check(deadline=D(2026, 11, 26), done=False)
    assert (w.color, w.reason) == (Color.YELLOW, "剩3个工作日")
    assert check(deadline=AS_OF, done=False).reason == "今日到期"
    # six working days away (weekend in between) is no longer "due soon"
    assert check(deadline=D(2026, 12, 1), done=False).color is Color.GREEN


def test_lagging_progress_is_yellow():
    w = check(deadline=D(2026, 12, 31), done=False, start=D(2026, 9, 1), progress=40)
    # elapsed 83 of 121 days = 68.6 %, lag 28.6 points > 20
    assert (w.color, w.reason) == (Color.YELLOW, "进度落后时序29个百分点")
    assert check(deadline=D(2026, 12, 31), done=False, start=D(2026, 9, 1), progress=50).color is Color.GREEN


def test_done_is_green_even_if_late():
    w = check(deadline=D(2026, 11, 1), done=True, done_on=D(2026, 11, 5))
    assert (w.color, w.reason, w.days_text) == (Color.GREEN, "逾期4天完成", "")
    early = check(deadline=D(2026, 11, 1), done=True, done_on=D(2026, 10, 20))
    assert (early.reason, early.days_left) == ("提前12天完成", None)
    assert check(deadline=D(2026, 11, 1), done=True, done_on=D(2026, 11, 1)).reason == "按期完成"
    assert check(deadline=D(2026, 11, 1), done=True).reason == "已完成"


def test_a_row_counts_days_in_the_unit_its_reason_uses():
    soon = check(deadline=D(2026, 11, 30), done=False)
    assert soon.reason.endswith("个工作日") and soon.days_text == soon.reason
    late = check(deadline=D(2026, 11, 1), done=False)
    assert (late.reason, late.days_text) == ("逾期22天", "逾期22天")


def test_settings_change_the_margins():
    tight = WarningSettings(due_soon_workdays=1, lag_points=60)
    w = assess(as_of=AS_OF, calendar=CAL, settings=tight, deadline=D(2026, 11, 26), done=False,
               start=D(2026, 9, 1), progress=40)
    assert w.color is Color.GREEN


def test_standing_task_goes_yellow_when_report_is_stale():
    fresh = assess_standing(as_of=AS_OF, kind=DeadlineKind.STANDING, last_reported_on=D(2026, 11, 1), settings=SETTINGS)
    stale = assess_standing(as_of=AS_OF, kind=DeadlineKind.MONTHLY, last_reported_on=D(2026, 10, 1), settings=SETTINGS)
    quarterly = assess_standing(as_of=AS_OF, kind=DeadlineKind.QUARTERLY, last_reported_on=D(2026, 10, 1), settings=SETTINGS)
    assert fresh.color is Color.GREEN
    assert stale.color is Color.YELLOW and "53天未报送" in stale.reason
    assert quarterly.color is Color.GREEN

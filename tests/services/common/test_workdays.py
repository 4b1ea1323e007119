import datetime as dt

import pytest

from aqdesk.domain.enums import Color
from aqdesk.errors import UserError
from aqdesk.services.common import settings, workdays
from aqdesk.services.ledgers import tasks


def test_seeded_years_are_official_and_others_fall_back(demo_db):
    assert workdays.year_calendar(demo_db, 2026).official
    with demo_db.reading() as s:
        cal = workdays.load(s)
    assert cal.is_workday(dt.date(2026, 10, 10))  # Saturday 调休
    assert not cal.is_workday(dt.date(2026, 10, 5))  # 国庆
    assert not workdays.year_calendar(demo_db, 2040).official


def test_office_can_mark_a_day_and_reset_it(demo_db):
    day = dt.date(2027, 1, 1)  # a Friday; no official data for 2027 yet
    workdays.set_day(demo_db, day, False)
    year = workdays.year_calendar(demo_db, 2027)
    assert year.days[day] == (False, workdays.SOURCE_OFFICE) and year.office_days == 1
    workdays.reset_day(demo_db, day)
    assert day not in workdays.year_calendar(demo_db, 2027).days


def test_a_marked_holiday_changes_the_colours(demo_db, anchor):
    def due_soon():
        return {r.number for r in tasks.task_rows(demo_db, anchor) if r.reason.startswith("剩") and "工作日" in r.reason}

    before = due_soon()
    for offset in range(1, 22):
        workdays.set_day(demo_db, anchor + dt.timedelta(days=offset), False)
    # with three weeks of holidays ahead, 7-03 (due 12-20) is within 5 working days
    assert due_soon() > before


def test_settings_are_stored_and_checked(demo_db, anchor):
    reds_yellows = sum(r.color is not Color.GREEN for r in tasks.task_rows(demo_db, anchor))
    settings.save_all(demo_db, {"warning.due_soon_workdays": 0, "warning.lag_points": 100})
    assert settings.load_all(demo_db)["warning.lag_points"] == 100
    assert sum(r.color is not Color.GREEN for r in tasks.task_rows(demo_db, anchor)) < reds_yellows
    with pytest.raises(UserError, match="办公室简称不能为空"):
        settings.save_all(demo_db, {"office.short_name": " "})

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from aqdesk.domain.workcalendar import WorkCalendar

D = dt.date
# 2026 as published: 春节 2/15–2/23 off, Saturday 2/14 and 2/28 worked; 国庆 10/1–10/7 off, 10/10 worked.
DAYS_2026 = {
    **{D(2026, 2, d): False for d in range(15, 24)},
    D(2026, 2, 14): True, D(2026, 2, 28): True,
    **{D(2026, 10, d): False for d in range(1, 8)},
    D(2026, 9, 20): True, D(2026, 10, 10): True,
}
CAL = WorkCalendar(DAYS_2026, years=[2026])


def test_weekend_holiday_and_tiaoxiu():
    assert not CAL.is_workday(D(2026, 2, 16))  # Monday in 春节
    assert CAL.is_workday(D(2026, 2, 14))  # Saturday made a working day
    assert not CAL.is_workday(D(2026, 11, 21))  # ordinary Saturday
    assert CAL.is_workday(D(2026, 11, 23))


def test_add_workdays_skips_spring_festival():
    # Friday 2/13 + 1 working day is Saturday 2/14 (调休); + 2 is Tuesday 2/24 after the holiday.
    assert CAL.add_workdays(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert CAL.add_workdays(D(2026, 2, 13), 2) == D(2026, 2, 24)


def test_year_end_into_a_year_without_data_falls_back_to_monday_friday():
    assert not CAL.covers(2027) and CAL.covers(2026)
    # Thursday 2026-12-31 + 2 working days = Monday 2027-01-04 (no 2027 data: 1/1 counts as a workday).
    assert CAL.add_workdays(D(2026, 12, 31), 2) == D(2027, 1, 4)
    assert CAL.workdays_between(D(2026, 12, 31), D(2027, 1, 4)) == 2


def test_counting_back_is_negative():
    assert CAL.workdays_between(D(2026, 11, 27), D(2026, 11, 23)) == -4


def test_natural_day_deadline_moves_off_a_holiday():
    # 15 natural days from 2026-09-16 end on 10-01 (国庆), which moves to 10-08.
    assert CAL.natural_deadline(D(2026, 9, 16), 15) == D(2026, 10, 8)
    assert CAL.natural_deadline(D(2026, 11, 2), 15) == D(2026, 11, 17)


@given(st.dates(min_value=D(2025, 1, 1), max_value=D(2028, 12, 31)), st.integers(-300, 300))
def test_add_then_count_back_gives_n(start, n):
    end = CAL.add_workdays(start, n)
    assert CAL.workdays_between(start, end) == n

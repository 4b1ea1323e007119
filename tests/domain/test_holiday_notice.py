"""The State Council's holiday notices of 2025 and 2026, as published (fixtures/), read into
exactly the days chinesecalendar's official tables have."""

import datetime as dt
from pathlib import Path

import chinese_calendar
import pytest

from aqdesk.domain.holiday_notice import parse_notice

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_day_of_the_year_agrees_with_the_official_tables(year):
    notice = parse_notice((FIXTURES / f"holiday_notice_{year}.txt").read_text(encoding="utf-8"))
    assert notice.year == year and notice.problems == []
    days = notice.year_days()
    assert len(days) == 365
    assert {d: w for d, w in days.items() if w != chinese_calendar.is_workday(d)} == {}


def test_the_2026_notice_names_its_holidays_and_makeup_days():
    notice = parse_notice((FIXTURES / "holiday_notice_2026.txt").read_text(encoding="utf-8"))
    assert [h.name for h in notice.holidays] == ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]
    assert sorted(d for d, w in notice.days.items() if w) == [
        dt.date(2026, 1, 4), dt.date(2026, 2, 14), dt.date(2026, 2, 28), dt.date(2026, 5, 9),
        dt.date(2026, 9, 20), dt.date(2026, 10, 10)]


def test_a_range_across_the_new_year_and_half_width_brackets():
    notice = parse_notice("国务院办公厅关于2019年部分节假日安排的通知\n"
                          "一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日(星期六)上班。")
    assert notice.problems == []
    assert notice.days == {dt.date(2018, 12, 30): False, dt.date(2018, 12, 31): False, dt.date(2019, 1, 1): False,
                           dt.date(2018, 12, 29): True}


@pytest.mark.parametrize("text, problem", [
    ("一、元旦：1月1日放假。", "未找到年份"),
    ("关于2027年部分节假日安排的通知 经国务院批准，现将安排通知如下。", "未找到“一、元旦：……”"),
    ("关于2027年部分节假日安排的通知\n一、春节：2月5日至12日放假调休，共9天。", "是8天，与通知所写“共9天”不符"),
    ("关于2027年部分节假日安排的通知\n一、春节：2月30日放假。", "不是有效日期"),
])
def test_a_notice_that_cannot_be_read_whole_says_why(text, problem):
    assert any(problem in p for p in parse_notice(text).problems), parse_notice(text).problems

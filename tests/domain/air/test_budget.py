"""The budget and the colours, at the year's edges and in a leap year."""

import datetime as dt

import pytest

from aqdesk.domain.air.budget import (
    Target,
    budget_days,
    days_left,
    elapsed_share,
    format_stages,
    parse_stages,
    pm25_ceiling,
    stand,
)
from aqdesk.domain.air.evaluation import Day, summarise
from aqdesk.domain.enums import Color


def year_so_far(as_of: dt.date, bad_every: int = 0, pm25: float = 30, missing: int = 0):
    first = dt.date(as_of.year, 1, 1)
    days = []
    for n in range((as_of - first).days + 1 - missing):
        bad = bad_every and n % bad_every == 0
        days.append(Day(first + dt.timedelta(n), 150 if bad else 60, pm25=pm25))
    return summarise(days)


def test_days_left_and_the_share_elapsed():
    assert days_left(dt.date(2026, 12, 31)) == 0 and days_left(dt.date(2026, 1, 1)) == 364
    assert days_left(dt.date(2024, 1, 1)) == 365
    assert elapsed_share(dt.date(2026, 12, 31)) == 1 and elapsed_share(dt.date(2024, 12, 31)) == 1
    assert elapsed_share(dt.date(2024, 7, 1)) == 183 / 366


def test_on_the_first_of_january_the_whole_allowance_remains_and_a_leap_year_allows_one_more():
    # 71 %: a year of 365 days allows 105 non-good days (365·0.29 = 105.85), 366 days allow 106
    assert budget_days(year_so_far(dt.date(2026, 1, 1)), 71, 364) == 105
    assert budget_days(year_so_far(dt.date(2024, 1, 1)), 71, 365) == 106


def test_on_new_year_s_eve_the_budget_is_what_the_year_left_over():
    # 1 non-good day in 5: 73 in 2026 (365 days), 74 in 2024 (366 days); 80 % needs 292 / 293 good days
    assert budget_days(year_so_far(dt.date(2026, 12, 31), bad_every=5), 80, 0) == 0
    assert budget_days(year_so_far(dt.date(2024, 12, 31), bad_every=5), 80, 0) == -1
    done = stand(year_so_far(dt.date(2026, 12, 31), bad_every=5), Target(80, None), dt.date(2026, 12, 31), 5)
    assert done.color is Color.GREEN and done.days_left == 0
    short = stand(year_so_far(dt.date(2024, 12, 31), bad_every=5), Target(80, None), dt.date(2024, 12, 31), 5)
    assert short.color is Color.RED and "未达目标80%" in short.reason


def test_missing_days_neither_gain_nor_lose_budget():
    full = year_so_far(dt.date(2026, 6, 30), bad_every=10)
    gaps = year_so_far(dt.date(2026, 6, 30), bad_every=10, missing=10)
    assert budget_days(full, 80, 184) - budget_days(gaps, 80, 184) in (0, 1, 2)


@pytest.mark.parametrize(("bad_every", "target", "color", "words"), [
    (10, 80, Color.GREEN, "进度正常"),  # 10 % non-good against an allowance of 20 %
    (4, 80, Color.YELLOW, "超过序时进度"),  # 25 % non-good: ahead of the allowance's pace
    (2, 80, Color.RED, "已无法完成"),  # half the days non-good by July: 80 % is out of reach
])
def test_colours(bad_every, target, color, words):
    result = stand(year_so_far(dt.date(2026, 6, 30), bad_every=bad_every), Target(target, None),
                   dt.date(2026, 6, 30), 5)
    assert result.color is color and words in result.reason


def test_a_budget_under_the_setting_is_yellow_and_a_spent_one_red():
    as_of = dt.date(2026, 12, 20)
    summary = year_so_far(as_of, bad_every=6)  # 59 of 354 non-good
    budget = budget_days(summary, 82.5, days_left(as_of))
    assert 0 < budget <= 5
    assert stand(summary, Target(82.5, None), as_of, 5).color is Color.YELLOW
    assert f"今年还可有{budget}个超标天" in stand(summary, Target(82.5, None), as_of, 5).reason
    spent_rate = next(r / 10 for r in range(800, 900) if budget_days(summary, r / 10, days_left(as_of)) == 0)
    assert "额度已用完" in stand(summary, Target(spent_rate, None), as_of, 5).reason


def test_pm25_ceiling_for_the_rest_of_the_year():
    as_of = dt.date(2026, 6, 30)  # 181 days at 40, 184 to come; 35 allows a year's mean below 35.5
    summary = year_so_far(as_of, pm25=40)
    assert pm25_ceiling(summary, 35, 184) == pytest.approx(round((35.5 * 365 - 40 * 181) / 184, 1))
    behind = stand(summary, Target(None, 35), as_of, 5)
    assert behind.color is Color.YELLOW and "余下须控制在31.1以下" in behind.reason
    hopeless = stand(year_so_far(dt.date(2026, 12, 30), pm25=80), Target(None, 35), dt.date(2026, 12, 30), 5)
    assert hopeless.color is Color.RED and "已无法完成" in hopeless.reason
    assert pm25_ceiling(summary, 35, 0) is None


def test_heavy_days_over_target_are_red():
    summary = summarise([Day(dt.date(2026, 1, d), 250, pm25=200) for d in range(1, 5)])
    assert "重污染4天" in stand(summary, Target(None, None, heavy_days=3), dt.date(2026, 1, 4), 5).reason


def test_without_figures_or_targets_it_says_so():
    assert stand(summarise([]), Target(80, 35), dt.date(2026, 3, 1), 5).reason == "尚无监测数据"
    assert stand(year_so_far(dt.date(2026, 3, 1)), Target(None, None), dt.date(2026, 3, 1), 5).reason == "未设定目标"


def test_stage_targets_are_read_as_offices_write_them():
    assert parse_stages("3月60，6月70%") == ((3, 60.0), (6, 70.0))
    assert parse_stages("6:70, 3：60") == ((3, 60.0), (6, 70.0))
    assert parse_stages("") == ()
    with pytest.raises(ValueError, match="3月60，6月70"):
        parse_stages("三月六成")
    with pytest.raises(ValueError, match="1–12"):
        parse_stages("13月60")
    assert format_stages(((3, 60.0), (6, 72.5))) == "3月60%，6月72.5%"


def test_the_latest_stage_that_has_ended_is_red_while_missed():
    target = Target(None, None, stages=((3, 60.0), (6, 70.0)))
    summary = year_so_far(dt.date(2026, 5, 10))
    missed = stand(summary, target, dt.date(2026, 5, 10), 5, {1: 50, 2: 55, 3: 58.5, 4: 66, 5: 70})
    assert missed.color is Color.RED and "截至3月底累计优良率58.5%，未达阶段目标60%" in missed.reason
    # March's stage is not judged before the 31st, and June's replaces it once June has ended
    assert stand(summary, target, dt.date(2026, 3, 30), 5, {3: 58.5}).color is Color.GREEN
    assert stand(summary, target, dt.date(2026, 6, 30), 5, {3: 58.5, 6: 71}).color is Color.GREEN

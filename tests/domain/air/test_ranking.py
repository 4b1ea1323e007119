"""Ranking by the office's figure, ties and movement."""

import datetime as dt

from aqdesk.domain.air.evaluation import Day, summarise
from aqdesk.domain.air.ranking import RankBy, movement, pm25_change, rank


def county(aqis, pm25):
    return summarise(Day(dt.date(2026, 1, 1 + i), a, pm25=pm25) for i, a in enumerate(aqis))


def test_rank_by_each_figure_with_ties_sharing_a_place():
    summaries = {"东城区": county([40, 120], 50), "西城区": county([40, 60], 30), "高新区": county([40, 90], 30),
                 "经开区": county([], None)}
    assert rank(summaries, RankBy.PM25) == {"西城区": 1, "高新区": 1, "东城区": 3, "经开区": None}
    assert rank(summaries, RankBy.GOOD_RATE) == {"西城区": 1, "高新区": 1, "东城区": 3, "经开区": None}


def test_movement_month_on_month():
    assert (movement(2, 5), movement(5, 2), movement(3, 3), movement(None, 3)) == ("进3位", "退3位", "持平", "")


def test_improvement_on_last_year_ranks_the_largest_fall_first():
    now = {"东城区": county([60], 45), "西城区": county([60], 50), "高新区": county([60], 40)}
    before = {"东城区": county([60], 50), "西城区": county([60], 50)}
    assert rank(now, RankBy.IMPROVEMENT, before) == {"东城区": 1, "西城区": 2, "高新区": None}
    assert pm25_change(now["东城区"], before["东城区"]) == -10
    assert pm25_change(now["高新区"], None) is None

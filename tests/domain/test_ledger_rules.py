import datetime as dt

from aqdesk.domain.enums import Color, MilestoneKind
from aqdesk.domain.loose_coal import assess_county, year_share
from aqdesk.domain.relocation import actual_date_problems, current_stage
from aqdesk.domain.substitution import CITY, data_error, figure_problems, roll_up

D = dt.date
KINDS = list(MilestoneKind)


def test_stage_follows_actual_dates_without_gaps():
    assert current_stage([None, None, None, None]) == "未启动"
    assert current_stage([D(2026, 3, 1), None, None, None]) == "已停产"
    assert current_stage([D(2026, 3, 1), D(2026, 4, 1), D(2026, 5, 1), None]) == "新址开工"
    assert current_stage([D(2026, 3, 1)] * 4) == "已投产"
    assert current_stage([None, D(2026, 4, 1), None, None]) == "未启动"  # a gap stops the stage


def test_actual_dates_in_the_future_or_skipping_a_milestone_are_refused():
    today = D(2026, 11, 23)
    assert "将来的日期" in actual_date_problems([(KINDS[0], D(2026, 12, 1))], today)[0]
    problems = actual_date_problems(list(zip(KINDS, [D(2026, 3, 1), None, D(2026, 5, 1), None], strict=True)), today)
    assert problems and "请先填写拆除/搬迁时间" in problems[0]
    assert actual_date_problems(list(zip(KINDS, [D(2026, 3, 1), D(2026, 4, 1), None, None], strict=True)), today) == []


def test_relapse_turns_a_county_red_whatever_its_figures():
    full = {"banned_points": 50.0}
    assert assess_county(full, {"banned_points": 50}, 1, D(2026, 11, 23), 20) == (Color.RED, "反弹点位1个")


def test_county_behind_the_year_is_yellow_and_on_track_green():
    as_of = D(2026, 6, 30)  # half the year gone
    assert round(year_share(as_of)) == 50
    color, reason = assess_county({"clean_coal_tonnes": 100.0}, {"clean_coal_tonnes": 1000}, 0, as_of, 20)
    assert color is Color.YELLOW and "配送洁净型煤完成10%" in reason and "落后时序40个百分点" in reason
    assert assess_county({"clean_coal_tonnes": 400.0}, {"clean_coal_tonnes": 1000}, 0, as_of, 20)[0] is Color.GREEN


def test_roll_up_township_to_county_to_city():
    totals = roll_up([
        ("安平县", "气代煤", 100, 80, 70), ("安平县", "电代煤", 50, 50, 40),
        ("清河县", "气代煤", 200, 100, 100),
    ])
    assert totals[("安平县", "")].target == 150 and totals[("安平县", "")].completed == 130
    assert totals[(CITY, "气代煤")].completed == 180 and totals[(CITY, "气代煤")].percent == 60.0
    assert totals[(CITY, "")].accepted == 210


def test_substitution_figures_are_checked():
    assert figure_problems(100, -1, 0) == ["已完成户数不能为负数（-1）"]
    assert "已验收户数60不能超过已完成户数50" in figure_problems(100, 50, 60)
    assert data_error(100, 120, 90) == "已完成120户超过任务100户"

"""Each county's year to date, its colour and budget, and the ranking with its movement."""

import datetime as dt

import pytest

from aqdesk.db.models import AirDay, Unit
from aqdesk.domain.air.budget import Target
from aqdesk.domain.air.ranking import RankBy
from aqdesk.domain.enums import Color, UnitKind
from aqdesk.errors import UserError
from aqdesk.services.air.days import months
from aqdesk.services.air.standings import air_report
from aqdesk.services.air.targets import set_target
from aqdesk.services.common import settings

AS_OF = dt.date(2026, 3, 31)


def fill(db, figures):
    """``figures``: county name (None: the city) → function of the day giving (aqi, pm25)."""
    with db.transaction() as session:
        for order, name in enumerate(n for n in figures if n):
            session.add(Unit(name=name, kind=UnitKind.COUNTY, sort_order=order))
        session.flush()
        ids = {u.name: u.id for u in session.query(Unit)}
        day = dt.date(2026, 1, 1)
        while day <= AS_OF:
            for name, of in figures.items():
                aqi, pm25 = of(day)
                session.add(AirDay(county_id=ids.get(name), day=day, aqi=aqi, pm25=pm25))
            day += dt.timedelta(days=1)


@pytest.fixture
def office(empty_db):
    fill(empty_db, {
        "东城区": lambda d: (60, 30),  # always good
        # bad in January, good since: behind in January, ahead by March
        "西城区": lambda d: (230, 180) if d.month == 1 else (55, 30),
        # good in January, bad every other day since
        "高新区": lambda d: (70, 45) if d.month == 1 or d.day % 2 else (130, 90),
        None: lambda d: (80, 50),
    })
    for name, rate, pm25 in (("东城区", 80, 35), ("西城区", 80, 35), ("高新区", 80, 35)):
        set_target(empty_db, name, 2026, Target(rate, pm25, heavy_days=5))
    return empty_db


def test_report_colours_budget_and_reasons(office):
    report = air_report(office, AS_OF, RankBy.GOOD_RATE)
    by_name = {c.name: c for c in report.counties}
    east, west, hi_tech = by_name["东城区"], by_name["西城区"], by_name["高新区"]
    assert east.summary.good_rate == 100 and east.standing.color is Color.GREEN
    # 80 % of 365 days needs 292 good; 东城区 has had 90 and 275 to come: 73 may still be non-good
    assert east.standing.budget_days == 73
    assert west.summary.good_days == 59 and west.summary.heavy_days == 31
    assert west.standing.color is Color.RED and "重污染31天" in west.standing.reason
    assert hi_tech.standing.color is Color.YELLOW and "序时" in hi_tech.standing.reason
    assert report.city is not None and report.city.summary.good_rate == 100


def test_ranking_by_the_office_s_choice_and_its_movement(office):
    by_rate = {c.name: (c.rank, c.previous_rank, c.movement) for c in air_report(office, AS_OF, RankBy.GOOD_RATE).counties}
    # end of February: 西城区 (28 of 59 good) last; end of March 西城区 59/90, 高新区 61/90
    assert by_rate == {"东城区": (1, 1, "持平"), "西城区": (3, 3, "持平"), "高新区": (2, 2, "持平")}
    by_pm25 = {c.name: (c.rank, c.previous_rank) for c in air_report(office, AS_OF, RankBy.PM25).counties}
    # PM2.5 to March: 东城区 30, 西城区 (31·180 + 59·30)/90 = 82, 高新区 (31·45 + 59·(45 or 90)) ≈ 60
    assert by_pm25["东城区"] == (1, 1)
    assert by_pm25["西城区"][1] == 3


def test_the_office_s_ranking_setting_is_used(office):
    settings.save_all(office, {"air.rank_by": "PM2.5"})
    assert air_report(office, AS_OF).rank_by is RankBy.PM25


def test_january_compares_with_december_of_the_year_before(office):
    report = air_report(office, dt.date(2026, 1, 15))
    assert all(c.previous_rank is None and c.movement == "" for c in report.counties)


def test_monthly_rates_accumulate(office):
    from aqdesk.services.air.days import days_of_year

    with office.reading() as session:
        days = days_of_year(session, 2026, AS_OF)
    west = next(cid for cid in days if cid is not None and days[cid][0].aqi == 230)
    rates = months(days[west], AS_OF)
    assert [(m.month, m.month_rate) for m in rates] == [(1, 0), (2, 100), (3, 100)]
    assert rates[1].good_rate == 47.5 and rates[2].good_rate == 65.6


def test_targets_refuse_nonsense_and_unknown_counties(office):
    with pytest.raises(UserError, match="0–100"):
        set_target(office, "东城区", 2026, Target(120, 35))
    with pytest.raises(UserError, match="没有名为“南城区”"):
        set_target(office, "南城区", 2026, Target(80, 35))
    set_target(office, "东城区", 2026, Target(85, 33))
    assert air_report(office, AS_OF).counties[0].target == Target(85, 33)


def test_improvement_compares_the_same_days_of_last_year(office):
    with office.transaction() as session:
        east = session.query(Unit).filter_by(name="东城区").one()
        day = dt.date(2025, 1, 1)
        while day <= dt.date(2025, 12, 31):
            # the rest of 2025 far dirtier: only January to March may count
            session.add(AirDay(county_id=east.id, day=day, aqi=60, pm25=40 if day <= dt.date(2025, 3, 31) else 90))
            day += dt.timedelta(days=1)
    report = air_report(office, AS_OF, RankBy.IMPROVEMENT)
    by_name = {c.name: c for c in report.counties}
    assert by_name["东城区"].pm25_change == -25 and by_name["东城区"].rank == 1
    assert by_name["西城区"].rank is None and by_name["西城区"].as_json()["pm25_change"] is None


def test_a_leap_day_compares_with_the_28th_of_february():
    from aqdesk.services.air.standings import _year_ago

    assert _year_ago(dt.date(2024, 2, 29)) == dt.date(2023, 2, 28)
    assert _year_ago(dt.date(2025, 3, 1)) == dt.date(2024, 3, 1)


def test_stage_targets_are_stored_and_judged_at_their_month_s_end(office):
    # 西城区: January all bad, good since — 优良率 to the end of February 28/59 = 47.5 %
    set_target(office, "西城区", 2026, Target(None, None, stages=((2, 50.0), (6, 70.0))))
    west = next(c for c in air_report(office, AS_OF).counties if c.name == "西城区")
    assert west.target.stages == ((2, 50.0), (6, 70.0))
    assert west.standing.color is Color.RED and "截至2月底累计优良率47.5%，未达阶段目标50%" in west.standing.reason
    assert west.as_json()["target_stages"] == [[2, 50.0], [6, 70.0]]

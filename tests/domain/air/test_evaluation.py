"""HJ 663-2013 statistics: the percentile as the standard defines it, 修约, the 综合指数."""

import datetime as dt

import pytest

from aqdesk.domain.air.aqi import Pollutant
from aqdesk.domain.air.evaluation import Day, percentile, revise, summarise


def test_percentile_interpolates_between_ranks_as_the_standard_writes_it():
    # n = 10, p = 90: k = 1 + 9·0.9 = 9.1, s = 9: X(9) + (X(10) − X(9))·0.1
    assert percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90) == pytest.approx(91)
    # unsorted input, p = 95 over 21 values: k = 1 + 20·0.95 = 20 exactly, X(20)
    assert percentile(list(range(21, 0, -1)), 95) == 20
    assert percentile([3.2], 95) == 3.2


def test_percentile_of_a_year():
    # 365 days, CO 0.1…36.5: k = 1 + 364·0.95 = 346.8 → X(346) + 0.8·(X(347) − X(346)) = 34.6 + 0.08
    values = [round(0.1 * i, 1) for i in range(1, 366)]
    assert percentile(values, 95) == pytest.approx(34.68)
    # O3 1…365: k = 1 + 364·0.9 = 328.6 → 328.6
    assert percentile(list(range(1, 366)), 90) == pytest.approx(328.6)


def test_revision_rounds_half_to_even():
    assert [revise(v) for v in (34.5, 35.5, 34.51, 36.49)] == [34, 36, 35, 36]
    assert revise(1.25, 1) == 1.2 and revise(1.35, 1) == 1.4


def test_summary_of_a_few_days():
    start = dt.date(2026, 1, 1)
    days = [Day(start, 132, pm25=100, pm10=151, o3_8h=80, no2=40, so2=10, co=1.2),
            Day(start + dt.timedelta(1), 45, pm25=20, pm10=40, o3_8h=90, no2=30, so2=8, co=0.8),
            Day(start + dt.timedelta(2), 230, pm25=180, pm10=200, o3_8h=60, no2=60, so2=15, co=2.0),
            Day(start + dt.timedelta(3), None, pm25=None)]  # no valid figure: not a valid day
    s = summarise(days)
    assert (s.valid_days, s.good_days, s.heavy_days) == (3, 1, 1)
    assert s.good_rate == 33.3
    assert s.means[Pollutant.PM25] == 100 and s.means[Pollutant.PM10] == 130
    assert s.means[Pollutant.NO2] == 43 and s.means[Pollutant.SO2] == 11
    assert s.co_95 == 1.9  # k = 1 + 2·0.95 = 2.9 → 1.2 + 0.9·0.8 = 1.92
    assert s.o3_90 == 88  # k = 2.8 → 80 + 0.8·10
    # 100/35 + 130/70 + 43/40 + 11/60 + 1.9/4 + 88/160 = 2.857 + 1.857 + 1.075 + 0.183 + 0.475 + 0.55
    assert s.composite == 7.0


def test_no_days_no_figures():
    s = summarise([])
    assert s.good_rate is None and s.pm25 is None and s.composite is None

"""HJ 633-2012 worked by hand: IAQI = (IAQI_hi − IAQI_lo)/(BP_hi − BP_lo)·(C − BP_lo) + IAQI_lo, carried up."""

import pytest

from aqdesk.domain.air.aqi import BREAKPOINTS, IAQI_STEPS, Level, Pollutant, day_index, iaqi


@pytest.mark.parametrize("pollutant", list(Pollutant))
def test_every_breakpoint_gives_its_index(pollutant):
    for concentration, index in zip(BREAKPOINTS[pollutant], IAQI_STEPS, strict=False):
        assert iaqi(pollutant, concentration) == index


@pytest.mark.parametrize(("pollutant", "concentration", "expected"), [
    (Pollutant.PM25, 100, 132),  # 50/40·25 + 100 = 131.25 → 132
    (Pollutant.PM25, 36, 52),  # 50/40·1 + 50 = 51.25 → 52
    (Pollutant.PM10, 151, 101),  # 50/100·1 + 100 = 100.5 → 101
    (Pollutant.CO, 1.5, 38),  # 50/2·1.5 = 37.5 → 38
    (Pollutant.O3_8H, 180, 119),  # 50/55·20 + 100 = 118.18 → 119
    (Pollutant.NO2, 60, 75),  # exact: 50/40·20 + 50
    (Pollutant.SO2, 2000, 380),  # exact: 100/500·400 + 300
])
def test_between_breakpoints_the_index_is_carried_up(pollutant, concentration, expected):
    assert iaqi(pollutant, concentration) == expected


def test_above_the_table_is_500_and_o3_above_800_is_refused():
    assert iaqi(Pollutant.PM25, 620) == 500
    with pytest.raises(ValueError, match="1 小时"):
        iaqi(Pollutant.O3_8H, 801)
    with pytest.raises(ValueError, match="负数"):
        iaqi(Pollutant.PM10, -1)


def test_day_index_names_the_primary_pollutants_only_above_50():
    day = day_index({Pollutant.PM25: 100, Pollutant.PM10: 151, Pollutant.O3_8H: 80, Pollutant.NO2: None})
    assert (day.aqi, day.level, day.primary, day.exceeding) == (
        132, Level.LIGHT, (Pollutant.PM25,), (Pollutant.PM25, Pollutant.PM10))
    clean = day_index({Pollutant.PM25: 20, Pollutant.PM10: 40})
    assert (clean.aqi, clean.level, clean.primary) == (40, Level.EXCELLENT, ())
    tie = day_index({Pollutant.PM25: 75, Pollutant.PM10: 150})
    assert tie.primary == (Pollutant.PM25, Pollutant.PM10)


@pytest.mark.parametrize(("value", "level", "grade"), [
    (50, Level.EXCELLENT, "一级"), (51, Level.GOOD, "二级"), (100, Level.GOOD, "二级"), (101, Level.LIGHT, "三级"),
    (200, Level.MODERATE, "四级"), (201, Level.HEAVY, "五级"), (300, Level.HEAVY, "五级"), (301, Level.SEVERE, "六级"),
])
def test_levels(value, level, grade):
    assert Level.of(value) is level and level.grade == grade

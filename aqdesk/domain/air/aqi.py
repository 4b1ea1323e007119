"""HJ 633-2012: the individual air quality index (IAQI) of each pollutant, the AQI, its level
and the primary pollutant, from a day's concentrations (μg/m³; CO in mg/m³)."""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass

from aqdesk.domain.enums import Labelled


class Pollutant(Labelled):
    PM25 = "pm25", "PM2.5"
    PM10 = "pm10", "PM10"
    O3_8H = "o3_8h", "O3_8h"
    NO2 = "no2", "NO2"
    SO2 = "so2", "SO2"
    CO = "co", "CO"

    # Enum hashes a member in Python; str's hash is C, equal to the value's as == already is,
    # and a year's import looks pollutants up some 100,000 times
    __hash__ = str.__hash__


# iterating an Enum is slow, and an import of a year's workbook does it per row
POLLUTANTS = tuple(Pollutant)
IAQI_STEPS = (0, 50, 100, 150, 200, 300, 400, 500)
# 24-hour means (O3: the day's highest 8-hour mean), HJ 633-2012 表1
BREAKPOINTS: dict[Pollutant, tuple[float, ...]] = {
    Pollutant.SO2: (0, 50, 150, 475, 800, 1600, 2100, 2620),
    Pollutant.NO2: (0, 40, 80, 180, 280, 565, 750, 940),
    Pollutant.PM10: (0, 50, 150, 250, 350, 420, 500, 600),
    Pollutant.CO: (0, 2, 4, 14, 24, 36, 48, 60),
    Pollutant.O3_8H: (0, 100, 160, 215, 265, 800),
    Pollutant.PM25: (0, 35, 75, 115, 150, 250, 350, 500),
}


def iaqi(pollutant: Pollutant, concentration: float) -> int:
    """The pollutant's individual index, rounded up as the standard requires (全部进位取整).

    Raises ValueError for a negative concentration or one above the table: above 800 μg/m³ the
    standard computes O3 from its 1-hour mean, which a daily return does not carry."""
    points = BREAKPOINTS[pollutant]
    if concentration < 0:
        raise ValueError(f"{pollutant.label} 浓度不能为负数：{concentration}")
    if concentration > points[-1]:
        if pollutant is Pollutant.O3_8H:
            raise ValueError(f"O3_8h 浓度 {concentration} 高于 800，须按 1 小时浓度计算分指数")
        return 500
    upper = max(bisect_left(points, concentration), 1)
    lo, hi = points[upper - 1], points[upper]
    i_lo, i_hi = IAQI_STEPS[upper - 1], IAQI_STEPS[upper]
    # rounded to 1e-9 first, so 131.0000000001 from binary fractions is not carried to 132
    return math.ceil(round((i_hi - i_lo) / (hi - lo) * (concentration - lo) + i_lo, 9))


class Level(Labelled):
    EXCELLENT = "excellent", "优"
    GOOD = "good", "良"
    LIGHT = "light", "轻度污染"
    MODERATE = "moderate", "中度污染"
    HEAVY = "heavy", "重度污染"
    SEVERE = "severe", "严重污染"

    @property
    def grade(self) -> str:
        return "一二三四五六"[list(Level).index(self)] + "级"

    @classmethod
    def of(cls, aqi_value: int) -> Level:
        return _LEVELS[bisect_left(_LEVEL_TOPS, aqi_value)]


_LEVEL_TOPS = (50, 100, 150, 200, 300)  # the highest AQI of each level but the last
_LEVELS = tuple(Level)


@dataclass(frozen=True)
class DayIndex:
    aqi: int
    level: Level
    primary: tuple[Pollutant, ...]  # 首要污染物: none on a day rated 优 (AQI ≤ 50)
    exceeding: tuple[Pollutant, ...]  # 超标污染物: IAQI > 100


def day_index(concentrations: Mapping[Pollutant, float | None]) -> DayIndex:
    """The AQI of a day from the concentrations it has (a missing one counts for nothing)."""
    indices = {p: iaqi(p, c) for p, c in concentrations.items() if c is not None}
    if not indices:
        raise ValueError("没有任何污染物浓度，无法计算AQI")
    value = max(indices.values())
    primary = tuple(p for p in POLLUTANTS if indices.get(p) == value) if value > 50 else ()
    return DayIndex(value, Level.of(value), primary, tuple(p for p in POLLUTANTS if indices.get(p, 0) > 100))


def is_good(aqi_value: int) -> bool:
    """优良天: AQI ≤ 100."""
    return aqi_value <= 100


def is_heavy(aqi_value: int) -> bool:
    """重污染天: AQI > 200 (重度及以上)."""
    return aqi_value > 200

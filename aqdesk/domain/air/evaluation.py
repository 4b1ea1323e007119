"""HJ 663-2013: a period's statistics from its daily figures — 优良天数率 over the valid days,
the mean concentrations, the CO 95th and O3 90th percentiles and the 综合指数."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from aqdesk.domain.air.aqi import Pollutant, is_good, is_heavy

# 综合指数 divides each figure by its standard (GB 3095-2012 二级): annual limits for the four
# means, the 24-hour limit for CO and the 8-hour limit for O3, taken at their percentiles.
STANDARDS = {Pollutant.SO2: 60, Pollutant.NO2: 40, Pollutant.PM10: 70, Pollutant.PM25: 35,
             Pollutant.CO: 4, Pollutant.O3_8H: 160}
MEANS = (Pollutant.PM25, Pollutant.PM10, Pollutant.NO2, Pollutant.SO2)


@dataclass(frozen=True)
class Day:
    """One day's figures for a county or the city; a missing figure is None."""

    day: dt.date
    aqi: int | None
    pm25: float | None = None
    pm10: float | None = None
    o3_8h: float | None = None
    no2: float | None = None
    so2: float | None = None
    co: float | None = None

    def figure(self, pollutant: Pollutant) -> float | None:
        return getattr(self, pollutant.value)


def revise(value: float, places: int = 0) -> float:
    """GB/T 8170 修约, as HJ 663 requires: round half to even (四舍六入五成双)."""
    result = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    return float(result)


def percentile(values: Sequence[float], p: float) -> float:
    """HJ 663-2013 5.2: sorted ascending X(1)…X(n), k = 1 + (n − 1)·p%, s its integer part,
    m_p = X(s) + (X(s+1) − X(s))·(k − s)."""
    if not values:
        raise ValueError("没有数据，无法计算百分位数")
    ordered = sorted(values)
    k = 1 + (len(ordered) - 1) * p / 100
    s = int(k)
    if s >= len(ordered):
        return ordered[-1]
    return ordered[s - 1] + (ordered[s] - ordered[s - 1]) * (k - s)


@dataclass(frozen=True)
class Summary:
    valid_days: int  # days with an AQI
    good_days: int
    heavy_days: int
    means: dict[Pollutant, float | None]  # PM2.5, PM10, NO2, SO2, revised to whole μg/m³
    co_95: float | None  # mg/m³, one decimal
    o3_90: float | None  # μg/m³, whole

    @property
    def good_rate(self) -> float | None:
        """优良天数率 in percent, one decimal; None without a valid day."""
        return revise(100 * self.good_days / self.valid_days, 1) if self.valid_days else None

    @property
    def pm25(self) -> float | None:
        return self.means[Pollutant.PM25]

    @property
    def composite(self) -> float | None:
        """综合指数: the sum of the six single indices, two decimals; None when a figure lacks."""
        figures = {**self.means, Pollutant.CO: self.co_95, Pollutant.O3_8H: self.o3_90}
        if any(v is None for v in figures.values()):
            return None
        return revise(sum(v / STANDARDS[p] for p, v in figures.items() if v is not None), 2)


def summarise(days: Iterable[Day]) -> Summary:
    days = list(days)
    rated = [d.aqi for d in days if d.aqi is not None]

    def present(p: Pollutant) -> list[float]:
        return [v for d in days if (v := d.figure(p)) is not None]

    means = {p: revise(math.fsum(v) / len(v)) if (v := present(p)) else None for p in MEANS}
    co, o3 = present(Pollutant.CO), present(Pollutant.O3_8H)
    return Summary(
        valid_days=len(rated), good_days=sum(is_good(a) for a in rated), heavy_days=sum(is_heavy(a) for a in rated),
        means=means, co_95=revise(percentile(co, 95), 1) if co else None,
        o3_90=revise(percentile(o3, 90)) if o3 else None)

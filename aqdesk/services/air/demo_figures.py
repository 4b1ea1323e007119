"""The demo office's air: daily figures for each county and the city from the first of January
to the demo's day, made up but shaped like a northern city's — clean summers with ozone,
PM2.5 rising through autumn into winter episodes — and targets some counties will miss."""

from __future__ import annotations

import datetime as dt
import math
import random

from sqlalchemy import insert
from sqlalchemy.orm import Session

from aqdesk.db.base import Base
from aqdesk.db.models import AirDay, AirTarget
from aqdesk.domain.air.aqi import Pollutant, day_index

# county → (its PM2.5 level against the city's, its targets: 优良率 %, PM2.5, 重污染天数)
PROFILES = {
    "东城区": (1.00, (70, 50, 15)), "西城区": (1.06, (73, 52, 15)), "高新区": (0.86, (75, 45, 12)),
    "经开区": (1.18, (70, 55, 15)), "安平县": (0.95, (76, 47, 12)), "清河县": (1.12, (72, 54, 15)),
    "临川县": (0.80, (80, 40, 10)), "永宁县": (1.03, (74, 48, 15)), "石桥县": (1.25, (66, 58, 18)),
    "龙泉县": (0.76, (83, 38, 10)),
}
# 「3、6、9月优良率累计分别达到」 as stored
STAGES = {"全市": "3:60,6:70,9:74", "东城区": "3:58,6:68,9:71", "永宁县": "3:60,6:70,9:77",
          "临川县": "3:65,6:75,9:80"}
COLUMNS = ("pm25", "pm10", "o3_8h", "no2", "so2", "co")  # AirDay's, in the order the figures are made
CITY_TARGET = (75, 48, 15)


def load(session: Session, counties: dict[str, int], today: dt.date) -> None:
    """Insert the figures and targets for ``counties`` (name → id) up to ``today``, and last
    year's figures, somewhat worse, for 同比."""
    rows = []
    last_day = dt.date(today.year - 1, 12, 31)
    for year, end, seed, worse, offset in ((today.year, today, 2024, 1.0, 0), (today.year - 1, last_day, 2023, 1.08, 1000)):
        start = dt.date(year, 1, 1)
        days = [start + dt.timedelta(n) for n in range((end - start).days + 1)]
        weather = _weather(days, seed)  # one sky over the whole city: episodes hit every county together
        for order, (name, county_id) in enumerate(counties.items()):
            level = PROFILES.get(name, (1.0, (74, 40, 10)))[0] * worse
            rows.extend(_county_days(county_id, days, weather, level, random.Random(order + offset)))
        rows.extend(_county_days(None, days, weather, worse, random.Random(99 + offset)))
    session.execute(insert(Base.metadata.tables[AirDay.__tablename__]), rows)  # Core: the ORM's bulk path costs a tenth of a second
    targets = [{"county_id": cid, "year": today.year, "version": 1, "stages": STAGES.get(name, ""),
                **_target(PROFILES.get(name, (1, CITY_TARGET))[1])} for name, cid in counties.items()]
    targets.append({"county_id": None, "year": today.year, "version": 1, "stages": STAGES["全市"],
                    **_target(CITY_TARGET)})
    session.execute(insert(AirTarget), targets)


def _target(values: tuple[int, int, int]) -> dict:
    return {"good_rate": values[0], "pm25": values[1], "heavy_days": values[2]}


def _weather(days: list[dt.date], seed: int) -> list[float]:
    """A persistent multiplier: stagnant spells build up over days and die away."""
    rng, spell, found = random.Random(seed), 0.0, []
    for _day in days:
        spell = 0.75 * spell + rng.gauss(0, 0.33)
        found.append(math.exp(spell))
    return found


def _seasons(days: list[dt.date]) -> list[float]:
    """1 in January, −1 in July."""
    return [math.cos(2 * math.pi * (day.toordinal() - dt.date(day.year, 1, 10).toordinal()) / 365) for day in days]


def _county_days(county_id: int | None, days: list[dt.date], weather: list[float], level: float,
                 rng: random.Random) -> list[dict]:
    rows = []
    # each county has its better and worse months, so the ranking moves
    months = {(y, m): rng.lognormvariate(0, 0.12) for y in {d.year for d in days} for m in range(1, 13)}
    for day, sky, season in zip(days, weather, _seasons(days), strict=True):
        pm25 = round(max(6.0, 40 * level * months[(day.year, day.month)] * (1 + 0.55 * season) * sky * rng.lognormvariate(0, 0.15)))
        o3 = round(max(20.0, 92 - 58 * season + rng.gauss(0, 22)))
        figures = {Pollutant.PM25: pm25, Pollutant.PM10: round(pm25 * rng.uniform(1.5, 1.9)),
                   Pollutant.O3_8H: min(o3, 300), Pollutant.NO2: round(22 + 14 * season + pm25 * 0.15),
                   Pollutant.SO2: round(8 + 6 * max(season, 0) + rng.uniform(0, 4)),
                   Pollutant.CO: round(0.5 + pm25 / 110 + rng.uniform(0, 0.2), 1)}
        index = day_index(figures)
        rows.append({"county_id": county_id, "day": day, "aqi": index.aqi,
                     **dict(zip(COLUMNS, figures.values(), strict=True)),
                     "primary_pollutant": ",".join(p.label for p in index.primary)})
    return rows

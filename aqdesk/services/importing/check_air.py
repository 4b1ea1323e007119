"""The monitoring station's daily workbook: a row per county (or station, or the city) and day.

Refused with the row and value: a negative figure, an AQI above 500 or not whole, a day in the
future, a station no county answers to, and a county's day given twice with different figures
(in the file, or against what is already stored: a correction goes through undoing the batch)."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from aqdesk.db.models import AirDay
from aqdesk.domain import headings as H
from aqdesk.domain.air.aqi import POLLUTANTS, Pollutant, day_index
from aqdesk.domain.enums import UnitKind
from aqdesk.domain.limits import most
from aqdesk.exchange.workbook import Table
from aqdesk.services.common import settings
from aqdesk.services.importing.changes import Insert, RowOutcome
from aqdesk.services.importing.context import Context
from aqdesk.services.importing.rows import RowReader, rows_of

FIGURES = dict(zip(H.AIR_FIGURES, Pollutant, strict=True))  # heading → pollutant, in the same order
MISSING = {"—", "-", "--", "/", "无效", "缺测", "无数据", "NA", "N/A"}
CITY_NAMES = {"全市", "市区", "全市平均", "城市"}
# 东城区监测站, 安平县国控站点, 临川自动站: the county is what comes before
_STATION_SUFFIX = re.compile(r"(国控|省控|市控)?(空气质量)?(自动)?(监测)?(子站|站点|站|点位|点)$")
CITY = 0  # the key of the city's rows among the counties' ids


def air_days(ctx: Context, table: Table) -> list[RowOutcome]:
    outcomes: list[RowOutcome] = []
    names: dict[str, int | str] = {}
    seen: dict[tuple[int, dt.date], tuple[int, tuple]] = {}
    stored = _stored(ctx)
    by_place = H.COUNTY if H.COUNTY in table.columns else H.STATION if H.STATION in table.columns else None
    for out, read, src in rows_of(ctx, table, outcomes):
        place = read.text(by_place, required=True) if by_place else "全市"
        day = read.date(H.AIR_DAY, vague_is_error=True)
        if day is None and not read.has(H.AIR_DAY):
            ctx.problem(out, H.AIR_DAY, None, f"「{H.AIR_DAY}」不能为空")
        if day is not None and day > ctx.today:
            ctx.problem(out, H.AIR_DAY, src.cells.get(H.AIR_DAY), f"{day.isoformat()} 晚于今天，不能是将来的日期")
        county = names.get(place) if place else None
        if place and county is None:
            county = names[place] = _county(ctx, place)
        if isinstance(county, str):
            ctx.problem(out, by_place, place, county)
        figures = {p: _figure(read, h) for h, p in FIGURES.items()}
        aqi = _aqi(ctx, out, read)
        if out.has_error or day is None or not isinstance(county, int):
            continue
        concentrations = {p: v for p, v in figures.items() if v is not None}
        primary = read.text(H.PRIMARY_POLLUTANT) if read.has(H.PRIMARY_POLLUTANT) else ""
        if aqi is None and concentrations:
            try:
                index = day_index(concentrations)
            except ValueError as exc:
                ctx.problem(out, "O3_8h", figures[Pollutant.O3_8H], str(exc))
                continue
            aqi, primary = index.aqi, primary or ",".join(p.label for p in index.primary)
        if aqi is None:
            continue  # the station was down that day: nothing to record
        values = (aqi, *(figures[p] for p in POLLUTANTS))
        earlier = seen.setdefault((county, day), (src.number, values))
        if earlier[0] != src.number:
            if earlier[1] != values:
                ctx.problem(out, H.AIR_DAY, day.isoformat(),
                            f"{place}{day.isoformat()}已在第{earlier[0]}行出现，数据不同（AQI {earlier[1][0]} 与 {aqi}）")
            continue
        before = stored.get((county, day))
        if before is not None:
            if before != values:
                ctx.problem(out, H.AIR_DAY, day.isoformat(),
                            f"{place}{day.isoformat()}的数据已在台账中（AQI {before[0]}），与本行（AQI {aqi}）不同；"
                            "如需更正，请先撤销原导入批次")
            continue
        out.inserts.append(Insert(
            "air_day", {"county_id": None if county == CITY else county, "day": day, "aqi": aqi,
                        **{p.value: figures[p] for p in POLLUTANTS}, "primary_pollutant": primary[:50]},
            f"{place} {day.isoformat()} 空气质量", table.sheet, src.number, in_batch=True))
    return outcomes


def _figure(read: RowReader, heading: str) -> float | None:
    value = read.cells.get(heading)
    if type(value) is float and 0 <= value <= most(heading):  # the usual case, kept cheap
        return value
    if heading not in read.cells or read.text(heading) in MISSING:
        return None
    return read.number(heading)


def _aqi(ctx: Context, out: RowOutcome, read: RowReader) -> int | None:
    if H.AQI not in read.cells or read.text(H.AQI) in MISSING:
        return None
    value = read.count(H.AQI)
    if value is not None and value > 500:
        ctx.problem(out, H.AQI, read.cells.get(H.AQI), "AQI 不能超过 500")
        return None
    return value


def _county(ctx: Context, name: str) -> int | str:
    """The county a county's or station's name stands for (CITY for the city), or why none."""
    if name in CITY_NAMES or name == settings.load(ctx.session).office.city:
        return CITY
    for candidate in (name, _STATION_SUFFIX.sub("", name)):
        unit_id = ctx.unit_id(candidate) if candidate else None
        if unit_id is not None and ctx.named_units.get(unit_id, ("", ""))[1] == UnitKind.COUNTY:
            return unit_id
    return f"没有名为“{name}”的县（区）或站点（可在单位管理中把它添为该县区的别名）"


def _stored(ctx: Context) -> dict[tuple[int, dt.date], tuple]:
    """What is already stored, by (county or CITY, day)."""
    rows = ctx.session.execute(select(AirDay.county_id, AirDay.day, AirDay.aqi, *(
        getattr(AirDay, p.value) for p in POLLUTANTS)))
    return {(county or CITY, day): tuple(values) for county, day, *values in rows}

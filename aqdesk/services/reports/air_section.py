"""The air-quality section the 通报 and the 专报 open with: each county's 优良率 and PM2.5 year
to date against its targets, its colour, and the ranking with the places moved since last
month. Gathered as plain JSON-ready data so an issued 通报 freezes it with its other figures."""

from __future__ import annotations

import datetime as dt

from aqdesk.db.database import Database
from aqdesk.domain.enums import Color
from aqdesk.services.air.standings import air_report


def air_figures(db: Database, as_of: dt.date) -> dict | None:
    """The counties in ranking order (unranked last) and the city; None while no county has
    a day's figures, so a document says nothing rather than a table of dashes."""
    report = air_report(db, as_of)
    if not any(c.summary.valid_days for c in report.counties):
        return None
    ordered = sorted(report.counties, key=lambda c: (c.rank is None, c.rank or 0, c.name))
    return {"as_of": as_of.isoformat(), "rank_by": report.rank_by.label,
            "city": report.city.as_json() if report.city else None,
            "counties": [c.as_json() for c in ordered]}


def by_colour(air: dict | None) -> dict[Color, list[str]]:
    """County names by colour, in ranking order."""
    found: dict[Color, list[str]] = {c: [] for c in Color}
    for county in (air or {}).get("counties", []):
        found[Color[county["color"].upper()]].append(county["name"])
    return found


def figure(value: float | None, unit: str = "") -> str:
    return "—" if value is None else f"{value:g}{unit}"


def _against(value: float | None, target: float | None, unit: str = "") -> str:
    return figure(value, unit) + ("" if target is None else f"（目标{target:g}{'%' if unit == '%' else ''}）")


def city_sentence(air: dict) -> str:
    city = air["city"]
    day = dt.date.fromisoformat(air["as_of"])
    if city is None:
        return f"截至{day.month}月{day.day}日，全市暂无空气质量数据。"
    return (f"截至{day.month}月{day.day}日，全市优良天数率{_against(city['good_rate'], city['target_good_rate'], '%')}，"
            f"PM2.5累计均值{_against(city['pm25'], city['target_pm25'], '微克/立方米')}，"
            f"重污染{city['heavy_days']}天。")


def bulletin_paragraphs(air: dict) -> list[str]:
    """The 通报's opening section: the city, the counties by colour, the ranking and its moves."""
    colours = by_colour(air)
    text = [city_sentence(air)]
    red, yellow = colours[Color.RED], colours[Color.YELLOW]
    late = [f"{c['name']}：{c['reason']}" for c in air["counties"] if c["color"] == Color.RED.value]
    if red:
        text.append(f"{len(red)}个县（区）年度目标完成形势严峻。{'；'.join(late)}。")
    if yellow:
        text.append(f"{'、'.join(yellow)}落后于序时进度或超标天额度将尽，需加大管控力度。")
    ranked = [c for c in air["counties"] if c["rank"] is not None]
    if ranked:
        moves = [f"{c['name']}{c['movement']}" for c in ranked if c["movement"] not in ("", "持平")]
        text.append(f"按{air['rank_by']}排名，前三位是{'、'.join(c['name'] for c in ranked[:3])}，"
                    f"后三位是{'、'.join(c['name'] for c in ranked[-3:][::-1])}"
                    + (f"；与上月相比，{'、'.join(moves)}" if moves else "；与上月相比排名无变化") + "（详见附件1）。")
    return text


def brief_sentence(air: dict) -> str:
    """One sentence, so the 专报 stays one page: the city against its targets, then the
    counties whose year is out of reach, or else the bottom of the ranking."""
    city = air["city"]
    ranked = [c["name"] for c in air["counties"] if c["rank"] is not None]
    red = "、".join(by_colour(air)[Color.RED])
    counties = (f"{red}年度目标难以完成" if red else
                f"排名靠后的是{'、'.join(ranked[-3:][::-1])}" if ranked else "各县（区）暂无排名")
    if city is None:
        return f"空气质量：{counties}。"
    return (f"空气质量：全市优良率{_against(city['good_rate'], city['target_good_rate'], '%')}，"
            f"PM2.5 {_against(city['pm25'], city['target_pm25'])}；{counties}。")

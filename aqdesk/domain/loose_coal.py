"""散煤治理 rules: a county's year-to-date figures against its yearly targets.

A relapse (a banned sale or burning point back in business) is what leaders fear most, so
any 反弹点位 in the latest period turns the county red whatever its other figures; a figure
behind the share of the year already gone by more than the lag margin turns it yellow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from aqdesk.domain.enums import Color

FIGURES = (
    ("banned_points", "取缔散煤销售点（个）"),
    ("clean_coal_outlets", "洁净型煤配送网点（个）"),
    ("clean_coal_tonnes", "配送洁净型煤（吨）"),
    ("inspections", "检查次数"),
    ("inferior_coal_tonnes", "查处劣质煤（吨）"),
    ("cases", "立案（起）"),
)
RELAPSE = ("relapse_points", "反弹点位（个）")


def short_label(label: str) -> str:
    return label.split("（")[0]


def year_share(as_of: dt.date) -> float:
    """Share of the calendar year gone by at the end of ``as_of``, 0–100."""
    start, end = dt.date(as_of.year, 1, 1), dt.date(as_of.year, 12, 31)
    return 100.0 * ((as_of - start).days + 1) / ((end - start).days + 1)


def percent_of_target(actual: float, target: float) -> float | None:
    return 100.0 * actual / target if target else None


def assess_county(actual: Mapping[str, float], target: Mapping[str, float], relapse_points: int,
                  as_of: dt.date, lag_points: float) -> tuple[Color, str]:
    if relapse_points > 0:
        return Color.RED, f"反弹点位{relapse_points}个"
    expected = year_share(as_of)
    behind = []
    for key, label in FIGURES:
        percent = percent_of_target(actual.get(key, 0), target.get(key, 0))
        if percent is not None and expected - percent > lag_points:
            behind.append((expected - percent, f"{short_label(label)}完成{percent:.0f}%"))
    if behind:
        behind.sort(reverse=True)
        lag, worst = behind[0]
        return Color.YELLOW, f"{worst}，落后时序{lag:.0f}个百分点"
    return Color.GREEN, "无反弹，进度正常"

"""A county's year against its targets: the non-good days it can still afford (「今年还可有N个超标天」),
the PM2.5 mean the rest of the year must stay under, and red/yellow/green with the reasons.

Days not yet monitored are counted as days to come: a county with missing data neither gains
nor loses budget for them."""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from aqdesk.domain.air.evaluation import Summary, revise
from aqdesk.domain.enums import Color


@dataclass(frozen=True)
class Target:
    good_rate: float | None  # percent, e.g. 75.0
    pm25: float | None  # μg/m³, annual mean
    heavy_days: int | None = None  # 重污染天数 at most
    # 「1、2、3月优良率累计分别达到…」: (month, the 优良率 from January to that month's end)
    stages: tuple[tuple[int, float], ...] = ()


_STAGE = re.compile(r"(\d{1,2})\s*[月:：]\s*(\d+(?:\.\d+)?)\s*%?")
_BETWEEN = re.compile(r"[\s,，;；、]*")


def parse_stages(text: str) -> tuple[tuple[int, float], ...]:
    """「3月60，6月70」 (or 3:60, 6:70) → ((3, 60.0), (6, 70.0)); ValueError saying what is wrong."""
    found: dict[int, float] = {}
    text = unicodedata.normalize("NFKC", text or "").strip()
    position = 0
    for match in _STAGE.finditer(text):
        if _BETWEEN.fullmatch(text[position:match.start()]) is None:
            break
        month, rate = int(match[1]), float(match[2])
        if not 1 <= month <= 12 or not 0 <= rate <= 100:
            raise ValueError(f"阶段目标“{match[0]}”应为 1–12 月、0–100 之间的优良率")
        found[month] = rate
        position = match.end()
    if _BETWEEN.fullmatch(text[position:]) is None:
        raise ValueError(f"阶段目标应写作“3月60，6月70”（月份和截至该月累计优良率），而不是“{text}”")
    return tuple(sorted(found.items()))


def format_stages(stages: tuple[tuple[int, float], ...]) -> str:
    return "，".join(f"{month}月{rate:g}%" for month, rate in stages)


@dataclass(frozen=True)
class Standing:
    color: Color
    reasons: tuple[str, ...]
    budget_days: int | None  # non-good days still affordable; negative: the target is out of reach
    pm25_ceiling: float | None  # the mean PM2.5 the rest of the year must stay under
    days_left: int

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


def days_in_year(year: int) -> int:
    return 366 if _calendar.isleap(year) else 365


def days_left(as_of: dt.date) -> int:
    """Days of the year after ``as_of``."""
    return (dt.date(as_of.year, 12, 31) - as_of).days


def elapsed_share(as_of: dt.date) -> float:
    """序时: the share of the year up to and including ``as_of``."""
    return as_of.timetuple().tm_yday / days_in_year(as_of.year)


def budget_days(summary: Summary, target_rate: float, left: int) -> int:
    """Non-good days the county can still have and reach ``target_rate`` (percent) over the
    valid days so far and the ``left`` days to come, all assumed valid."""
    total = summary.valid_days + left
    needed = math.ceil(round(target_rate / 100 * total, 9))
    return summary.good_days + left - needed


def pm25_ceiling(summary: Summary, target: float, left: int) -> float | None:
    """The mean PM2.5 the rest of the year must stay under for the annual mean to round to
    ``target`` or below; None when the year is over or nothing is measured yet."""
    mean = summary.pm25
    if left == 0 or mean is None:
        return None
    total = summary.valid_days + left
    # the annual mean may reach target + 0.5 and still revise down to the target (not on a tie
    # after an odd target, which GB/T 8170 rounds up: hence the strict comparison on the ceiling)
    return revise(((target + 0.5) * total - mean * summary.valid_days) / left, 1)


def stand(summary: Summary, target: Target, as_of: dt.date, warn_below_days: int,
          running_rates: Mapping[int, float | None] | None = None) -> Standing:
    """Red when a target can no longer be met or the budget is spent; yellow behind 序时 or
    the budget at ``warn_below_days`` or fewer; green on track. ``running_rates``: the 优良率
    from January to each month's end, for the stage targets; the latest stage whose month
    has ended is red while it stands missed."""
    left = days_left(as_of)
    if not summary.valid_days:
        return Standing(Color.GREEN, ("尚无监测数据",), None, None, left)
    if target == Target(None, None):
        return Standing(Color.GREEN, ("未设定目标",), None, None, left)
    red: list[str] = []
    yellow: list[str] = []
    budget = None
    if target.good_rate is not None:
        budget = budget_days(summary, target.good_rate, left)
        rate = summary.good_rate
        if left == 0:
            (red if rate is not None and rate < target.good_rate else []).append(
                f"全年优良率{rate}%，未达目标{target.good_rate:g}%")
        elif budget < 0:
            red.append(f"优良率目标{target.good_rate:g}%已无法完成（余下{left}天全部优良也不够）")
        elif budget == 0:
            red.append("超标天额度已用完，余下每天都须优良")
        else:
            allowed = days_in_year(as_of.year) - math.ceil(round(target.good_rate / 100 * days_in_year(as_of.year), 9))
            used = summary.valid_days - summary.good_days
            if allowed and used / allowed > elapsed_share(as_of):
                yellow.append(f"超标天已用{used}天，超过序时进度（全年额度约{allowed}天）")
            if budget <= warn_below_days:
                yellow.append(f"今年还可有{budget}个超标天")
    ceiling = None
    if target.pm25 is not None and summary.pm25 is not None:
        ceiling = pm25_ceiling(summary, target.pm25, left)
        if left == 0:
            if summary.pm25 > target.pm25:
                red.append(f"PM2.5年均{summary.pm25:g}，超过目标{target.pm25:g}")
        elif ceiling is not None and ceiling <= 0:
            red.append(f"PM2.5目标{target.pm25:g}已无法完成")
        elif summary.pm25 > target.pm25:
            yellow.append(f"PM2.5累计均值{summary.pm25:g}，高于目标{target.pm25:g}，余下须控制在{ceiling:g}以下")
    ended = [(m, rate) for m, rate in target.stages if _month_end(as_of.year, m) <= as_of]
    if ended and running_rates is not None:
        month, wanted = ended[-1]
        reached = running_rates.get(month)
        if reached is not None and reached < wanted:
            red.append(f"截至{month}月底累计优良率{reached:g}%，未达阶段目标{wanted:g}%")
    if target.heavy_days is not None and summary.heavy_days > target.heavy_days:
        red.append(f"重污染{summary.heavy_days}天，超过目标{target.heavy_days}天")
    color = Color.RED if red else Color.YELLOW if yellow else Color.GREEN
    reasons = tuple(red + yellow) or ("进度正常",)
    return Standing(color, reasons, budget, ceiling, left)

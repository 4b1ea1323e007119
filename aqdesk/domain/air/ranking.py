"""Ranking counties by the office's choice of figure, and the places each moved since the
previous ranking (进位 / 退位)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

from aqdesk.domain.air.evaluation import Summary, revise
from aqdesk.domain.enums import Labelled

K = TypeVar("K", bound=Hashable)


class RankBy(Labelled):
    COMPOSITE = "composite", "综合指数"
    PM25 = "pm25", "PM2.5"
    GOOD_RATE = "good_rate", "优良率"
    IMPROVEMENT = "improvement", "PM2.5同比改善"

    def figure(self, summary: Summary, last_year: Summary | None = None) -> float | None:
        if self is RankBy.IMPROVEMENT:
            return pm25_change(summary, last_year)
        return summary.composite if self is RankBy.COMPOSITE else summary.pm25 if self is RankBy.PM25 \
            else summary.good_rate

    @property
    def higher_is_better(self) -> bool:
        return self is RankBy.GOOD_RATE


def rank_by(text: str) -> RankBy | None:
    """The choice named by its label (优良率) or value (good_rate)."""
    found = RankBy.from_label(text)
    return found if isinstance(found, RankBy) else None


def pm25_change(now: Summary, before: Summary | None) -> float | None:
    """PM2.5 against the same days of last year, in percent (−8.5: 8.5 % lower, better)."""
    if before is None or now.pm25 is None or not before.pm25:
        return None
    return revise(100 * (now.pm25 - before.pm25) / before.pm25, 1)


def rank(summaries: Mapping[K, Summary], by: RankBy,
         last_year: Mapping[K, Summary] | None = None) -> dict[K, int | None]:
    """1 for the best; equal figures share a place (1, 2, 2, 4); no figure, no place.
    ``last_year``: the same days a year before, for ranking by improvement."""
    sign = -1 if by.higher_is_better else 1
    before = last_year or {}
    figures = {key: f for key, s in summaries.items() if (f := by.figure(s, before.get(key))) is not None}
    ordered = sorted(figures.values(), key=lambda f: sign * f)
    places = {f: ordered.index(f) + 1 for f in reversed(ordered)}
    return {key: places[figures[key]] if key in figures else None for key in summaries}


def movement(now: int | None, before: int | None) -> str:
    """「进2位」, 「退1位」, 「持平」, or "" without both places."""
    if now is None or before is None:
        return ""
    return f"进{before - now}位" if now < before else f"退{now - before}位" if now > before else "持平"

"""Ranking counties by the office's choice of figure, and the places each moved since the
previous ranking (进位 / 退位)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

from aqdesk.domain.air.evaluation import Summary
from aqdesk.domain.enums import Labelled

K = TypeVar("K", bound=Hashable)


class RankBy(Labelled):
    COMPOSITE = "composite", "综合指数"
    PM25 = "pm25", "PM2.5"
    GOOD_RATE = "good_rate", "优良率"

    def figure(self, summary: Summary) -> float | None:
        return summary.composite if self is RankBy.COMPOSITE else summary.pm25 if self is RankBy.PM25 \
            else summary.good_rate

    @property
    def higher_is_better(self) -> bool:
        return self is RankBy.GOOD_RATE


def rank_by(text: str) -> RankBy | None:
    """The choice named by its label (优良率) or value (good_rate)."""
    found = RankBy.from_label(text)
    return found if isinstance(found, RankBy) else None


def rank(summaries: Mapping[K, Summary], by: RankBy) -> dict[K, int | None]:
    """1 for the best; equal figures share a place (1, 2, 2, 4); no figure, no place."""
    sign = -1 if by.higher_is_better else 1
    figures = {key: f for key, s in summaries.items() if (f := by.figure(s)) is not None}
    ordered = sorted(figures.values(), key=lambda f: sign * f)
    places = {f: ordered.index(f) + 1 for f in reversed(ordered)}
    return {key: places[figures[key]] if key in figures else None for key in summaries}


def movement(now: int | None, before: int | None) -> str:
    """「进2位」, 「退1位」, 「持平」, or "" without both places."""
    if now is None or before is None:
        return ""
    return f"进{before - now}位" if now < before else f"退{now - before}位" if now > before else "持平"

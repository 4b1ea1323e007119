"""Which plan year an item belongs to: tasks, targets and sheets are planned per year, and a
plan for 2027 must never touch 2026's items even where their numbers repeat."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable

# 「2027年…」, 「2026—2027年供暖季…」 (the first year is the plan's), 「二〇二七年」 is not used in plans
_TITLE_YEAR = re.compile(r"(20\d{2})\s*(?:[-－—–~～至到]\s*20\d{2}\s*)?年")
# The heating season of year Y starts on 15 November; work due before April belongs to the
# season that started the autumn before.
SEASON_ENDS_MONTH = 4


def year_in_title(text: str) -> int | None:
    match = _TITLE_YEAR.search(text or "")
    return int(match[1]) if match else None


def year_of_dates(dates: Iterable[dt.date | None]) -> int | None:
    """The year most of ``dates`` fall in (the earliest on a tie): a 2026 plan has a few tasks
    due in the spring of 2027, and they are still 2026's tasks."""
    counts = Counter(d.year for d in dates if d is not None)
    if not counts:
        return None
    return min(counts, key=lambda year: (-counts[year], year))


def majority_year(dates: Iterable[dt.date | None]) -> int | None:
    """The year more than half of ``dates`` fall in, when one does: a plan's year read from its
    deadlines must not be a guess."""
    counts = Counter(d.year for d in dates if d is not None)
    total = sum(counts.values())
    for year, count in counts.items():
        if count * 2 > total:
            return year
    return None


def season_of(deadline: dt.date | None) -> int | None:
    """The heating season (by the year it starts) a 双替代 deadline prepares for."""
    if deadline is None:
        return None
    return deadline.year - 1 if deadline.month < SEASON_ENDS_MONTH else deadline.year

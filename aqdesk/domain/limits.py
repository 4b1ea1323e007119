"""The largest figure a return can sensibly report, per heading.

A city has some millions of households and burns some tens of millions of tonnes of coal a
year; a figure far beyond that is a slip (``1e20`` pasted into a count, a cell of digits), and
one past 2⁶³ would not even fit the database's integer column. Refused, never stored.
"""

from __future__ import annotations

from aqdesk.domain import headings as H

_HOUSEHOLDS = 10_000_000
_TONNES = 100_000_000
_OCCURRENCES = 1_000_000  # points, outlets, inspections, cases in one county and period

_MOST: dict[str, int] = {
    H.TARGET_HOUSEHOLDS: _HOUSEHOLDS,
    H.COMPLETED: _HOUSEHOLDS,
    H.ACCEPTED: _HOUSEHOLDS,
    H.RELAPSES: _OCCURRENCES,
}
for _heading in H.LOOSE_COAL_FIGURES:
    _MOST[_heading] = _MOST["目标" + _heading] = _TONNES if "吨" in _heading else _OCCURRENCES
# Any other figure: still far below what a 64-bit integer column holds.
_DEFAULT = 1_000_000_000


def most(heading: str) -> int:
    return _MOST.get(heading, _DEFAULT)


def too_large(heading: str, amount: float) -> str | None:
    """Why ``amount`` cannot be a figure under ``heading``, or None when it can."""
    limit = most(heading)
    return None if amount <= limit else f"超出合理范围（「{heading}」最多 {limit:,}）"

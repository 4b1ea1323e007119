"""双替代 rules: household counts, their checks and roll-ups township → county → city."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

CITY = "全市"


@dataclass
class Households:
    target: int = 0
    completed: int = 0
    accepted: int = 0

    def add(self, target: int, completed: int, accepted: int) -> None:
        self.target += target
        self.completed += completed
        self.accepted += accepted

    @property
    def percent(self) -> float | None:
        return 100.0 * self.completed / self.target if self.target else None

    @property
    def accepted_percent(self) -> float | None:
        return 100.0 * self.accepted / self.target if self.target else None


def figure_problems(target: int | None, completed: int | None, accepted: int | None) -> list[str]:
    """Errors that refuse an edit: negative counts, more accepted than completed."""
    problems = [f"{name}不能为负数（{value}）" for name, value in
                (("任务户数", target), ("已完成户数", completed), ("已验收户数", accepted))
                if value is not None and value < 0]
    if not problems and accepted is not None and completed is not None and accepted > completed:
        problems.append(f"已验收户数{accepted}不能超过已完成户数{completed}")
    return problems


def data_error(target: int, completed: int, accepted: int) -> str:
    """What is shown, not hidden, when stored figures contradict each other."""
    problems = []
    if completed > target:
        problems.append(f"已完成{completed}户超过任务{target}户")
    if accepted > completed:
        problems.append(f"已验收{accepted}户超过已完成{completed}户")
    return "；".join(problems)


def roll_up(rows: Iterable[tuple[str, str, int, int, int]]) -> dict[tuple[str, str], Households]:
    """(county, kind, target, completed, accepted) rows → totals per (county, kind), per
    (county, ""), and for the city as (CITY, kind) and (CITY, "")."""
    sums: dict[tuple[str, str], list[int]] = {}
    for county, kind, target, completed, accepted in rows:
        acc = sums.get((county, kind))
        if acc is None:
            sums[(county, kind)] = [target, completed, accepted]
        else:
            acc[0] += target
            acc[1] += completed
            acc[2] += accepted
    totals: dict[tuple[str, str], Households] = {}
    for (county, kind), (target, completed, accepted) in sums.items():
        for key in ((county, kind), (county, ""), (CITY, kind), (CITY, "")):
            totals.setdefault(key, Households()).add(target, completed, accepted)
    return totals

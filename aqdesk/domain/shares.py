"""Shared duties: a task split into shares, one per responsible unit, takes its colour,
progress and completion from its shares by the rule the task states:

all    — done when every share is done; as late as its latest share;
lead   — the lead unit decides: its own share (or, without one, the task's own figures);
count  — done when ``needed`` shares are done; coloured by the weakest share still needed.

The reason names the counts and the late units: 「10个县区中8个已完成，2个逾期：甲县、乙区」.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from aqdesk.domain.enums import Color, ShareRule
from aqdesk.domain.names import normalize_name
from aqdesk.domain.palette import SEVERITY
from aqdesk.domain.warning import Assessment

# What a plan or a clerk writes for "a share for every county"
_ALL_COUNTIES = frozenset(normalize_name(t) for t in (
    "全部县区", "各县区", "所有县区", "全部县（区）", "各县（区）", "所有县（区）", "全市各县区", "全市各县（区）",
    "各县市区", "各县（市、区）", "全部县（市、区）"))


_RULES = {text: rule for rule in ShareRule for text in (rule.value, rule.label)}


def rule_of(text: str) -> ShareRule:
    """A rule from its stored value or its label (``ShareRule.ALL`` for anything else)."""
    return _RULES.get(text, ShareRule.ALL)


def means_every_county(name: str) -> bool:
    return normalize_name(name) in _ALL_COUNTIES


class ShareState(NamedTuple):  # a tuple: a ledger of 100,000 tasks may hold 100,000 shares
    unit: str
    warning: Assessment
    progress: int
    done: bool
    is_lead: bool = False


class Derived(NamedTuple):
    warning: Assessment
    progress: int
    done: bool
    late: tuple[str, ...]  # the units whose share is overdue and unfinished


def derive(rule: ShareRule, shares: list[ShareState], *, own: Callable[[], Assessment], own_progress: int,
           own_done: bool, needed: int | None = None, noun: str = "单位") -> Derived:
    """``own()``: the task's assessment from its own figures, which decides under ``lead``
    when the lead keeps no share of its own, and stands alone when there are no shares
    (asked for only then)."""
    if not shares:
        return Derived(own(), own_progress, own_done, ())
    late = tuple(s.unit for s in shares if not s.done and s.warning.color is Color.RED)
    summary = _summary(shares, late, noun)
    if rule is ShareRule.LEAD:
        lead = next((s for s in shares if s.is_lead), None)
        warning, progress, done = (lead.warning, lead.progress, lead.done) if lead else (own(), own_progress, own_done)
        return Derived(_with_reason(warning, f"{summary}；牵头单位认定：{warning.reason}"), progress, done, late)
    if rule is ShareRule.COUNT:
        need = min(max(needed or len(shares), 1), len(shares))
        finished = sum(s.done for s in shares)
        progress = sum(sorted((s.progress for s in shares), reverse=True)[:need]) // need
        summary += f"（需完成{need}个）"
        if finished >= need:
            return Derived(Assessment(Color.GREEN, summary), 100, True, late)
        # the shares most likely to finish carry the count: the task is as late as the last one needed
        undone = sorted((s for s in shares if not s.done), key=lambda s: -SEVERITY[s.warning.color])
        deciding = undone[need - finished - 1].warning
        return Derived(_with_reason(deciding, summary), min(progress, 99), False, late)
    done = all(s.done for s in shares)
    progress = sum(s.progress for s in shares) // len(shares)
    if done:
        return Derived(Assessment(Color.GREEN, summary), 100, True, late)
    worst = min((s for s in shares if not s.done), key=lambda s: (SEVERITY[s.warning.color], _days(s)))
    return Derived(_with_reason(worst.warning, summary), min(progress, 99), False, late)


def _days(share: ShareState) -> int:
    days = share.warning.days_left
    return days if days is not None else 1 << 30


def _with_reason(warning: Assessment, reason: str) -> Assessment:
    return Assessment(warning.color, reason, warning.days_left, warning.workdays_left)


def _summary(shares: list[ShareState], late: tuple[str, ...], noun: str) -> str:
    total, finished = len(shares), sum(s.done for s in shares)
    if finished == total:
        return f"{total}个{noun}全部完成"
    text = f"{total}个{noun}中{finished}个已完成"
    if late:
        text += f"，{len(late)}个逾期：{'、'.join(late)}"
    warned = [s.unit for s in shares if not s.done and s.warning.color is Color.YELLOW]
    if warned:
        text += f"，{len(warned)}个预警：{'、'.join(warned)}"
    return text

"""退城入园 rules: the stage an enterprise is at follows from its actual dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from aqdesk.domain.enums import MilestoneKind

STAGES = ("未启动", "已停产", "已拆除", "新址开工", "已投产")


def current_stage(actual_dates: Sequence[dt.date | None]) -> str:
    """``actual_dates`` in milestone order (停产, 拆除, 开工, 投产): the stage is the last
    milestone reached without a gap before it."""
    reached = 0
    for date in actual_dates:
        if date is None:
            break
        reached += 1
    return STAGES[reached]


def actual_date_problems(kinds_and_actuals: Sequence[tuple[MilestoneKind, dt.date | None]],
                         today: dt.date) -> list[str]:
    """Actual dates must not lie in the future, nor skip an earlier milestone."""
    problems = []
    for kind, actual in kinds_and_actuals:
        if actual is not None and actual > today:
            problems.append(f"{kind.label}实际时间 {actual.isoformat()} 晚于今天，实际完成时间不能是将来的日期")
    reached_gap = None
    for kind, actual in kinds_and_actuals:
        if actual is None and reached_gap is None:
            reached_gap = kind
        elif actual is not None and reached_gap is not None:
            problems.append(f"已填写{kind.label}时间，但{reached_gap.label}尚未完成，请先填写{reached_gap.label}时间")
            break
    return problems

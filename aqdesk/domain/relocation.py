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


def next_open(kinds_and_dates: Sequence[tuple[MilestoneKind, dt.date | None]]) -> MilestoneKind | None:
    return next((kind for kind, actual in kinds_and_dates if actual is None), None)

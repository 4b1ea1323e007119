"""The closed loop of a supervision sheet: which step may follow which, and when a unit
answered late.

交办 → 签收 → 整改 → 反馈 → 核查 (passed, or returned for rework → 整改/反馈 again) → 销号.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from aqdesk.domain.enums import LoopStep

NEXT: dict[LoopStep, tuple[LoopStep, ...]] = {
    LoopStep.ISSUED: (LoopStep.RECEIVED,),
    LoopStep.RECEIVED: (LoopStep.RECTIFYING, LoopStep.FEEDBACK),
    LoopStep.RECTIFYING: (LoopStep.RECTIFYING, LoopStep.FEEDBACK),
    LoopStep.FEEDBACK: (LoopStep.VERIFIED, LoopStep.RETURNED),
    LoopStep.RETURNED: (LoopStep.RECTIFYING, LoopStep.FEEDBACK),
    LoopStep.VERIFIED: (LoopStep.CLOSED,),
    LoopStep.CLOSED: (),
}

# Steps whose note is the substance of the step, so it may not be left empty.
NOTE_REQUIRED = {
    LoopStep.FEEDBACK: "反馈内容",
    LoopStep.RETURNED: "退回理由",
    LoopStep.CLOSED: "销号说明",
}
# Steps someone answers for by name: 销号 closes the matter on the word of whoever checked it.
CHECKER_REQUIRED = frozenset({LoopStep.CLOSED})
# The steps of the office's check, the only ones that name who checked.
CHECK_STEPS = frozenset({LoopStep.VERIFIED, LoopStep.RETURNED, LoopStep.CLOSED})


def step_problems(state: LoopStep, step: LoopStep, on_date: dt.date | None,
                  last_date: dt.date | None, note: str, checked_by: str = "") -> list[str]:
    problems = []
    allowed = NEXT[state]
    if step not in allowed:
        if not allowed:
            problems.append("该督办单已销号，不能再记录办理环节")
        else:
            names = "、".join(s.label for s in allowed)
            problems.append(f"督办单当前为“{state.label}”，下一步只能是：{names}")
    if on_date is None:
        problems.append("请填写日期")
    elif last_date is not None and on_date < last_date:
        problems.append(f"日期 {on_date.isoformat()} 早于上一环节的日期 {last_date.isoformat()}")
    if step in NOTE_REQUIRED and not note.strip():
        problems.append(f"请填写{NOTE_REQUIRED[step]}")
    if step in CHECKER_REQUIRED and not checked_by.strip():
        problems.append(f"{step.label}须填写核查人")
    return problems


def answered_on(steps: Sequence[tuple[LoopStep, dt.date]]) -> dt.date | None:
    """The day the unit first reported back: its answer to the deadline."""
    return next((on for step, on in steps if step is LoopStep.FEEDBACK), None)


def answered_late(deadline: dt.date, steps: Sequence[tuple[LoopStep, dt.date]], as_of: dt.date) -> bool:
    """Late when the first feedback came after the deadline, or none came and it has passed."""
    first = answered_on(steps)
    return (first or as_of) > deadline

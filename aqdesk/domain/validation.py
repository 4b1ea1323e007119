"""Checks on what a clerk types, returning Chinese reasons (empty when all is well)."""

from __future__ import annotations

import datetime as dt


def task_problems(
    *, title: str, start: dt.date | None, deadline: dt.date | None, progress: int | None, dated: bool
) -> list[str]:
    problems = []
    if not title.strip():
        problems.append("任务名称不能为空")
    if dated and deadline is None:
        problems.append("请填写完成时限，或选择“长期坚持/每月/每季度”")
    if start and deadline and deadline < start:
        problems.append(f"完成时限 {deadline.isoformat()} 早于开始时间 {start.isoformat()}")
    if progress is not None and not 0 <= progress <= 100:
        problems.append(f"完成比例应在 0–100 之间，而不是 {progress}")
    return problems


def progress_report_problems(*, text: str, progress: int | None, period: dt.date | None) -> list[str]:
    problems = []
    if not text.strip():
        problems.append("进展情况不能为空")
    if progress is None or not 0 <= progress <= 100:
        problems.append(f"完成比例应在 0–100 之间，而不是 {progress}")
    if period is None:
        problems.append("请填写报送期")
    return problems


def postponement_problems(*, old: dt.date | None, new: dt.date | None, reason: str) -> list[str]:
    problems = []
    if new is None:
        problems.append("请填写新的完成时限")
    elif old is not None and new <= old:
        problems.append(f"新的时限 {new.isoformat()} 应晚于原时限 {old.isoformat()}")
    if not reason.strip():
        problems.append("推迟必须填写理由")
    return problems

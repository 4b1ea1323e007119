"""The warning engine: red / yellow / green for anything with a deadline, with a reason.

red    — the deadline has passed and the item is not done;
yellow — due within N working days, or progress lags the share of time elapsed by more
         than M percentage points; a standing task whose latest report is older than its
         reporting cycle;
green  — done, or on track.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from aqdesk.domain.enums import Color, DeadlineKind
from aqdesk.domain.workcalendar import WorkCalendar


@dataclass(frozen=True)
class WarningSettings:
    due_soon_workdays: int = 5
    lag_points: int = 20
    cycle_days: dict[str, int] = field(
        default_factory=lambda: {
            DeadlineKind.STANDING: 31,
            DeadlineKind.MONTHLY: 31,
            DeadlineKind.QUARTERLY: 92,
        }
    )


@dataclass(frozen=True)
class Assessment:
    color: Color
    reason: str
    days_left: int | None = None  # natural days to the deadline; negative when overdue; None once done
    workdays_left: int | None = None  # set when the reason counts working days (due soon)

    @property
    def days_text(self) -> str:
        """逾期/剩余 in the same day unit as the reason beside it, saying which."""
        if self.workdays_left is not None:
            return f"剩{self.workdays_left}个工作日"
        if self.days_left is None:
            return ""
        return f"逾期{-self.days_left}天" if self.days_left < 0 else f"剩{self.days_left}天"


def assess(
    *,
    as_of: dt.date,
    deadline: dt.date | None,
    done: bool,
    calendar: WorkCalendar,
    settings: WarningSettings,
    start: dt.date | None = None,
    progress: float | None = None,
    done_on: dt.date | None = None,
) -> Assessment:
    days_left = (deadline - as_of).days if deadline else None
    if done:  # a finished item counts no days to a deadline: it says how it finished
        return Assessment(Color.GREEN, _finished(deadline, done_on))
    if deadline is None:
        return Assessment(Color.GREEN, "无完成时限")
    if deadline < as_of:
        return Assessment(Color.RED, f"逾期{(as_of - deadline).days}天", days_left)
    # No holiday run is longer than ~10 days, so a deadline this far away cannot be within
    # N working days: skip counting them, which matters when colouring 100,000 rows.
    far = (deadline - as_of).days > settings.due_soon_workdays * 2 + 14
    left = settings.due_soon_workdays + 1 if far else calendar.workdays_between(as_of, deadline)
    if left <= settings.due_soon_workdays:
        return Assessment(Color.YELLOW, "今日到期" if deadline == as_of else f"剩{left}个工作日", days_left, left)
    lag = _lag_points(as_of, start, deadline, progress)
    if lag is not None and lag > settings.lag_points:
        return Assessment(Color.YELLOW, f"进度落后时序{lag:.0f}个百分点", days_left)
    return Assessment(Color.GREEN, f"剩{days_left}天", days_left)


def assess_standing(
    *,
    as_of: dt.date,
    kind: DeadlineKind,
    last_reported_on: dt.date | None,
    settings: WarningSettings,
) -> Assessment:
    cycle = settings.cycle_days.get(kind, 31)
    if last_reported_on is None:
        return Assessment(Color.YELLOW, f"{kind.label}任务尚无进展报送")
    age = (as_of - last_reported_on).days
    if age > cycle:
        return Assessment(Color.YELLOW, f"{age}天未报送进展（周期{cycle}天）")
    return Assessment(Color.GREEN, f"{kind.label}，{age}天前报送")


def _finished(deadline: dt.date | None, done_on: dt.date | None) -> str:
    if deadline is None or done_on is None:
        return "已完成"
    late = (done_on - deadline).days
    return f"逾期{late}天完成" if late > 0 else f"提前{-late}天完成" if late < 0 else "按期完成"


def _lag_points(
    as_of: dt.date, start: dt.date | None, deadline: dt.date, progress: float | None
) -> float | None:
    if start is None or progress is None or start >= deadline or as_of <= start:
        return None
    elapsed = min(100.0, (as_of - start).days * 100.0 / (deadline - start).days)
    return elapsed - progress

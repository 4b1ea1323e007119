"""The office's settings, stored as JSON in the database, each declared with a default."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from aqdesk.db.database import Database
from aqdesk.db.models import Setting
from aqdesk.domain.enums import DeadlineKind
from aqdesk.domain.warning import WarningSettings
from aqdesk.errors import UserError


@dataclass(frozen=True)
class Option:
    key: str
    default: Any
    label: str


OPTIONS = {
    o.key: o
    for o in (
        Option("office.name", "示例市大气污染防治攻坚办公室", "办公室全称"),
        Option("office.short_name", "示例市大气办", "办公室简称"),
        Option("office.city", "示例市", "城市"),
        Option("warning.due_soon_workdays", 5, "临期预警（工作日）"),
        Option("warning.lag_points", 20, "进度落后预警（百分点）"),
        Option("warning.cycle_days.standing", 31, "长期坚持任务报送周期（天）"),
        Option("warning.cycle_days.monthly", 31, "每月任务报送周期（天）"),
        Option("warning.cycle_days.quarterly", 92, "每季度任务报送周期（天）"),
        Option("letter.series", "示例市大气办督", "督办函发文机关代字"),
        Option("letter.reply_workdays", 5, "督办函反馈时限（工作日）"),
        Option("sheet.series", "督办", "督办单编号代字"),
        Option("sheet.days.red", 3, "红色督办单办理时限（工作日）"),
        Option("sheet.days.yellow", 5, "黄色督办单办理时限（工作日）"),
        Option("sheet.days.green", 10, "绿色督办单办理时限（工作日）"),
        Option("summons.overdue_sheets", 2, "约谈：逾期督办单达到（件）"),
        Option("summons.window_days", 180, "约谈：统计最近（天）"),
        Option("ledger.title", "秋冬季大气污染防治重点任务台账", "台账标题（城市名之后）"),
        Option("substitution.heating_season", "11-15", "供暖季开始（月-日，双替代默认完成时限）"),
    )
}


def get(session: Session, key: str) -> Any:
    row = session.get(Setting, key)
    return json.loads(row.value) if row else OPTIONS[key].default


def put(session: Session, key: str, value: Any) -> None:
    if key not in OPTIONS:
        raise KeyError(key)
    session.merge(Setting(key=key, value=json.dumps(value, ensure_ascii=False)))


def all_values(session: Session) -> dict[str, Any]:
    stored = {r.key: json.loads(r.value) for r in session.scalars(select(Setting))}
    return {k: stored.get(k, o.default) for k, o in OPTIONS.items()}


def warning_settings(session: Session) -> WarningSettings:
    values = all_values(session)
    return WarningSettings(
        due_soon_workdays=int(values["warning.due_soon_workdays"]),
        lag_points=int(values["warning.lag_points"]),
        cycle_days={k: int(values[f"warning.cycle_days.{k.value}"]) for k in (
            DeadlineKind.STANDING, DeadlineKind.MONTHLY, DeadlineKind.QUARTERLY)},
    )


def heating_season(session: Session) -> tuple[int, int]:
    month, day = _month_day(str(get(session, "substitution.heating_season")))
    return month, day


def _month_day(text: str) -> tuple[int, int]:
    """``"11-15"`` → (11, 15); raises ValueError for anything that is not a real day."""
    month, day = (int(part) for part in text.strip().replace("月", "-").rstrip("日").split("-"))
    dt.date(2024, month, day)  # a leap year, so 02-29 is allowed
    return month, day


def load_all(db: Database) -> dict[str, Any]:
    with db.reading() as session:
        return all_values(session)


@dataclass(frozen=True)
class Seen:
    """The settings as a clerk's 选项 dialog read them: values, and the versions of the stored ones."""

    values: dict[str, Any]
    versions: dict[str, int]


def load_seen(db: Database) -> Seen:
    with db.reading() as session:
        rows = session.scalars(select(Setting)).all()
        return Seen(all_values(session), {r.key: r.version for r in rows})


def save_all(db: Database, values: dict[str, Any], seen: Seen | None = None) -> None:
    """Store the office's settings in one transaction, after checking them. With ``seen``,
    only the settings changed since then are written, and only if nobody saved them meanwhile."""
    problems = [
        f"{OPTIONS[k].label}应为 0–365 之间的整数" for k, v in values.items()
        if isinstance(OPTIONS[k].default, int) and not (isinstance(v, int) and 0 <= v <= 365)
    ] + [f"{OPTIONS[k].label}不能为空" for k, v in values.items() if isinstance(OPTIONS[k].default, str) and not str(v).strip()]
    if values.get("substitution.heating_season"):
        try:
            _month_day(str(values["substitution.heating_season"]))
        except ValueError:
            problems.append(f"供暖季开始日期应写作“11-15”，而不是“{values['substitution.heating_season']}”")
    if problems:
        raise UserError("；".join(problems))
    try:
        with db.transaction() as session:
            stored = {r.key: r for r in session.scalars(select(Setting).with_for_update())}
            for key, value in values.items():
                if seen is not None:
                    if value == seen.values[key]:
                        continue  # left as it was: another clerk's newer value stays
                    row = stored.get(key)
                    if (row.version if row else None) != seen.versions.get(key):
                        raise UserError(_CHANGED.format(OPTIONS[key].label))
                put(session, key, value)
    except (StaleDataError, IntegrityError) as exc:  # saved by another clerk in between
        raise UserError(_CHANGED.format("选项")) from exc


_CHANGED = "「{}」刚被他人修改，本次选项均未保存。请关闭后重新打开「选项」再修改。"

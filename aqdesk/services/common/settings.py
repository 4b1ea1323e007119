"""The office's settings, stored as JSON in the database, each declared with a default.

Services read them typed, ``load(session).sheet.series``; the settings form reads and
writes them by key (``load_all``, ``save_all``)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from aqdesk.db.database import Database
from aqdesk.db.models import Setting
from aqdesk.domain.air.ranking import RankBy, rank_by
from aqdesk.domain.enums import Color, DeadlineKind
from aqdesk.domain.periods import Cycle, ReportingRule
from aqdesk.domain.warning import WarningSettings
from aqdesk.errors import UserError


@dataclass(frozen=True)
class Option:
    key: str  # "section.field" as stored; the section and field of OfficeSettings it fills
    default: Any
    label: str
    choices: tuple[str, ...] = ()  # the only values it takes, offered as a list rather than typed

    @property
    def section(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def field(self) -> str:
        return self.key.split(".", 1)[1].replace(".", "_")


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
        Option("bulletin.series", "示例市大气办通报", "通报发文机关代字"),
        Option("sheet.days.red", 3, "红色督办单办理时限（工作日）"),
        Option("sheet.days.yellow", 5, "黄色督办单办理时限（工作日）"),
        Option("sheet.days.green", 10, "绿色督办单办理时限（工作日）"),
        Option("reminder.series", "示例市大气办催", "催办函发文机关代字"),
        Option("summons.series", "示例市大气办约", "约谈通知发文机关代字"),
        Option("evidence.max_mb", 20, "佐证材料单个文件上限（MB）"),
        Option("ledger.title", "秋冬季大气污染防治重点任务台账", "台账标题（城市名之后）"),
        Option("substitution.heating_season", "11-15", "供暖季开始（月-日，双替代默认完成时限）"),
        Option("document.fonts", {}, "公文字体文件（用途 → 字体文件）"),
        Option("report.cycle", Cycle.MONTHLY.label, "报送周期", tuple(c.label for c in Cycle)),
        Option("report.monthly_due_day", 25, "按月报送：每月几日前报送"),
        Option("report.weekly_due_weekday", 5, "按周报送：每周几报送（1=周一…7=周日）"),
        Option("ranking.weight.red", 50, "排名扣分：红色事项占比的权重（%）"),
        Option("ranking.weight.late_sheets", 30, "排名扣分：督办单逾期反馈或退回占比的权重（%）"),
        Option("ranking.weight.missing_returns", 20, "排名扣分：缺报期数占比的权重（%）"),
        Option("air.rank_by", RankBy.COMPOSITE.label, "空气质量排名依据", tuple(r.label for r in RankBy)),
        Option("air.budget_warning_days", 10, "空气质量：今年可有超标天数不多于此数时黄色预警"),
    )
}

# Stored settings carry the version of their keys. The day a key is renamed, bump VERSION
# and add the step from the old version: it gets the stored {key: value} and returns them
# under the new keys; ``load`` applies the steps, ``save_all`` stores the result.
VERSION = 1
VERSION_KEY = "settings.version"
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


@dataclass(frozen=True)
class Office:
    name: str
    short_name: str
    city: str


@dataclass(frozen=True)
class Warnings:
    due_soon_workdays: int
    lag_points: int
    cycle_days_standing: int
    cycle_days_monthly: int
    cycle_days_quarterly: int

    def rules(self) -> WarningSettings:
        """The warning engine's settings."""
        return WarningSettings(due_soon_workdays=self.due_soon_workdays, lag_points=self.lag_points, cycle_days={
            DeadlineKind.STANDING: self.cycle_days_standing, DeadlineKind.MONTHLY: self.cycle_days_monthly,
            DeadlineKind.QUARTERLY: self.cycle_days_quarterly})


@dataclass(frozen=True)
class Letters:
    series: str
    reply_workdays: int


@dataclass(frozen=True)
class Sheets:
    series: str
    days_red: int
    days_yellow: int
    days_green: int

    def days(self, level: Color) -> int:
        """The working days a sheet of ``level`` gives its unit."""
        return {Color.RED: self.days_red, Color.YELLOW: self.days_yellow, Color.GREEN: self.days_green}[level]


@dataclass(frozen=True)
class Summons:
    series: str  # 约谈通知


@dataclass(frozen=True)
class Reminders:
    series: str  # 催办函


@dataclass(frozen=True)
class Evidence:
    max_mb: int  # one attached file at most


@dataclass(frozen=True)
class Ledger:
    title: str


@dataclass(frozen=True)
class Substitution:
    heating_season: str  # "11-15"

    @property
    def heating_season_start(self) -> tuple[int, int]:
        """(month, day) the heating season starts: a township's default deadline."""
        return _month_day(self.heating_season)


@dataclass(frozen=True)
class Document:
    fonts: dict[str, str]  # role → the font file the office chose for it


@dataclass(frozen=True)
class Bulletins:
    series: str


@dataclass(frozen=True)
class Reporting:
    cycle: str  # a Cycle's label
    monthly_due_day: int
    weekly_due_weekday: int  # 1 = Monday


@dataclass(frozen=True)
class Ranking:
    weight_red: int
    weight_late_sheets: int
    weight_missing_returns: int


@dataclass(frozen=True)
class Air:
    rank_by: str  # a RankBy's label
    budget_warning_days: int

    @property
    def ranking(self) -> RankBy:
        return rank_by(self.rank_by) or RankBy.COMPOSITE


@dataclass(frozen=True)
class OfficeSettings:
    office: Office
    warning: Warnings
    letter: Letters
    sheet: Sheets
    summons: Summons
    ledger: Ledger
    substitution: Substitution
    document: Document
    bulletin: Bulletins
    report: Reporting
    ranking: Ranking
    reminder: Reminders
    evidence: Evidence
    air: Air

    def reporting_rule(self) -> ReportingRule:
        return ReportingRule(Cycle.from_label(self.report.cycle) or Cycle.MONTHLY, self.report.monthly_due_day,
                             self.report.weekly_due_weekday, self.substitution.heating_season_start)


def load(session: Session) -> OfficeSettings:
    """The office's settings, each section a frozen dataclass; defaults where none is stored."""
    values = all_values(session)
    sections: dict[str, dict[str, Any]] = {}
    for key, option in OPTIONS.items():
        value = int(values[key]) if isinstance(option.default, int) else \
            str(values[key]) if isinstance(option.default, str) else values[key]
        sections.setdefault(option.section, {})[option.field] = value
    return OfficeSettings(**{name: _SECTIONS[name](**kwargs) for name, kwargs in sections.items()})


_SECTIONS: dict[str, type] = {"office": Office, "warning": Warnings, "letter": Letters, "sheet": Sheets,
                              "summons": Summons, "ledger": Ledger, "substitution": Substitution,
                              "document": Document, "bulletin": Bulletins, "report": Reporting,
                              "ranking": Ranking, "reminder": Reminders, "evidence": Evidence, "air": Air}


def load_from(db: Database) -> OfficeSettings:
    with db.reading() as session:
        return load(session)


def put(session: Session, key: str, value: Any) -> None:
    if key not in OPTIONS:
        raise KeyError(key)
    session.merge(Setting(key=key, value=json.dumps(value, ensure_ascii=False)))
    session.merge(Setting(key=VERSION_KEY, value=json.dumps(VERSION)))


def all_values(session: Session) -> dict[str, Any]:
    """Every option by its key, upgraded to the current keys: for the settings form."""
    stored = _upgraded({r.key: json.loads(r.value) for r in session.scalars(select(Setting))})
    return {k: stored.get(k, o.default) for k, o in OPTIONS.items()}


def _upgraded(stored: dict[str, Any]) -> dict[str, Any]:
    version = int(stored.pop(VERSION_KEY, 1))
    while version < VERSION:
        stored = UPGRADES[version](stored)
        version += 1
    return stored


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
    fonts = values.get("document.fonts", {})
    if not isinstance(fonts, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in fonts.items()):
        problems.append("公文字体文件应为“用途 → 字体文件路径”的对应表")
    if values.get("substitution.heating_season"):
        try:
            _month_day(str(values["substitution.heating_season"]))
        except ValueError:
            problems.append(f"供暖季开始日期应写作“11-15”，而不是“{values['substitution.heating_season']}”")
    if "air.rank_by" in values and RankBy.from_label(str(values["air.rank_by"])) is None:
        problems.append(f"空气质量排名依据应为{'、'.join(r.label for r in RankBy)}之一，而不是“{values['air.rank_by']}”")
    if "report.cycle" in values and Cycle.from_label(str(values["report.cycle"])) is None:
        problems.append(f"报送周期应为{'、'.join(c.label for c in Cycle)}之一，而不是“{values['report.cycle']}”")
    for key, low, high in (("report.monthly_due_day", 1, 31), ("report.weekly_due_weekday", 1, 7)):
        if isinstance(values.get(key), int) and not low <= values[key] <= high:
            problems.append(f"{OPTIONS[key].label}应在 {low}–{high} 之间")
    if problems:
        raise UserError("；".join(problems))
    try:
        with db.transaction() as session:
            _store_upgraded(session)
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


def _store_upgraded(session: Session) -> None:
    """Settings stored under keys an upgrade renamed, stored under the new keys."""
    rows = {r.key: r for r in session.scalars(select(Setting))}
    upgraded = _upgraded({key: json.loads(row.value) for key, row in rows.items()})
    for key, row in rows.items():
        if key != VERSION_KEY and key not in upgraded:
            session.delete(row)
    for key, value in upgraded.items():
        if key in OPTIONS:
            put(session, key, value)

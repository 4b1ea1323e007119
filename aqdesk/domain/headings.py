"""Column headings of plans and returns, and the kinds of sheet they make.

A sheet is recognised by its headings, not its name: units rename sheets, build their own
tables and type headings with full-width brackets, line breaks and units. Headings are kept in
their canonical form (as RETURNS.md writes them); every heading found in a file is mapped to
one of them or ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from aqdesk.domain.enums import Labelled

TASK_NUMBER = "任务编号"
CATEGORY = "类别"
TASK_NAME = "任务名称"
TARGET = "工作目标"
LEAD_UNIT = "牵头单位"
CO_UNITS = "配合单位"
LEADER = "责任领导"
START = "开始时间"
DEADLINE = "完成时限"
PROGRESS = "进展情况"
PERCENT = "完成比例（%）"
DONE = "是否完成"
DONE_ON = "完成时间"
ISSUES = "存在问题"
NEXT_STEPS = "下步计划"

COUNTY = "县（区）"
TOWNSHIP = "乡镇（街道）"
ENTERPRISE = "企业名称"
CREDIT_CODE = "统一社会信用代码"
INDUSTRY = "行业"
OLD_SITE = "原址"
PARK = "搬迁园区"
STAGE = "当前阶段"
# Milestones in order: 停产, 拆除, 新址开工, 投产; a plan names the planned dates.
MILESTONE_DATES = ("停产时间", "拆除完成时间", "新址开工时间", "投产时间")
PLANNED_DATES = tuple("计划" + h for h in MILESTONE_DATES)

KIND = "类型"
TARGET_HOUSEHOLDS = "任务户数"
COMPLETED = "已完成户数"
ACCEPTED = "已验收户数"

LOOSE_COAL_FIGURES = (
    "取缔散煤销售点（个）",
    "洁净型煤配送网点（个）",
    "配送洁净型煤（吨）",
    "检查次数",
    "查处劣质煤（吨）",
    "立案（起）",
)
RELAPSES = "反弹点位（个）"
# A target exists for every figure but relapses, which nobody plans for.
LOOSE_COAL_TARGETS = tuple("目标" + h for h in LOOSE_COAL_FIGURES)

# the monitoring station's daily workbook (空气质量日报): a row per county (or station) and day;
# without a county or station column the rows are the city's
AIR_DAY = "日期"
STATION = "站点"
AQI = "AQI"
AIR_FIGURES = ("PM2.5", "PM10", "O3_8h", "NO2", "SO2", "CO")
PRIMARY_POLLUTANT = "首要污染物"

SYNONYMS: dict[str, tuple[str, ...]] = {
    PROGRESS: ("本期进展情况", "工作进展", "工作进展情况", "本月进展情况"),
    PERCENT: ("完成进度", "完成率"),
    DONE: ("是否已完成",),
    DONE_ON: ("实际完成时间",),
    ISSUES: ("存在的问题",),
    NEXT_STEPS: ("下一步计划", "下步工作计划", "下一步工作计划", "下步打算", "下一步打算"),
    KIND: ("改造类型", "替代类型", "改造方式", "替代方式"),
    TARGET_HOUSEHOLDS: ("计划户数", "目标户数"),
    STAGE: ("目前阶段", "所处阶段", "搬迁进度"),
    TARGET: ("具体内容", "目标任务"),
    COUNTY: ("县区", "区县", "县（市、区）"),
    TOWNSHIP: ("乡镇街道",),
    # without them a return's figures would fit the 双替代任务 plan and be read as one
    COMPLETED: ("完成户数", "累计完成户数", "已完成"),
    ACCEPTED: ("验收户数", "累计验收户数", "已验收"),
    CREDIT_CODE: ("社会信用代码",),
    AIR_DAY: ("监测日期", "数据日期", "日 期"),
    STATION: ("站点名称", "点位", "点位名称", "监测点位", "监测站点", "区域", "区县名称"),
    AQI: ("空气质量指数", "AQI指数", "aqi", "空气质量指数（AQI）"),
    "PM2.5": ("PM2.5浓度", "细颗粒物", "pm2.5", "PM₂.₅"),
    "PM10": ("PM10浓度", "可吸入颗粒物", "pm10", "PM₁₀"),
    "O3_8h": ("O3-8h", "O3-8H", "O3_8H", "O3 8h", "O3日最大8小时平均", "O3-8小时", "臭氧8小时", "臭氧日最大8小时平均",
              "o3_8h", "o3-8h"),
    "NO2": ("NO2浓度", "二氧化氮", "no2"),
    "SO2": ("SO2浓度", "二氧化硫", "so2"),
    "CO": ("CO浓度", "一氧化碳", "co"),
    PRIMARY_POLLUTANT: ("首要污染物名称",),
}


@dataclass(frozen=True)
class SheetSpec:
    """What a kind of sheet must have (``required``, and one of ``any_of`` when given), may
    have (``optional``), and must not have: a plan sheet ``excludes`` its return's own columns,
    which is what tells 双替代任务 from a 双替代 return carrying the targets beside it."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()

    @property
    def headings(self) -> tuple[str, ...]:
        return self.required + self.optional

    def fits(self, present: set[str]) -> bool:
        return (
            present.issuperset(self.required)
            and (not self.any_of or not present.isdisjoint(self.any_of))
            and present.isdisjoint(self.excludes)
        )


class SheetKind(Labelled):
    # Returns come first: with headings fitting two kinds equally well, the first wins.
    TASK_PROGRESS = "task_progress", "重点任务"
    LOOSE_COAL = "loose_coal", "散煤治理"
    RELOCATION = "relocation", "退城入园"
    SUBSTITUTION = "substitution", "双替代"
    TASK_PLAN = "task_plan", "任务清单"
    RELOCATION_PLAN = "relocation_plan", "退城入园企业"
    SUBSTITUTION_PLAN = "substitution_plan", "双替代任务"
    LOOSE_COAL_TARGET = "loose_coal_target", "散煤目标"
    AIR_DAILY = "air_daily", "空气质量日数据"

    @property
    def is_plan(self) -> bool:
        return self in _PLANS

    @property
    def needs_sender(self) -> bool:
        """A return names its unit and period; a plan, or the monitoring station's figures for
        every county and day, needs neither."""
        return not self.is_plan and self is not SheetKind.AIR_DAILY

    @property
    def spec(self) -> SheetSpec:
        return SPECS[self]


_PLANS = frozenset({SheetKind.TASK_PLAN, SheetKind.RELOCATION_PLAN,
                    SheetKind.SUBSTITUTION_PLAN, SheetKind.LOOSE_COAL_TARGET})
_TASK_REPORTING = (PERCENT, DONE, DONE_ON, ISSUES, NEXT_STEPS)
_RELOCATION_REPORTING = (STAGE, *MILESTONE_DATES, ISSUES)

SPECS: dict[SheetKind, SheetSpec] = {
    SheetKind.TASK_PROGRESS: SheetSpec(
        required=(TASK_NUMBER, PROGRESS), optional=(TASK_NAME, *_TASK_REPORTING)),
    SheetKind.LOOSE_COAL: SheetSpec(
        required=(COUNTY,), optional=(*LOOSE_COAL_FIGURES, RELAPSES),
        any_of=(*LOOSE_COAL_FIGURES, RELAPSES)),
    SheetKind.RELOCATION: SheetSpec(
        required=(ENTERPRISE,), optional=(CREDIT_CODE, *_RELOCATION_REPORTING),
        any_of=_RELOCATION_REPORTING),
    SheetKind.SUBSTITUTION: SheetSpec(
        required=(COUNTY, TOWNSHIP, KIND, COMPLETED), optional=(TARGET_HOUSEHOLDS, ACCEPTED)),
    SheetKind.TASK_PLAN: SheetSpec(
        required=(TASK_NUMBER, CATEGORY, TASK_NAME, LEAD_UNIT, DEADLINE),
        optional=(TARGET, CO_UNITS, LEADER, START), excludes=(PROGRESS, *_TASK_REPORTING)),
    SheetKind.RELOCATION_PLAN: SheetSpec(
        required=(ENTERPRISE, COUNTY),
        optional=(CREDIT_CODE, INDUSTRY, OLD_SITE, PARK, *PLANNED_DATES),
        excludes=_RELOCATION_REPORTING),
    SheetKind.SUBSTITUTION_PLAN: SheetSpec(
        required=(COUNTY, TOWNSHIP, KIND, TARGET_HOUSEHOLDS), optional=(DEADLINE,),
        excludes=(COMPLETED, ACCEPTED)),
    SheetKind.LOOSE_COAL_TARGET: SheetSpec(
        required=(COUNTY,), optional=LOOSE_COAL_TARGETS, any_of=LOOSE_COAL_TARGETS,
        excludes=(*LOOSE_COAL_FIGURES, RELAPSES)),
    SheetKind.AIR_DAILY: SheetSpec(
        required=(AIR_DAY,), any_of=(AQI, "PM2.5"),
        optional=(COUNTY, STATION, AQI, *AIR_FIGURES, PRIMARY_POLLUTANT)),
}

_SPACES = re.compile(r"\s+")
_MARKS = "*※"
_TRAILING_BRACKETS = re.compile(r"(?:\([^()]*\)|%)+$")
# Columns a hand-made table often has beside the contract's, which nobody need be told about.
_ASIDE = frozenset({"序号", "备注", "说明", "序"})


def heading_key(text: str) -> str:
    """The form headings are compared in: NFKC (``县（区）`` = ``县(区)``), no whitespace or
    line breaks, no required-column mark (``*``) and no trailing bracketed unit — every trailing
    bracket goes, so ``完成比例（%）``, ``完成比例%``, ``完成比例`` and ``县（区）`` / ``县`` compare
    equal."""
    text = _SPACES.sub("", unicodedata.normalize("NFKC", text)).strip(_MARKS)
    return _TRAILING_BRACKETS.sub("", text) or text


_BY_KEY: dict[str, str] = {
    heading_key(text): heading
    for spec in SPECS.values()
    for heading in spec.headings
    for text in (heading, *SYNONYMS.get(heading, ()))
}


def canonical_heading(text: object) -> str | None:
    """The canonical heading a cell's text stands for, or None."""
    if not isinstance(text, str):
        return None
    return _BY_KEY.get(heading_key(text))


def recognise(headings: Iterable[str]) -> SheetKind | None:
    """The kind of sheet these canonical headings make: of the kinds they fit, the one that
    knows most of them."""
    present = set(headings)
    fitting = [kind for kind in SheetKind if kind.spec.fits(present)]
    return max(fitting, key=lambda k: len(present.intersection(k.spec.headings)), default=None)


def closest_kind(headings: Iterable[str]) -> tuple[SheetKind, list[str]]:
    """For headings that fit no kind: the kind they resemble most and the required headings
    it lacks, to tell the clerk what to add."""
    present = set(headings)
    kind = max(SheetKind, key=lambda k: len(present.intersection(k.spec.headings)))
    spec = kind.spec
    missing = [h for h in spec.required if h not in present]
    if spec.any_of and present.isdisjoint(spec.any_of):
        missing.append("、".join(spec.any_of[:3]) + "等（至少一列）")
    return kind, missing


@dataclass(frozen=True)
class HeaderRow:
    """Canonical headings found in a row, each with its column (index into the row); a heading
    found twice keeps its first column and is listed in ``repeated``; ``unknown`` are the
    row's other texts (序号 and 备注 aside), columns that will not be read."""

    columns: dict[str, int]
    repeated: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()

    @property
    def kind(self) -> SheetKind | None:
        return recognise(self.columns)


def read_header(row: Sequence[object], above: Sequence[object] = ()) -> HeaderRow:
    """The headings of ``row``. A cell left empty there takes its heading from the row
    ``above`` when that one holds a heading: a two-row header, where a heading cell merged down
    over both rows keeps its text in the upper row and a group title sits above the others."""
    columns: dict[str, int] = {}
    repeated: list[str] = []
    unknown: list[str] = []
    for index, cell in enumerate(row):
        heading = canonical_heading(cell)
        if heading is None and (cell is None or cell == "") and index < len(above):
            heading = canonical_heading(above[index])
        if heading is None:
            if isinstance(cell, str) and cell.strip() and heading_key(cell) not in _ASIDE:
                unknown.append(" ".join(cell.split()))
            continue
        if heading in columns:
            repeated.append(heading)
        else:
            columns[heading] = index
    return HeaderRow(columns, tuple(repeated), tuple(unknown))

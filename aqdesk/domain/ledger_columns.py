"""Each ledger's columns, declared once for the screen and the Excel ledger, and the Chinese
label of every stored field, for the import preview, the import checks and undo messages.

A column reads a ledger row (the services' TaskRow, EnterpriseRow...) through ``value``;
the screen formats what it returns, the workbook writes it as a cell. A column shown in
only one of the two says so (``on_screen`` / ``in_workbook``) rather than being declared
twice, so the two never disagree about a value they both show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from aqdesk.domain.enums import Color, MilestoneKind
from aqdesk.domain.loose_coal import FIGURES, RELAPSE, short_label


class Kind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    PERCENT = "percent"
    DATE = "date"


@dataclass(frozen=True)
class LedgerColumn:
    header: str
    value: Callable[[Any], Any]
    kind: Kind = Kind.TEXT
    width: int = 100  # on screen, in pixels; the workbook sizes columns to their text
    group: str = ""  # the workbook's upper header, spanning neighbouring columns of the group
    wrap: bool = False  # long text: wrapped within a capped width in the workbook
    coloured: bool = False  # painted with the row's warning colour
    on_screen: bool = True
    in_workbook: bool = True
    screen_header: str = ""  # the screen's header when the group is not there to explain it

    @property
    def numeric(self) -> bool:
        return self.kind in (Kind.NUMBER, Kind.PERCENT)

    @property
    def shown_header(self) -> str:
        return self.screen_header or self.header


def screen(columns: tuple[LedgerColumn, ...]) -> tuple[LedgerColumn, ...]:
    return tuple(c for c in columns if c.on_screen)


def workbook(columns: tuple[LedgerColumn, ...]) -> tuple[LedgerColumn, ...]:
    return tuple(c for c in columns if c.in_workbook)


def days_text(days_left: int | None) -> str:
    if days_left is None:
        return ""
    return f"逾期{-days_left}天" if days_left < 0 else f"剩{days_left}天"


def _postponed(row: Any) -> int | None:
    return row.postponed or None


def _milestone(kind: MilestoneKind, field: str) -> Callable[[Any], Any]:
    return lambda row: next((getattr(m, field) for m in row.milestones if m.kind == kind), None)


def _figures(figure: str) -> Callable[[Any], str]:
    return lambda row: f"{row.actual[figure]:g} / {row.target[figure]:g}"


def _figure(side: str, figure: str) -> Callable[[Any], Any]:
    return lambda row: getattr(row, side)[figure]


def _percent(figure: str) -> Callable[[Any], Any]:
    return lambda row: row.percent(figure)


def _item(index: int) -> Callable[[Any], Any]:
    return lambda row: row[index]


WARNING = LedgerColumn("预警", lambda r: r.color, width=50, coloured=True)

TASKS = (
    WARNING,
    LedgerColumn("编号", lambda r: r.number, width=60),
    LedgerColumn("类别", lambda r: r.category, width=130),
    LedgerColumn("任务名称", lambda r: r.title, width=260, wrap=True),
    LedgerColumn("牵头单位", lambda r: r.lead, width=130),
    LedgerColumn("配合单位", lambda r: r.cooperators, wrap=True, on_screen=False),
    LedgerColumn("预警原因", lambda r: r.reason, width=160),
    LedgerColumn("完成时限", lambda r: r.deadline_text, width=90),
    LedgerColumn("状态", lambda r: r.status.label, group="进展情况", on_screen=False),
    LedgerColumn("进度（%）", lambda r: r.progress, Kind.NUMBER, 70, group="进展情况"),
    LedgerColumn("最新进展", lambda r: r.latest, width=320, group="进展情况", wrap=True),
    LedgerColumn("逾期/剩余", lambda r: r.days_text, width=90, in_workbook=False),
    LedgerColumn("推迟次数", _postponed, Kind.NUMBER, 70),
)

ENTERPRISES = (
    WARNING,
    LedgerColumn("企业名称", lambda r: r.name, width=230, wrap=True),
    LedgerColumn("统一社会信用代码", lambda r: r.credit_code, width=160),
    LedgerColumn("县（区）", lambda r: r.county, width=80),
    LedgerColumn("预警原因", lambda r: r.reason, width=180),
    LedgerColumn("行业", lambda r: r.industry, width=80),
    LedgerColumn("搬迁园区", lambda r: r.park, width=170, wrap=True),
    LedgerColumn("当前阶段", lambda r: r.stage, width=80),
    LedgerColumn("逾期/剩余", lambda r: r.days_text if r.color is not Color.GREEN else "", width=90,
                 in_workbook=False),
    *(LedgerColumn(kind.label, _milestone(kind, "planned"), Kind.DATE, 95, group="计划时间",
                   screen_header=f"计划{kind.label}")
      for kind in MilestoneKind),
    *(LedgerColumn(kind.label, _milestone(kind, "actual"), Kind.DATE, group="实际时间", on_screen=False)
      for kind in MilestoneKind),
    LedgerColumn("推迟次数", _postponed, Kind.NUMBER, 70),
)

TOWNSHIPS = (
    WARNING,
    LedgerColumn("县（区）", lambda r: r.county, width=80),
    LedgerColumn("乡镇（街道）", lambda r: r.township, width=110),
    LedgerColumn("类型", lambda r: r.kind.label, width=70),
    LedgerColumn("任务", lambda r: r.target, Kind.NUMBER, 80, group="户数", screen_header="任务户数"),
    LedgerColumn("已完成", lambda r: r.completed, Kind.NUMBER, 90, group="户数", screen_header="已完成户数"),
    LedgerColumn("已验收", lambda r: r.accepted, Kind.NUMBER, 90, group="户数", screen_header="已验收户数"),
    LedgerColumn("完成率（%）", lambda r: r.percent, Kind.PERCENT, 90),
    LedgerColumn("完成时限", lambda r: r.deadline, Kind.DATE, 90),
    LedgerColumn("预警原因", lambda r: r.reason, width=140),
    LedgerColumn("数据问题", lambda r: r.data_error, width=220, wrap=True),
    LedgerColumn("推迟次数", _postponed, Kind.NUMBER, 70),
)

COUNTIES = (
    WARNING,
    LedgerColumn("县（区）", lambda r: r.county, width=80),
    LedgerColumn("预警原因", lambda r: r.reason, width=200, wrap=True),
    LedgerColumn("最近报送期", lambda r: r.latest_period, Kind.DATE, 95),
    *(LedgerColumn(f"{short_label(label)}\n累计/目标", _figures(f), Kind.NUMBER, 120, in_workbook=False)
      for f, label in FIGURES),
    *(LedgerColumn(part, _figure(side, f), Kind.NUMBER, group=label, on_screen=False)
      for f, label in FIGURES for part, side in (("累计", "actual"), ("目标", "target"))),
    *(LedgerColumn(f"{short_label(label)}\n完成%", _percent(f), Kind.NUMBER, 80, in_workbook=False)
      for f, label in FIGURES[2:3]),
    LedgerColumn(RELAPSE[1], lambda r: r.relapse_points, Kind.NUMBER, 100),
)

# A sheet has two colours: the level it was issued at (红色督办) and how its own deadline
# stands (办理: 剩3个工作日, in that colour). Each has its own word, so a red sheet issued
# today does not read as "yellow".
SHEETS = (
    LedgerColumn("办理", lambda r: r.reason, width=110, coloured=True),
    LedgerColumn("编号", lambda r: r.number, width=130),
    LedgerColumn("级别", lambda r: f"{r.level.label}色督办", width=80),
    LedgerColumn("责任单位", lambda r: r.unit, width=130),
    LedgerColumn("督办事项", lambda r: r.subject, width=280, wrap=True),
    LedgerColumn("交办日期", lambda r: r.issued_on, Kind.DATE, 95),
    LedgerColumn("办理时限", lambda r: r.deadline, Kind.DATE, 95),
    LedgerColumn("状态", lambda r: r.state, width=70),
    LedgerColumn("首次反馈", lambda r: r.answered_on, Kind.DATE, 95),
    LedgerColumn("逾期反馈", lambda r: "逾期" if r.late else "", width=70),
)

# The workbook's 分单位汇总 sheet; its rows are the tuples ledger_export makes, one per unit.
UNIT_SUMMARY = (
    LedgerColumn("预警", _item(0), coloured=True),
    LedgerColumn("排名", _item(1), Kind.NUMBER),
    LedgerColumn("类型", _item(2)),
    LedgerColumn("责任单位", _item(3)),
    LedgerColumn("得分", _item(4), Kind.NUMBER),
    LedgerColumn("按时完成率（%）", _item(5), Kind.NUMBER),
    *(LedgerColumn(header, _item(i), Kind.NUMBER, group="在办事项")
      for i, header in enumerate(("红", "黄", "绿", "合计"), 6)),
    *(LedgerColumn(header, _item(i), Kind.NUMBER, group="督办单")
      for i, header in enumerate(("总数", "未销号", "逾期反馈"), 10)),
    LedgerColumn("缺报（期）", _item(13)),
)


TABLES = {
    "unit": "责任单位",
    "unit_alias": "单位别名",
    "category": "任务类别",
    "task": "重点任务",
    "task_cooperator": "配合单位",
    "task_progress": "任务进展报送",
    "task_share": "任务分工",
    "share_progress": "分工进展报送",
    "share_postponement": "分工时限调整",
    "deadline_change": "时限调整",
    "enterprise": "退城入园企业",
    "milestone": "退城入园节点",
    "substitution_target": "双替代任务",
    "substitution_report": "双替代报送",
    "loose_coal_target": "散煤目标",
    "loose_coal_report": "散煤报送",
    "supervision_sheet": "督办单",
    "sheet_item": "督办事项",
    "sheet_step": "督办单办理记录",
    "letter": "督办函",
    "calendar_day": "工作日历",
    "setting": "设置",
    "plan_year": "计划年度",
    "report_received": "收到报送登记",
    "bulletin": "通报",
    "stored_file": "存档文件",
    "step_attachment": "办理附件",
    "escalation": "催办升级记录",
    "office_rule": "约谈和催办规则",
    "summons_record": "约谈记录",
    "summons_commitment": "约谈整改承诺",
    "accountability": "问责记录",
    "inspection": "督查巡查",
    "inspection_finding": "督查发现问题",
    "series_start": "文号起始号",
    "air_day": "空气质量日数据",
    "air_target": "空气质量目标",
}

_COMMON = {"id": "记录编号", "version": "版本"}
_FIGURES = dict(FIGURES)

_FIRST: dict[str, dict[str, str]] = {
    "unit": {"name": "单位名称", "kind": "单位类型", "parent_id": "所属县（区）", "leader": "负责人",
             "sort_order": "排序", "active": "启用"},
    "unit_alias": {"unit_id": "单位", "alias": "别名"},
    "category": {"code": "类别序号", "name": "类别名称"},
    "task": {"number": "任务编号", "category_id": "类别", "title": "任务名称", "target": "工作目标",
             "lead_unit_id": "牵头单位", "leader": "责任领导", "start_date": "开始时间",
             "deadline_kind": "时限类型", "deadline": "完成时限", "status": "状态", "progress_pct": "完成进度",
             "done_on": "完成日期", "latest_progress": "最新进展", "problems": "存在问题",
             "next_steps": "下步计划", "last_reported_on": "最近报送日期",
             "share_rule": "分工认定规则", "shares_needed": "需完成分工数", "cooperators": "配合单位"},
    "task_share": {"task_id": "任务", "unit_id": "分工单位", "target": "分工目标", "deadline": "分工时限",
                   "status": "状态", "progress_pct": "完成进度", "done_on": "完成日期", "latest_progress": "最新进展",
                   "problems": "存在问题", "next_steps": "下步计划", "last_reported_on": "最近报送日期"},
    "share_progress": {"share_id": "任务分工", "period": "报送期", "reported_on": "报送日期",
                       "progress_pct": "完成进度", "text": "进展情况", "problems": "存在问题", "next_steps": "下步计划",
                       "batch_id": "导入批次", "recorded_at": "录入时间"},
    "share_postponement": {"share_id": "任务分工", "old_date": "原时限", "new_date": "新时限",
                           "reason": "调整原因", "changed_on": "调整日期"},
    "task_cooperator": {"task_id": "任务", "unit_id": "配合单位"},
    "task_progress": {"task_id": "任务", "period": "报送期", "reported_on": "报送日期", "progress_pct": "完成进度",
                      "text": "进展情况", "problems": "存在问题", "next_steps": "下步计划", "batch_id": "导入批次",
                      "recorded_at": "录入时间"},
    "deadline_change": {"task_id": "任务", "milestone_id": "节点", "old_date": "原时限", "new_date": "新时限",
                        "reason": "调整原因", "changed_on": "调整日期"},
    "enterprise": {"name": "企业名称", "credit_code": "统一社会信用代码", "county_id": "县（区）", "industry": "行业",
                   "original_site": "原址", "park": "搬迁园区", "problems": "存在问题"},
    "milestone": {"enterprise_id": "企业", "kind": "节点", "seq": "节点顺序", "planned_date": "计划时间",
                  "actual_date": "实际时间"},
    "substitution_target": {"township_id": "乡镇（街道）", "kind": "类型", "target_households": "任务户数",
                            "completed": "已完成户数", "accepted": "已验收户数", "deadline": "完成时限"},
    "substitution_report": {"target_id": "双替代任务", "period": "报送期", "completed": "已完成户数",
                            "accepted": "已验收户数", "batch_id": "导入批次"},
    "loose_coal_target": {"county_id": "县（区）", "year": "年度", **{k: "目标" + v for k, v in FIGURES}},
    "loose_coal_report": {"county_id": "县（区）", "period": "报送期", **_FIGURES, RELAPSE[0]: RELAPSE[1],
                          "batch_id": "导入批次"},
    "supervision_sheet": {"number": "编号", "level": "级别", "unit_id": "责任单位", "subject": "督办事项",
                          "source": "问题来源", "requirement": "整改要求", "responsible_person": "责任人",
                          "issued_on": "交办日期", "deadline": "办理时限", "deadline_days": "办理天数",
                          "day_kind": "天数口径", "state": "状态"},
    "sheet_item": {"sheet_id": "督办单", "item_kind": "事项类型", "item_id": "事项", "label": "事项名称"},
    "sheet_step": {"sheet_id": "督办单", "step": "环节", "on_date": "日期", "note": "说明", "attachments": "附件",
                   "recorded_at": "录入时间"},
    "letter": {"series": "发文机关代字", "year": "年份", "seq": "序号", "number": "文号", "unit_id": "主送单位",
               "sheet_id": "督办单", "title": "标题", "issued_on": "发文日期", "file_name": "文件名"},
    "calendar_day": {"day": "日期", "is_workday": "是否工作日", "source": "来源"},
    "setting": {"key": "设置项", "value": "设置值"},
    "air_day": {"county_id": "县（区）", "day": "日期", "aqi": "空气质量指数", "pm25": "PM2.5浓度", "pm10": "PM10浓度",
                "o3_8h": "O3_8h浓度", "no2": "NO2浓度", "so2": "SO2浓度", "co": "CO浓度", "primary_pollutant": "首要污染物",
                "batch_id": "导入批次"},
    "air_target": {"county_id": "县（区）", "year": "年度", "good_rate": "优良天数比例目标（%）",
                   "pm25": "PM2.5目标（微克/立方米）", "heavy_days": "重污染天数目标", "stages": "阶段目标（累计优良率）"},
}


# Fields of the office's later records (plan years, the week's work, the follow-up records).
_LATER: dict[str, dict[str, str]] = {
    "unit": {"contact_person": "联系人", "phone": "联系电话"},
    "task": {"plan_year": "计划年度", "carried_from_id": "结转自"},
    "deadline_change": {"target_id": "双替代任务"},
    "enterprise": {"first_year": "纳入年度", "last_year": "完成年度"},
    "substitution_target": {"season": "供暖季"},
    "supervision_sheet": {"year": "年度", "predecessor_id": "升级前督办单"},
    "sheet_step": {"recorded_by": "登记人", "checked_by": "核查人"},
    "letter": {"kind": "文种", "reply_due": "反馈期限", "replied_on": "回复日期", "voided_on": "作废日期", "void_reason": "作废原因", "document_sha256": "存档原件", "recorded_by": "登记人"},
    "plan_year": {"year": "年度", "opened_at": "开启时间", "closed_at": "结转时间", "closed_by": "结转人"},
    "report_received": {"unit_id": "报送单位", "period": "报送期", "received_on": "收到日期", "note": "说明"},
    "bulletin": {"letter_id": "文号", "period": "通报期", "as_of": "统计日期", "issued_on": "印发日期", "opening": "开头", "closing": "结尾", "figures": "固定数据"},
    "stored_file": {"sha256": "文件指纹", "size": "大小", "data": "文件内容", "stored_at": "存入时间"},
    "step_attachment": {"step_id": "办理环节", "sha256": "文件", "name": "文件名", "size": "大小"},
    "escalation": {"sheet_id": "督办单", "kind": "方式", "on_date": "日期", "from_level": "原级别", "to_level": "新级别", "letter_id": "催办函", "new_sheet_id": "新督办单", "note": "说明", "recorded_by": "登记人"},
    "office_rule": {"kind": "规则", "threshold": "次数", "window_days": "统计天数", "action": "措施", "enabled": "启用"},
    "summons_record": {"unit_id": "约谈单位", "planned_on": "计划日期", "held_on": "约谈日期", "place": "地点", "held_by": "约谈人", "people": "被约谈人", "matters": "约谈事项", "reason": "约谈原因", "published": "媒体公布", "reported_to_org": "报组织部门", "notice_letter_id": "约谈通知", "recorded_by": "登记人"},
    "summons_commitment": {"summons_id": "约谈", "text": "整改承诺", "deadline": "完成时限", "done_on": "完成日期"},
    "accountability": {"person": "被问责人", "unit_id": "单位", "post": "职务", "matter": "问责事由", "kind": "问责方式", "decided_by": "决定机关", "decided_on": "决定日期", "doc_ref": "文件文号", "recorded_by": "登记人"},
    "inspection": {"kind": "方式", "on_date": "日期", "team": "督查组", "places": "点位", "source": "问题来源"},
    "inspection_finding": {"inspection_id": "督查", "unit_id": "责任单位", "text": "发现问题", "deadline": "整改时限", "done_on": "完成日期", "sheet_id": "督办单"},
    "series_start": {"series": "发文机关代字", "year": "年份", "first_seq": "起始号"},
}
FIELDS = {table: {**_FIRST.get(table, {}), **_LATER.get(table, {})} for table in {*_FIRST, *_LATER}}


def table_label(table: str) -> str:
    return TABLES.get(table, "记录")


def field_label(table: str, field: str) -> str:
    """The field as the clerk calls it; a field without a label is shown as 某项内容, never by
    its column name."""
    return FIELDS.get(table, {}).get(field) or _COMMON.get(field, "某项内容")

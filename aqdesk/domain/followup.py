"""The vocabularies of what the office does after a sheet (the 五步工作法): the kinds of
numbered documents, escalation, 约谈 candidates' rules, 问责 and inspections."""

from __future__ import annotations

from aqdesk.domain.enums import Labelled


class DocKind(Labelled):
    """What a number in the register (发文登记) was given to."""

    LETTER = "letter", "督办函"
    SHEET = "sheet", "督办单"
    REMINDER = "reminder", "催办函"
    SUMMONS_NOTICE = "summons_notice", "约谈通知"
    BULLETIN = "bulletin", "通报"
    OTHER = "other", "其他"


class EscalationKind(Labelled):
    REMIND = "remind", "催办"
    RAISE = "raise", "升级督办"


class ChainStep(Labelled):
    """A unit's escalation chain, in the order the office climbs it."""

    WARNING = "warning", "预警"
    ISSUED = "issued", "交办"
    REMINDED = "reminded", "催办"
    RAISED = "raised", "升级"
    SUMMONED = "summoned", "约谈"
    ACCOUNTED = "accounted", "问责"


class RuleKind(Labelled):
    """The kinds of rule an office can set; each counts something over a window of days."""

    YELLOW_SHEETS = "yellow_sheets", "黄色督办单达到件数"
    LATE_SHEETS = "late_sheets", "逾期反馈督办单达到件数"
    RED_SHEET_LATE = "red_sheet_late", "红色督办单逾期"
    RETURNED = "returned", "核查退回达到次数"
    RED_TASK_OVERDUE = "red_task_overdue", "任务逾期达到工作日"
    LETTER_UNANSWERED = "letter_unanswered", "发文逾期未回复"


class RuleAction(Labelled):
    LETTER = "letter", "发督办函"
    REMIND = "remind", "催办"
    SUMMONS = "summons", "列入约谈建议"


class AccountabilityKind(Labelled):
    WARNING_TALK = "warning_talk", "诫勉谈话"
    CRITICISM = "criticism", "通报批评"
    ORDER_CHECK = "order_check", "责令检查"
    DISCIPLINE = "discipline", "党纪政务处分"
    ORGANISATIONAL = "organisational", "组织处理"
    OTHER = "other", "其他"


class InspectionKind(Labelled):
    SUPERVISION = "supervision", "督查"
    PATROL = "patrol", "巡查"
    UNANNOUNCED = "unannounced", "暗查暗访"
    SPECIAL = "special", "专项督察"


class ProblemSource(Labelled):
    """问题来源, a chosen value so sheets and findings can be counted by where they came from."""

    NATIONAL = "national", "国家督查"
    PROVINCIAL = "provincial", "省督查"
    CITY_PATROL = "city_patrol", "市巡查"
    UNANNOUNCED = "unannounced", "暗查暗访"
    PUBLIC_REPORT = "public_report", "群众举报"
    REFERRAL = "referral", "部门移交"
    LEDGER = "ledger", "台账调度"
    OTHER = "other", "其他"

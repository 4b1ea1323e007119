"""The closed vocabularies of the domain, stored as their English values and shown in Chinese."""

from __future__ import annotations

from enum import StrEnum
from typing import Self, cast, overload


class Labelled(StrEnum):
    """A value stored in English with the Chinese label the user reads."""

    label: str

    @overload
    def __new__(cls, value: str) -> Self:  # Color("red"): Enum looks the member up by its value
        ...

    @overload
    def __new__(cls, value: str, label: str) -> Self:  # making the members
        ...

    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def from_label(cls, label: str) -> Self | None:
        """The member shown as (or stored as) ``label``; called per row on large imports."""
        lookup = _BY_TEXT.get(cls)
        if lookup is None:
            lookup = _BY_TEXT[cls] = {**{m.value: m for m in cls}, **{m.label: m for m in cls}}
        # the cache holds each class's own members, which a dict keyed by class cannot say
        return cast(Self | None, lookup.get(label.strip()))


_BY_TEXT: dict[type[Labelled], dict[str, Labelled]] = {}


class UnitKind(Labelled):
    DEPARTMENT = "department", "市直部门"
    COUNTY = "county", "县区"
    TOWNSHIP = "township", "乡镇街道"


class Color(Labelled):
    RED = "red", "红"
    YELLOW = "yellow", "黄"
    GREEN = "green", "绿"


class DeadlineKind(Labelled):
    DATE = "date", "日期"
    STANDING = "standing", "长期坚持"
    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季度"


class TaskStatus(Labelled):
    NOT_STARTED = "not_started", "未开始"
    IN_PROGRESS = "in_progress", "推进中"
    DONE = "done", "已完成"


class MilestoneKind(Labelled):
    STOP = "stop", "停产"
    DISMANTLE = "dismantle", "拆除/搬迁"
    BUILD = "build", "新址开工"
    PRODUCE = "produce", "建成投产"


class SubstitutionKind(Labelled):
    GAS = "gas", "气代煤"
    ELECTRIC = "electric", "电代煤"


class LoopStep(Labelled):
    ISSUED = "issued", "交办"
    RECEIVED = "received", "签收"
    RECTIFYING = "rectifying", "整改"
    FEEDBACK = "feedback", "反馈"
    VERIFIED = "verified", "核查"
    RETURNED = "returned", "核查退回"
    CLOSED = "closed", "销号"


class DayKind(Labelled):
    WORKDAY = "workday", "工作日"
    NATURAL = "natural", "自然日"


class ItemKind(Labelled):
    """What a supervision sheet or letter is about, and the screen that opens it."""

    TASK = "task", "重点任务"
    SHARE = "share", "重点任务"  # one unit's share of a shared task
    ENTERPRISE = "enterprise", "退城入园"
    MILESTONE = "milestone", "退城入园"
    TOWNSHIP = "township", "双替代"
    COUNTY = "county", "散煤治理"
    COMMITMENT = "commitment", "约谈承诺"
    FINDING = "finding", "督查发现问题"
    SHEET = "sheet", "督办单"


class BatchKind(Labelled):
    PLAN = "plan", "计划"
    RETURN = "return", "报送"


class ShareRule(Labelled):
    """How a task split into shares (one per responsible unit) takes its colour and progress."""

    ALL = "all", "全部完成"
    LEAD = "lead", "牵头单位认定"
    COUNT = "count", "完成规定个数"

"""The office's own rules for what follows a sheet: which units get a 督办函, a 催办 or a place
on the 约谈 list, and why. Each rule counts one kind of thing over a window of days; the
office sets the numbers, the action and whether the rule applies (``office_rule``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from aqdesk.db.database import Database
from aqdesk.db.models import OfficeRule, SheetStep, SupervisionSheet
from aqdesk.domain.enums import Color, LoopStep
from aqdesk.domain.followup import RuleAction, RuleKind
from aqdesk.errors import UserError
from aqdesk.services.common import audit, workdays
from aqdesk.services.common.editing import refuse
from aqdesk.services.supervision import register
from aqdesk.services.supervision.sheet_items import all_items
from aqdesk.services.supervision.sheet_list import SheetRow, sheet_rows

# kinds whose count is over a window of days (the others count from a deadline)
WINDOWED = frozenset({RuleKind.YELLOW_SHEETS, RuleKind.LATE_SHEETS, RuleKind.RED_SHEET_LATE, RuleKind.RETURNED})


@dataclass(frozen=True)
class Rule:
    id: int
    kind: RuleKind
    threshold: int
    window_days: int
    action: RuleAction
    enabled: bool

    @property
    def needed(self) -> int:
        """How many things a unit must have: for overdue items the threshold is days, so one."""
        return 1 if self.kind is RuleKind.RED_TASK_OVERDUE else self.threshold

    @property
    def condition(self) -> str:
        t, w = self.threshold, self.window_days
        return {
            RuleKind.YELLOW_SHEETS: f"最近{w}天内收到黄色督办单{t}件及以上",
            RuleKind.LATE_SHEETS: f"最近{w}天内办理时限届满的督办单中，逾期反馈或逾期未反馈{t}件及以上",
            RuleKind.RED_SHEET_LATE: f"最近{w}天内红色督办单逾期反馈或逾期未反馈{t}件及以上",
            RuleKind.RETURNED: f"最近{w}天内督办单被核查退回{t}次及以上（多次交办仍然整改不到位）",
            RuleKind.RED_TASK_OVERDUE: f"有事项逾期{t}个工作日以上仍未完成",
            RuleKind.LETTER_UNANSWERED: f"有{t}件及以上发文超过回复时限未回复",
        }[self.kind]

    @property
    def text(self) -> str:
        return f"{self.condition}→{self.action.label}"


@dataclass(frozen=True)
class Hit:
    """A rule that a unit met, with what met it."""

    unit: str
    rule: Rule
    count: int
    evidence: tuple[str, ...]  # numbers of sheets and letters, or the items

    @property
    def reason(self) -> str:
        shown = "、".join(self.evidence[:5]) + ("等" if len(self.evidence) > 5 else "")
        return f"{self.rule.condition}（{shown}）"


def rules(db: Database) -> list[Rule]:
    with db.reading() as session:
        return [_rule(r) for r in session.scalars(select(OfficeRule).order_by(OfficeRule.id))]


def _rule(r: OfficeRule) -> Rule:
    return Rule(r.id, RuleKind(r.kind), r.threshold, r.window_days, RuleAction(r.action), r.enabled)


def save_rule(db: Database, rule_id: int | None, kind: RuleKind, threshold: int, window_days: int,
              action: RuleAction, enabled: bool = True) -> str:
    """Add a rule (``rule_id`` None) or change one; one audited action."""
    problems = []
    if not 1 <= threshold <= 365:
        problems.append(f"数量应为 1–365，而不是 {threshold}")
    if kind in WINDOWED and not 1 <= window_days <= 3650:
        problems.append(f"统计天数应为 1–3650，而不是 {window_days}")
    refuse(problems)
    with db.transaction() as session:
        changes = audit.ChangeSet(session)
        values = dict(kind=kind.value, threshold=threshold, window_days=window_days if kind in WINDOWED else 0,
                      action=action.value, enabled=enabled)
        if rule_id is None:
            changes.insert(OfficeRule(**values))
        else:
            row = session.get(OfficeRule, rule_id)
            if row is None:
                raise UserError("该规则已不存在，请刷新。")
            changes.update(row, **values)
        return changes.action_id


def evaluate(db: Database, as_of: dt.date, action: RuleAction | None = None) -> list[Hit]:
    """Every (unit, rule) met as of ``as_of`` among the enabled rules (of one action)."""
    chosen = [r for r in rules(db) if r.enabled and (action is None or r.action is action)]
    if not chosen:
        return []
    sheets = sheet_rows(db, as_of)
    hits: list[Hit] = []
    for rule in chosen:
        found = _COUNTERS[rule.kind](db, rule, as_of, sheets)
        hits.extend(Hit(unit, rule, len(evidence), tuple(evidence))
                    for unit, evidence in found.items() if len(evidence) >= rule.needed)
    return hits


def _sheets(rule: Rule, as_of: dt.date, sheets: list[SheetRow], level: Color | None, late: bool):
    since = as_of - dt.timedelta(days=rule.window_days)
    found: dict[str, list[str]] = defaultdict(list)
    for row in sorted(sheets, key=lambda r: (r.deadline, r.id)):
        if level is not None and row.level is not level:
            continue
        when = row.deadline if late else row.issued_on
        if late and not (row.late and since < when < as_of):
            continue
        if not late and not since < when <= as_of:
            continue
        found[row.unit].append(row.number)
    return found


def _yellow(db, rule, as_of, sheets):
    return _sheets(rule, as_of, sheets, Color.YELLOW, late=False)


def _late(db, rule, as_of, sheets):
    return _sheets(rule, as_of, sheets, None, late=True)


def _red_late(db, rule, as_of, sheets):
    return _sheets(rule, as_of, sheets, Color.RED, late=True)


def _returned(db, rule, as_of, sheets):
    since = as_of - dt.timedelta(days=rule.window_days)
    found: dict[str, list[str]] = defaultdict(list)
    with db.reading() as session:
        steps = session.scalars(select(SheetStep).options(
            selectinload(SheetStep.sheet).selectinload(SupervisionSheet.unit)).where(
            SheetStep.step == LoopStep.RETURNED.value, SheetStep.on_date > since, SheetStep.on_date <= as_of,
        ).order_by(SheetStep.on_date, SheetStep.id))
        for step in steps:
            found[step.sheet.unit.name].append(f"{step.sheet.number}（{step.on_date:%m-%d}退回）")
    return found


def _overdue_items(db, rule, as_of, sheets):
    with db.reading() as session:
        calendar = workdays.load(session)
    found: dict[str, list[str]] = defaultdict(list)
    for item in all_items(db, as_of):
        if (item.open and item.kind != "enterprise" and item.deadline is not None and item.deadline < as_of
                and calendar.workdays_between(item.deadline, as_of) > rule.threshold):
            found[item.unit].append(item.label)
    return found


def _unanswered(db, rule, as_of, sheets):
    found: dict[str, list[str]] = defaultdict(list)
    for row in register.letters_awaiting_reply(db, as_of):
        if row.unit:
            found[row.unit].append(row.number)
    return found


_COUNTERS = {
    RuleKind.YELLOW_SHEETS: _yellow, RuleKind.LATE_SHEETS: _late, RuleKind.RED_SHEET_LATE: _red_late,
    RuleKind.RETURNED: _returned, RuleKind.RED_TASK_OVERDUE: _overdue_items,
    RuleKind.LETTER_UNANSWERED: _unanswered,
}

"""台账导出: every ledger as of a date in one workbook, with a summary by unit, for the whole
office or for one unit."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from aqdesk.db.database import Database
from aqdesk.domain.docnumber import chinese_date
from aqdesk.domain.enums import Color, LoopStep, MilestoneKind
from aqdesk.exchange.ledger_xlsx import Column, Ledger, LedgerBook, write_ledgers
from aqdesk.services.common import settings
from aqdesk.services.ledgers import loose_coal, relocation, substitution, tasks
from aqdesk.services.reports.ranking import ranking
from aqdesk.services.supervision import sheet_list
from aqdesk.services.supervision.sheet_items import all_items, unit_name

COLOR = Column("预警")


@dataclass
class _UnitTotals:
    colors: Counter = field(default_factory=Counter)
    sheets: int = 0
    open_sheets: int = 0
    late_sheets: int = 0


def export_ledgers(db: Database, path: Path, as_of: dt.date, unit: str | None = None) -> Path:
    return write_ledgers(Path(path), ledger_book(db, as_of, unit))


def ledger_book(db: Database, as_of: dt.date, unit: str | None = None) -> LedgerBook:
    name = unit_name(db, unit) if unit else None
    with db.reading() as session:
        office = settings.all_values(session)
    city = office["office.city"]
    suffix = f"（{name}，截至{chinese_date(as_of)}）" if name else f"（截至{chinese_date(as_of)}）"

    def mine(*names: str) -> bool:
        return name is None or name in names

    task_rows = [r for r in tasks.task_rows(db, as_of) if mine(r.lead, *r.cooperator_names)]
    enterprises = [r for r in relocation.enterprise_rows(db, as_of) if mine(r.county)]
    townships = [r for r in substitution.township_rows(db, as_of) if mine(r.county, r.township)]
    counties = [r for r in loose_coal.county_rows(db, as_of) if mine(r.county)]
    sheets = [r for r in sheet_list.sheet_rows(db, as_of) if mine(r.unit)]
    ledgers = (
        Ledger("重点任务", f"{city}{office['ledger.title']}{suffix}", (
            COLOR, Column("编号"), Column("类别"), Column("任务名称", wrap=True), Column("牵头单位"),
            Column("配合单位", wrap=True), Column("完成时限"), Column("状态", "进展情况"),
            Column("进度（%）", "进展情况", "number"), Column("最新进展", "进展情况", wrap=True),
            Column("预警原因"), Column("推迟次数", kind="number"),
        ), [(r.color.label, r.number, r.category, r.title, r.lead, r.cooperators, r.deadline_text, r.status.label,
             r.progress, r.latest, r.reason, r.postponed) for r in task_rows], [r.color.value for r in task_rows]),
        Ledger("退城入园", f"{city}城市区企业退城入园台账{suffix}", (
            COLOR, Column("企业名称", wrap=True), Column("统一社会信用代码"), Column("县（区）"), Column("行业"),
            Column("搬迁园区", wrap=True), Column("当前阶段"),
            *(Column(k.label, "计划时间", "date") for k in MilestoneKind),
            *(Column(k.label, "实际时间", "date") for k in MilestoneKind),
            Column("预警原因"), Column("推迟次数", kind="number"),
        ), [(r.color.label, r.name, r.credit_code, r.county, r.industry, r.park, r.stage,
             *_by_kind(r, "planned"), *_by_kind(r, "actual"), r.reason, r.postponed) for r in enterprises],
            [r.color.value for r in enterprises], 2),
        Ledger("双替代", f"{city}双替代（气代煤、电代煤）台账{suffix}", (
            COLOR, Column("县（区）"), Column("乡镇（街道）"), Column("类型"), Column("任务", "户数", "number"),
            Column("已完成", "户数", "number"), Column("已验收", "户数", "number"),
            Column("完成率（%）", kind="percent"), Column("完成时限", kind="date"), Column("预警原因"),
            Column("数据问题", wrap=True),
        ), [(r.color.label, r.county, r.township, getattr(r.kind, "label", r.kind), r.target, r.completed, r.accepted, r.percent, r.deadline,
             r.reason, r.data_error) for r in townships], [r.color.value for r in townships], 3),
        Ledger("散煤治理", f"{city}散煤治理台账（本年累计）{suffix}", (
            COLOR, Column("县（区）"), Column("最近报送期", kind="date"),
            *(Column(part, label, "number") for _f, label in loose_coal.FIGURES for part in ("累计", "目标")),
            Column("反弹点位（个）", kind="number"), Column("预警原因", wrap=True),
        ), [(r.color.label, r.county, r.latest_period,
             *(v for f, _label in loose_coal.FIGURES for v in (r.actual[f], r.target[f])),
             r.relapse_points, r.reason) for r in counties], [r.color.value for r in counties]),
        Ledger("督办单", f"{city}三色督办单台账{suffix}", (
            COLOR, Column("编号"), Column("级别"), Column("责任单位"), Column("督办事项", wrap=True),
            Column("交办日期", kind="date"), Column("办理时限", kind="date"), Column("状态"),
            Column("首次反馈", kind="date"), Column("逾期反馈"), Column("预警原因"),
        ), [(r.color.label, r.number, f"{r.level.label}色", r.unit, r.subject, r.issued_on, r.deadline, r.state,
             r.answered_on, "是" if r.late else "", r.reason) for r in sheets], [r.color.value for r in sheets]),
        _summary(db, as_of, name, f"{city}大气污染防治重点工作分单位汇总{suffix}", sheets),
    )
    return LedgerBook(office["office.name"], as_of, ledgers)


def _by_kind(row: relocation.EnterpriseRow, field: str) -> list[dt.date | None]:
    dates = {MilestoneKind(m.kind): getattr(m, field) for m in row.milestones}
    return [dates.get(kind) for kind in MilestoneKind]


def _summary(db: Database, as_of: dt.date, name: str | None, title: str,
             sheets: list[sheet_list.SheetRow]) -> Ledger:
    """Every ranked unit (departments, then counties, each in the office's ranking order)
    with its open items by colour and its sheets."""
    items = all_items(db, as_of)
    units: dict[str, _UnitTotals] = {}
    for item in items:
        if item.open and item.kind != "enterprise":
            units.setdefault(item.unit, _UnitTotals()).colors[item.color] += 1
    for s in sheets:
        totals = units.setdefault(s.unit, _UnitTotals())
        totals.sheets += 1
        totals.open_sheets += s.step is not LoopStep.CLOSED
        totals.late_sheets += s.late
    ranked = ranking(db, as_of, items=items, sheets=sheets)
    rows, colors = [], []
    for u in ranked.all:
        if name is not None and u.unit != name:
            continue
        t = units.get(u.unit, _UnitTotals())
        worst = next((c for c in Color if t.colors[c]), Color.GREEN)
        rows.append((worst.label, u.rank, u.kind.label, u.unit, u.score, round(u.on_time_rate, 1),
                     t.colors[Color.RED], t.colors[Color.YELLOW], t.colors[Color.GREEN], sum(t.colors.values()),
                     t.sheets, t.open_sheets, t.late_sheets, f"{u.missed}/{u.periods}" if u.periods else ""))
        colors.append(worst.value)
    return Ledger("分单位汇总", title, (
        COLOR, Column("排名", kind="number"), Column("类型"), Column("责任单位"), Column("得分", kind="number"),
        Column("按时完成率（%）", kind="number"),
        Column("红", "在办事项", "number"), Column("黄", "在办事项", "number"), Column("绿", "在办事项", "number"),
        Column("合计", "在办事项", "number"), Column("总数", "督办单", "number"),
        Column("未销号", "督办单", "number"), Column("逾期反馈", "督办单", "number"), Column("缺报（期）"),
    ), rows, colors, 4, note=f"市直部门、县（区）分别排名。{ranked.rule}。")

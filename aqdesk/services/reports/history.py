"""An item's history: every change to it — field, old → new, when, who and from where (a
hand edit, an undo, or an imported file) — from the audit log and the imports' records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from aqdesk.db.database import Database
from aqdesk.db.models import AuditEntry, ImportBatch, Milestone
from aqdesk.domain.enums import MilestoneKind
from aqdesk.services.common import import_record
from aqdesk.services.common.audit import UNDO_PREFIX
from aqdesk.services.common.stored import DELETED, INSERTED

FIELD_LABELS = {
    "title": "任务名称", "target": "目标", "leader": "责任领导", "start_date": "开始日期", "deadline": "完成时限",
    "deadline_kind": "时限类型", "status": "状态", "progress_pct": "完成比例（%）", "done_on": "完成日期",
    "latest_progress": "最新进展", "problems": "存在问题", "next_steps": "下步计划", "last_reported_on": "最近报送",
    "lead_unit_id": "牵头单位", "name": "名称", "credit_code": "统一社会信用代码", "industry": "行业",
    "original_site": "原址", "park": "入园园区", "planned_date": "计划日期", "actual_date": "实际完成日期",
    "target_households": "任务户数", "completed": "已完成户数", "accepted": "已验收户数", "level": "督办级别",
    "state": "办理环节", "subject": "督办事项", "requirement": "整改要求", "number": "编号",
    INSERTED: "新建", DELETED: "删除",
}
SOURCE_LABELS = {"manual": "手工", "import": "导入", "year-rollover": "年度结转"}


@dataclass(frozen=True)
class HistoryRow:
    when: dt.datetime
    who: str
    source: str
    what: str  # the row, when an item has several (an enterprise's milestones)
    field: str
    old: str
    new: str


def item_history(db: Database, table: str, row_id: int) -> list[HistoryRow]:
    """Newest first. An enterprise's history includes its milestones'."""
    with db.reading() as session:
        rows: dict[tuple[str, int], str] = {(table, row_id): ""}
        if table == "enterprise":
            for m in session.scalars(select(Milestone).where(Milestone.enterprise_id == row_id)):
                rows[("milestone", m.id)] = f"{MilestoneKind(m.kind).label}节点"
        out = []
        for (name, rid), what in rows.items():
            for e in session.scalars(select(AuditEntry).where(AuditEntry.table_name == name, AuditEntry.row_id == rid)):
                source = ("撤销" if e.source.startswith(UNDO_PREFIX) else SOURCE_LABELS.get(e.source, "其他操作"))
                whole = e.field in (INSERTED, DELETED)
                out.append(HistoryRow(e.changed_at, e.changed_by, source, what, FIELD_LABELS.get(e.field, e.field),
                                      "" if whole else e.old_value or "", "" if whole else e.new_value or ""))
        tables = {name for name, _rid in rows}
        for batch in session.scalars(select(ImportBatch).order_by(ImportBatch.id)):
            for group in import_record.load(session, batch.id):
                if group["table"] not in tables:
                    continue
                width = len(group["fields"])
                for values in group["rows"]:
                    what = rows.get((group["table"], values[0]))
                    if what is None:
                        continue
                    for i, field in enumerate(group["fields"]):
                        old, new = values[1 + i], values[1 + width + i]
                        if old != new:
                            source = f"导入：{batch.file_name}" + ("（已撤销）" if batch.undone_at else "")
                            out.append(HistoryRow(batch.committed_at, batch.committed_by, source, what,
                                                  FIELD_LABELS.get(field, field), _text(old), _text(new)))
    return sorted(out, key=lambda r: r.when, reverse=True)


def _text(value) -> str:
    return "" if value is None else str(value)

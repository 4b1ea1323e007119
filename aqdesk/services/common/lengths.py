"""How much text a column holds. SQLite keeps any length, a server refuses a longer text
with an error: both engines are held to the declared length, with a Chinese message."""

from __future__ import annotations

from typing import Any

from aqdesk.db.base import Base
from aqdesk.errors import UserError

# what clerks call the limited text columns they type or import: "table.field", then "field"
LABELS = {
    "task.title": "任务名称", "unit.name": "单位名称", "enterprise.name": "企业名称",
    "title": "名称", "name": "名称", "leader": "责任人", "number": "编号", "alias": "简称",
    "credit_code": "统一社会信用代码", "industry": "行业", "original_site": "原址", "park": "搬迁园区",
    "subject": "督办事项", "source": "问题来源", "responsible_person": "责任人", "label": "事项",
}


def limit(table: str, field: str) -> int | None:
    column = Base.metadata.tables[table].c.get(field)
    return getattr(column.type, "length", None) if column is not None else None


def too_long(table: str, field: str, value: Any, label: str | None = None) -> str | None:
    """A message if ``value`` is longer than the column holds, else None."""
    if not isinstance(value, str):
        return None
    most = limit(table, field)
    if most is None or len(value) <= most:
        return None
    label = label or LABELS.get(f"{table}.{field}") or LABELS.get(field, field)
    return f"{label}最多 {most} 个字，这里有 {len(value)} 个字，请删减"


def refuse_too_long(table: str, values: dict[str, Any]) -> None:
    problems = [p for field, value in values.items() if (p := too_long(table, field, value))]
    if problems:
        raise UserError("；".join(problems) + "。")

"""Table models of the import screen: the files, a file's changes and its problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aqdesk.domain.enums import DeadlineKind, Labelled, SubstitutionKind, TaskStatus
from aqdesk.services.common.stored import to_text
from aqdesk.services.importing.changes import FieldChange, FilePlan, Insert, Removal
from aqdesk.ui.models.rows import Column, RowsModel


@dataclass(eq=False)  # two drops of one file are two entries
class ImportEntry:
    """A file dropped on the screen: what checking it found, and what became of it."""

    path: Path
    plan: FilePlan | None = None
    failure: str = ""  # the file could not be read at all
    batch: int | None = None
    unit: str | None = None  # the 报送单位 the clerk chose for this file; None: as its template says

    @property
    def status(self) -> str:
        if self.batch is not None:
            return f"已导入（批次 {self.batch}）"
        if self.failure:
            return "无法读取"
        if self.plan is None:
            return "检查中"
        if self.plan.file_errors:
            return "不能导入"
        return "有错误" if self.plan.errors else "可以导入"


def _count(entry: ImportEntry, attr: str) -> int | str:
    return len(getattr(entry.plan, attr)) if entry.plan else ""


class FileModel(RowsModel):
    COLUMNS = (
        Column("文件", lambda e: e.path.name, 220),
        Column("类型", lambda e: e.plan.kind.label if e.plan else "", 50),
        Column("单位", lambda e: e.plan.unit_name if e.plan else "", 120),
        Column("报送期", lambda e: e.plan.period if e.plan else None, 90),
        Column("读取行数", lambda e: e.plan.rows_read if e.plan else "", 70, numeric=True),
        Column("变更行数", lambda e: e.plan.rows_changed if e.plan else "", 70, numeric=True),
        Column("错误", lambda e: 1 if e.failure else _count(e, "errors"), 50, numeric=True),
        Column("警告", lambda e: _count(e, "warnings"), 50, numeric=True),
        Column("状态", lambda e: e.status, 120),
    )


def _where(item: FieldChange | Insert | Removal) -> str:
    return f"{item.sheet} 第{item.row}行"


ENUMS: dict[str, type[Labelled]] = {"status": TaskStatus, "deadline_kind": DeadlineKind, "kind": SubstitutionKind}


def _shown(field: str, value: object) -> str:
    """A value as the clerk knows it: 已完成 rather than done."""
    enum = ENUMS.get(field)
    if enum is not None and value is not None:
        member = enum.from_label(str(value))
        if member is not None:
            return member.label
    return to_text(value) or ""


def _inserted(item: Insert) -> str:
    shown = [to_text(v) for k, v in item.values.items() if isinstance(v, str | int | float) and not k.endswith("_id")]
    text = "，".join(v for v in shown if v)
    return text if len(text) <= 80 else text[:79] + "…"


class ChangeModel(RowsModel):
    """Rows: FieldChange (old → new), Insert (a new record) and Removal (a record deleted)."""

    COLUMNS = (
        Column("位置", _where, 110),
        Column("事项", lambda c: c.item, 300),
        Column("字段", lambda c: c.label if isinstance(c, FieldChange) else "删除" if isinstance(c, Removal) else "新增",
               110),
        Column("原值", lambda c: _shown(c.field, c.old) if isinstance(c, FieldChange) else "", 220),
        Column("新值", lambda c: _shown(c.field, c.new) if isinstance(c, FieldChange)
               else "" if isinstance(c, Removal) else _inserted(c), 220),
    )


class ProblemModel(RowsModel):
    COLUMNS = (
        Column("严重程度", lambda p: p.severity.label, 60),
        Column("工作表", lambda p: p.sheet or "", 90),
        Column("行", lambda p: p.row, 50, numeric=True),
        Column("列", lambda p: p.heading or "", 110),
        Column("内容", lambda p: p.value or "", 140),
        Column("问题", lambda p: p.message, 360),
    )

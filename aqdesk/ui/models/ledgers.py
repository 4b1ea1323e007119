"""One table model per ledger: the columns each screen shows."""

from __future__ import annotations

from aqdesk.domain import ledger_columns
from aqdesk.ui.models.rows import Column, RowsModel, on_screen

# a task's 修改记录: the audited table and how the dialog names a task, from the task ledger
# and from 部门视图's list of a unit's tasks
TASK_HISTORY = ("task", lambda task: f"{task.number} {task.title}")


class TaskModel(RowsModel):
    COLUMNS = on_screen(ledger_columns.TASKS)

    def search_text(self, r) -> str:
        return "\t".join((r.number, r.title, r.category, r.lead, r.cooperators, r.latest, r.reason))


class EnterpriseModel(RowsModel):
    COLUMNS = on_screen(ledger_columns.ENTERPRISES)


class TownshipModel(RowsModel):
    COLUMNS = on_screen(ledger_columns.TOWNSHIPS)


class CountyModel(RowsModel):
    COLUMNS = on_screen(ledger_columns.COUNTIES)


class BatchModel(RowsModel):
    COLUMNS = (
        Column("批次", lambda r: r.id, 50, numeric=True),
        Column("文件", lambda r: r.file_name, 260),
        Column("类型", lambda r: r.kind, 60),
        Column("单位", lambda r: r.unit, 130),
        Column("报送期", lambda r: r.period, 95),
        Column("读取行数", lambda r: r.rows_read, 80, numeric=True),
        Column("变更", lambda r: r.rows_changed, 60, numeric=True),
        Column("错误", lambda r: r.errors, 60, numeric=True),
        Column("警告", lambda r: r.warnings, 60, numeric=True),
        Column("导入时间", lambda r: r.committed_at.strftime("%Y-%m-%d %H:%M"), 130),
        Column("导入人", lambda r: r.committed_by, 80),
        Column("状态", lambda r: "已撤销" if r.undone else "已导入", 70),
    )


class RankingModel(RowsModel):
    """Rows are ``reports.ranking.UnitScore``: departments, then counties, each by rank."""

    COLUMNS = (
        Column("排名", lambda r: r.rank, 40, numeric=True),
        Column("单位", lambda r: r.unit, 140),
        Column("类型", lambda r: r.kind.label, 65),
        Column("得分", lambda r: r.score, 55, numeric=True),
        Column("按时完成率（%）", lambda r: round(r.on_time_rate, 1), 100, numeric=True),
        Column("红色占比（%）", lambda r: round(r.red_rate, 1), 90, numeric=True),
        Column("督办逾期（%）", lambda r: round(r.late_sheet_rate, 1), 90, numeric=True),
        Column("缺报（期）", lambda r: f"{r.missed}/{r.periods}" if r.periods else "", 70),
    )


class UnitSummaryModel(RowsModel):
    COLUMNS = (
        Column("排名", lambda r: r.rank, 40, numeric=True),
        Column("单位", lambda r: r.name, 150),
        Column("类型", lambda r: r.kind, 65),
        Column("得分", lambda r: r.score, 55, numeric=True),
        Column("牵头", lambda r: r.led.total, 50, numeric=True),
        Column("配合", lambda r: r.co_led, 50, numeric=True),
        Column("红", lambda r: r.led.red, 40, numeric=True),
        Column("黄", lambda r: r.led.yellow, 40, numeric=True),
        Column("绿", lambda r: r.led.green, 40, numeric=True),
        Column("完成率（%）", lambda r: r.completion, 80, numeric=True),
    )


class UnitTaskModel(RowsModel):
    """Rows are (role, TaskRow) pairs; the colour is the task's."""

    COLUMNS = (
        Column("预警", lambda r: r[1].color, 50, colored=True),
        Column("角色", lambda r: r[0], 50),
        Column("编号", lambda r: r[1].number, 60),
        Column("任务名称", lambda r: r[1].title, 240),
        Column("完成时限", lambda r: r[1].deadline_text, 90),
        Column("进度（%）", lambda r: r[1].progress, 70, numeric=True),
        Column("预警原因", lambda r: r[1].reason, 160),
    )

    def row_color(self, row):
        return row[1].color


class OverdueModel(RowsModel):
    COLUMNS = (
        Column("类别", lambda r: r.kind, 70),
        Column("事项", lambda r: r.label, 230),
        Column("单位", lambda r: r.unit, 100),
        Column("逾期天数", lambda r: r.days_overdue, 70, numeric=True),
        Column("原因", lambda r: r.reason, 160),
    )

"""One table model per ledger: the columns each screen shows."""

from __future__ import annotations

from aqdesk.domain.enums import Color, MilestoneKind
from aqdesk.domain.loose_coal import FIGURES, short_label
from aqdesk.ui.models.rows import Column, RowsModel


def _days(days_left: int | None) -> str:
    if days_left is None:
        return ""
    return f"逾期{-days_left}天" if days_left < 0 else f"剩{days_left}天"


class TaskModel(RowsModel):
    COLUMNS = (
        Column("预警", lambda r: r.color, 50, colored=True),
        Column("编号", lambda r: r.number, 60),
        Column("类别", lambda r: r.category, 130),
        Column("任务名称", lambda r: r.title, 260),
        Column("牵头单位", lambda r: r.lead, 130),
        Column("完成时限", lambda r: r.deadline_text, 90),
        Column("进度（%）", lambda r: r.progress, 70, numeric=True),
        Column("最新进展", lambda r: r.latest, 320),
        Column("逾期/剩余", lambda r: _days(r.days_left), 80),
        Column("预警原因", lambda r: r.reason, 160),
        Column("推迟", lambda r: f"推迟{r.postponed}次" if r.postponed else "", 60),
    )

    def search_text(self, r) -> str:
        return "\t".join((r.number, r.title, r.category, r.lead, r.cooperators, r.latest, r.reason))


class EnterpriseModel(RowsModel):
    COLUMNS = (
        Column("预警", lambda r: r.color, 50, colored=True),
        Column("企业名称", lambda r: r.name, 230),
        Column("统一社会信用代码", lambda r: r.credit_code, 160),
        Column("县（区）", lambda r: r.county, 80),
        Column("行业", lambda r: r.industry, 80),
        Column("搬迁园区", lambda r: r.park, 170),
        Column("当前阶段", lambda r: r.stage, 80),
        Column("逾期/剩余", lambda r: _days(r.days_left) if r.color is not Color.GREEN else "", 80),
        *(
            Column(f"计划{kind.label}", lambda r, i=i: r.planned[i], 95)
            for i, kind in enumerate(MilestoneKind)
        ),
        Column("预警原因", lambda r: r.reason, 180),
        Column("推迟", lambda r: f"推迟{r.postponed}次" if r.postponed else "", 60),
    )


class TownshipModel(RowsModel):
    COLUMNS = (
        Column("预警", lambda r: r.color, 50, colored=True),
        Column("县（区）", lambda r: r.county, 80),
        Column("乡镇（街道）", lambda r: r.township, 110),
        Column("类型", lambda r: r.kind.label, 70),
        Column("任务户数", lambda r: r.target, 80, numeric=True),
        Column("已完成户数", lambda r: r.completed, 90, numeric=True),
        Column("已验收户数", lambda r: r.accepted, 90, numeric=True),
        Column("完成率（%）", lambda r: r.percent, 90, numeric=True),
        Column("完成时限", lambda r: r.deadline, 90),
        Column("预警原因", lambda r: r.reason, 140),
        Column("数据问题", lambda r: r.data_error, 220),
    )


class CountyModel(RowsModel):
    COLUMNS = (
        Column("预警", lambda r: r.color, 50, colored=True),
        Column("县（区）", lambda r: r.county, 80),
        Column("最近报送期", lambda r: r.latest_period, 95),
        *(
            Column(f"{short_label(label)}\n累计/目标", lambda r, f=f: f"{r.actual[f]:g} / {r.target[f]:g}", 120,
                   numeric=True)
            for f, label in FIGURES
        ),
        *(Column(f"{short_label(label)}\n完成%", lambda r, f=f: r.percent(f), 80, numeric=True)
          for f, label in FIGURES[2:3]),
        Column("反弹点位（个）", lambda r: r.relapse_points, 100, numeric=True),
        Column("预警原因", lambda r: r.reason, 200),
    )


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

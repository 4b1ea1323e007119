"""The supervision sheets as a table: level, loop state, deadline and the warning colour."""

from __future__ import annotations

from aqdesk.ui.models.rows import Column, RowsModel


class SupervisionModel(RowsModel):
    # A sheet has two colours: the level it was issued at (红色督办) and how its own deadline
    # stands (办理: 剩3个工作日, in that colour). Each has its own word, so a red sheet issued
    # today does not read as "yellow".
    COLUMNS = (
        Column("办理", lambda r: r.reason, 110, colored=True),
        Column("编号", lambda r: r.number, 130),
        Column("级别", lambda r: f"{r.level.label}色督办", 80),
        Column("责任单位", lambda r: r.unit, 130),
        Column("督办事项", lambda r: r.subject, 280),
        Column("交办日期", lambda r: r.issued_on, 95),
        Column("办理时限", lambda r: r.deadline, 95),
        Column("状态", lambda r: r.state, 70),
        Column("首次反馈", lambda r: r.answered_on, 95),
        Column("逾期反馈", lambda r: "逾期" if r.late else "", 70),
    )

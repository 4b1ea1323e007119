"""The 空气质量 screen's county table: one row per county, coloured by its standing."""

from __future__ import annotations

from typing import Any

from aqdesk.domain.enums import Color
from aqdesk.services.air.standings import CountyAir
from aqdesk.ui.models.rows import Column, RowsModel


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:g}%"


def _measured(value: float | None) -> str:
    """A measured rate with its one decimal always shown, so a column of them lines up."""
    return "" if value is None else f"{value:.1f}%"


def _budget(row: CountyAir) -> Any:
    budget = row.standing.budget_days
    return None if budget is None else max(budget, 0)


class AirModel(RowsModel):
    COLUMNS = (
        Column("排名", lambda r: r.rank, 44, numeric=True),
        Column("进退", lambda r: r.movement, 52),
        Column("县（区）", lambda r: r.name, 72),
        Column("优良率", lambda r: _measured(r.summary.good_rate), 62, numeric=True),
        Column("目标", lambda r: _percent(r.target.good_rate), 52, numeric=True),
        Column("PM2.5", lambda r: r.summary.pm25, 52, numeric=True),
        Column("目标", lambda r: r.target.pm25, 44, numeric=True),
        Column("综合指数", lambda r: r.summary.composite, 66, numeric=True),
        Column("PM2.5同比", lambda r: "" if r.pm25_change is None else f"{r.pm25_change:+.1f}%", 76, numeric=True),
        Column("可超标天", lambda r: _budget(r), 66, numeric=True),
        Column("重污染天", lambda r: r.summary.heavy_days, 66, numeric=True),
        Column("预警", lambda r: r.standing.color, 44, colored=True),
        Column("预警原因", lambda r: r.standing.reason, 300, colored=True),
    )

    def row_color(self, row: CountyAir) -> Color:
        return row.standing.color

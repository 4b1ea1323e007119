"""The read-only table view every screen uses over a ``RowsModel``."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView

from aqdesk.ui.models.rows import Column, RowsModel

# The reason is what a clerk reads: the long texts before it (名称, 最新进展) give way, ending in
# "…", until it is on screen; columns after it are reached by scrolling as before.
REASON = "预警原因"
NARROWEST = 72  # px: four Chinese characters and the ellipsis


def rows_view(model: RowsModel, *, single: bool = False) -> QTableView:
    """Whole rows selected, not editable, columns at their declared widths, the last one
    stretched; ``single`` allows only one row selected at a time."""
    table = QTableView()
    table.setModel(model)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    for i, column in enumerate(model.COLUMNS):
        table.setColumnWidth(i, column.width)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class _ShrinkToFit(QObject):
    def __init__(self, table: QTableView, columns: Sequence[Column]):
        super().__init__(table)
        self.table, self.columns = table, columns
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit(self.table.viewport().width())
        return False

    def fit(self, room: int) -> None:
        widths = [c.width for c in self.columns]
        reason = next((i for i, c in enumerate(self.columns) if c.header == REASON), None)
        if reason is None:
            return
        give = [i for i in range(reason) if self.columns[i].width > 110]
        excess = sum(widths[:reason + 1]) - room
        spare = sum(widths[i] - NARROWEST for i in give)
        if excess > 0 and spare > 0:
            share = min(1.0, excess / spare)
            for i in give:
                widths[i] -= round((widths[i] - NARROWEST) * share)
        for i, width in enumerate(widths):
            self.table.setColumnWidth(i, width)


def shrink_to_fit(table: QTableView, columns: Sequence[Column]) -> None:
    """When the window is narrower than the declared columns, the long text columns shrink
    (their text elided, whole in the tooltip) so 预警原因 stays on screen."""
    _ShrinkToFit(table, columns)

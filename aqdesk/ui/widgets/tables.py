"""The read-only table view every screen uses over a ``RowsModel``."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView

from aqdesk.ui.models.rows import RowsModel


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

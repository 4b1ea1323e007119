"""A ledger screen: colour totals, a search box and a sortable, filterable table."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aqdesk.db.database import Database
from aqdesk.domain.enums import Color
from aqdesk.ui.models.rows import COLOR_INK, ROW_ROLE, RowsModel
from aqdesk.ui.models.rows_proxy import RowsProxy

Loader = Callable[[Database, dt.date], Sequence[Any]]


class LedgerPage(QWidget):
    """Emits ``activated(row)`` when a row is double-clicked or Enter is pressed on it."""

    activated = Signal(object)

    def __init__(self, title: str, model: RowsModel, loader: Loader, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self._loader = loader
        self.proxy = self.make_proxy()
        self.proxy.setSourceModel(model)

        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        self.totals = QLabel()
        self.search = QLineEdit(placeholderText=self.tr("搜索（任意列）"), clearButtonEnabled=True)
        self.search.setMaximumWidth(280)
        self.search.textChanged.connect(self.filter_changed)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for i, column in enumerate(model.COLUMNS):
            self.table.setColumnWidth(i, column.width)
        header.setStretchLastSection(True)
        self.table.activated.connect(lambda index: self.activated.emit(index.data(ROW_ROLE)))

        self.top = top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(self.totals)
        top.addStretch(1)
        top.addWidget(self.search)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)

    def make_proxy(self) -> RowsProxy:
        return RowsProxy(self)

    def filter_changed(self) -> None:
        self.proxy.set_text(self.search.text())
        self._show_totals(self.proxy.accepted_rows())

    def refresh(self, db: Database, as_of: dt.date) -> None:
        rows = self._loader(db, as_of)
        self.model.set_rows(rows)
        self._show_totals(rows)

    def _show_totals(self, rows: Sequence[Any]) -> None:
        counts = Counter(getattr(r, "color", None) for r in rows)
        if None in counts:
            self.totals.setText(self.tr("共 %n 条", "", len(rows)))
            return
        parts = [f"共 {len(rows)} 条"] + [
            f'<span style="color:{COLOR_INK[c].name()}">●</span> {c.label} {counts[c]}' for c in Color
        ]
        self.totals.setText("　".join(parts))
